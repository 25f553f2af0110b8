import { ShapeError } from './errors';
import type { NumericArray } from './ndarray';

/** The typed array that holds each ONNX element type (float16 as raw 16-bit words, bool as bytes). */
const ARRAYS = {
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  uint8: Uint8Array,
  bool: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  float16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
} as const;

export type ElementType = keyof typeof ARRAYS;

export function isElementType(type: string): type is ElementType {
  return Object.prototype.hasOwnProperty.call(ARRAYS, type);
}

/** A zero-filled array of `length` elements of an ONNX element type. */
export function allocateFor(type: string, length: number): NumericArray {
  if (!isElementType(type))
    throw new ShapeError('BAD_DIMS', `The element type "${type}" is not supported; use a numeric tensor type.`);
  return new ARRAYS[type](length);
}

/** Bytes one element of an ONNX element type takes (2 for float16, 1 for bool). */
export function bytesPerElement(type: string): number {
  if (!isElementType(type))
    throw new ShapeError('BAD_DIMS', `The element type "${type}" is not supported; use a numeric tensor type.`);
  return ARRAYS[type].BYTES_PER_ELEMENT;
}

/** The typed array of an element type over raw bytes (read back from a GPU buffer, say). */
export function viewBytesAs(type: string, bytes: ArrayBuffer): NumericArray {
  if (!isElementType(type))
    throw new ShapeError('BAD_DIMS', `The element type "${type}" is not supported; use a numeric tensor type.`);
  return new ARRAYS[type](bytes);
}

/**
 * `data` as the array type the model wants for an input: a plain number list is converted, and so are
 * integers between int32 and int64 (token ids come as either); other mismatches are refused by name.
 */
export function toElementType(
  data: NumericArray | readonly number[] | readonly bigint[],
  type: string,
  what: string,
): NumericArray {
  if (!isElementType(type))
    throw new ShapeError('BAD_DIMS', `${what} has the element type "${type}", which is not supported.`);
  const Wanted = ARRAYS[type];
  if (data instanceof Wanted) return data;
  const isBig = Wanted === BigInt64Array || Wanted === BigUint64Array;
  const integerSource =
    Array.isArray(data) ||
    data instanceof Int32Array ||
    data instanceof BigInt64Array ||
    data instanceof Uint8Array ||
    data instanceof Int8Array ||
    data instanceof Int16Array ||
    data instanceof Uint16Array ||
    data instanceof Uint32Array;
  const floatTarget = Wanted === Float32Array || Wanted === Float64Array;
  if (
    !Array.isArray(data) &&
    !(integerSource && (isBig || Wanted === Int32Array)) &&
    !(floatTarget && (data instanceof Float32Array || data instanceof Float64Array))
  ) {
    throw new ShapeError(
      'BAD_DIMS',
      `${what} is a ${data.constructor.name} but the model wants ${type}: pass a ${Wanted.name}.`,
    );
  }
  const source = data as ArrayLike<number | bigint>;
  const out = new Wanted(source.length);
  for (let i = 0; i < source.length; i++) {
    const v = source[i];
    (out as unknown as (number | bigint)[])[i] = isBig ? BigInt(v) : Number(v);
  }
  return out;
}
