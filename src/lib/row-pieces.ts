import type { Span } from '../core/routing';
import {
  concatRows,
  type DenseTensor,
  type Feeds,
  type InputLayout,
  measureRow,
  mergeWindowOutputs,
  padRow,
  routeShape,
  toElementType,
  truncateRow,
  windowOfRow,
  type Overflow,
} from '../core/shapes';
import { BucketedSessionError } from './errors';
import type { BucketKernel, KernelResult, OutputTensor, RunOutputs } from './types';

/** One row (or one window of a row) of a `runMany` item, routed to a bucket but not yet padded. */
export interface Piece {
  item: number;
  row: number;
  span: Span | null;
  bucketIndex: number;
  feeds: Feeds;
  /** Real size along each bucketed dim. */
  valid: number[];
}

export const bucketName = (bucket: readonly number[]) => bucket.join('x');

export interface RouteContext {
  buckets: number[][];
  dims: readonly string[];
  layouts: InputLayout[];
  overflow: Overflow;
  windowStride?: number;
  kernel?: BucketKernel;
}

/** A row as pieces: through the user's kernel (already padded to its bucket), or routed with the overflow policy. */
export function piecesOfRow(ctx: RouteContext, row: Feeds, sizes: number[]): Omit<Piece, 'item' | 'row'>[] {
  if (ctx.kernel) {
    const result: KernelResult = ctx.kernel(row, {
      buckets: ctx.buckets,
      dims: ctx.dims,
      sizes,
      pad: (r, b) => padRow(r, ctx.layouts, ctx.buckets[b]),
    });
    const bucket = ctx.buckets[result?.bucketIndex];
    if (!bucket)
      throw new BucketedSessionError(
        'BAD_KERNEL',
        `The kernel chose bucket index ${String(result?.bucketIndex)}, but there are ${ctx.buckets.length} buckets.`,
      );
    const got = measureRow(result.feeds, ctx.layouts, ctx.dims);
    if (got.some((g, i) => g !== bucket[i])) {
      throw new BucketedSessionError(
        'BAD_KERNEL',
        `The kernel returned feeds of size ${bucketName(got)} for bucket ${bucketName(bucket)}; pad them to the bucket (context.pad does).`,
      );
    }
    return [{ span: null, bucketIndex: result.bucketIndex, feeds: result.feeds, valid: [...(result.valid ?? sizes)] }];
  }
  const route = routeShape(sizes, ctx.buckets, ctx.overflow, ctx.windowStride);
  if (route.kind === 'fit') return [{ span: null, bucketIndex: route.bucketIndex, feeds: row, valid: sizes }];
  if (route.kind === 'truncate') {
    return [
      {
        span: null,
        bucketIndex: route.bucketIndex,
        feeds: truncateRow(row, ctx.layouts, route.keep),
        valid: route.keep,
      },
    ];
  }
  return route.windows.map((span) => ({
    span,
    bucketIndex: route.bucketIndex,
    feeds: windowOfRow(row, ctx.layouts, span),
    valid: [span.end - span.start],
  }));
}

/**
 * The row that fills a static batch's empty slots (option `emptyRow`): each named input's leading values,
 * the other inputs their pad value, as a [1, n] row to be padded to each bucket.
 */
export function emptyRowFeeds(
  emptyRow: Record<string, readonly number[]>,
  layouts: readonly InputLayout[],
  types: Readonly<Record<string, string>>,
  dimCount: number,
): Feeds {
  if (dimCount !== 1)
    throw new BucketedSessionError('BAD_OPTIONS', '`emptyRow` is for models with one bucketed dim only.');
  for (const name of Object.keys(emptyRow)) {
    const values = emptyRow[name];
    if (!layouts.some((l) => l.name === name))
      throw new BucketedSessionError(
        'BAD_OPTIONS',
        `emptyRow names "${name}", which is not an input of the model (${layouts.map((l) => l.name).join(', ')}).`,
      );
    if (!Array.isArray(values) || values.length === 0)
      throw new BucketedSessionError('BAD_OPTIONS', `emptyRow.${name} must be a non-empty list of numbers.`);
  }
  const length = Math.max(...Object.values(emptyRow).map((v) => v.length));
  const row: Feeds = {};
  for (const l of layouts) {
    if (l.batchAxis !== 0 || l.dimAxes[0] !== 1) {
      throw new BucketedSessionError(
        'BAD_OPTIONS',
        `emptyRow needs inputs shaped [batch, length]; "${l.name}" is not, so leave emptyRow out.`,
      );
    }
    const given = emptyRow[l.name] ?? [];
    const values = Array.from({ length }, (_, i) => given[i] ?? l.padValue);
    row[l.name] = { data: toElementType(values, types[l.name], `emptyRow.${l.name}`), dims: [1, length] };
  }
  return row;
}

/** Output tensors of one piece, with the axis of each bucketed dim (for merging windows). */
export type PieceOutputs = Record<string, OutputTensor & { axes: number[] }>;

/** One item's outputs in its input's row order: windows merged back into their row, rows concatenated. */
export function gatherItem(
  item: number,
  rows: number,
  pieces: readonly Piece[],
  outputs: readonly PieceOutputs[],
  rowSize: ReadonlyMap<string, number>,
  hasBatchAxis: boolean,
): RunOutputs {
  const perRow: Record<string, OutputTensor>[] = [];
  for (let r = 0; r < rows; r++) {
    const mine = pieces.map((p, i) => ({ p, out: outputs[i] })).filter(({ p }) => p.item === item && p.row === r);
    if (mine.length === 1) {
      perRow.push(mine[0].out);
      continue;
    }
    const merged: Record<string, OutputTensor> = {};
    for (const name of Object.keys(mine[0].out)) {
      const axis = mine[0].out[name].axes[0];
      if (axis < 0)
        throw new BucketedSessionError(
          'BAD_MODEL',
          `Output "${name}" has no bucketed axis, so its windows cannot be merged; use overflow 'truncate'.`,
        );
      const parts = mine.map(({ p, out }) => ({ span: p.span!, output: out[name] as DenseTensor }));
      merged[name] = {
        ...mergeWindowOutputs(parts, axis, rowSize.get(`${item}/${r}`)!),
        type: mine[0].out[name].type,
      };
    }
    perRow.push(merged);
  }
  const result: RunOutputs = {};
  for (const name of Object.keys(perRow[0] ?? {})) {
    const t = concatRows(
      perRow.map((o) => o[name]),
      hasBatchAxis,
    );
    result[name] = { data: t.data, dims: t.dims, type: perRow[0][name].type };
  }
  return result;
}
