import { describe, expect, it } from 'vitest';
import { decodeTextFile, decodeWindows1252 } from './encoding';
import { EmptyInputError, InputTooLargeError } from './text';

const utf8 = (s: string) => new TextEncoder().encode(s);
function utf16(s: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const units = Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
  const out = new Uint8Array((units.length + (bom ? 1 : 0)) * 2);
  [...(bom ? [0xfeff] : []), ...units].forEach((u, i) => {
    const [first, second] = order === 'le' ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff];
    out[2 * i] = first;
    out[2 * i + 1] = second;
  });
  return out;
}

const SAMPLE = 'Zoë flew to Zürich \u{1F600} — 東京';

describe('decodeTextFile', () => {
  it('UTF-8 without a BOM', () => {
    expect(decodeTextFile(utf8(SAMPLE))).toEqual({ text: SAMPLE, encoding: 'utf-8' });
  });

  it('UTF-8 with a BOM, which is removed', () => {
    expect(decodeTextFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SAMPLE)]))).toEqual({
      text: SAMPLE,
      encoding: 'utf-8',
    });
  });

  it.each(['le', 'be'] as const)('UTF-16 %s with a BOM', (order) => {
    expect(decodeTextFile(utf16(SAMPLE, order, true))).toEqual({ text: SAMPLE, encoding: `utf-16${order}` });
  });

  it.each(['le', 'be'] as const)('UTF-16 %s without a BOM is recognised, with a notice', (order) => {
    const out = decodeTextFile(utf16('Plain ASCII text in UTF-16', order, false));
    expect(out.text).toBe('Plain ASCII text in UTF-16');
    expect(out.encoding).toBe(`utf-16${order}`);
    expect(out.notice).toMatch(/no byte-order mark/);
  });

  it('invalid UTF-8 falls back to Windows-1252 and says so', () => {
    // "café €5 “quoted”" in Windows-1252: é = E9, € = 80, quotes = 93/94.
    const bytes = new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x35, 0x20, 0x93, 0x71, 0x94]);
    const out = decodeTextFile(bytes);
    expect(out.text).toBe('café €5 \u201Cq\u201D');
    expect(out.encoding).toBe('windows-1252');
    expect(out.notice).toMatch(/not valid UTF-8, so it was read as Windows-1252/);
  });

  it('a UTF-8 BOM with broken bytes keeps UTF-8 and notes the replacement', () => {
    const out = decodeTextFile(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xff, 0x62]));
    expect(out).toMatchObject({ text: 'a\uFFFDb', encoding: 'utf-8' });
    expect(out.notice).toMatch(/invalid bytes/);
  });

  it('refuses empty files, oversized files, binary data and UTF-32', () => {
    expect(() => decodeTextFile(new Uint8Array(0))).toThrow(EmptyInputError);
    expect(() => decodeTextFile(new Uint8Array(11), { maxBytes: 10 })).toThrow(InputTooLargeError);
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    expect(() => decodeTextFile(png)).toThrow(expect.objectContaining({ code: 'NOT_TEXT' }));
    expect(() => decodeTextFile(new Uint8Array([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]))).toThrow(/UTF-32/);
  });
});

describe('decodeWindows1252', () => {
  it('maps 0x80-0x9F to the WHATWG characters, not C1 controls', () => {
    const all = decodeWindows1252(Uint8Array.from({ length: 256 }, (_, i) => i));
    expect(all).toHaveLength(256);
    expect([all[0x41], all[0x80], all[0x92], all[0x9f], all[0xe9], all[0xff]]).toEqual([
      'A',
      '€',
      '\u2019',
      'Ÿ',
      'é',
      'ÿ',
    ]);
    expect(all.charCodeAt(0x81)).toBe(0x81);
  });

  it('handles inputs longer than one chunk', () => {
    expect(decodeWindows1252(new Uint8Array(20_000).fill(0x80))).toBe('€'.repeat(20_000));
  });
});
