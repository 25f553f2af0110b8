import { NerError } from './errors';
import type { Transitions } from './viterbi';

/**
 * Per-position label probabilities of a linear chain (forward-backward), the chain `viterbiDecode`
 * searches: score(path) = sum of emissions + start + transitions, P(path) = exp(score) / Z. Returns
 * rows x numLabels marginals P(label at row = j), each row summing to 1. Viterbi picks the best whole path;
 * these say how likely each of its labels is under the same model, which is what an entity's score must
 * mean once the decoder may override a word's own argmax.
 *
 * Computed in log space so long chains neither underflow nor overflow. When every path is forbidden
 * (-Infinity everywhere), each row falls back to the softmax of its own emissions, as the decoder falls
 * back to each row's argmax.
 */
export function chainMarginals(
  logEmissions: ArrayLike<number>,
  numLabels: number,
  transitions: Transitions,
): Float64Array {
  const rows = Math.floor(logEmissions.length / numLabels);
  const { matrix, start } = transitions;
  if (
    matrix.length !== numLabels * numLabels ||
    (start && start.length !== numLabels) ||
    rows * numLabels !== logEmissions.length
  ) {
    throw new NerError(
      'BAD_TRANSITIONS',
      `Marginals need ${numLabels}x${numLabels} transitions and emissions in rows of ${numLabels}.`,
    );
  }
  const out = new Float64Array(rows * numLabels);
  if (rows === 0) return out;
  const alpha = new Float64Array(rows * numLabels);
  const beta = new Float64Array(rows * numLabels);
  const terms = new Float64Array(numLabels);
  for (let j = 0; j < numLabels; j++) alpha[j] = logEmissions[j] + (start ? start[j] : 0);
  for (let r = 1; r < rows; r++) {
    for (let to = 0; to < numLabels; to++) {
      for (let from = 0; from < numLabels; from++)
        terms[from] = alpha[(r - 1) * numLabels + from] + matrix[from * numLabels + to];
      alpha[r * numLabels + to] = logSumExp(terms) + logEmissions[r * numLabels + to];
    }
  }
  // beta[last] = log 1 = 0 (already zero).
  for (let r = rows - 2; r >= 0; r--) {
    for (let from = 0; from < numLabels; from++) {
      for (let to = 0; to < numLabels; to++) {
        terms[to] =
          matrix[from * numLabels + to] + logEmissions[(r + 1) * numLabels + to] + beta[(r + 1) * numLabels + to];
      }
      beta[r * numLabels + from] = logSumExp(terms);
    }
  }
  const logZ = logSumExp(alpha.subarray((rows - 1) * numLabels));
  if (logZ === -Infinity) {
    for (let r = 0; r < rows; r++) {
      const row = Float64Array.from({ length: numLabels }, (_, j) => logEmissions[r * numLabels + j]);
      const norm = logSumExp(row);
      for (let j = 0; j < numLabels; j++) out[r * numLabels + j] = Math.exp(row[j] - norm);
    }
    return out;
  }
  for (let k = 0; k < out.length; k++) out[k] = Math.exp(alpha[k] + beta[k] - logZ);
  return out;
}

function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let k = 0; k < values.length; k++) if (values[k] > max) max = values[k];
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += Math.exp(values[k] - max);
  return max + Math.log(sum);
}
