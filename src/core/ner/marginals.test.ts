import { describe, expect, it } from 'vitest';
import { chainMarginals } from './marginals';
import { bioTransitions, type Transitions } from './viterbi';

/** Deterministic pseudo-random numbers in [-3, 3), so failures reproduce. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state / 2 ** 32) * 6 - 3;
  };
}

function allPaths(length: number, n: number): number[][] {
  if (length === 0) return [[]];
  return allPaths(length - 1, n).flatMap((p) => Array.from({ length: n }, (_, k) => [...p, k]));
}

/** Marginals by enumerating every path: exp(score) / sum of exp(score). */
function bruteForce(emissions: number[][], n: number, t: Transitions): number[][] {
  const out = emissions.map(() => new Array<number>(n).fill(0));
  let total = 0;
  for (const path of allPaths(emissions.length, n)) {
    const score = path.reduce(
      (sum, tag, i) =>
        sum + emissions[i][tag] + (i === 0 ? (t.start ? t.start[tag] : 0) : t.matrix[path[i - 1] * n + tag]),
      0,
    );
    const weight = Math.exp(score);
    total += weight;
    path.forEach((tag, i) => (out[i][tag] += weight));
  }
  return out.map((row) => row.map((w) => w / total));
}

describe('chainMarginals', () => {
  it('equals the brute-force marginals on random tiny chains', () => {
    const next = random(3);
    for (let trial = 0; trial < 30; trial++) {
      const n = 3;
      const t: Transitions = { matrix: Array.from({ length: n * n }, next), start: [next(), next(), next()] };
      const emissions = Array.from({ length: 1 + (trial % 5) }, () => [next(), next(), next()]);
      const got = chainMarginals(emissions.flat(), n, t);
      bruteForce(emissions, n, t)
        .flat()
        .forEach((p, k) => expect(got[k]).toBeCloseTo(p, 10));
    }
  });

  it('sums to 1 at every position, also on a long chain that would underflow outside log space', () => {
    const next = random(11);
    const n = 5;
    const t: Transitions = { matrix: Array.from({ length: n * n }, () => 20 * next()) };
    const rows = 2000;
    const got = chainMarginals(
      Array.from({ length: rows * n }, () => 30 * next()),
      n,
      t,
    );
    for (let r = 0; r < rows; r++) {
      const sum = got.subarray(r * n, r * n + n).reduce((s, p) => s + p, 0);
      expect(sum).toBeCloseTo(1, 9);
    }
  });

  it("with free transitions is each row's own softmax", () => {
    const emissions = [Math.log(0.2), Math.log(0.5), Math.log(0.3)];
    const got = chainMarginals(emissions, 3, { matrix: new Float64Array(9) });
    expect(Array.from(got).map((p) => Number(p.toFixed(10)))).toEqual([0.2, 0.5, 0.3]);
  });

  it('gives forbidden labels probability 0 (IOB2: no I- at the start or after O)', () => {
    const labels = ['O', 'B-LOC', 'I-LOC'];
    const emissions = [
      [0.1, 0.4, 0.5],
      [0.9, 0.05, 0.05],
    ]
      .flat()
      .map(Math.log);
    const got = chainMarginals(emissions, 3, bioTransitions(labels));
    expect(got[2]).toBe(0);
    expect(got[3 + 2]).toBeGreaterThan(0);
  });

  it("falls back to each row's softmax when every path is forbidden, and handles an empty chain", () => {
    const forbidden = { matrix: new Float64Array(9).fill(-Infinity) };
    const got = chainMarginals([0.2, 0.7, 0.1, 0.6, 0.3, 0.1].map(Math.log), 3, forbidden);
    expect(Array.from(got).map((p) => Number(p.toFixed(10)))).toEqual([0.2, 0.7, 0.1, 0.6, 0.3, 0.1]);
    expect(chainMarginals([], 3, forbidden)).toHaveLength(0);
  });

  it('rejects mis-sized transitions or ragged emissions', () => {
    expect(() => chainMarginals([0, 0, 0], 3, { matrix: [0, 0] })).toThrow(
      expect.objectContaining({ code: 'BAD_TRANSITIONS' }),
    );
    expect(() => chainMarginals([0, 0], 3, { matrix: new Float64Array(9) })).toThrow(
      expect.objectContaining({ code: 'BAD_TRANSITIONS' }),
    );
  });
});
