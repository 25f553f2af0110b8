import { describe, expect, it } from 'vitest';
import { ctcGreedyDecode, parseDictionary } from './ctc';
import { OcrError } from './errors';

const DICT = ['a', 'b', 'c'];
const C = DICT.length + 2; // blank, a, b, c, space

/** One-hot-ish rows: at each step the listed class gets `p`, the rest share what is left. */
function steps(classes: number[], p = 0.9): Float32Array {
  const probs = new Float32Array(classes.length * C);
  classes.forEach((cls, t) => {
    for (let c = 0; c < C; c++) probs[t * C + c] = c === cls ? p : (1 - p) / (C - 1);
  });
  return probs;
}

describe('ctcGreedyDecode', () => {
  it.each([
    ['merges repeats', [1, 1, 1, 2, 2], 'ab'],
    ['keeps a repeat split by a blank', [1, 0, 1], 'aa'],
    ['drops leading and trailing blanks', [0, 0, 3, 0], 'c'],
    ['maps the last class to a space', [1, 4, 4, 2], 'a b'],
    ['returns nothing for all blanks', [0, 0, 0], ''],
    ['drops spaces read from the margins at either end', [4, 0, 1, 4, 2, 0, 4, 4], 'a b'],
    ['returns nothing for spaces only', [4, 0, 4], ''],
  ])('%s', (_name, classes, expected) => {
    expect(ctcGreedyDecode(steps(classes), classes.length, C, DICT).text).toBe(expected);
  });

  it('averages the probabilities of the emitted characters only', () => {
    const probs = steps([1, 1, 0, 2]);
    probs[1 * C + 1] = 0.99; // the merged repeat does not count towards the confidence
    probs[3 * C + 2] = 0.5;
    const { confidence } = ctcGreedyDecode(probs, 4, C, DICT);
    expect(confidence).toBeCloseTo((0.9 + 0.5) / 2, 5);
  });

  it('also drops an ideographic space (a character of the Chinese dictionary) at the end of a line', () => {
    const dict = ['a', '\u3000'];
    const classes = dict.length + 2;
    const probs = new Float32Array(3 * classes);
    [1, 2, 3].forEach((cls, t) => (probs[t * classes + cls] = 0.9));
    expect(ctcGreedyDecode(probs, 3, classes, dict).text).toBe('a');
  });

  it('leaves the dropped end spaces out of the confidence', () => {
    const probs = steps([4, 1, 4]);
    probs[0 * C + 4] = 0.3; // a weak space read from the left margin
    probs[2 * C + 4] = 0.3;
    expect(ctcGreedyDecode(probs, 3, C, DICT)).toEqual({ text: 'a', confidence: expect.closeTo(0.9, 5) });
  });

  it('has zero confidence when nothing is emitted', () => {
    expect(ctcGreedyDecode(steps([0, 0]), 2, C, DICT).confidence).toBe(0);
  });

  it('accepts a model without a space class', () => {
    const probs = new Float32Array([0.1, 0.1, 0.1, 0.7]); // C = 4: blank, a, b, c
    expect(ctcGreedyDecode(probs, 1, 4, DICT).text).toBe('c');
  });

  it('refuses a dictionary that does not match the class count', () => {
    const err = (() => {
      try {
        ctcGreedyDecode(new Float32Array(7), 1, 7, DICT);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(OcrError);
    expect((err as OcrError).code).toBe('DICTIONARY_MISMATCH');
  });

  it('refuses a buffer of the wrong length', () => {
    expect(() => ctcGreedyDecode(new Float32Array(9), 2, C, DICT)).toThrow(/Expected 2 x 5/);
  });
});

describe('parseDictionary', () => {
  it('reads one entry per line, ignoring one trailing newline and CRLF endings', () => {
    expect(parseDictionary('a\r\nb\nc\n')).toEqual(['a', 'b', 'c']);
  });

  it('keeps whitespace characters that are entries (the ideographic space)', () => {
    expect(parseDictionary('x\n\u3000\ny')).toEqual(['x', '\u3000', 'y']);
  });

  it('refuses a blank line in the middle, naming it', () => {
    expect(() => parseDictionary('a\n\nb')).toThrow(/Line 2/);
  });

  it('refuses an empty file', () => {
    expect(() => parseDictionary('')).toThrow(OcrError);
  });
});
