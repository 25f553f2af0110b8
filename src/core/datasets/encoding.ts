import { DEFAULT_LIMITS, DatasetError, EmptyInputError, InputTooLargeError, limitOf } from './text';

export interface DecodedText {
  text: string;
  /** WHATWG encoding name the text was read as: utf-8, utf-16le, utf-16be or windows-1252. */
  encoding: string;
  /** Set when the encoding was guessed rather than certain, in words for the user. */
  notice?: string;
}

/**
 * Decodes a text file: a byte-order mark decides (UTF-8, UTF-16 LE/BE, BOM removed); without one the
 * bytes are read as UTF-8, a BOM-less UTF-16 file is recognised by its zero bytes, and bytes that are not
 * valid UTF-8 fall back to Windows-1252 with a notice saying so.
 * @throws EmptyInputError for an empty file, InputTooLargeError past `maxBytes`, DatasetError NOT_TEXT for
 * binary data or UTF-32.
 */
export function decodeTextFile(bytes: Uint8Array, limits: { maxBytes?: number } = {}): DecodedText {
  const maxBytes = limitOf(limits.maxBytes, DEFAULT_LIMITS.maxBytes, 'maxBytes');
  if (bytes.length > maxBytes) throw new InputTooLargeError(bytes.length, maxBytes);
  if (bytes.length === 0) throw new EmptyInputError('The file');

  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    throw notText('is UTF-32, which is not supported; save it as UTF-8 and load it again.');
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = decodeUtf8(bytes.subarray(3));
    if (text !== null) return { text, encoding: 'utf-8' };
    // The mark says UTF-8, so trust it over a guess, but say that some bytes were unreadable.
    return {
      text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3)),
      encoding: 'utf-8',
      notice:
        'The file is marked as UTF-8 but contains invalid bytes; they were replaced with "\uFFFD". Check the file or save it again as UTF-8.',
    };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return { text: decodeUtf16(bytes.subarray(2), 'le'), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: decodeUtf16(bytes.subarray(2), 'be'), encoding: 'utf-16be' };

  const utf16 = guessUtf16(bytes);
  if (utf16) {
    return {
      text: decodeUtf16(bytes, utf16),
      encoding: `utf-16${utf16}`,
      notice: `The file has no byte-order mark but its zero bytes look like UTF-16 ${utf16.toUpperCase()}, so it was read that way. If the text looks wrong, save the file as UTF-8.`,
    };
  }
  if (looksBinary(bytes)) throw notText('looks like binary data, not text; choose a .txt or .jsonl file.');
  const utf8 = decodeUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return {
    text: decodeWindows1252(bytes),
    encoding: 'windows-1252',
    notice:
      'The file is not valid UTF-8, so it was read as Windows-1252 (Western European). ' +
      'If some characters look wrong, save the file as UTF-8 and load it again.',
  };
}

function notText(problem: string): DatasetError {
  return new DatasetError('NOT_TEXT', `The file ${problem}`);
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decodeUtf16(bytes: Uint8Array, order: 'le' | 'be'): string {
  let data = bytes;
  if (order === 'be') {
    // Swap to little-endian ourselves: utf-16le is the one UTF-16 label every TextDecoder (including
    // Node builds without full ICU) supports.
    data = new Uint8Array(bytes.length);
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      data[i] = bytes[i + 1];
      data[i + 1] = bytes[i];
    }
    if (bytes.length % 2 === 1) data[bytes.length - 1] = bytes[bytes.length - 1];
  }
  return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(data);
}

/** 'le' or 'be' when most ASCII-range characters of the first few KB show a zero byte on one side. */
function guessUtf16(bytes: Uint8Array): 'le' | 'be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return 'le';
  if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return 'be';
  return null;
}

/** NUL bytes in the first 8 KB (that are not UTF-16) mean an image, archive or similar. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

// Windows-1252 bytes 0x80-0x9F, per the WHATWG Encoding Standard. Decoded by hand because Node's
// TextDecoder('windows-1252') returns U+0080-U+009F for them (nodejs/node#56542, #60888), which would make
// Node tests disagree with browsers.
const CP1252_HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const CHUNK = 8192;
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    const slice = bytes.subarray(offset, offset + CHUNK);
    const codes = new Array<number>(slice.length);
    for (let i = 0; i < slice.length; i++) {
      const b = slice[i];
      codes[i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : b;
    }
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}
