import { alignTokensToText, classifyTokens, mergeWindowLogits, TextTooLongError, type Transitions } from '../../src/core/ner';
import { splitIntoWindows } from '../../src/core/routing';
import { WorkerError } from '../../src/protocol/errors';
import type { ClassifyItemResult, ClassifyParams, EntityResult, Mode, RunStats } from '../../src/protocol/types';
import type { Tokenizer } from './model-loader';
import type { NerRunner, RunConfig } from './ner-runner';

export interface EncodedText {
  text: string;
  /** Word-piece tokens of the text, without special tokens. */
  tokens: string[];
  /** Ids of `tokens` (same length). */
  ids: number[];
}

export interface SpecialIds {
  cls: number;
  sep: number;
}

export function encodeTexts(tokenizer: Tokenizer, texts: string[]): EncodedText[] {
  return texts.map((text) => {
    const tokens = tokenizer.tokenize(text);
    const ids = tokenizer.convert_tokens_to_ids(tokens) as number[];
    return { text, tokens, ids };
  });
}

/** One model input: a window of a text's tokens framed by [CLS] ... [SEP]. */
interface Segment {
  textIndex: number;
  start: number;
  end: number;
  ids: number[];
}

/**
 * Cuts each text into model inputs that fit the largest bucket (two positions go to [CLS] and [SEP]).
 * `window` keeps every token by overlapping windows, `truncate` keeps the head, `reject` refuses.
 */
export function segmentTexts(
  encoded: EncodedText[],
  maxBucket: number,
  policy: ClassifyParams['overflow'],
  special: SpecialIds,
  stride?: number,
): { segments: Segment[]; truncated: boolean[] } {
  const capacity = maxBucket - 2;
  if (capacity < 1) throw new WorkerError('BAD_INPUT', `The largest bucket (${maxBucket}) leaves no room for text after [CLS] and [SEP].`, 'Use a largest bucket of at least 3 tokens.');
  const segments: Segment[] = [];
  const truncated: boolean[] = [];
  encoded.forEach((enc, textIndex) => {
    const n = enc.ids.length;
    const frame = (start: number, end: number) => ({ textIndex, start, end, ids: [special.cls, ...enc.ids.slice(start, end), special.sep] });
    truncated.push(false);
    if (n <= capacity) {
      segments.push(frame(0, n));
      return;
    }
    if (policy === 'reject') {
      throw new TextTooLongError(`Text ${textIndex + 1} has ${n + 2} tokens, more than the largest bucket (${maxBucket}).`);
    }
    if (policy === 'truncate') {
      truncated[textIndex] = true;
      segments.push(frame(0, capacity));
      return;
    }
    const step = stride ?? Math.max(1, Math.floor(capacity / 2));
    if (!Number.isInteger(step) || step < 1 || step > capacity) {
      throw new WorkerError('BAD_INPUT', `Window stride ${step} must be an integer from 1 to ${capacity}.`, 'Pick a stride no larger than the largest bucket minus 2.');
    }
    for (const w of splitIntoWindows(n, capacity, step)) segments.push(frame(w.start, w.end));
  });
  return { segments, truncated };
}

export interface ClassifyOutput {
  results: ClassifyItemResult[];
  stats: RunStats;
}

export async function classifyTexts(
  runner: NerRunner,
  tokenizer: Tokenizer,
  labels: string[],
  params: ClassifyParams,
  config: RunConfig,
  special: SpecialIds,
  signal: AbortSignal,
  onBatch?: (done: number, total: number) => void,
  /** The model's word-level transition scores, used by the word strategies (first, average, max). */
  wordTransitions?: Transitions | null,
): Promise<ClassifyOutput> {
  const wordLevel = params.aggregation === 'first' || params.aggregation === 'average' || params.aggregation === 'max';
  const encoded = encodeTexts(tokenizer, params.texts);
  const maxBucket = config.buckets[config.buckets.length - 1]!;
  const { segments, truncated } = segmentTexts(encoded, maxBucket, params.overflow, special, params.stride);
  const mode: Mode = params.mode;
  const out = await runner.run(segments.map((s) => s.ids), mode, config, signal, onBatch);
  const numLabels = labels.length;

  const results: ClassifyItemResult[] = encoded.map((enc, textIndex) => {
    const mine = segments.map((s, i) => ({ s, i })).filter(({ s }) => s.textIndex === textIndex);
    // Drop the [CLS]/[SEP] rows: windows are merged over the text's own tokens.
    const windows = mine.map(({ s, i }) => ({
      start: s.start,
      end: s.end,
      logits: out.logits[i]!.subarray(numLabels, numLabels * (s.end - s.start + 1)),
    }));
    const keptTokens = truncated[textIndex] ? enc.tokens.slice(0, maxBucket - 2) : enc.tokens;
    const logits = windows.length === 1 ? windows[0]!.logits : mergeWindowLogits(windows, keptTokens.length, numLabels);
    const offsets = alignTokensToText(enc.text, keptTokens);
    const entities = classifyTokens({
      text: enc.text,
      tokens: keptTokens,
      offsets,
      logits,
      id2label: labels,
      strategy: params.aggregation,
      // Number tokens as the Hugging Face pipeline does: index 0 is [CLS], the first real token is 1.
      firstIndex: 1,
      ...(wordLevel && wordTransitions ? { wordTransitions } : {}),
      ...(params.ignoreLabels ? { ignoreLabels: params.ignoreLabels } : {}),
    }) as EntityResult[];
    return {
      entities,
      tokenCount: enc.ids.length + 2,
      buckets: mine.map(({ i }) => out.shapeOf[i]!),
      truncated: truncated[textIndex]!,
    };
  });
  return { results, stats: out.stats };
}
