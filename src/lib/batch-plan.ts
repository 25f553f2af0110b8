import {
  allocateFor,
  cropOutputRow,
  type Feeds,
  outputAxes,
  overridesFor,
  padRow,
  planBucketRuns,
  planDynamicRuns,
  stackBatch,
  staticDims,
  toElementType,
} from '../core/shapes';
import { BucketedSessionError } from './errors';
import type { Piece, PieceOutputs } from './row-pieces';
import type { ModelLayout } from './setup';
import type { FeedsInput, OutputTensor } from './types';

/** One model call of a plan: pieces padded to `bucket`, stacked into `batchSize` rows. */
export interface Call {
  bucket: number[];
  batchSize: number;
  pieces: number[];
}

/** Bucketed layouts: rows grouped per bucket into the batch sizes. Dynamic: arrival order, padded per batch. */
export function planCalls(model: ModelLayout, buckets: readonly number[][], pieces: readonly Piece[]): Call[] {
  const { batchSizes, layout } = model;
  if (layout === 'dynamic') {
    return planDynamicRuns(
      pieces.map((p) => p.valid),
      batchSizes[batchSizes.length - 1],
    ).map((run) => ({ bucket: run.shape, batchSize: run.pieces.length, pieces: run.pieces }));
  }
  return planBucketRuns(
    pieces.map((p) => p.bucketIndex),
    batchSizes,
  ).map((run) => ({ bucket: buckets[run.bucketIndex], batchSize: run.batchSize, pieces: run.pieces }));
}

/**
 * Each piece's outputs of one call, cropped to its real size along the bucketed dims (kept at the call's
 * shape with `keepPadding`), written at the piece's index in `outputs`.
 */
export function cropCallOutputs(
  model: ModelLayout,
  dims: readonly string[],
  keepPadding: boolean,
  call: Call,
  pieces: readonly Piece[],
  result: Record<string, OutputTensor>,
  outputs: PieceOutputs[],
): void {
  const inputAxes = dims.map((_, i) => model.layouts.find((l) => l.dimAxes[i] >= 0)?.dimAxes[i] ?? -1);
  call.pieces.forEach((p, r) => {
    const out: PieceOutputs = {};
    for (const [name, t] of Object.entries(result)) {
      const named = model.axes.outputs.find((o) => o.name === name);
      const axes = outputAxes(named?.dimAxes ?? dims.map(() => -1), inputAxes, t.dims, call.bucket);
      const hasBatch = model.axes.batchDim !== null && t.dims[0] === call.batchSize;
      const keep = keepPadding ? call.bucket : pieces[p].valid;
      out[name] = { ...cropOutputRow(t, r, axes, keep, hasBatch), type: t.type, axes };
    }
    outputs[p] = out;
  });
}

/** A batch of empty rows at one shape (warm-up): the `emptyRow` filler, or padding in every input. */
export function emptyBatch(
  model: ModelLayout,
  dims: readonly string[],
  bucket: readonly number[],
  batchSize: number,
): Feeds {
  const { layouts, emptyRow, io, axes } = model;
  if (emptyRow) {
    const filler = padRow(emptyRow, layouts, bucket);
    return stackBatch(
      Array.from({ length: batchSize }, () => filler),
      layouts,
      batchSize,
    );
  }
  const overrides = overridesFor(axes, dims, bucket, batchSize);
  const feeds: Feeds = {};
  for (const v of io.inputs) {
    const shape = staticDims(v, overrides);
    if (!shape) {
      throw new BucketedSessionError(
        'BAD_MODEL',
        `warmup cannot size input "${v.name}" ([${(v.dims ?? []).join(', ')}]): an axis is neither the batch, a bucketed dim nor fixed.`,
      );
    }
    const data = allocateFor(
      v.type,
      shape.reduce((a, b) => a * b, 1),
    );
    const pad = layouts.find((l) => l.name === v.name)!.padValue;
    if (pad !== 0) (data as Float32Array).fill((typeof data[0] === 'bigint' ? BigInt(pad) : pad) as number);
    feeds[v.name] = { data, dims: shape };
  }
  return feeds;
}

/** An item's feeds checked against the graph's inputs and converted to the types the model wants. */
export function denseFeeds(model: ModelLayout, item: FeedsInput, index: number): Feeds {
  if (!item || typeof item !== 'object')
    throw new BucketedSessionError('BAD_FEEDS', `Item ${index} is not a feeds object (input name -> { data, dims }).`);
  const out: Feeds = {};
  for (const v of model.io.inputs) {
    const t = item[v.name];
    if (!t || !t.data || !Array.isArray(t.dims)) {
      throw new BucketedSessionError(
        'BAD_FEEDS',
        `Item ${index} lacks the input "${v.name}"; the model takes ${model.io.inputs.map((x) => x.name).join(', ')}.`,
      );
    }
    out[v.name] = { data: toElementType(t.data, v.type, `Input "${v.name}" of item ${index}`), dims: [...t.dims] };
  }
  return out;
}
