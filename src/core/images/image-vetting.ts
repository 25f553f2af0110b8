import { MAX_WORKING_SIDE, planInputScale, readImageHeader, type ImageFormat } from '../ocr';
import { ImagesError } from './errors';

/**
 * Files above this are refused before they are read: a 100-megapixel PNG or JPEG (the pixel limit) is
 * well under it, so a larger file is a video, an archive or an uncompressed scan that would stall the tab.
 */
export const MAX_IMAGE_FILE_BYTES = 200 * 2 ** 20;

/** What the page needs to decode an image safely: its format and the size to decode it to. */
export interface VettedImage {
  format: ImageFormat;
  /** The size in the file; null when the header does not carry it (AVIF): check after decoding. */
  original: { width: number; height: number } | null;
  /** The size to decode to: the original, or scaled so the longer side is MAX_WORKING_SIDE. */
  target: { width: number; height: number } | null;
  /** Said to the user when the image is scaled down; null otherwise. */
  note: string | null;
}

/** Refuses a file by its byte size alone, before reading it. */
export function checkImageFileSize(name: string, bytes: number): void {
  if (bytes > MAX_IMAGE_FILE_BYTES) {
    throw new ImagesError(
      'FILE_TOO_LARGE',
      `${name} is ${(bytes / 2 ** 20).toFixed(0)} MiB; image files over ${MAX_IMAGE_FILE_BYTES / 2 ** 20} MiB are not read. ` +
        'Save it as a smaller PNG or JPEG and try again.',
    );
  }
}

/**
 * Reads the format and size from the file's first bytes and decides the decode size, before any pixel is
 * decoded: a non-image or an image over the pixel limit throws a coded OcrError (NOT_AN_IMAGE,
 * IMAGE_TOO_LARGE, ZERO_SIZE) naming the file; an image over MAX_WORKING_SIDE gets a smaller target and
 * a note saying so.
 */
export function vetImageBytes(name: string, bytes: Uint8Array): VettedImage {
  checkImageFileSize(name, bytes.byteLength);
  const header = readImageHeader(bytes, name);
  if (header.width === null || header.height === null) {
    return { format: header.format, original: null, target: null, note: null };
  }
  return { format: header.format, ...vetImageSize(name, header.width, header.height) };
}

/** The size checks alone, for formats whose size is only known after decoding (AVIF). */
export function vetImageSize(
  name: string,
  width: number,
  height: number,
): { original: { width: number; height: number }; target: { width: number; height: number }; note: string | null } {
  let scale;
  try {
    scale = planInputScale(width, height);
  } catch (err) {
    // The core message says what is wrong with the size; the page also needs to know which file it was.
    if (err instanceof Error) err.message = `${name}: ${err.message}`;
    throw err;
  }
  const target = { width: scale.width, height: scale.height };
  const note = scale.scaled
    ? `${name} is ${width} × ${height} px, over the ${MAX_WORKING_SIDE} px limit on the longer side, so it was ` +
      `scaled down to ${target.width} × ${target.height} before reading; boxes are shown on the scaled copy.`
    : null;
  return { original: { width, height }, target, note };
}
