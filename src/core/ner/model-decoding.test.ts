import { describe, expect, it } from 'vitest';
import { classifyTokens } from './classify';
import { scoreThresholdFromConfig, wordTransitionsFromConfig } from './model-decoding';
import type { Transitions } from './viterbi';

const LABELS = ['O', 'B-PER', 'I-PER'];

/** Logits that give each token the probabilities `p` (log of them; softmax restores them). */
const fromProbs = (rows: number[][]) => Float32Array.from(rows.flatMap((r) => r.map(Math.log)));

// "Mark Butcher said" with the piece "##cher": the model alone says B-PER B-PER O.
const text = 'Mark Butcher said';
const tokens = ['Mark', 'But', '##cher', 'said'];
const offsets = [
  { start: 0, end: 4 },
  { start: 5, end: 8 },
  { start: 8, end: 12 },
  { start: 13, end: 17 },
];
const logits = fromProbs([
  [0.1, 0.8, 0.1],
  [0.1, 0.5, 0.4],
  [0.2, 0.2, 0.6],
  [0.9, 0.05, 0.05],
]);
const log = Math.log;
// Word-level transitions learnt from IOB2 tags: after B-PER an I-PER is likely, another B-PER is rare.
const wordTransitions: Transitions = {
  start: [log(0.8), log(0.19), log(0.01)],
  matrix: [log(0.9), log(0.09), log(0.01), log(0.3), log(0.05), log(0.65), log(0.4), log(0.1), log(0.5)],
};

describe('word-level transitions', () => {
  it('without them, first aggregation splits the name into two PER entities', () => {
    const out = classifyTokens({ text, tokens, offsets, logits, id2label: LABELS, strategy: 'first' });
    expect(out.map((e) => e.word)).toEqual(['Mark', 'Butcher']);
  });

  it('with them, Viterbi over words mends B-PER B-PER into one PER entity, scored by the chosen label', () => {
    const out = classifyTokens({ text, tokens, offsets, logits, id2label: LABELS, strategy: 'first', wordTransitions });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ entity_group: 'PER', word: 'Mark Butcher', start: 0, end: 12 });
    // Mean of the words' probabilities for their decoded labels under the decoding chain (issue 13): the
    // marginals of B-PER and I-PER, here found by enumerating all 27 paths, not the softmax 0.8 and 0.4.
    const words = [
      [0.1, 0.8, 0.1],
      [0.1, 0.5, 0.4],
      [0.9, 0.05, 0.05],
    ];
    const weight = (path: number[]) =>
      path.reduce(
        (w, tag, i) =>
          w *
          words[i][tag] *
          Math.exp(i === 0 ? wordTransitions.start![tag] : wordTransitions.matrix[path[i - 1] * 3 + tag]),
        1,
      );
    const paths = [0, 1, 2].flatMap((a) => [0, 1, 2].flatMap((b) => [0, 1, 2].map((c) => [a, b, c])));
    const total = paths.reduce((s, p) => s + weight(p), 0);
    const marginal = (i: number, tag: number) =>
      paths.filter((p) => p[i] === tag).reduce((s, p) => s + weight(p), 0) / total;
    expect(out[0]!.score).toBeCloseTo((marginal(0, 1) + marginal(1, 2)) / 2, 5);
    expect(out[0]!.score).not.toBeCloseTo((0.8 + 0.4) / 2, 2);
  });

  it('is refused for token-level strategies, whose pieces it does not describe', () => {
    expect(() =>
      classifyTokens({ text, tokens, offsets, logits, id2label: LABELS, strategy: 'simple', wordTransitions }),
    ).toThrow(/first/);
  });
});

describe('wordTransitionsFromConfig', () => {
  const table = {
    labels: LABELS,
    start: [-0.2, -1.6, -4.6],
    transitions: [
      [-0.1, -2.4, -4.6],
      [-1.2, -3, -0.4],
      [-0.9, -2.3, -0.7],
    ],
  };

  it('reads bucketwise.decoding into a flat matrix in label order', () => {
    const t = wordTransitionsFromConfig({ bucketwise: { decoding: table } }, LABELS)!;
    expect(Array.from(t.start!)).toEqual(table.start);
    expect(t.matrix[1 * 3 + 2]).toBe(-0.4);
  });

  it('returns null when the model ships no table', () => {
    expect(wordTransitionsFromConfig({ id2label: {} }, LABELS)).toBeNull();
  });

  it.each([
    ['labels in another order', { ...table, labels: ['O', 'I-PER', 'B-PER'] }, /labels/],
    ['a short start row', { ...table, start: [0, 0] }, /start/],
    [
      'a non-finite score',
      {
        ...table,
        transitions: [
          [0, 0, 0],
          [0, null, 0],
          [0, 0, 0],
        ],
      },
      /transitions/,
    ],
    // Moved from src/core/eval/viterbi.test.ts (its parseTransitionTable is gone; this is the one parser).
    ['no labels', { start: [0, 0, 0], transitions: table.transitions }, /labels/],
    [
      'ragged rows',
      {
        ...table,
        transitions: [
          [0, 0, 0],
          [0, 0],
          [0, 0, 0],
        ],
      },
      /transitions/,
    ],
    ['a NaN start', { ...table, start: [0, Number.NaN, 0] }, /start/],
  ])('refuses %s', (_why, bad, message) => {
    expect(() => wordTransitionsFromConfig({ bucketwise: { decoding: bad } }, LABELS)).toThrow(message);
    expect(() => wordTransitionsFromConfig({ bucketwise: { decoding: bad } }, LABELS)).toThrow(
      expect.objectContaining({ code: 'BAD_TRANSITIONS' }),
    );
  });
});

describe('scoreThresholdFromConfig', () => {
  it('reads bucketwise.scoreThreshold, and null when the model ships none', () => {
    expect(scoreThresholdFromConfig({ bucketwise: { scoreThreshold: 0.4 } })).toBe(0.4);
    expect(scoreThresholdFromConfig({ bucketwise: {} })).toBeNull();
    expect(scoreThresholdFromConfig(null)).toBeNull();
  });
  it.each([[1.2], ['0.4'], [-0.1]])('refuses %s, naming the key', (bad) => {
    expect(() => scoreThresholdFromConfig({ bucketwise: { scoreThreshold: bad } })).toThrow(
      /bucketwise\.scoreThreshold/,
    );
  });
});
