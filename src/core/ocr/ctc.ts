import { OcrError } from './errors';

/**
 * Parses PaddleOCR's character list: one character per line, in class order. Class 0 of the model is the
 * CTC blank and is not in the file, so dictionary[i] is class i + 1. A trailing newline does not add an
 * empty entry; blank lines inside the file are refused because they would shift every later class.
 */
export function parseDictionary(text: string): string[] {
  if (typeof text !== 'string' || text.length === 0) {
    throw new OcrError(
      'BAD_DICTIONARY',
      'The character dictionary is empty; load ppocr_keys_v1.txt (one character per line).',
    );
  }
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const blank = lines.indexOf('');
  if (blank >= 0) {
    throw new OcrError(
      'BAD_DICTIONARY',
      `Line ${blank + 1} of the character dictionary is empty; each line must hold exactly one entry.`,
    );
  }
  return lines;
}

export interface CtcDecoded {
  text: string;
  /** Mean probability of the emitted characters; 0 when nothing was emitted. */
  confidence: number;
}

/**
 * Greedy CTC decoding of one line: take the most likely class at each of the T steps, merge runs of the
 * same class, drop blanks (class 0), map class k to dictionary[k - 1], and drop spaces at either end.
 * PP-OCR models append a space class after the dictionary (PaddleOCR's use_space_char), so C is
 * dictionary.length + 2 (blank + characters + space); models without it have C = dictionary.length + 1. Any other C means the dictionary does not belong to the model.
 *
 * `probs` holds T x C softmax outputs for this line only (use subarray to pass one row of a batch).
 */
export function ctcGreedyDecode(probs: Float32Array, T: number, C: number, dictionary: readonly string[]): CtcDecoded {
  if (probs.length !== T * C) {
    throw new OcrError('BAD_MODEL_OUTPUT', `Expected ${T} x ${C} = ${T * C} probabilities, got ${probs.length}.`);
  }
  const hasSpace = C === dictionary.length + 2;
  if (!hasSpace && C !== dictionary.length + 1) {
    throw new OcrError(
      'DICTIONARY_MISMATCH',
      `The recogniser has ${C} classes but the dictionary has ${dictionary.length} characters ` +
        `(expected ${dictionary.length + 1} or ${dictionary.length + 2} classes: blank, characters, optional space). ` +
        'Load the dictionary that ships with this model.',
    );
  }
  const chars: string[] = [];
  const charProbs: number[] = [];
  let previous = -1;
  for (let t = 0; t < T; t++) {
    const row = t * C;
    let best = 0;
    let bestProb = probs[row];
    for (let c = 1; c < C; c++) {
      if (probs[row + c] > bestProb) {
        bestProb = probs[row + c];
        best = c;
      }
    }
    if (best !== 0 && best !== previous) {
      chars.push(hasSpace && best === C - 1 ? ' ' : dictionary[best - 1]);
      charProbs.push(bestProb);
    }
    previous = best;
  }
  // A line crop has page around the text (the crop margin) and a padded tail; the model sometimes reads
  // those as a space (or the dictionary's ideographic space U+3000). A line never starts or ends with one,
  // so such spaces are dropped with their scores.
  const isSpace = (ch: string) => /^\s$/u.test(ch);
  let first = 0;
  let last = chars.length;
  while (first < last && isSpace(chars[first])) first++;
  while (last > first && isSpace(chars[last - 1])) last--;
  let confidenceSum = 0;
  for (let i = first; i < last; i++) confidenceSum += charProbs[i];
  const emitted = last - first;
  return { text: chars.slice(first, last).join(''), confidence: emitted === 0 ? 0 : confidenceSum / emitted };
}
