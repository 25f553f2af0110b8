import { SAMPLE_IMAGES, sampleFont, sampleReference, type SampleImage } from '../core/images';
import { AppError } from './errors';
import { addImageFiles } from './images-service';
import { setImageReference, useImagesStore, type ImageEntry } from './images-store';

/**
 * "Try sample images": draws the samples of src/core/images/sample-images.ts on a canvas, adds the PNGs
 * through the same path as a user's files (vetting, decoding, reading) and fills in each one's known text,
 * so the card shows the character error rate of the read and Compare has images at once.
 */

/** Which image each sample became, by sample name; a sample whose image was removed is missing again. */
const sampleImageIds = new Map<string, string>();
let adding: Promise<void> | null = null;

/** The samples not on the tab now (never added, or removed since). */
export function missingSamples(images: readonly ImageEntry[]): SampleImage[] {
  return SAMPLE_IMAGES.filter((sample) => {
    const id = sampleImageIds.get(sample.name);
    return id === undefined || !images.some((img) => img.id === id);
  });
}

const NO_CANVAS_HINT = 'Paste, drop or choose an image of your own instead.';

/** The sample's lines on its background, as a PNG file; a plain canvas, so every browser can draw it. */
async function drawSample(sample: SampleImage): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = sample.width;
  canvas.height = sample.height;
  const ctx = canvas.getContext('2d');
  if (!ctx)
    throw new AppError(
      'CANVAS_UNAVAILABLE',
      'This browser gave no 2-D canvas to draw the sample images on.',
      NO_CANVAS_HINT,
    );
  ctx.fillStyle = sample.background;
  ctx.fillRect(0, 0, sample.width, sample.height);
  ctx.fillStyle = sample.ink;
  ctx.textBaseline = 'top'; // the samples give each line's top, as their fit is checked from it
  for (const line of sample.lines) {
    ctx.font = sampleFont(line);
    ctx.fillText(line.text, line.x, line.y);
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob)
    throw new AppError('CANVAS_UNAVAILABLE', `The browser could not encode ${sample.name} as a PNG.`, NO_CANVAS_HINT);
  return new File([blob], sample.name, { type: 'image/png' });
}

/**
 * Adds the samples that are not on the tab, leaving every other image as it is. Pressing it again adds
 * nothing while all samples are there (the button is disabled then): a second copy of a sample would
 * only double the comparison's work, and replacing them would throw away their reads and any edit made
 * to their known text. A sample the user removed comes back alone. A press while samples are still
 * being added waits for that same addition instead of starting another.
 */
export function addSampleImages(): Promise<void> {
  adding ??= (async () => {
    try {
      const samples = missingSamples(useImagesStore.getState().images);
      if (samples.length === 0) return;
      const files = await Promise.all(samples.map(drawSample));
      const ids = await addImageFiles(files);
      samples.forEach((sample, i) => {
        const id = ids[i];
        if (!id) return; // refused: addImageFiles has shown why
        sampleImageIds.set(sample.name, id);
        // The card appeared before this; a known text typed there meanwhile is the user's and stays.
        const image = useImagesStore.getState().images.find((img) => img.id === id);
        if (image && image.reference === '') setImageReference(id, sampleReference(sample));
      });
    } finally {
      adding = null;
    }
  })();
  return adding;
}
