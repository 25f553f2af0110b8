// The eval:ner path in Node: the app's NER pipeline (src/core/ner: planSegments, padBatch, decodeText,
// applyScoreThreshold) around onnxruntime-web's WASM backend, so the F1 it measures is the F1 of what the
// page shows. Used by scripts/eval-ner.ts and by e2e/eval-parity.spec.ts, which checks it tag for tag
// against the app's worker.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { joinWords, wordTagsFromEntities } from '../../src/core/eval/word-tags';
import {
  applyScoreThreshold,
  decodeText,
  planSegments,
  scoreThresholdFromConfig,
  wordTransitionsFromConfig,
  type AggregationStrategy,
  type GroupEntity,
  type SpecialIds,
  type Transitions,
} from '../../src/core/ner';
import { padBatch } from '../../src/core/routing';
import { loadTokenizer } from './tokenize-node';

type Tokenizer = Awaited<ReturnType<typeof loadTokenizer>>;

export interface EvalModel {
  session: ort.InferenceSession;
  tokenizer: Tokenizer;
  labels: string[];
  maxPositions: number;
  wordTransitions: Transitions | null;
  /** The model's suggested threshold (config.json bucketwise.scoreThreshold), null when it has none. */
  scoreThreshold: number | null;
  special: SpecialIds;
  padId: number;
  config: Record<string, unknown>;
}

/** Loads a model folder laid out like public/models/bucketwise-ner (config.json, tokenizer, onnx/model.onnx). */
export async function loadEvalModel(modelDir: string): Promise<EvalModel> {
  const config = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf-8')) as Record<string, unknown>;
  const id2label = config.id2label as Record<string, string>;
  const labels = Object.keys(id2label)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => id2label[k]!);
  const tokenizer = await loadTokenizer(modelDir);
  ort.env.wasm.numThreads = 1; // the CPU is shared; one thread keeps the run polite and deterministic
  const session = await ort.InferenceSession.create(readFileSync(join(modelDir, 'onnx', 'model.onnx')));
  const id = (token: string) => tokenizer.convert_tokens_to_ids(token) as number;
  return {
    session,
    tokenizer,
    labels,
    maxPositions: Number(config.max_position_embeddings),
    wordTransitions: wordTransitionsFromConfig(config, labels),
    scoreThreshold: scoreThresholdFromConfig(config),
    special: { cls: id('[CLS]'), sep: id('[SEP]') },
    padId: tokenizer.pad_token_id ?? 0,
    config,
  };
}

export interface TagOptions {
  /** Largest model input in tokens (with [CLS] and [SEP]); longer sentences are windowed, as in the app. */
  maxBucket: number;
  /** Rows per model run. */
  batchRows: number;
  strategy: AggregationStrategy;
  /** Skip the model's word-level Viterbi table (per-word argmax). */
  argmax?: boolean;
}

/** Every entity of each sentence (no threshold yet), found by the app's pipeline on the words joined by spaces. */
export async function entitiesOfSentences(
  model: EvalModel,
  sentences: readonly (readonly string[])[],
  options: TagOptions,
): Promise<GroupEntity[][]> {
  const texts = sentences.map((words) => joinWords(words).text);
  const tokens = texts.map((text) => model.tokenizer.tokenize(text));
  const ids = tokens.map((t) => model.tokenizer.convert_tokens_to_ids(t) as number[]);
  const plan = planSegments(ids, options.maxBucket, 'window', model.special);
  const logits: Float32Array[] = new Array(plan.segments.length);
  // Similar lengths share a run; padding never changes a row's logits (the model is padding-invariant).
  const order = plan.segments
    .map((_, i) => i)
    .sort((a, b) => plan.segments[a]!.ids.length - plan.segments[b]!.ids.length);
  const numLabels = model.labels.length;
  for (let from = 0; from < order.length; from += options.batchRows) {
    const batch = order.slice(from, from + options.batchRows);
    const rows = batch.map((i) => plan.segments[i]!.ids);
    const width = Math.max(...rows.map((r) => r.length));
    const padded = padBatch(rows, width, rows.length, model.padId, model.special.cls);
    const tensor = (values: Int32Array) =>
      new ort.Tensor(
        'int64',
        BigInt64Array.from(values, (v) => BigInt(v)),
        [rows.length, width],
      );
    const output = await model.session.run({
      input_ids: tensor(padded.inputIds),
      attention_mask: tensor(padded.attentionMask),
      token_type_ids: tensor(new Int32Array(rows.length * width)),
    });
    const data = output.logits!.data as Float32Array;
    batch.forEach((i, r) => {
      const length = rows[r]!.length;
      logits[i] = data.slice(r * width * numLabels, (r * width + length) * numLabels);
    });
  }
  return texts.map((text, t) => {
    const mine = plan.segments.flatMap((s, i) => (s.textIndex === t ? [i] : []));
    return decodeText({
      text,
      tokens: tokens[t]!,
      keptTokens: plan.keptTokens[t]!,
      segments: mine.map((i) => ({ start: plan.segments[i]!.start, end: plan.segments[i]!.end, logits: logits[i]! })),
      id2label: model.labels,
      strategy: options.strategy,
      wordTransitions: options.argmax ? null : model.wordTransitions,
    }) as GroupEntity[];
  });
}

/** Word tags of each sentence from its entities, hiding those below `threshold` as the page does. */
export function tagsAtThreshold(
  sentences: readonly (readonly string[])[],
  entities: readonly GroupEntity[][],
  threshold: number | null,
): string[][] {
  return sentences.map((words, s) =>
    wordTagsFromEntities(joinWords(words).spans, applyScoreThreshold(entities[s]!, threshold).shown),
  );
}
