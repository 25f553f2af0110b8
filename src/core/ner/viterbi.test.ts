import { describe, expect, it } from 'vitest';
import { argmaxRow } from './scores';
import { bioTransitions, viterbiDecode, type Transitions } from './viterbi';

const LABELS = ['O', 'B-LOC', 'I-LOC'];
const logOf = (rows: number[][]) => Float64Array.from(rows.flat(), Math.log);

describe('bioTransitions', () => {
  it('forbids O -> I-X and starting on I-X, allows B-X -> I-X and I-X -> I-X', () => {
    const { matrix, start } = bioTransitions(LABELS);
    const at = (from: number, to: number) => matrix[from * 3 + to];
    expect(at(0, 2)).toBe(-Infinity);
    expect(at(1, 2)).toBe(0);
    expect(at(2, 2)).toBe(0);
    expect(at(0, 1)).toBe(0);
    expect(Array.from(start ?? [])).toEqual([0, 0, -Infinity]);
  });

  it('forbids I-Y after B-X of another type', () => {
    const labels = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC'];
    const { matrix } = bioTransitions(labels);
    expect(matrix[1 * 5 + 4]).toBe(-Infinity);
    expect(matrix[3 * 5 + 4]).toBe(0);
  });
});

describe('viterbiDecode', () => {
  it('with free transitions equals the argmax of each row', () => {
    const rows = [
      [0.2, 0.5, 0.3],
      [0.6, 0.1, 0.3],
      [0.1, 0.1, 0.8],
    ];
    const free = { matrix: new Float32Array(9) };
    expect(Array.from(viterbiDecode(logOf(rows), 3, free))).toEqual(rows.map((_, r) => argmaxRow(rows.flat(), r, 3)));
  });

  it('repairs a sequence that starts on I-LOC', () => {
    // Alone, row 0 prefers I-LOC (0.5); the legal best is B-LOC I-LOC (0.4 * 0.9 = 0.36 > O then B-LOC 0.1 * 0.05).
    const rows = [
      [0.1, 0.4, 0.5],
      [0.05, 0.05, 0.9],
    ];
    expect(Array.from(viterbiDecode(logOf(rows), 3, bioTransitions(LABELS)))).toEqual([1, 2]);
  });

  it('falls back to argmax when every path is forbidden', () => {
    const forbidden = { matrix: new Float32Array(9).fill(-Infinity) };
    expect(
      Array.from(
        viterbiDecode(
          logOf([
            [0.2, 0.7, 0.1],
            [0.6, 0.3, 0.1],
          ]),
          3,
          forbidden,
        ),
      ),
    ).toEqual([1, 0]);
  });

  it('handles an empty sequence and rejects mis-sized transitions', () => {
    expect(viterbiDecode(new Float64Array(0), 3, bioTransitions(LABELS))).toHaveLength(0);
    expect(() => viterbiDecode(logOf([[1, 0, 0]]), 3, { matrix: [0, 0] })).toThrow(
      expect.objectContaining({ code: 'BAD_TRANSITIONS' }),
    );
  });
});

// Moved from src/core/eval/viterbi.test.ts when eval:ner started decoding through this decoder.
describe('viterbiDecode: word-level tables (as tools/train-ner ships them)', () => {
  const n = 3;
  /** Deterministic pseudo-random numbers in [-3, 3), so failures reproduce. */
  function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return (state / 2 ** 32) * 6 - 3;
    };
  }
  const logSoftmax = (row: number[]) => {
    const max = Math.max(...row);
    const logZ = max + Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
    return row.map((x) => x - logZ);
  };
  const decode = (logits: number[][], t: Transitions) => Array.from(viterbiDecode(logits.flatMap(logSoftmax), n, t));
  const pathScore = (path: number[], logits: number[][], t: Transitions) =>
    path.reduce(
      (sum, tag, i) => sum + logSoftmax(logits[i])[tag] + (i === 0 ? t.start![tag] : t.matrix[path[i - 1] * n + tag]),
      0,
    );
  const allPaths = (length: number): number[][] =>
    length === 0 ? [[]] : allPaths(length - 1).flatMap((p) => Array.from({ length: n }, (_, k) => [...p, k]));
  const uniform: Transitions = { matrix: new Float64Array(n * n), start: new Float64Array(n) };

  it('returns nothing for an empty sentence', () => {
    expect(decode([], uniform)).toEqual([]);
  });

  it('equals per-word argmax when transitions are flat', () => {
    const next = random(1);
    for (let trial = 0; trial < 50; trial++) {
      const logits = Array.from({ length: 1 + (trial % 7) }, () => [next(), next(), next()]);
      expect(decode(logits, uniform)).toEqual(logits.map((row) => row.indexOf(Math.max(...row))));
    }
  });

  it('mends a boundary the transitions make unlikely: B-PER B-PER becomes B-PER I-PER', () => {
    const table: Transitions = {
      start: [Math.log(0.8), Math.log(0.2), Math.log(1e-4)],
      matrix: [
        [Math.log(0.8), Math.log(0.2), Math.log(1e-4)], // after O
        [Math.log(0.3), Math.log(0.01), Math.log(0.69)], // after B-PER
        [Math.log(0.5), Math.log(0.01), Math.log(0.49)], // after I-PER
      ].flat(),
    };
    // "Mark Butcher": the second word alone leans slightly to B-PER.
    expect(
      decode(
        [
          [0, 4, 1],
          [0, 3, 2.5],
        ],
        table,
      ),
    ).toEqual([1, 2]);
  });

  it('finds the highest-scoring path (checked against every path on random inputs)', () => {
    const next = random(7);
    for (let trial = 0; trial < 40; trial++) {
      const table: Transitions = { start: [next(), next(), next()], matrix: Array.from({ length: n * n }, next) };
      const logits = Array.from({ length: 1 + (trial % 5) }, () => [next(), next(), next()]);
      const best = Math.max(...allPaths(logits.length).map((p) => pathScore(p, logits, table)));
      expect(pathScore(decode(logits, table), logits, table)).toBeCloseTo(best, 9);
    }
  });
});
