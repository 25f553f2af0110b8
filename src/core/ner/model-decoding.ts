import { NerError } from './errors';
import { isScoreThreshold } from './threshold';
import type { Transitions } from './viterbi';

/**
 * Reads the word-level transition table a model may ship in config.json under `bucketwise.decoding`
 * (`labels`, `start` and `transitions[previous][current]`, all log probabilities; written by
 * tools/train-ner) and returns it as Transitions over the model's label order. Returns null when the
 * config has none; a malformed table is an error, since decoding with it would be silently wrong.
 */
export function wordTransitionsFromConfig(config: unknown, id2label: readonly string[]): Transitions | null {
  const table = (config as { bucketwise?: { decoding?: unknown } } | null)?.bucketwise?.decoding;
  if (table === undefined || table === null) return null;
  const fail = (why: string): never => {
    throw new NerError(
      'BAD_TRANSITIONS',
      `config.json "bucketwise.decoding" ${why}; fix or remove it to decode each word on its own.`,
    );
  };
  const { labels, start, transitions } = table as { labels?: unknown; start?: unknown; transitions?: unknown };
  const n = id2label.length;
  const isRow = (row: unknown): row is number[] =>
    Array.isArray(row) && row.length === n && row.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (!Array.isArray(labels) || labels.length !== n || labels.some((l, i) => l !== id2label[i])) {
    fail(`must list the model's ${n} labels in id2label order`);
  }
  if (!isRow(start)) fail(`needs "start": ${n} finite numbers`);
  if (!Array.isArray(transitions) || transitions.length !== n || !transitions.every(isRow)) {
    fail(`needs "transitions": ${n} rows of ${n} finite numbers`);
  }
  const rows = transitions as number[][];
  const matrix = new Float64Array(n * n);
  rows.forEach((row, from) => row.forEach((score, to) => (matrix[from * n + to] = score)));
  return { matrix, start: Float64Array.from(start as number[]) };
}

/**
 * The score below which the model's card suggests hiding entities, from config.json
 * `bucketwise.scoreThreshold` (a number from 0 to 1, chosen on the validation split). null when the
 * config has none, which means no threshold.
 */
export function scoreThresholdFromConfig(config: unknown): number | null {
  const value = (config as { bucketwise?: { scoreThreshold?: unknown } } | null)?.bucketwise?.scoreThreshold;
  if (value === undefined || value === null) return null;
  if (!isScoreThreshold(value)) {
    throw new NerError(
      'BAD_TRANSITIONS',
      `config.json "bucketwise.scoreThreshold" is ${JSON.stringify(value)}; it must be a number from 0 to 1, or be removed.`,
    );
  }
  return value;
}
