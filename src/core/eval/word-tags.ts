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

// A word that produced no token gets these scores: certain "O" (label index 0), as in the Python scorer.
const NO_TOKEN_SCORE = -1e4;

/**
 * Logits of each word's first sub-token for batch row `row` of logits laid out [batch, sequence, labels]
 * (row-major, as onnxruntime returns them). `offset` is the number of tokens before the sentence's
 * first word piece (1 for [CLS]).
 */
export function wordLogitsFromLogits(
  logits: Float32Array,
  dims: readonly [number, number, number],
  row: number,
  wordStarts: readonly number[],
  offset: number,
): Float32Array[] {
  const [batch, sequence, labels] = dims;
  if (logits.length !== batch * sequence * labels || row < 0 || row >= batch) {
    throw new WordTagsError('BAD_SHAPE', `logits of length ${logits.length} do not match dims [${dims.join(', ')}] and row ${row}`);
  }
  return wordStarts.map((start) => {
    if (start < 0) {
      const scores = new Float32Array(labels).fill(NO_TOKEN_SCORE);
      scores[0] = 0;
      return scores;
    }
    const position = start + offset;
    if (position >= sequence) {
      throw new WordTagsError('BAD_SHAPE', `word piece ${position} lies beyond the ${sequence} positions of the logits`);
    }
    const base = (row * sequence + position) * labels;
    return logits.subarray(base, base + labels);
  });
}

export function labelOf(index: number, id2label: Readonly<Record<string, string>>): string {
  const label = id2label[String(index)];
  if (label === undefined) {
    throw new WordTagsError('UNKNOWN_LABEL', `label index ${index} is missing from id2label; check the model's config.json`);
  }
  return label;
}

/** Tags of one sentence by argmax over each word's first-sub-token logits. */
export function wordTagsFromLogits(
  logits: Float32Array,
  dims: readonly [number, number, number],
  row: number,
  wordStarts: readonly number[],
  offset: number,
  id2label: Readonly<Record<string, string>>,
): string[] {
  return wordLogitsFromLogits(logits, dims, row, wordStarts, offset).map((scores) => {
    let best = 0;
    for (let k = 1; k < scores.length; k++) {
      if (scores[k] > scores[best]) best = k;
    }
    return labelOf(best, id2label);
  });
}
