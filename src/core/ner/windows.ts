import { splitIntoWindows } from '../routing';
import type { Span } from './align';
import { NerError, TextTooLongError } from './errors';

export type OverflowPolicy = 'window' | 'truncate' | 'reject';

/** One window's output: the token range it covered and its logits, one row per token in [start, end). */
export interface WindowLogits {
  start: number;
  end: number;
  logits: ArrayLike<number>;
}

/**
 * Stitches the logits of overlapping windows back into one (totalTokens x numLabels) matrix. Each token
 * takes its row from the window in which it lies furthest from a cut edge, so it is judged with the most
 * context on both sides; an edge that is also the start or end of the whole text is no cut and does not
 * count. A token therefore comes from exactly one window, so an entity across a seam is neither lost nor
 * reported twice. Ties go to the earlier window in the list.
 *
 * Pass rows for the text's own tokens only (drop the [CLS]/[SEP] rows of each window first).
 * @throws NerError BAD_WINDOWS when a window is malformed or some token is in no window.
 */
export function mergeWindowLogits(
  windows: readonly WindowLogits[],
  totalTokens: number,
  numLabels: number,
): Float32Array {
  if (!Number.isInteger(totalTokens) || totalTokens < 0 || !Number.isInteger(numLabels) || numLabels < 1) {
    throw new NerError(
      'BAD_WINDOWS',
      `Cannot merge windows into ${totalTokens} tokens x ${numLabels} labels; both must be whole numbers (labels >= 1).`,
    );
  }
  windows.forEach((w, i) => {
    if (
      !Number.isInteger(w.start) ||
      !Number.isInteger(w.end) ||
      w.start < 0 ||
      w.end > totalTokens ||
      w.start >= w.end
    ) {
      throw new NerError(
        'BAD_WINDOWS',
        `Window ${i} [${w.start}, ${w.end}) is not a non-empty range inside the ${totalTokens} tokens.`,
      );
    }
    if (w.logits.length !== (w.end - w.start) * numLabels) {
      throw new NerError(
        'BAD_WINDOWS',
        `Window ${i} covers ${w.end - w.start} tokens but has ${w.logits.length} logits, not ${(w.end - w.start) * numLabels}; ` +
          'drop the [CLS]/[SEP] and padding rows before merging.',
      );
    }
  });
  const merged = new Float32Array(totalTokens * numLabels);
  // Sweep the tokens left to right keeping only the windows that contain the current one, so the cost is
  // tokens x overlapping windows rather than tokens x all windows.
  const byStart = windows.map((_, i) => i).sort((a, b) => windows[a].start - windows[b].start || a - b);
  let next = 0;
  let active: number[] = [];
  for (let t = 0; t < totalTokens; t++) {
    while (next < byStart.length && windows[byStart[next]].start <= t) active.push(byStart[next++]);
    active = active.filter((i) => windows[i].end > t);
    let best = -1;
    let bestMargin = -1;
    for (const i of active) {
      const w = windows[i];
      const left = w.start === 0 ? Infinity : t - w.start;
      const right = w.end === totalTokens ? Infinity : w.end - 1 - t;
      const margin = Math.min(left, right);
      if (margin > bestMargin || (margin === bestMargin && i < best)) {
        bestMargin = margin;
        best = i;
      }
    }
    if (best < 0) {
      throw new NerError(
        'BAD_WINDOWS',
        `Token ${t} lies in no window; windows must cover every token from 0 to ${totalTokens}.`,
      );
    }
    const w = windows[best];
    const from = (t - w.start) * numLabels;
    for (let j = 0; j < numLabels; j++) merged[t * numLabels + j] = w.logits[from + j];
  }
  return merged;
}

export interface OverflowPlan {
  /** Token ranges to run, each short enough for the largest bucket. One span when the text fits. */
  spans: Span[];
  /** Tokens that will be classified: all of them, or the head under `truncate`. */
  keptTokens: number;
  truncated: boolean;
}

/**
 * What to run for a text of `tokenCount` tokens (special tokens excluded) when a model input holds at most
 * `capacity` of them (the largest bucket minus [CLS] and [SEP]).
 * - window: overlapping windows advancing by `stride` tokens (default half a window), via splitIntoWindows;
 * - truncate: the first `capacity` tokens;
 * - reject: TextTooLongError.
 */
export function planOverflow(
  tokenCount: number,
  capacity: number,
  policy: OverflowPolicy,
  stride?: number,
): OverflowPlan {
  if (!Number.isInteger(tokenCount) || tokenCount < 0) {
    throw new NerError('BAD_OPTION', `Token count ${tokenCount} must be a whole number.`);
  }
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new NerError(
      'BAD_OPTION',
      `Window capacity ${capacity} must be a positive whole number; the largest bucket needs room beyond [CLS] and [SEP].`,
    );
  }
  if (tokenCount <= capacity)
    return { spans: [{ start: 0, end: tokenCount }], keptTokens: tokenCount, truncated: false };
  switch (policy) {
    case 'reject':
      throw new TextTooLongError(tokenCount, capacity);
    case 'truncate':
      return { spans: [{ start: 0, end: capacity }], keptTokens: capacity, truncated: true };
    case 'window': {
      const step = stride ?? Math.max(1, Math.floor(capacity / 2));
      if (!Number.isInteger(step) || step < 1 || step > capacity) {
        throw new NerError(
          'BAD_OPTION',
          `Stride ${step} must be a whole number from 1 to ${capacity} (the window length), or windows would skip tokens.`,
        );
      }
      return { spans: splitIntoWindows(tokenCount, capacity, step), keptTokens: tokenCount, truncated: false };
    }
    default: {
      const unknown: never = policy;
      throw new NerError('BAD_OPTION', `Unknown overflow policy "${String(unknown)}"; use window, truncate or reject.`);
    }
  }
}
