import { describe, expect, it } from 'vitest';
import { MAX_WORKING_SIDE, OcrError } from '../ocr';
import { ImagesError } from './errors';
import { MAX_IMAGE_FILE_BYTES, checkImageFileSize, vetImageBytes, vetImageSize } from './image-vetting';

/** The first 33 bytes of a PNG (signature and IHDR chunk): enough for the header reader, no pixels. */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24); // 8-bit RGBA, no interlace; the CRC is not checked
  return bytes;
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

describe('vetImageBytes', () => {
  it('keeps an image within the limits at its size, without a note', () => {
    expect(vetImageBytes('a.png', pngHeader(1000, 700))).toEqual({
      format: 'png',
      original: { width: 1000, height: 700 },
      target: { width: 1000, height: 700 },
      note: null,
    });
  });

  it('scales a long image to the working limit and says so', () => {
    const vetted = vetImageBytes('banner.png', pngHeader(8192, 300));
    expect(vetted.target).toEqual({ width: MAX_WORKING_SIDE, height: 150 });
    expect(vetted.note).toMatch(/banner\.png is 8192 × 300 px.*scaled down to 4096 × 150/);
  });

  it('refuses 20,000 x 20,000 from the header alone, naming the file and the limit', () => {
    const err = thrown(() => vetImageBytes('huge.png', pngHeader(20000, 20000)));
    expect(err).toBeInstanceOf(OcrError);
    expect((err as OcrError).code).toBe('IMAGE_TOO_LARGE');
    expect(err.message).toMatch(/^huge\.png: The image is 20000 x 20000 \(400\.0 megapixels\).*100 megapixels/);
  });

  it('refuses a text file and an empty image', () => {
    const text = thrown(() => vetImageBytes('notes.txt', new TextEncoder().encode('HELLO 123, not an image at all')));
    expect((text as OcrError).code).toBe('NOT_AN_IMAGE');
    expect(text.message).toMatch(/notes\.txt is not an image/);
    expect((thrown(() => vetImageBytes('empty.png', pngHeader(0, 10))) as OcrError).code).toBe('ZERO_SIZE');
  });

  it('leaves the size of an AVIF to be checked after decoding', () => {
    const avif = new Uint8Array(16);
    avif.set(new TextEncoder().encode('ftypavif'), 4);
    expect(vetImageBytes('photo.avif', avif)).toEqual({ format: 'avif', original: null, target: null, note: null });
    expect(vetImageSize('photo.avif', 5000, 100).target).toEqual({ width: 4096, height: 82 });
  });
});

describe('checkImageFileSize', () => {
  it('refuses files over the byte limit before reading them', () => {
    expect(() => checkImageFileSize('ok.png', MAX_IMAGE_FILE_BYTES)).not.toThrow();
    const err = thrown(() => checkImageFileSize('video.mp4', MAX_IMAGE_FILE_BYTES + 1));
    expect(err).toBeInstanceOf(ImagesError);
    expect((err as ImagesError).code).toBe('FILE_TOO_LARGE');
    expect(err.message).toMatch(/video\.mp4 is 200 MiB/);
  });
});
