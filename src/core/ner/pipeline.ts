import { alignTokensToText } from './align';
import { classifyTokens, type AggregationStrategy, type GroupEntity, type TokenEntity } from './classify';
import { NerError, TextTooLongError } from './errors';
import type { Transitions } from './viterbi';
import { mergeWindowLogits, planOverflow, type OverflowPolicy } from './windows';

/**
 * The NER pipeline between the tokenizer and the entities, shared by the worker (what users run) and
 * `npm run eval:ner` (the F1 the model card quotes), so the two cannot drift apart:
 *   tokenize (caller) -> planSegments -> run the model (caller) -> decodeText.
 */

/** Token ids of the special tokens that frame every model input. */
export interface SpecialIds {
  cls: number;
  sep: number;
}

/** One model input: tokens [start, end) of text `textIndex`, framed as [CLS] ... [SEP] in `ids`. */
export interface Segment {
  textIndex: number;
  start: number;
  end: number;
  ids: number[];
}

export interface SegmentPlan {
  /** Every text's segments, in text order. */
  segments: Segment[];
  /** Per text: how many of its tokens are classified (all, or the head under `truncate`). */
  keptTokens: number[];
  truncated: boolean[];
}

/**
 * Cuts each text (its token ids, without special tokens) into model inputs that fit the largest bucket,
 * two of whose positions go to [CLS] and [SEP], by the overflow policy (see planOverflow).
 * @throws TextTooLongError under `reject`, naming the text; NerError BAD_OPTION for a bucket too small
 *   for any text or a bad stride.
 */
export function planSegments(
  tokenIds: readonly (readonly number[])[],
  maxBucket: number,
  policy: OverflowPolicy,
  special: SpecialIds,
  stride?: number,
): SegmentPlan {
  const capacity = maxBucket - 2;
  if (!Number.isInteger(maxBucket) || capacity < 1) {
    throw new NerError(
      'BAD_OPTION',
      `The largest bucket (${maxBucket}) leaves no room for text after [CLS] and [SEP]; use a largest bucket of at least 3 tokens.`,
    );
  }
  const plan: SegmentPlan = { segments: [], keptTokens: [], truncated: [] };
  tokenIds.forEach((ids, textIndex) => {
    let overflow;
    try {
      overflow = planOverflow(ids.length, capacity, policy, stride);
    } catch (err) {
      if (!(err instanceof TextTooLongError)) throw err;
      throw new TextTooLongError(
        `Text ${textIndex + 1} has ${ids.length + 2} tokens, more than the largest bucket (${maxBucket}).`,
      );
    }
    for (const span of overflow.spans) {
      plan.segments.push({
        textIndex,
        start: span.start,
        end: span.end,
        ids: [special.cls, ...ids.slice(span.start, span.end), special.sep],
      });
    }
    plan.keptTokens.push(overflow.keptTokens);
    plan.truncated.push(overflow.truncated);
  });
  return plan;
}

/** One segment's model output: its token range and logits rows for [CLS], its tokens, [SEP] (and maybe padding). */
export interface SegmentLogits {
  start: number;
  end: number;
  logits: Float32Array;
}

export interface DecodeTextInput {
  text: string;
  /** The text's word-piece tokens (without special tokens); only the first `keptTokens` are decoded. */
  tokens: readonly string[];
  keptTokens: number;
  /** The outputs of the text's segments, in any order. */
  segments: readonly SegmentLogits[];
  id2label: readonly string[];
  strategy: AggregationStrategy;
  ignoreLabels?: readonly string[];
  /** The model's word-level decoding table (`wordTransitionsFromConfig`); applies to the word strategies. */
  wordTransitions?: Transitions | null;
}

const WORD_STRATEGIES: readonly AggregationStrategy[] = ['first', 'average', 'max'];

/**
 * One text's entities from its segments' logits: drop each segment's [CLS]/[SEP] rows, merge overlapping
 * windows, align tokens to characters, decode (word-level Viterbi when the model ships a table and the
 * strategy works on words) and aggregate.
 */
export function decodeText(input: DecodeTextInput): (TokenEntity | GroupEntity)[] {
  const numLabels = input.id2label.length;
  const tokens = input.tokens.slice(0, input.keptTokens);
  const windows = input.segments.map((s) => ({
    start: s.start,
    end: s.end,
    logits: s.logits.subarray(numLabels, numLabels * (s.end - s.start + 1)),
  }));
  const logits = windows.length === 1 ? windows[0].logits : mergeWindowLogits(windows, tokens.length, numLabels);
  const wordTransitions =
    input.wordTransitions && WORD_STRATEGIES.includes(input.strategy) ? input.wordTransitions : undefined;
  return classifyTokens({
    text: input.text,
    tokens,
    offsets: alignTokensToText(input.text, tokens),
    logits,
    id2label: input.id2label,
    strategy: input.strategy,
    // Number tokens as the Hugging Face pipeline does: index 0 is [CLS], the first real token is 1.
    firstIndex: 1,
    ...(wordTransitions ? { wordTransitions } : {}),
    ...(input.ignoreLabels ? { ignoreLabels: input.ignoreLabels } : {}),
  });
}
