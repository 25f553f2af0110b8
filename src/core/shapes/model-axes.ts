import type { GraphIO, GraphValue } from '../onnx/graph-io';
import { ShapeError } from './errors';

/** Where the batch axis and the bucketed axes of one graph input or output are. */
export interface ValueAxes {
  name: string;
  type: string;
  rank: number | null;
  /** Axis of the batch dimension, or -1 when the value has none (or a fixed one). */
  batchAxis: number;
  /** Axis of each bucketed dimension (in `dims` order), -1 where the value does not have it. */
  dimAxes: number[];
}

export interface ModelAxes {
  /** Name of the batch dimension pinned by batch-size buckets, or null when the batch is fixed. */
  batchDim: string | null;
  inputs: ValueAxes[];
  outputs: ValueAxes[];
}

function axesOf(value: GraphValue, dims: readonly string[], batchDim: string | null): ValueAxes {
  const shape = value.dims ?? [];
  return {
    name: value.name,
    type: value.type,
    rank: value.dims ? value.dims.length : null,
    batchAxis: batchDim === null ? -1 : shape.indexOf(batchDim),
    dimAxes: dims.map((d) => shape.indexOf(d)),
  };
}

/**
 * Finds, for every graph input and output, the axes of the batch dimension and of the free dimensions
 * named in `dims`. The batch dimension is `batchDim` when given, otherwise the free dimension on axis 0
 * of the first input (the usual `batch_size`), unless that one is bucketed itself.
 * @throws ShapeError `UNKNOWN_DIM` naming the model's free dimensions when a name in `dims` is not one,
 *   or when no input carries it.
 */
export function resolveModelAxes(io: GraphIO, dims: readonly string[], batchDim?: string | null): ModelAxes {
  if (!Array.isArray(dims) || dims.length === 0 || dims.some((d) => typeof d !== 'string' || d === '')) {
    throw new ShapeError(
      'UNKNOWN_DIM',
      'Name the free dimension(s) to bucket in `dims`, e.g. ["sequence_length"] or ["height", "width"].',
    );
  }
  const free = new Set<string>();
  for (const v of [...io.inputs, ...io.outputs]) for (const d of v.dims ?? []) if (typeof d === 'string') free.add(d);
  const listed = [...free].map((d) => `"${d}"`).join(', ') || 'none';
  for (const d of dims) {
    if (!io.inputs.some((v) => (v.dims ?? []).includes(d))) {
      throw new ShapeError(
        'UNKNOWN_DIM',
        `No input of the model has a free dimension named "${d}". Its free dimensions are: ${listed}.`,
      );
    }
  }
  let batch: string | null;
  if (batchDim !== undefined) {
    if (batchDim !== null && !free.has(batchDim)) {
      throw new ShapeError(
        'UNKNOWN_DIM',
        `The model has no free dimension named "${batchDim}" to use as the batch. Its free dimensions are: ${listed}.`,
      );
    }
    batch = batchDim;
  } else {
    const first = io.inputs[0]?.dims?.[0];
    batch = typeof first === 'string' && !dims.includes(first) ? first : null;
  }
  return {
    batchDim: batch,
    inputs: io.inputs.map((v) => axesOf(v, dims, batch)),
    outputs: io.outputs.map((v) => axesOf(v, dims, batch)),
  };
}

/** The `freeDimensionOverrides` that pin one static shape: the bucket's sizes and the batch size. */
export function overridesFor(
  axes: ModelAxes,
  dims: readonly string[],
  bucket: readonly number[],
  batchSize: number,
): Record<string, number> {
  const overrides: Record<string, number> = {};
  dims.forEach((d, i) => (overrides[d] = bucket[i]));
  if (axes.batchDim !== null) overrides[axes.batchDim] = batchSize;
  return overrides;
}

/**
 * The fixed shape of a graph value once `overrides` pin its free dimensions (the shape a static
 * session gives it), or null when the model declares no shape or a free dimension stays unpinned.
 */
export function staticDims(value: GraphValue, overrides: Readonly<Record<string, number>>): number[] | null {
  if (!value.dims) return null;
  const out: number[] = [];
  for (const d of value.dims) {
    if (typeof d === 'number' && d > 0) out.push(d);
    else if (typeof d === 'string' && overrides[d] !== undefined) out.push(overrides[d]);
    else return null;
  }
  return out;
}
