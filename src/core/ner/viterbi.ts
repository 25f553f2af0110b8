import { NerError } from './errors';

/**
 * Label-transition scores for constrained decoding, in log space: `matrix[from * numLabels + to]` is added
 * when label `to` follows label `from`, and `start[to]` when a sequence begins with `to`. -Infinity forbids.
 */
export interface Transitions {
  matrix: ArrayLike<number>;
  start?: ArrayLike<number>;
}

/**
 * Transitions that only forbid what IOB2 forbids: an `I-X` may follow only `B-X` or `I-X`, and may not
 * start a sequence. Labels without a B-/I- prefix are unconstrained.
 */
export function bioTransitions(id2label: readonly string[]): Transitions {
  const n = id2label.length;
  const matrix = new Float32Array(n * n);
  const start = new Float32Array(n);
  for (let to = 0; to < n; to++) {
    const inside = id2label[to].startsWith('I-') ? id2label[to].slice(2) : null;
    if (inside === null) continue;
    start[to] = -Infinity;
    for (let from = 0; from < n; from++) {
      const label = id2label[from];
      const continues = label === `B-${inside}` || label === `I-${inside}`;
      if (!continues) matrix[from * n + to] = -Infinity;
    }
  }
  return { matrix, start };
}

/**
 * The highest-scoring label sequence for per-token log-probabilities (rows x numLabels) under the
 * transitions. If every sequence is forbidden, each token falls back to its own best label.
 */
export function viterbiDecode(logProbs: ArrayLike<number>, numLabels: number, transitions: Transitions): Int32Array {
  const rows = Math.floor(logProbs.length / numLabels);
  const { matrix, start } = transitions;
  if (matrix.length !== numLabels * numLabels || (start && start.length !== numLabels)) {
    throw new NerError(
      'BAD_TRANSITIONS',
      `Transitions must be ${numLabels}x${numLabels} (and a start vector of ${numLabels}) to match the labels.`,
    );
  }
  const labels = new Int32Array(rows);
  if (rows === 0) return labels;
  let score = new Float64Array(numLabels);
  let nextScore = new Float64Array(numLabels);
  const back = new Int32Array(rows * numLabels);
  for (let j = 0; j < numLabels; j++) score[j] = logProbs[j] + (start ? start[j] : 0);
  for (let r = 1; r < rows; r++) {
    for (let to = 0; to < numLabels; to++) {
      let best = -Infinity;
      let from = 0;
      for (let f = 0; f < numLabels; f++) {
        const s = score[f] + matrix[f * numLabels + to];
        if (s > best) {
          best = s;
          from = f;
        }
      }
      nextScore[to] = best + logProbs[r * numLabels + to];
      back[r * numLabels + to] = from;
    }
    [score, nextScore] = [nextScore, score];
  }
  let last = 0;
  for (let j = 1; j < numLabels; j++) if (score[j] > score[last]) last = j;
  if (score[last] === -Infinity) {
    for (let r = 0; r < rows; r++) {
      let best = 0;
      for (let j = 1; j < numLabels; j++) if (logProbs[r * numLabels + j] > logProbs[r * numLabels + best]) best = j;
      labels[r] = best;
    }
    return labels;
  }
  labels[rows - 1] = last;
  for (let r = rows - 1; r > 0; r--) labels[r - 1] = back[r * numLabels + labels[r]];
  return labels;
}
