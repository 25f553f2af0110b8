/**
 * Local search for 2-D buckets when exhaustive search is too expensive (see select2d.ts for the
 * problem). Sizes are grouped (identical rounded sizes share a weight); a candidate bucket covers the
 * groups no taller and no wider than itself; a bucket set costs the sum over groups of weight times the
 * smallest covering area, and is feasible when it covers every group.
 */
import { mulberry32 } from './random';

/** The instance, in flat arrays: the inner loops run over them millions of times. */
export interface SearchProblem {
  /** Rounded height, width and count of each group of identical sizes. */
  groupH: Int32Array;
  groupW: Int32Array;
  weights: Float64Array;
  /** Height, width and area of each candidate bucket. */
  candH: Int32Array;
  candW: Int32Array;
  areas: Float64Array;
  /** Groups each candidate covers. */
  covered: Int32Array[];
  /** The candidate (max height, max width), which covers everything. */
  envelope: number;
}

/** Restarts after the structured starts; they choose randomly among the best greedy candidates. */
const RANDOM_RESTARTS = 24;
/** How many of the best greedy candidates a randomised restart chooses from. */
const RANDOM_TOP = 3;
/** The ordered-partition starts cost O(k G^2); above this many groups they are skipped. */
const MAX_GROUPS_FOR_ORDERED_STARTS = 1500;

/**
 * Best bucket set found within `budget` units of work (one unit: one group looked at for one
 * candidate). Starts, most useful first: ordered partitions (by aspect ratio, height, width, area),
 * plain greedy, then randomised greedy; each is improved by swaps until none helps.
 */
export function localSearch2D(
  problem: SearchProblem,
  k: number,
  budget: number,
): { chosen: number[]; cutShort: boolean } {
  const { weights, areas, covered, envelope } = problem;
  const G = weights.length;
  const C = areas.length;
  const rng = mulberry32(0x2d);
  let work = 0;
  const overBudget = (): boolean => work > budget;

  /** Smallest covering area per group from `chosen` (skipping index `skip`); Infinity when uncovered. */
  const baseAreas = (chosen: readonly number[], skip = -1): Float64Array => {
    const out = new Float64Array(G).fill(Infinity);
    chosen.forEach((c, i) => {
      if (i === skip) return;
      const a = areas[c];
      for (const g of covered[c]) if (a < out[g]) out[g] = a;
    });
    return out;
  };
  interface Base {
    areas: Float64Array;
    /** Cost of the covered groups. */
    finite: number;
    uncovered: number;
  }
  const summarize = (base: Float64Array): Base => {
    let finite = 0;
    let uncovered = 0;
    for (let g = 0; g < G; g++) {
      if (base[g] === Infinity) uncovered++;
      else finite += base[g] * weights[g];
    }
    return { areas: base, finite, uncovered };
  };
  /** Cost after adding candidate c; Infinity when some group stays uncovered. */
  const costWith = (base: Base, c: number): number => {
    const list = covered[c];
    work += list.length;
    const a = areas[c];
    let cost = base.finite;
    let newlyCovered = 0;
    for (let i = 0; i < list.length; i++) {
      const g = list[i];
      const current = base.areas[g];
      if (current === Infinity) {
        cost += a * weights[g];
        newlyCovered++;
      } else if (a < current) cost += (a - current) * weights[g];
    }
    return newlyCovered === base.uncovered ? cost : Infinity;
  };
  const setCost = (chosen: readonly number[]): number => {
    const base = summarize(baseAreas(chosen));
    return base.uncovered === 0 ? base.finite : Infinity;
  };

  /** Adds the candidate saving the most (or one of the RANDOM_TOP best) while it helps and k allows. */
  const grow = (initial: readonly number[], randomised: boolean): number[] => {
    const chosen = [...initial];
    while (chosen.length < k) {
      const base = summarize(baseAreas(chosen));
      const ranked: { c: number; cost: number }[] = [];
      for (let c = 0; c < C; c++) {
        if (chosen.includes(c)) continue;
        const cost = costWith(base, c);
        if (cost < base.finite) ranked.push({ c, cost });
      }
      if (ranked.length === 0) break;
      ranked.sort((x, y) => x.cost - y.cost || x.c - y.c);
      chosen.push((randomised ? ranked[Math.floor(rng() * Math.min(RANDOM_TOP, ranked.length))] : ranked[0]).c);
    }
    return chosen;
  };

  /** One bucket out, one candidate in: the best such swap, if it lowers the cost. */
  const bestSwap = (chosen: number[], currentCost: number): number => {
    let bestCost = currentCost;
    let swap: [number, number] | undefined;
    for (let i = 0; i < chosen.length; i++) {
      const base = summarize(baseAreas(chosen, i));
      for (let c = 0; c < C; c++) {
        if (chosen.includes(c)) continue;
        const cost = costWith(base, c);
        if (cost < bestCost) {
          bestCost = cost;
          swap = [i, c];
        }
      }
    }
    if (swap) chosen[swap[0]] = swap[1];
    return bestCost;
  };

  /**
   * Two buckets out, two in (chosen greedily). Needed to replace the envelope by, say, a tall and a
   * wide bucket, which no single swap can do while every image stays covered. Uncovered groups are
   * priced at the envelope's area while choosing, so the first pick may leave some for the second.
   */
  const bestPairMove = (chosen: number[], currentCost: number): number => {
    let bestCost = currentCost;
    let bestSet: number[] | undefined;
    for (let i = 0; i < chosen.length; i++) {
      for (let j = i + 1; j < chosen.length; j++) {
        const kept = chosen.filter((_, index) => index !== i && index !== j);
        const fallback = baseAreas(kept).map((a) => Math.min(a, areas[envelope] + 1));
        for (let added = 0; added < 2; added++) {
          const base = summarize(fallback);
          let pick = envelope;
          let pickCost = Infinity;
          for (let c = 0; c < C; c++) {
            if (kept.includes(c)) continue;
            const cost = costWith(base, c);
            if (cost < pickCost) {
              pickCost = cost;
              pick = c;
            }
          }
          if (kept.includes(pick)) break;
          kept.push(pick);
          for (const g of covered[pick]) if (areas[pick] < fallback[g]) fallback[g] = areas[pick];
        }
        const cost = setCost(kept);
        if (cost < bestCost) {
          bestCost = cost;
          bestSet = kept;
        }
      }
    }
    if (bestSet) chosen.splice(0, chosen.length, ...bestSet);
    return bestCost;
  };

  const descend = (chosen: number[]): number => {
    let cost = setCost(chosen);
    while (!overBudget()) {
      const afterSwap = bestSwap(chosen, cost);
      if (afterSwap < cost) {
        cost = afterSwap;
        continue;
      }
      if (overBudget()) break;
      const afterPair = bestPairMove(chosen, cost);
      if (afterPair >= cost) break;
      cost = afterPair;
    }
    return cost;
  };

  const orders = G <= MAX_GROUPS_FOR_ORDERED_STARTS ? ORDERS : [];
  const startCount = orders.length + 1 + RANDOM_RESTARTS;
  let best: number[] = [envelope];
  let bestCost = setCost(best);
  const seen = new Set<string>();
  let cutShort = false;
  for (let i = 0; i < startCount; i++) {
    if (overBudget()) {
      cutShort = true;
      break;
    }
    const start =
      i < orders.length
        ? grow(orderedPartitionStart(problem, k, orders[i]), false)
        : grow([envelope], i > orders.length);
    const key = [...start].sort((a, b) => a - b).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    const cost = descend(start);
    if (cost < bestCost) {
      bestCost = cost;
      best = start;
    }
  }
  return { chosen: best, cutShort: cutShort || overBudget() };
}

type GroupOrder = (h1: number, w1: number, h2: number, w2: number) => number;

const ORDERS: readonly GroupOrder[] = [
  (h1, w1, h2, w2) => h1 / w1 - h2 / w2,
  (h1, w1, h2, w2) => h1 - h2 || w1 - w2,
  (h1, w1, h2, w2) => w1 - w2 || h1 - h2,
  (h1, w1, h2, w2) => h1 * w1 - h2 * w2,
];

/**
 * A start that is always feasible and often near the optimum: sort the groups (by aspect ratio,
 * height, width or area), split that order into at most k contiguous runs minimising the total padded
 * area (exact dynamic programming over runs, O(k G^2)), and give each run its (max height, max width)
 * bucket. Sorting by aspect ratio separates tall from wide images, which greedy growth cannot do.
 */
function orderedPartitionStart(problem: SearchProblem, k: number, order: GroupOrder): number[] {
  const { groupH, groupW, weights, candH, candW } = problem;
  const G = weights.length;
  const sorted = Array.from({ length: G }, (_, i) => i).sort(
    (a, b) => order(groupH[a], groupW[a], groupH[b], groupW[b]) || a - b,
  );
  const runs = Math.min(k, G);
  // best[j][r]: least area covering sorted[0..r] with j runs; from[j][r]: start of the last run.
  const best = Array.from({ length: runs + 1 }, () => new Float64Array(G).fill(Infinity));
  const from = Array.from({ length: runs + 1 }, () => new Int32Array(G));
  for (let j = 1; j <= runs; j++) {
    for (let l = j - 1; l < G; l++) {
      const before = l === 0 ? 0 : best[j - 1][l - 1];
      if (before === Infinity) continue;
      let maxH = 0;
      let maxW = 0;
      let weight = 0;
      for (let r = l; r < G; r++) {
        const g = sorted[r];
        if (groupH[g] > maxH) maxH = groupH[g];
        if (groupW[g] > maxW) maxW = groupW[g];
        weight += weights[g];
        const cost = before + maxH * maxW * weight;
        if (cost < best[j][r]) {
          best[j][r] = cost;
          from[j][r] = l;
        }
      }
      // A single run must start at the first group.
      if (j === 1) break;
    }
  }
  let j = 1;
  for (let used = 2; used <= runs; used++) if (best[used][G - 1] < best[j][G - 1]) j = used;
  const index = new Map<string, number>();
  for (let c = 0; c < candH.length; c++) index.set(`${candH[c]}x${candW[c]}`, c);
  const chosen = new Set<number>();
  for (let r = G - 1; r >= 0; j--) {
    const l = from[j][r];
    let maxH = 0;
    let maxW = 0;
    for (let i = l; i <= r; i++) {
      maxH = Math.max(maxH, groupH[sorted[i]]);
      maxW = Math.max(maxW, groupW[sorted[i]]);
    }
    chosen.add(index.get(`${maxH}x${maxW}`) as number);
    r = l - 1;
  }
  return [...chosen];
}
