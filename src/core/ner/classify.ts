import type { Span } from './align';
import { NerError } from './errors';
import { chainMarginals } from './marginals';
import { argmaxRow, softmax } from './scores';
import { viterbiDecode, type Transitions } from './viterbi';

export type AggregationStrategy = 'none' | 'simple' | 'first' | 'average' | 'max';

export const AGGREGATION_STRATEGIES: readonly AggregationStrategy[] = ['none', 'simple', 'first', 'average', 'max'];

/** One token's prediction (strategy `none`), shaped like the Hugging Face pipeline's output. */
export interface TokenEntity {
  entity: string;
  score: number;
  /** Row of the token in the model input (see `firstIndex`). */
  index: number;
  /** The token as the tokenizer wrote it ("##i"); the original text for an unknown token. */
  word: string;
  start: number;
  end: number;
}

/** A group of tokens or words with one entity type (every strategy but `none`). */
export interface GroupEntity {
  entity_group: string;
  /**
   * Mean of the member tokens' (or words') scores: each one's probability for its label, which under
   * word-level decoding is the label's marginal probability under the decoding chain.
   */
  score: number;
  /** The original text from `start` to `end`. */
  word: string;
  start: number;
  end: number;
}

/** Either kind of entity as the page receives it: the fields of both, the kind-specific ones optional. */
export interface EntityResult {
  entity?: string;
  entity_group?: string;
  score: number;
  word: string;
  start: number;
  end: number;
  index?: number;
}

export interface ClassifyInput {
  text: string;
  /** One token per logits row, as the tokenizer wrote them ("##" marks a continuation). */
  tokens: readonly string[];
  /** Character span of each token in `text` (from alignTokensToText; specials may have empty spans). */
  offsets: readonly Span[];
  /** rows x numLabels raw scores, rows = tokens.length. */
  logits: ArrayLike<number>;
  /** Label of each output column, from config.json id2label. */
  id2label: readonly string[];
  strategy: AggregationStrategy;
  /** Entities (or groups) with these labels are dropped after grouping. Default ['O']. */
  ignoreLabels?: readonly string[];
  /** true for rows that are special tokens ([CLS], [SEP], padding): they are skipped entirely. */
  specialMask?: readonly boolean[];
  /** `index` reported for row 0. Pass 1 when the rows leave out the leading [CLS], to number tokens as
   * Hugging Face does (first real token = 1). Default 0. */
  firstIndex?: number;
  /** Default '##'. */
  subwordPrefix?: string;
  /** Default '[UNK]'; an unknown token is a whole word, never a continuation. */
  unkToken?: string;
  /** Opt-in constrained decoding (e.g. bioTransitions or a model's own); strategies `none` and `simple` only. */
  transitions?: Transitions;
  /** Word-level transition scores (a model trained on word labels); strategies `first`, `average`, `max`. */
  wordTransitions?: Transitions;
}

interface Scored {
  label: number;
  score: number;
  start: number;
  end: number;
}

/**
 * Token classification post-processing with the semantics of the Hugging Face pipeline:
 * - none: one entity per non-special token, labelled by its argmax.
 * - simple: consecutive tokens grouped (see `groupEntities`), group score = mean token score.
 * - first / max / average: word-pieces first merged into words (a continuation token joins the previous
 *   word); the word takes the first piece's label and score (first), the label of the piece with the
 *   highest score (max), or the argmax of the pieces' mean probabilities with that mean (average); words
 *   are then grouped as in simple.
 * ignoreLabels filters after grouping, so an O between two PER tokens still splits them.
 */
export function classifyTokens(input: ClassifyInput & { strategy: 'none' }): TokenEntity[];
export function classifyTokens(
  input: ClassifyInput & { strategy: Exclude<AggregationStrategy, 'none'> },
): GroupEntity[];
export function classifyTokens(input: ClassifyInput): (TokenEntity | GroupEntity)[];
export function classifyTokens(input: ClassifyInput): (TokenEntity | GroupEntity)[] {
  const { text, tokens, offsets, id2label, strategy } = input;
  validate(input);
  const numLabels = id2label.length;
  const probs = softmax(input.logits, numLabels);
  const prefix = input.subwordPrefix ?? '##';
  const unk = input.unkToken ?? '[UNK]';
  const ignore = new Set(input.ignoreLabels ?? ['O']);
  const firstIndex = input.firstIndex ?? 0;
  const rows = tokens.map((_, i) => i).filter((i) => !input.specialMask?.[i]);
  const decoded = input.transitions ? decode(probs, rows, numLabels, input.transitions) : null;
  const labelOf = (row: number, k: number) => (decoded ? decoded[k] : argmaxRow(probs, row, numLabels));

  if (strategy === 'none' || strategy === 'simple') {
    const scored: Scored[] = rows.map((row, k) => {
      const label = labelOf(row, k);
      return { label, score: probs[row * numLabels + label], start: offsets[row].start, end: offsets[row].end };
    });
    if (strategy === 'simple') return groupEntities(scored, id2label, text).filter((g) => !ignore.has(g.entity_group));
    return rows
      .map((row, k): TokenEntity => ({
        entity: id2label[scored[k].label],
        score: scored[k].score,
        index: firstIndex + row,
        word: tokens[row] === unk ? text.slice(offsets[row].start, offsets[row].end) : tokens[row],
        start: scored[k].start,
        end: scored[k].end,
      }))
      .filter((e) => !ignore.has(e.entity));
  }

  const words: number[][] = [];
  for (const row of rows) {
    const token = tokens[row];
    const continues = token !== unk && token.length > prefix.length && token.startsWith(prefix);
    if (continues && words.length > 0) words[words.length - 1].push(row);
    else words.push([row]);
  }
  const wordProbs = words.map((pieces) => wordDistribution(pieces, probs, numLabels, strategy));
  // A model trained on word labels (first piece) may ship word-level transition scores: decode the words'
  // label sequence with them instead of taking each word's argmax on its own.
  // The score of a decoded label is its probability under that same chain (forward-backward marginal),
  // not the word's own softmax, which can be tiny for a label the decoder chose against it (issue 13).
  let wordLabels: ArrayLike<number>;
  let scoreOf: (w: number, label: number) => number = (w, label) => wordProbs[w][label];
  if (input.wordTransitions) {
    const logProbs = logOf(wordProbs, numLabels);
    wordLabels = viterbiDecode(logProbs, numLabels, input.wordTransitions);
    const marginals = chainMarginals(logProbs, numLabels, input.wordTransitions);
    scoreOf = (w, label) => marginals[w * numLabels + label];
  } else {
    wordLabels = wordProbs.map((p) => argmaxRow(p, 0, numLabels));
  }
  const scoredWords: Scored[] = words.map((pieces, w) => ({
    label: wordLabels[w],
    score: scoreOf(w, wordLabels[w]),
    start: offsets[pieces[0]].start,
    end: offsets[pieces[pieces.length - 1]].end,
  }));
  return groupEntities(scoredWords, id2label, text).filter((g) => !ignore.has(g.entity_group));
}

function logOf(rows: Float64Array[], numLabels: number): Float64Array {
  const out = new Float64Array(rows.length * numLabels);
  rows.forEach((row, w) => {
    for (let j = 0; j < numLabels; j++) out[w * numLabels + j] = Math.log(row[j]);
  });
  return out;
}

/**
 * The label distribution a word gets from its pieces: the first piece's (first), the piece with the
 * highest top probability (max; the first such piece on ties, as Python's max()), or the pieces' mean
 * (average). The word's label is this distribution's argmax, or the Viterbi choice when decoding.
 */
function wordDistribution(
  pieces: number[],
  probs: Float32Array,
  numLabels: number,
  strategy: 'first' | 'average' | 'max',
): Float64Array {
  const out = new Float64Array(numLabels);
  if (strategy === 'average') {
    for (const row of pieces) for (let j = 0; j < numLabels; j++) out[j] += probs[row * numLabels + j] / pieces.length;
    return out;
  }
  let chosen = pieces[0];
  if (strategy === 'max') {
    let best = -Infinity;
    for (const row of pieces) {
      const top = probs[row * numLabels + argmaxRow(probs, row, numLabels)];
      if (top > best) {
        best = top;
        chosen = row;
      }
    }
  }
  for (let j = 0; j < numLabels; j++) out[j] = probs[chosen * numLabels + j];
  return out;
}

/** Splits a label into its B/I marker and entity type; a label without a prefix behaves like I-. */
export function splitTag(label: string): { bi: 'B' | 'I'; type: string } {
  if (label.startsWith('B-')) return { bi: 'B', type: label.slice(2) };
  if (label.startsWith('I-')) return { bi: 'I', type: label.slice(2) };
  return { bi: 'I', type: label };
}

/**
 * Groups consecutive items: an item joins the current group when it has the same entity type and is not a
 * B- (so two adjacent B-PER stay separate, and B-PER I-PER is one). Group label = the type, score = mean.
 */
function groupEntities(items: Scored[], id2label: readonly string[], text: string): GroupEntity[] {
  const groups: GroupEntity[] = [];
  let members: Scored[] = [];
  let type = '';
  const flush = () => {
    if (members.length === 0) return;
    const start = members[0].start;
    const end = members[members.length - 1].end;
    const score = members.reduce((sum, m) => sum + m.score, 0) / members.length;
    groups.push({ entity_group: type, score, word: text.slice(start, end), start, end });
  };
  for (const item of items) {
    const tag = splitTag(id2label[item.label]);
    if (members.length > 0 && tag.type === type && tag.bi !== 'B') {
      members.push(item);
      continue;
    }
    flush();
    members = [item];
    type = tag.type;
  }
  flush();
  return groups;
}

function decode(probs: Float32Array, rows: number[], numLabels: number, transitions: Transitions): Int32Array {
  const logProbs = new Float64Array(rows.length * numLabels);
  rows.forEach((row, k) => {
    for (let j = 0; j < numLabels; j++) logProbs[k * numLabels + j] = Math.log(probs[row * numLabels + j]);
  });
  return viterbiDecode(logProbs, numLabels, transitions);
}

function validate(input: ClassifyInput): void {
  const { tokens, offsets, logits, id2label, strategy, specialMask } = input;
  if (!AGGREGATION_STRATEGIES.includes(strategy)) {
    throw new NerError(
      'BAD_OPTION',
      `Unknown aggregation strategy "${String(strategy)}"; use one of ${AGGREGATION_STRATEGIES.join(', ')}.`,
    );
  }
  if (id2label.length === 0 || id2label.some((l) => typeof l !== 'string' || l === '')) {
    throw new NerError('BAD_LABELS', 'id2label must list one non-empty label per output column; check config.json.');
  }
  if (offsets.length !== tokens.length) {
    throw new NerError(
      'SHAPE_MISMATCH',
      `${tokens.length} tokens but ${offsets.length} offsets; align the same token list.`,
    );
  }
  if (logits.length !== tokens.length * id2label.length) {
    throw new NerError(
      'SHAPE_MISMATCH',
      `Expected ${tokens.length} rows x ${id2label.length} labels = ${tokens.length * id2label.length} logits, got ${logits.length}; ` +
        'pass one row per token (drop padding rows) and check id2label against the model output.',
    );
  }
  if (specialMask && specialMask.length !== tokens.length) {
    throw new NerError(
      'SHAPE_MISMATCH',
      `specialMask has ${specialMask.length} entries for ${tokens.length} tokens; give one per token.`,
    );
  }
  if (input.wordTransitions && (strategy === 'none' || strategy === 'simple')) {
    throw new NerError(
      'BAD_OPTION',
      `Word-level transitions decode words, so they apply to "first", "average" and "max", not "${strategy}".`,
    );
  }
  if (input.transitions && strategy !== 'none' && strategy !== 'simple') {
    throw new NerError(
      'BAD_OPTION',
      `Transitions decode token by token, so they apply to "none" and "simple" only, not "${strategy}".`,
    );
  }
}
