import { CodedError, errorMessage } from '../core/errors';
import type { RgbaImage } from '../core/ocr';

/** A decoder failure (damaged file, unsupported variant) with the code the page shows. */
export class ImageDecodeError extends CodedError<'DECODE_FAILED'> {
  override readonly name = 'ImageDecodeError';

  constructor(message: string) {
    super('DECODE_FAILED', message);
  }
}

/**
 * Decodes an image file to RGBA pixels at `target` size (the file's own size, or the smaller working
 * size chosen from its header). The browser's decoder does the resizing, so an oversized image never
 * exists at full size in a canvas.
 */
export async function decodeImageFile(
  file: Blob,
  name: string,
  target: { width: number; height: number } | null,
  original: { width: number; height: number } | null,
): Promise<RgbaImage> {
  const resize =
    target && original && (target.width !== original.width || target.height !== original.height)
      ? { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' as const }
      : {};
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, resize);
  } catch (err) {
    throw new ImageDecodeError(
      `${name} could not be decoded (${errorMessage(err) || 'the browser refused it'}); the file may be damaged. ` +
        'Open it in an image viewer and save it again as PNG or JPEG.',
    );
  }
  try {
    const { width, height } = bitmap;
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx)
      throw new ImageDecodeError('This browser cannot read pixels from a canvas, so images cannot be read here.');
    // Transparent pixels would read as black (RGB 0 with alpha 0) and hide dark text on a transparent
    // screenshot; compose over white, the background the detector was trained on.
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(bitmap, 0, 0);
    const pixels = ctx.getImageData(0, 0, width, height);
    return { width, height, data: pixels.data };
  } finally {
    bitmap.close();
  }
}
