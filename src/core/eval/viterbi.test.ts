import { describe, expect, it } from 'vitest';
import { parseTransitionTable, viterbiDecode, type TransitionTable } from './viterbi';

const LABELS = ['O', 'B-PER', 'I-PER'];
const uniform = (n: number): TransitionTable => ({
  labels: LABELS.slice(0, n),
  start: new Array(n).fill(0),
  transitions: Array.from({ length: n }, () => new Array(n).fill(0)),
});

/** Deterministic pseudo-random numbers in [-3, 3), so failures reproduce. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state / 2 ** 32) * 6 - 3;
  };
}

function logSoftmax(row: number[]): number[] {
  const max = Math.max(...row);
  const logZ = max + Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
  return row.map((x) => x - logZ);
}

function pathScore(path: number[], logits: number[][], table: TransitionTable): number {
  return path.reduce(
    (sum, tag, i) => sum + logSoftmax(logits[i])[tag] + (i === 0 ? table.start[tag] : table.transitions[path[i - 1]][tag]),
    0,
  );
}

function allPaths(length: number, n: number): number[][] {
  if (length === 0) return [[]];
  return allPaths(length - 1, n).flatMap((p) => Array.from({ length: n }, (_, k) => [...p, k]));
}

describe('viterbiDecode', () => {
  it('returns nothing for an empty sentence', () => {
    expect(viterbiDecode([], uniform(3))).toEqual([]);
  });

  it('equals per-word argmax when transitions are flat', () => {
    const next = random(1);
    for (let trial = 0; trial < 50; trial++) {
      const logits = Array.from({ length: 1 + (trial % 7) }, () => [next(), next(), next()]);
      const argmax = logits.map((row) => row.indexOf(Math.max(...row)));
      expect(viterbiDecode(logits, uniform(3))).toEqual(argmax);
    }
  });

  it('mends a boundary the transitions make unlikely: B-PER B-PER becomes B-PER I-PER', () => {
    const table: TransitionTable = {
      labels: LABELS,
      start: [Math.log(0.8), Math.log(0.2), Math.log(1e-4)],
      transitions: [
        [Math.log(0.8), Math.log(0.2), Math.log(1e-4)], // after O
        [Math.log(0.3), Math.log(0.01), Math.log(0.69)], // after B-PER
        [Math.log(0.5), Math.log(0.01), Math.log(0.49)], // after I-PER
      ],
    };
    // "Mark Butcher": the second word alone leans slightly to B-PER.
    const logits = [
      [0, 4, 1],
      [0, 3, 2.5],
    ];
    expect(viterbiDecode(logits, table)).toEqual([1, 2]);
  });

  it('finds the highest-scoring path (checked against every path on random inputs)', () => {
    const next = random(7);
    for (let trial = 0; trial < 40; trial++) {
      const n = 3;
      const table: TransitionTable = {
        labels: LABELS,
        start: [next(), next(), next()],
        transitions: Array.from({ length: n }, () => [next(), next(), next()]),
      };
      const logits = Array.from({ length: 1 + (trial % 5) }, () => [next(), next(), next()]);
      const best = Math.max(...allPaths(logits.length, n).map((p) => pathScore(p, logits, table)));
      expect(pathScore(viterbiDecode(logits, table), logits, table)).toBeCloseTo(best, 9);
    }
  });

  it('rejects words whose score count differs from the table', () => {
    expect(() => viterbiDecode([[0, 1]], uniform(3))).toThrow(expect.objectContaining({ code: 'BAD_EMISSIONS' }));
  });
});

describe('parseTransitionTable', () => {
  it('accepts a well-formed table', () => {
    expect(parseTransitionTable(uniform(3)).labels).toEqual(LABELS);
  });

  it.each([
    { name: 'null', table: null },
    { name: 'no labels', table: { start: [0], transitions: [[0]] } },
    { name: 'short start', table: { labels: ['O', 'B-X'], start: [0], transitions: [[0, 0], [0, 0]] } },
    { name: 'ragged rows', table: { labels: ['O', 'B-X'], start: [0, 0], transitions: [[0, 0], [0]] } },
    { name: 'non-finite', table: { labels: ['O'], start: [Number.NaN], transitions: [[0]] } },
  ])('rejects $name with BAD_TABLE', ({ table }) => {
    expect(() => parseTransitionTable(table)).toThrow(expect.objectContaining({ code: 'BAD_TABLE' }));
  });
});
