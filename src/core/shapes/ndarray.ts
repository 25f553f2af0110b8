import { ShapeError } from './errors';

/**
 * Row-major n-dimensional buffers: the shape operations a bucketed session needs around a model call
 * (pad up to a bucket, crop back to the real size, stack rows into a batch, split a batch into rows).
 * Works on any typed array, BigInt64Array included; no onnxruntime.
 */

/** Any typed array onnxruntime-web accepts as tensor data. */
export type NumericArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** A tensor as plain data: what crosses a worker boundary (the buffer can be transferred). */
export interface DenseTensor<T extends NumericArray = NumericArray> {
  data: T;
  dims: number[];
}

export function elementCount(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

export function assertDims(dims: readonly number[], what = 'Tensor'): void {
  if (!Array.isArray(dims) || dims.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ShapeError('BAD_DIMS', `${what} dims [${String(dims)}] must be a list of non-negative integers.`);
  }
}

function assertTensor(t: DenseTensor, what: string): void {
  assertDims(t.dims, what);
  if (t.data.length !== elementCount(t.dims)) {
    throw new ShapeError(
      'DATA_SIZE_MISMATCH',
      `${what} has ${t.data.length} values but dims [${t.dims.join(', ')}] need ${elementCount(t.dims)}.`,
    );
  }
}

function allocate<T extends NumericArray>(like: T, length: number): T {
  const Ctor = like.constructor as new (n: number) => T;
  return new Ctor(length);
}

function fillValue(data: NumericArray, value: number): number | bigint {
  return data instanceof BigInt64Array || data instanceof BigUint64Array ? BigInt(value) : value;
}

/**
 * Copies the box [0, box) of `src` (shape srcDims) into `dst` (shape dstDims) at the origin; the box must
 * fit both. The innermost axis is copied as one contiguous run per outer index.
 */
function copyBox(
  src: NumericArray,
  srcDims: readonly number[],
  dst: NumericArray,
  dstDims: readonly number[],
  box: readonly number[],
): void {
  const rank = box.length;
  if (rank === 0) {
    (dst as Float32Array)[0] = (src as Float32Array)[0];
    return;
  }
  if (box.some((b) => b === 0)) return;
  const srcStrides = strides(srcDims);
  const dstStrides = strides(dstDims);
  const run = box[rank - 1];
  const index = new Array<number>(rank - 1).fill(0);
  for (;;) {
    let s = 0;
    let d = 0;
    for (let a = 0; a < rank - 1; a++) {
      s += index[a] * srcStrides[a];
      d += index[a] * dstStrides[a];
    }
    (dst as Float32Array).set((src as Float32Array).subarray(s, s + run), d);
    let a = rank - 2;
    while (a >= 0) {
      index[a]++;
      if (index[a] < box[a]) break;
      index[a] = 0;
      a--;
    }
    if (a < 0) return;
  }
}

function strides(dims: readonly number[]): number[] {
  const out = new Array<number>(dims.length);
  let s = 1;
  for (let a = dims.length - 1; a >= 0; a--) {
    out[a] = s;
    s *= dims[a];
  }
  return out;
}

/**
 * Pads `t` at the end of every axis up to `target` with `value` (real data keeps its origin, so the
 * model's positions 0..n-1 see the same content as without padding).
 * @throws ShapeError `DOES_NOT_FIT` when some axis is already larger than the target.
 */
export function padTo<T extends NumericArray>(
  t: DenseTensor<T>,
  target: readonly number[],
  value: number,
): DenseTensor<T> {
  assertTensor(t, 'The tensor to pad');
  assertDims(target, 'The padding target');
  if (target.length !== t.dims.length || t.dims.some((d, a) => d > target[a])) {
    throw new ShapeError(
      'DOES_NOT_FIT',
      `A tensor of shape [${t.dims.join(', ')}] does not fit the shape [${target.join(', ')}].`,
    );
  }
  const data = allocate(t.data, elementCount(target));
  if (value !== 0) (data as Float32Array).fill(fillValue(data, value) as number);
  copyBox(t.data, t.dims, data, target, t.dims);
  return { data, dims: [...target] };
}

/**
 * Keeps the box [0, target) of `t`: the inverse of {@link padTo}.
 * @throws ShapeError `DOES_NOT_FIT` when the target is larger than the tensor on some axis.
 */
export function cropTo<T extends NumericArray>(t: DenseTensor<T>, target: readonly number[]): DenseTensor<T> {
  assertTensor(t, 'The tensor to crop');
  assertDims(target, 'The crop target');
  if (target.length !== t.dims.length || target.some((d, a) => d > t.dims[a])) {
    throw new ShapeError(
      'DOES_NOT_FIT',
      `Cannot crop a tensor of shape [${t.dims.join(', ')}] to the larger shape [${target.join(', ')}].`,
    );
  }
  if (target.every((d, a) => d === t.dims[a])) return { data: t.data, dims: [...t.dims] };
  const data = allocate(t.data, elementCount(target));
  copyBox(t.data, t.dims, data, target, target);
  return { data, dims: [...target] };
}

/** Positions [start, end) of one axis (a window of a sequence); a copy. */
export function sliceAxis<T extends NumericArray>(
  t: DenseTensor<T>,
  axis: number,
  start: number,
  end: number,
): DenseTensor<T> {
  assertTensor(t, 'The tensor to slice');
  if (
    !Number.isInteger(axis) ||
    axis < 0 ||
    axis >= t.dims.length ||
    !(0 <= start && start <= end && end <= t.dims[axis])
  ) {
    throw new ShapeError(
      'BAD_DIMS',
      `Cannot take [${start}, ${end}) of axis ${axis} from a tensor of shape [${t.dims.join(', ')}].`,
    );
  }
  const outer = elementCount(t.dims.slice(0, axis));
  const inner = elementCount(t.dims.slice(axis + 1));
  const dims = [...t.dims];
  dims[axis] = end - start;
  const data = allocate(t.data, elementCount(dims));
  const width = (end - start) * inner;
  for (let o = 0; o < outer; o++) {
    const from = (o * t.dims[axis] + start) * inner;
    (data as Float32Array).set((t.data as Float32Array).subarray(from, from + width), o * width);
  }
  return { data, dims };
}

/**
 * Stacks tensors along axis 0 into one of `rows` rows (their dims after axis 0 must agree); rows beyond
 * the parts are filled with `value` (empty padding rows of a static batch).
 */
export function stackRows<T extends NumericArray>(
  parts: readonly DenseTensor<T>[],
  rows: number,
  value: number,
): DenseTensor<T> {
  if (parts.length === 0) throw new ShapeError('BAD_DIMS', 'Nothing to stack: give at least one tensor.');
  const rowDims = parts[0].dims.slice(1);
  let filled = 0;
  parts.forEach((p, i) => {
    assertTensor(p, `Part ${i}`);
    if (p.dims.length !== rowDims.length + 1 || p.dims.slice(1).some((d, a) => d !== rowDims[a])) {
      throw new ShapeError(
        'MIXED_SHAPES',
        `Part ${i} has shape [${p.dims.join(', ')}], not [n, ${rowDims.join(', ')}] like part 0.`,
      );
    }
    filled += p.dims[0];
  });
  if (!Number.isInteger(rows) || rows < filled) {
    throw new ShapeError('DOES_NOT_FIT', `${filled} rows do not fit a batch of ${String(rows)}.`);
  }
  const rowSize = elementCount(rowDims);
  const data = allocate(parts[0].data, rows * rowSize);
  if (value !== 0 && filled < rows)
    (data.subarray(filled * rowSize) as Float32Array).fill(fillValue(data, value) as number);
  let offset = 0;
  for (const p of parts) {
    (data as Float32Array).set(p.data as Float32Array, offset);
    offset += p.data.length;
  }
  return { data, dims: [rows, ...rowDims] };
}

/** Row r of a batch (axis 0), keeping the batch axis with size 1; a copy, so its buffer can be transferred. */
export function takeRow<T extends NumericArray>(t: DenseTensor<T>, row: number): DenseTensor<T> {
  return sliceAxis(t, 0, row, row + 1);
}
