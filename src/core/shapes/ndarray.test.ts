import { describe, expect, it } from 'vitest';
import { cropTo, padTo, sliceAxis, stackRows, takeRow } from './ndarray';

describe('padTo and cropTo', () => {
  it('pads every axis at its end and crops back to the same values', () => {
    const t = { data: Float32Array.from([1, 2, 3, 4, 5, 6]), dims: [1, 2, 3] };
    const padded = padTo(t, [1, 3, 4], -1);
    expect(padded.dims).toEqual([1, 3, 4]);
    expect(Array.from(padded.data)).toEqual([1, 2, 3, -1, 4, 5, 6, -1, -1, -1, -1, -1]);
    expect(Array.from(cropTo(padded, [1, 2, 3]).data)).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('keeps the array type, BigInt64Array included', () => {
    const ids = { data: BigInt64Array.from([101n, 7n]), dims: [1, 2] };
    const padded = padTo(ids, [1, 4], 0);
    expect(padded.data).toBeInstanceOf(BigInt64Array);
    expect(Array.from(padded.data)).toEqual([101n, 7n, 0n, 0n]);
    expect(Array.from(padTo(ids, [1, 3], 5).data)).toEqual([101n, 7n, 5n]);
  });
  it('round-trips random shapes', () => {
    for (let trial = 0; trial < 50; trial++) {
      const dims = [1 + (trial % 3), 1 + ((trial * 7) % 5), 1 + ((trial * 3) % 4)];
      const n = dims[0] * dims[1] * dims[2];
      const t = { data: Float32Array.from({ length: n }, (_, i) => i + 1), dims };
      const target = dims.map((d, a) => d + ((trial + a) % 3));
      const back = cropTo(padTo(t, target, 0), dims);
      expect(Array.from(back.data)).toEqual(Array.from(t.data));
    }
  });
  it('refuses shapes that do not fit', () => {
    const t = { data: new Float32Array(6), dims: [2, 3] };
    expect(() => padTo(t, [2, 2], 0)).toThrow(expect.objectContaining({ code: 'DOES_NOT_FIT' }));
    expect(() => cropTo(t, [2, 4])).toThrow(expect.objectContaining({ code: 'DOES_NOT_FIT' }));
    expect(() => padTo({ data: new Float32Array(5), dims: [2, 3] }, [2, 3], 0)).toThrow(
      expect.objectContaining({ code: 'DATA_SIZE_MISMATCH' }),
    );
  });
});

describe('sliceAxis, stackRows, takeRow', () => {
  const t = { data: Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), dims: [2, 3, 2] };
  it('slices positions of one axis', () => {
    expect(Array.from(sliceAxis(t, 1, 1, 3).data)).toEqual([2, 3, 4, 5, 8, 9, 10, 11]);
    expect(sliceAxis(t, 1, 1, 3).dims).toEqual([2, 2, 2]);
    expect(() => sliceAxis(t, 1, 2, 4)).toThrow(expect.objectContaining({ code: 'BAD_DIMS' }));
  });
  it('stacks rows and fills empty rows with the pad value', () => {
    const a = takeRow(t, 0);
    const b = takeRow(t, 1);
    expect(a.dims).toEqual([1, 3, 2]);
    const stacked = stackRows([b, a], 3, -1);
    expect(stacked.dims).toEqual([3, 3, 2]);
    expect(Array.from(stacked.data)).toEqual([6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 4, 5, -1, -1, -1, -1, -1, -1]);
    expect(() => stackRows([a, { data: new Int32Array(4), dims: [1, 2, 2] }], 2, 0)).toThrow(
      expect.objectContaining({ code: 'MIXED_SHAPES' }),
    );
    expect(() => stackRows([a, b], 1, 0)).toThrow(expect.objectContaining({ code: 'DOES_NOT_FIT' }));
  });
});
