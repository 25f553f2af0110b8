import { OcrError } from './errors';

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'avif';

export interface ImageHeader {
  format: ImageFormat;
  /** null when the format is recognised but its size needs a full decode (AVIF). */
  width: number | null;
  height: number | null;
}

const SUPPORTED = 'PNG, JPEG, GIF, WebP, BMP or AVIF';

/**
 * Reads the format and pixel size from the first bytes of an image file, without decoding it.
 *
 * Why: decoding a 20,000 x 20,000 image in the browser takes 1.6 GB and can kill the tab before any size
 * check runs. Reading the header first lets the page refuse (or decode at a smaller size) up front, and
 * gives a clear "not an image" error for a PDF or a text file instead of an opaque decoder failure.
 */
export function readImageHeader(bytes: Uint8Array, fileName = 'the file'): ImageHeader {
  const notImage = (why: string) =>
    new OcrError('NOT_AN_IMAGE', `${fileName} is not an image we can read (${why}); use a ${SUPPORTED} file.`);
  if (bytes.length < 12) throw notImage(`only ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (at: number, len: number) => String.fromCharCode(...bytes.subarray(at, at + len));
  const need = (len: number, what: string) => {
    if (bytes.length < len) throw notImage(`truncated ${what} header`);
  };

  if (bytes[0] === 0x89 && ascii(1, 3) === 'PNG') {
    need(24, 'PNG');
    return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return readJpegSize(bytes, view, notImage);
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') {
    return { format: 'gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (ascii(0, 2) === 'BM') {
    need(26, 'BMP');
    // A negative height marks a top-down bitmap; the size is its absolute value.
    return { format: 'bmp', width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
  }
  if (ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') return readWebpSize(bytes, view, need);
  if (ascii(4, 4) === 'ftyp' && ['avif', 'avis'].includes(ascii(8, 4))) {
    return { format: 'avif', width: null, height: null };
  }
  throw notImage('unrecognised file signature');
}

function readJpegSize(bytes: Uint8Array, view: DataView, notImage: (why: string) => OcrError): ImageHeader {
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) throw notImage('corrupt JPEG marker');
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte before a marker
      continue;
    }
    // Markers without a length field: TEM and RST0-7.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const length = view.getUint16(i + 2);
    // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (i + 9 > bytes.length) break;
      return { format: 'jpeg', width: view.getUint16(i + 7), height: view.getUint16(i + 5) };
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image or start of scan before any frame header
    i += 2 + length;
  }
  throw notImage('JPEG without a frame header in its first bytes');
}

function readWebpSize(bytes: Uint8Array, view: DataView, need: (len: number, what: string) => void): ImageHeader {
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunk === 'VP8X') {
    need(30, 'WebP');
    const w = 1 + (bytes[24] | (bytes[25] << 8) | (bytes[26] << 16));
    const h = 1 + (bytes[27] | (bytes[28] << 8) | (bytes[29] << 16));
    return { format: 'webp', width: w, height: h };
  }
  if (chunk === 'VP8L') {
    need(25, 'WebP');
    const b1 = bytes[22];
    const b2 = bytes[23];
    const b3 = bytes[24];
    const w = 1 + (((b1 & 0x3f) << 8) | bytes[21]);
    const h = 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6));
    return { format: 'webp', width: w, height: h };
  }
  need(30, 'WebP');
  return { format: 'webp', width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
}
