import { NerError } from './errors';

/**
 * Row-wise softmax of a (rows x numLabels) logits matrix, subtracting each row's maximum first so large
 * logits cannot overflow. Returns a new array of the same shape.
 */
export function softmax(logits: ArrayLike<number>, numLabels: number): Float32Array {
  assertShape(logits.length, numLabels);
  const out = new Float32Array(logits.length);
  for (let row = 0; row < logits.length; row += numLabels) {
    let max = -Infinity;
    for (let j = 0; j < numLabels; j++) max = Math.max(max, logits[row + j]);
    let sum = 0;
    for (let j = 0; j < numLabels; j++) sum += Math.exp(logits[row + j] - max);
    for (let j = 0; j < numLabels; j++) out[row + j] = Math.exp(logits[row + j] - max) / sum;
  }
  return out;
}

/** Index of the largest value in row `row`; the first one on ties, like numpy's argmax. */
export function argmaxRow(values: ArrayLike<number>, row: number, numLabels: number): number {
  let best = 0;
  const base = row * numLabels;
  for (let j = 1; j < numLabels; j++) if (values[base + j] > values[base + best]) best = j;
  return best;
}

function assertShape(length: number, numLabels: number): void {
  if (!Number.isInteger(numLabels) || numLabels < 1) {
    throw new NerError(
      'BAD_LABELS',
      `The number of labels must be a positive integer, got ${numLabels}; check id2label in config.json.`,
    );
  }
  if (length % numLabels !== 0) {
    throw new NerError(
      'SHAPE_MISMATCH',
      `${length} logits do not split into rows of ${numLabels} labels; the model's output does not match its config.json labels.`,
    );
  }
}
