import { describe, expect, it } from 'vitest';
import { firstSubTokenIndices, wordLogitsFromLogits, wordTagsFromLogits } from './word-tags';

const ID2LABEL = { '0': 'O', '1': 'B-PER', '2': 'I-PER' };

/** Logits [batch, sequence, 3] where token t of row r scores label best[r][t] highest. */
function logitsFor(best: number[][]): Float32Array {
  const sequence = best[0].length;
  const out = new Float32Array(best.length * sequence * 3);
  best.forEach((rowBest, r) => rowBest.forEach((label, t) => (out[(r * sequence + t) * 3 + label] = 5)));
  return out;
}

describe('firstSubTokenIndices', () => {
  it.each([
    { counts: [1, 1, 1], starts: [0, 1, 2] },
    { counts: [3, 1, 2], starts: [0, 3, 4] },
    { counts: [2, 0, 1], starts: [0, -1, 2] },
    { counts: [], starts: [] },
  ])('$counts -> $starts', ({ counts, starts }) => {
    expect(firstSubTokenIndices(counts)).toEqual(starts);
  });
});

describe('wordTagsFromLogits', () => {
  it("takes each word's first sub-token, skipping [CLS] and ignoring continuation pieces", () => {
    // [CLS] John ##ny Smith runs [SEP]: the continuation piece "##ny" argues for O but is ignored.
    const logits = logitsFor([[0, 1, 0, 2, 0, 0]]);
    const starts = firstSubTokenIndices([2, 1, 1]);
    expect(wordTagsFromLogits(logits, [1, 6, 3], 0, starts, 1, ID2LABEL)).toEqual(['B-PER', 'I-PER', 'O']);
  });

  it('reads the requested batch row of a padded batch', () => {
    const logits = logitsFor([
      [0, 0, 0, 0],
      [0, 2, 1, 0],
    ]);
    expect(wordTagsFromLogits(logits, [2, 4, 3], 1, [0, 1], 1, ID2LABEL)).toEqual(['I-PER', 'B-PER']);
  });

  it('tags a word without tokens "O"', () => {
    expect(wordTagsFromLogits(logitsFor([[0, 1, 0]]), [1, 3, 3], 0, [0, -1], 1, ID2LABEL)).toEqual(['B-PER', 'O']);
  });

  it('rejects logits that do not match their dims, and positions past the sequence', () => {
    expect(() => wordTagsFromLogits(new Float32Array(5), [1, 2, 3], 0, [0], 1, ID2LABEL)).toThrow(
      expect.objectContaining({ code: 'BAD_SHAPE' }),
    );
    expect(() => wordTagsFromLogits(logitsFor([[0, 0]]), [1, 2, 3], 0, [1], 1, ID2LABEL)).toThrow(
      expect.objectContaining({ code: 'BAD_SHAPE' }),
    );
  });

  it('rejects a label index absent from id2label', () => {
    expect(() => wordTagsFromLogits(logitsFor([[0, 2]]), [1, 2, 3], 0, [0], 1, { '0': 'O' })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_LABEL' }),
    );
  });
});

describe('wordLogitsFromLogits', () => {
  it("returns each word's first-sub-token scores, and certain O for a word without tokens", () => {
    const logits = new Float32Array([0, 0, 0, 1, 2, 3, 4, 5, 6]);
    const rows = wordLogitsFromLogits(logits, [1, 3, 3], 0, [0, -1, 1], 1);
    expect(rows.map((r) => Array.from(r))).toEqual([
      [1, 2, 3],
      [0, -1e4, -1e4],
      [4, 5, 6],
    ]);
  });
});
