import { describe, expect, it } from 'vitest';
import { allocateFor, bytesPerElement, toElementType, viewBytesAs } from './dtype';

describe('toElementType', () => {
  it('converts number lists and int32 <-> int64 token ids', () => {
    expect(toElementType([1, 2], 'int64', 'ids')).toEqual(BigInt64Array.from([1n, 2n]));
    expect(toElementType(Int32Array.from([3]), 'int64', 'ids')).toEqual(BigInt64Array.from([3n]));
    expect(toElementType(BigInt64Array.from([4n]), 'int32', 'ids')).toEqual(Int32Array.from([4]));
    expect(toElementType([0.5], 'float32', 'x')).toEqual(Float32Array.from([0.5]));
    const same = Float32Array.from([1]);
    expect(toElementType(same, 'float32', 'x')).toBe(same);
  });
  it('refuses a float array for integer ids, naming the input', () => {
    expect(() => toElementType(Float32Array.from([1]), 'int64', 'input "input_ids"')).toThrow(
      /input "input_ids" is a Float32Array but the model wants int64/,
    );
    expect(() => allocateFor('string', 2)).toThrow(/not supported/);
    expect(allocateFor('float16', 2)).toBeInstanceOf(Uint16Array);
  });
});

describe('bytesPerElement and viewBytesAs', () => {
  it('size and view raw bytes by ONNX element type', () => {
    expect([
      bytesPerElement('int64'),
      bytesPerElement('float32'),
      bytesPerElement('float16'),
      bytesPerElement('bool'),
    ]).toEqual([8, 4, 2, 1]);
    const bytes = Float32Array.from([1.5, -2]).buffer;
    expect(viewBytesAs('float32', bytes)).toEqual(Float32Array.from([1.5, -2]));
    expect(viewBytesAs('int64', new BigInt64Array([7n]).buffer)).toEqual(BigInt64Array.from([7n]));
    expect(() => bytesPerElement('string')).toThrow(/not supported/);
  });
});
