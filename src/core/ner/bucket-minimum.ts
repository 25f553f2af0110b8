import { mergeWindowLogits, planOverflow } from './windows';

/** [CLS] and [SEP]: the worker frames every model input with them (workers/engine/ner-pipeline.ts). */
export const SPECIAL_TOKENS_PER_INPUT = 2;

/** The smallest bucket sizes the app accepts, and the figures behind them for the explanation. */
export interface BucketMinimums {
  /** Any bucket: the special tokens plus one real token. */
  smallest: number;
  /** The largest bucket: its window (largest - special tokens) must give every token some context. */
  largest: number;
}

/** Longest window capacity searched; the search ends far earlier (the answer is 3). */
const MAX_CAPACITY_SEARCHED = 64;

/**
 * The smallest usable bucket sizes, derived from the input framing and the window logic rather than
 * picked by hand:
 * - Any bucket must hold the special tokens and one real token: a bucket of 2 holds only [CLS] [SEP],
 *   so nothing can be routed to it.
 * - The largest bucket also sets the window for texts longer than it: capacity = largest - special
 *   tokens, advancing by half a window by default (planOverflow). Each token takes its logits from the
 *   window in which it lies furthest from a cut (mergeWindowLogits). The capacity must be big enough that,
 *   in that window, every token has a neighbour on both sides (or is at the start or end of the text).
 *   With capacity 1 (largest bucket 3) every token is classified alone: a 15-token text became 15
 *   one-token windows and the labels were noise. With capacity 2 every inner token sits at a cut edge.
 *   Capacity 3 (largest bucket 5 for BERT) is the first that gives every token context on both sides.
 * A user-chosen stride may still trade context for speed; that is their choice, not a broken bucket.
 */
export function bucketMinimums(specialTokens = SPECIAL_TOKENS_PER_INPUT): BucketMinimums {
  for (let capacity = 1; capacity <= MAX_CAPACITY_SEARCHED; capacity++) {
    if (everyTokenHasContext(capacity)) return { smallest: specialTokens + 1, largest: specialTokens + capacity };
  }
  throw new Error(
    `No window of up to ${MAX_CAPACITY_SEARCHED} tokens gives every token context; the window logic changed.`,
  );
}

/**
 * Runs a long text through the real window plan and merge with one "label" per token: 1 where the window
 * holds the token with a neighbour on each side (or a text end), 0 where it is at a cut. The merge
 * chooses a window per token; context is kept when every chosen row is 1.
 */
function everyTokenHasContext(capacity: number): boolean {
  const tokens = capacity * 4 + 3;
  const plan = planOverflow(tokens, capacity, 'window');
  const windows = plan.spans.map((span) => {
    const logits = new Float32Array(span.end - span.start);
    for (let t = span.start; t < span.end; t++) {
      const left = t > span.start || span.start === 0;
      const right = t < span.end - 1 || span.end === tokens;
      logits[t - span.start] = left && right ? 1 : 0;
    }
    return { start: span.start, end: span.end, logits };
  });
  const merged = mergeWindowLogits(windows, tokens, 1);
  return merged.every((v) => v === 1);
}
