import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OcrError } from './errors';
import { readImageHeader } from './image-header';

// Real files written by PIL (tools/ocr-fixtures/make_header_samples.py), all 37 x 23.
const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../tools/ocr-fixtures/headers/${name}`, import.meta.url)));

describe('readImageHeader', () => {
  it.each([
    ['sample.png', 'png'],
    ['sample.jpg', 'jpeg'],
    ['sample-progressive.jpg', 'jpeg'],
    ['sample.gif', 'gif'],
    ['sample.bmp', 'bmp'],
    ['sample-lossy.webp', 'webp'],
    ['sample-lossless.webp', 'webp'],
    ['sample-alpha.webp', 'webp'],
  ])('reads %s as %s, 37 x 23', (name, format) => {
    expect(readImageHeader(fixture(name))).toEqual({ format, width: 37, height: 23 });
  });

  it('reads a PNG header that claims 20000 x 20000 without decoding anything', () => {
    const png = fixture('sample.png').slice(0, 33);
    new DataView(png.buffer).setUint32(16, 20000);
    new DataView(png.buffer).setUint32(20, 20000);
    expect(readImageHeader(png)).toMatchObject({ width: 20000, height: 20000 });
  });

  it('recognises AVIF by its brand but leaves the size to the decoder', () => {
    const avif = new Uint8Array(32);
    avif.set(
      [...'ftypavif'].map((c) => c.charCodeAt(0)),
      4,
    );
    expect(readImageHeader(avif)).toEqual({ format: 'avif', width: null, height: null });
  });

  it('refuses a text file with a message naming the file and the formats', () => {
    let error: unknown;
    try {
      readImageHeader(fixture('not-an-image.txt'), 'notes.txt');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OcrError);
    expect((error as OcrError).code).toBe('NOT_AN_IMAGE');
    expect((error as OcrError).message).toMatch(/notes\.txt.*PNG, JPEG/);
  });

  it('refuses a file cut off inside its header', () => {
    expect(() => readImageHeader(fixture('sample.jpg').slice(0, 20))).toThrow(/JPEG/);
    expect(() => readImageHeader(new Uint8Array(5))).toThrow(/only 5 bytes/);
  });
});
