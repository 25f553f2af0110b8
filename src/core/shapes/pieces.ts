import { mergeWindowLogits } from '../ner/windows';
import type { Span } from '../routing';
import { ShapeError } from './errors';
import { cropTo, type DenseTensor, padTo, sliceAxis, stackRows, takeRow } from './ndarray';

/**
 * The steps between "an item of any size" and "rows of a static batch", and back: split an item into
 * rows, measure a row along the bucketed dims, cut it to a window or truncate it, pad it to its bucket,
 * crop an output row back to the real size, and merge window outputs. A bucketed session only adds the
 * model calls in between.
 */

export type Feeds = Record<string, DenseTensor>;

/** How one model input is laid out and padded. */
export interface InputLayout {
  name: string;
  /** Axis of the batch dimension (0), or -1 when the input has no batch axis. */
  batchAxis: number;
  /** Axis of each bucketed dimension, -1 where the input lacks it. */
  dimAxes: number[];
  /** Value written into padding (e.g. the pad token id for ids, 0 for an attention mask). */
  padValue: number;
}

/** Number of rows of an item: the size of the batch axis, checked to agree across inputs. */
export function rowCount(feeds: Feeds, layouts: readonly InputLayout[]): number {
  let rows: number | undefined;
  for (const l of layouts) {
    const t = requireFeed(feeds, l.name);
    if (l.batchAxis < 0) continue;
    if (l.batchAxis !== 0)
      throw new ShapeError(
        'BAD_DIMS',
        `Input "${l.name}" has its batch on axis ${l.batchAxis}; only a leading batch axis is supported.`,
      );
    const n = t.dims[0];
    if (rows !== undefined && n !== rows) {
      throw new ShapeError(
        'MIXED_SHAPES',
        `Input "${l.name}" has ${n} rows but an earlier input has ${rows}: every input needs the same batch size.`,
      );
    }
    rows = n;
  }
  return rows ?? 1;
}

function requireFeed(feeds: Feeds, name: string): DenseTensor {
  const t = feeds[name];
  if (!t || !t.data || !Array.isArray(t.dims)) {
    throw new ShapeError(
      'BAD_DIMS',
      `The input "${name}" is missing: give a tensor { data, dims } for every model input (${name}).`,
    );
  }
  return t;
}

/** Row r of an item (batch axis kept, size 1); inputs without a batch axis are shared by every row. */
export function rowOf(feeds: Feeds, layouts: readonly InputLayout[], r: number): Feeds {
  const out: Feeds = {};
  for (const l of layouts) {
    const t = requireFeed(feeds, l.name);
    out[l.name] = l.batchAxis === 0 ? takeRow(t, r) : t;
  }
  return out;
}

/**
 * Sizes of a row along the bucketed dims, read from the first input that has each dim; every other
 * input with that dim must agree.
 */
export function measureRow(row: Feeds, layouts: readonly InputLayout[], dimNames: readonly string[]): number[] {
  return dimNames.map((dim, i) => {
    let size: number | undefined;
    let from = '';
    for (const l of layouts) {
      const axis = l.dimAxes[i];
      if (axis < 0) continue;
      const t = requireFeed(row, l.name);
      if (axis >= t.dims.length)
        throw new ShapeError(
          'BAD_DIMS',
          `Input "${l.name}" has shape [${t.dims.join(', ')}], with no axis ${axis} for "${dim}".`,
        );
      const n = t.dims[axis];
      if (size !== undefined && n !== size) {
        throw new ShapeError(
          'MIXED_SHAPES',
          `Input "${l.name}" has ${dim} = ${n} but "${from}" has ${size}: inputs that share a dimension must agree.`,
        );
      }
      size = n;
      from = l.name;
    }
    if (size === undefined) throw new ShapeError('UNKNOWN_DIM', `No input has the dimension "${dim}".`);
    return size;
  });
}

/** The box [0, keep) of a row along the bucketed dims (truncation). */
export function truncateRow(row: Feeds, layouts: readonly InputLayout[], keep: readonly number[]): Feeds {
  const out: Feeds = {};
  for (const l of layouts) {
    let t = row[l.name];
    l.dimAxes.forEach((axis, i) => {
      if (axis >= 0 && t.dims[axis] > keep[i]) t = sliceAxis(t, axis, 0, keep[i]);
    });
    out[l.name] = t;
  }
  return out;
}

/** Positions [span.start, span.end) of the one bucketed dim (a window). */
export function windowOfRow(row: Feeds, layouts: readonly InputLayout[], span: Span): Feeds {
  const out: Feeds = {};
  for (const l of layouts) {
    const axis = l.dimAxes[0];
    out[l.name] = axis >= 0 ? sliceAxis(row[l.name], axis, span.start, span.end) : row[l.name];
  }
  return out;
}

/** Pads every input of a row to the bucket along its bucketed axes, with the input's pad value. */
export function padRow(row: Feeds, layouts: readonly InputLayout[], bucket: readonly number[]): Feeds {
  const out: Feeds = {};
  for (const l of layouts) {
    const t = row[l.name];
    const target = [...t.dims];
    l.dimAxes.forEach((axis, i) => {
      if (axis >= 0) target[axis] = bucket[i];
    });
    out[l.name] = padTo(t, target, l.padValue);
  }
  return out;
}

/**
 * Stacks padded rows into one static batch of `batchSize` rows per input; the missing rows are all
 * padding (an empty row's mask is all 0: rows do not attend to each other, so it changes no real row).
 */
export function stackBatch(rows: readonly Feeds[], layouts: readonly InputLayout[], batchSize: number): Feeds {
  const out: Feeds = {};
  for (const l of layouts) {
    if (l.batchAxis < 0) {
      if (batchSize !== 1)
        throw new ShapeError('BAD_BATCH_SIZES', `Input "${l.name}" has no batch axis, so only batch size 1 can run.`);
      out[l.name] = rows[0][l.name];
    } else {
      out[l.name] = stackRows(
        rows.map((r) => r[l.name]),
        batchSize,
        l.padValue,
      );
    }
  }
  return out;
}

/**
 * Axis of each bucketed dim in an output: the axes its declared shape names (`named`), or else the
 * axis the inputs use when the output has the bucket's size there (a model whose outputs name their
 * dims differently). -1 when neither holds: that output is returned at the bucket's size, unsliced.
 */
export function outputAxes(
  named: readonly number[],
  inputAxes: readonly number[],
  outputDims: readonly number[],
  bucket: readonly number[],
): number[] {
  return named.map((axis, i) => {
    if (axis >= 0) return axis;
    const a = inputAxes[i];
    return a >= 0 && a < outputDims.length && outputDims[a] === bucket[i] ? a : -1;
  });
}

/** Row r of a batch output, cropped to `valid` along its bucketed axes (-1 axes stay as they are). */
export function cropOutputRow(
  batchOutput: DenseTensor,
  r: number,
  axes: readonly number[],
  valid: readonly number[],
  hasBatchAxis: boolean,
): DenseTensor {
  const row = hasBatchAxis ? takeRow(batchOutput, r) : batchOutput;
  const target = [...row.dims];
  axes.forEach((axis, i) => {
    if (axis >= 0) target[axis] = Math.min(valid[i], target[axis]);
  });
  return cropTo(row, target);
}

/**
 * Merges the outputs of the windows of one row (shape [1, window, ...]) along `axis` into one
 * [1, total, ...] output: each position comes from the window where it lies furthest from a cut
 * (core/ner's mergeWindowLogits, generalised to any trailing size).
 */
export function mergeWindowOutputs(
  parts: readonly { span: Span; output: DenseTensor }[],
  axis: number,
  total: number,
): DenseTensor {
  if (parts.length === 0) throw new ShapeError('BAD_DIMS', 'No window outputs to merge.');
  const dims = parts[0].output.dims;
  if (axis !== 1 || dims[0] !== 1) {
    throw new ShapeError(
      'BAD_DIMS',
      `Window outputs can be merged along the axis right after the batch only (output shape [${dims.join(', ')}], axis ${axis}); use overflow 'truncate' for this model.`,
    );
  }
  const inner = dims.slice(2).reduce((a, b) => a * b, 1);
  const data = parts[0].output.data;
  if (!(data instanceof Float32Array))
    throw new ShapeError('BAD_DIMS', 'Window outputs can be merged for float32 outputs only.');
  const merged = mergeWindowLogits(
    parts.map((p) => ({ start: p.span.start, end: p.span.end, logits: p.output.data as Float32Array })),
    total,
    inner,
  );
  return { data: merged, dims: [1, total, ...dims.slice(2)] };
}

/** The rows of one item's output back into one tensor along the batch axis. */
export function concatRows(rows: readonly DenseTensor[], hasBatchAxis: boolean): DenseTensor {
  if (!hasBatchAxis) return rows[0];
  if (rows.length === 1) return rows[0];
  return stackRows(
    rows,
    rows.reduce((s, r) => s + r.dims[0], 0),
    0,
  );
}
