// Token-classification logits to one tag per word: the label of each word's first sub-token, the
// convention the shipped NER model was trained with.

export type WordTagsErrorCode = 'BAD_SHAPE' | 'UNKNOWN_LABEL';

export class WordTagsError extends Error {
  override readonly name = 'WordTagsError';
  constructor(
    readonly code: WordTagsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Index, in the word-piece sequence without special tokens, of each word's first sub-token; -1 for a
 * word that produced no token (it then gets the tag "O").
 */
export function firstSubTokenIndices(tokensPerWord: readonly number[]): number[] {
  let next = 0;
  return tokensPerWord.map((count) => {
    const start = count > 0 ? next : -1;
    next += count;
    return start;
  });
}

/**
 * Tags of one sentence from a row of logits laid out [sequence, labels] (row-major, as onnxruntime
 * returns them for batch row `row`). `offset` is the number of tokens before the sentence's first
 * word piece (1 for [CLS]).
 */
export function wordTagsFromLogits(
  logits: Float32Array,
  dims: readonly [number, number, number],
  row: number,
  wordStarts: readonly number[],
  offset: number,
  id2label: Readonly<Record<string, string>>,
): string[] {
  const [batch, sequence, labels] = dims;
  if (logits.length !== batch * sequence * labels || row < 0 || row >= batch) {
    throw new WordTagsError('BAD_SHAPE', `logits of length ${logits.length} do not match dims [${dims.join(', ')}] and row ${row}`);
  }
  return wordStarts.map((start) => {
    if (start < 0) return 'O';
    const position = start + offset;
    if (position >= sequence) {
      throw new WordTagsError('BAD_SHAPE', `word piece ${position} lies beyond the ${sequence} positions of the logits`);
    }
    const base = (row * sequence + position) * labels;
    let best = 0;
    for (let k = 1; k < labels; k++) {
      if (logits[base + k] > logits[base + best]) best = k;
    }
    const label = id2label[String(best)];
    if (label === undefined) {
      throw new WordTagsError('UNKNOWN_LABEL', `label index ${best} is missing from id2label; check the model's config.json`);
    }
    return label;
  });
}
