import { decodeText, planSegments, type SpecialIds, type Transitions } from '../../src/core/ner';
import type { ClassifyItemResult, ClassifyParams, EntityResult, RunStats } from '../../src/protocol/types';
import type { Tokenizer } from './model-loader';
import type { NerRunner, RunConfig } from './ner-runner';

export type { SpecialIds } from '../../src/core/ner';

export interface EncodedText {
  text: string;
  /** Word-piece tokens of the text, without special tokens. */
  tokens: string[];
  /** Ids of `tokens` (same length). */
  ids: number[];
}

export function encodeTexts(tokenizer: Tokenizer, texts: string[]): EncodedText[] {
  return texts.map((text) => {
    const tokens = tokenizer.tokenize(text);
    const ids = tokenizer.convert_tokens_to_ids(tokens) as number[];
    return { text, tokens, ids };
  });
}

export interface ClassifyOutput {
  results: ClassifyItemResult[];
  stats: RunStats;
}

/** tokenize -> plan segments -> run them -> decode each text; every step but the run is src/core/ner. */
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
  const encoded = encodeTexts(tokenizer, params.texts);
  const maxBucket = config.buckets[config.buckets.length - 1]!;
  const plan = planSegments(
    encoded.map((e) => e.ids),
    maxBucket,
    params.overflow,
    special,
    params.stride,
  );
  const out = await runner.run(
    plan.segments.map((s) => s.ids),
    params.mode,
    config,
    signal,
    onBatch,
  );
  const results: ClassifyItemResult[] = encoded.map((enc, textIndex) => {
    const mine = plan.segments.flatMap((s, i) => (s.textIndex === textIndex ? [i] : []));
    const entities: EntityResult[] = decodeText({
      text: enc.text,
      tokens: enc.tokens,
      keptTokens: plan.keptTokens[textIndex]!,
      segments: mine.map((i) => ({
        start: plan.segments[i]!.start,
        end: plan.segments[i]!.end,
        logits: out.logits[i]!,
      })),
      id2label: labels,
      strategy: params.aggregation,
      wordTransitions: wordTransitions ?? null,
      ...(params.ignoreLabels ? { ignoreLabels: params.ignoreLabels } : {}),
    });
    return {
      entities,
      tokenCount: enc.ids.length + 2,
      buckets: mine.map((i) => out.shapeOf[i]!),
      truncated: plan.truncated[textIndex]!,
    };
  });
  return { results, stats: out.stats };
}
