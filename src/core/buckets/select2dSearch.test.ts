import { describe, expect, it } from 'vitest';
import { mulberry32 } from './random';
import { localSearch2D, type SearchProblem } from './select2dSearch';

/** A problem from image sizes: every (height, width) pair drawn from the groups' sides is a candidate. */
function problemOf(groups: [number, number, number][]): SearchProblem {
  const hs = [...new Set(groups.map((g) => g[0]))].sort((a, b) => a - b);
  const ws = [...new Set(groups.map((g) => g[1]))].sort((a, b) => a - b);
  const cands = hs.flatMap((h) => ws.map((w) => [h, w] as const));
  return {
    groupH: Int32Array.from(groups.map((g) => g[0])),
    groupW: Int32Array.from(groups.map((g) => g[1])),
    weights: Float64Array.from(groups.map((g) => g[2])),
    candH: Int32Array.from(cands.map((c) => c[0])),
    candW: Int32Array.from(cands.map((c) => c[1])),
    areas: Float64Array.from(cands.map((c) => c[0] * c[1])),
    covered: cands.map(([h, w]) => Int32Array.from(groups.flatMap((g, i) => (g[0] <= h && g[1] <= w ? [i] : [])))),
    envelope: cands.length - 1,
  };
}

/** Sum over groups of weight x smallest covering area; Infinity when a group is uncovered. */
function costOf(p: SearchProblem, chosen: readonly number[]): number {
  let total = 0;
  for (let g = 0; g < p.weights.length; g++) {
    let best = Infinity;
    for (const c of chosen)
      if (p.candH[c] >= p.groupH[g] && p.candW[c] >= p.groupW[g]) best = Math.min(best, p.areas[c]);
    total += p.weights[g] * best;
  }
  return total;
}

function bestByBruteForce(p: SearchProblem, k: number): number {
  const n = p.areas.length;
  let best = Infinity;
  const visit = (from: number, chosen: number[]) => {
    if (chosen.length > 0) best = Math.min(best, costOf(p, chosen));
    if (chosen.length === k) return;
    for (let c = from; c < n; c++) visit(c + 1, [...chosen, c]);
  };
  visit(0, []);
  return best;
}

describe('localSearch2D', () => {
  it('portrait and landscape groups get a bucket each, not one square envelope', () => {
    const p = problemOf([
      [64, 32, 10],
      [32, 64, 10],
    ]);
    const { chosen, cutShort } = localSearch2D(p, 2, 1e6);
    expect(cutShort).toBe(false);
    expect(costOf(p, chosen)).toBe(10 * 64 * 32 * 2);
  });

  it('finds the brute-force optimum on small random problems, and its sets cover every group', () => {
    const rng = mulberry32(5);
    for (let trial = 0; trial < 30; trial++) {
      const groups = Array.from({ length: 2 + Math.floor(rng() * 4) }, () => [
        32 * (1 + Math.floor(rng() * 4)),
        32 * (1 + Math.floor(rng() * 4)),
        1 + Math.floor(rng() * 9),
      ]) as [number, number, number][];
      const p = problemOf(groups);
      const k = 1 + (trial % 3);
      const { chosen } = localSearch2D(p, k, 1e7);
      expect(chosen.length).toBeLessThanOrEqual(k);
      expect(Number.isFinite(costOf(p, chosen))).toBe(true);
      expect(costOf(p, chosen)).toBeLessThanOrEqual(bestByBruteForce(p, k) * 1.05);
    }
  });

  it('says when the work budget cut it short, and still returns a set that covers everything', () => {
    const p = problemOf(
      Array.from(
        { length: 12 },
        (_, i) => [32 * (1 + (i % 4)), 32 * (1 + ((i * 7) % 5)), 1 + i] as [number, number, number],
      ),
    );
    const { chosen, cutShort } = localSearch2D(p, 3, 0);
    expect(cutShort).toBe(true);
    expect(Number.isFinite(costOf(p, chosen))).toBe(true);
  });
});
