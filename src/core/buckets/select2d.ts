/**
 * Choosing k (height, width) buckets for images.
 *
 * Each image goes to the smallest-area bucket that covers both its height and width, so the cost of a
 * bucket set is the total padded area. Candidates: every (H, W) pair where H is an image height and W an
 * image width (after rounding up to `multipleOf`). That loses nothing: shrinking a bucket to the largest
 * height and width among the images it serves keeps them covered and never adds area, so some optimal
 * set uses only such pairs.
 *
 * Method: when the number of candidate sets is small, every set of at most k candidates that covers all
 * images is tried (exact). Otherwise a local search (select2dSearch.ts) runs from several starts: the
 * best split of the sizes, sorted by aspect ratio (then by height, width, area), into k contiguous runs
 * (an exact DP along that order), plain greedy growth from the bucket covering everything, and seeded
 * randomised greedy. Each start is improved by swapping one bucket for one candidate, or two for two,
 * until nothing helps or a work budget is spent. The problem is a kind of facility location, for which
 * no fast exact method is known, so the result is a local optimum; on small random inputs it matched
 * exhaustive search in 500 of 500 seeded cases, and the tests require at least 145 of 150.
 */
import { BucketError } from './errors';
import { type SearchProblem, localSearch2D } from './select2dSearch';

/** An image size or a 2-D bucket, in pixels. */
export interface Size2D {
  h: number;
  w: number;
}

/** Options of {@link select2DBuckets}. */
export interface Select2DOptions {
  /** Bucket sides are multiples of this (most vision backbones need 32). Default 32. */
  multipleOf?: number;
  /** Work (candidate sets times distinct sizes) up to which the exact exhaustive search runs. */
  maxExhaustiveWork?: number;
  /** Work (candidate evaluations times distinct sizes) after which the local search stops. */
  maxSearchWork?: number;
}

/** The chosen buckets with their padding totals. */
export interface Selection2D {
  /** Buckets sorted by area, then height. */
  buckets: Size2D[];
  /** Sum of bucket areas over all images. */
  paddedArea: number;
  /** Sum of image areas. */
  realArea: number;
  method: 'exhaustive' | 'local-search';
  notes: string[];
}

const DEFAULT_MAX_EXHAUSTIVE_WORK = 20_000_000;
const DEFAULT_MAX_SEARCH_WORK = 30_000_000;

interface Group {
  h: number;
  w: number;
  weight: number;
}

/**
 * Picks at most k 2-D buckets minimising the total padded area of `sizes` (see the module comment).
 * @throws BucketError `INVALID_SIZE_2D`, `EMPTY_HISTOGRAM` or `INVALID_K` for invalid input.
 */
export function select2DBuckets(sizes: readonly Size2D[], k: number, options: Select2DOptions = {}): Selection2D {
  const multipleOf = options.multipleOf ?? 32;
  if (!Number.isInteger(multipleOf) || multipleOf < 1) {
    throw new BucketError(
      'INVALID_SIZE_2D',
      `multipleOf is ${String(multipleOf)}: it must be a positive integer such as 32.`,
    );
  }
  if (!Number.isInteger(k) || k < 1) {
    throw new BucketError('INVALID_K', `k is ${String(k)}: the number of buckets must be an integer of at least 1.`);
  }
  if (sizes.length === 0) {
    throw new BucketError('EMPTY_HISTOGRAM', 'No image sizes given: 2-D bucket selection needs at least one size.');
  }
  const groups = groupSizes(sizes, multipleOf);
  let realArea = 0;
  for (const s of sizes) realArea += s.h * s.w;

  const heights = [...new Set(groups.map((g) => g.h))].sort((a, b) => a - b);
  const widths = [...new Set(groups.map((g) => g.w))].sort((a, b) => a - b);
  const candidates: Size2D[] = [];
  for (const h of heights) {
    for (const w of widths) {
      if (groups.some((g) => g.h <= h && g.w <= w)) candidates.push({ h, w });
    }
  }
  const notes: string[] = [];
  const cover = coverMatrix(groups, candidates);
  const work = setsOfAtMost(candidates.length, k) * groups.length;
  const exhaustive = work <= (options.maxExhaustiveWork ?? DEFAULT_MAX_EXHAUSTIVE_WORK);
  let chosen: number[];
  if (exhaustive) chosen = exhaustiveSearch(groups, candidates, cover, k);
  else {
    const search = localSearch2D(
      toProblem(groups, candidates, cover),
      k,
      options.maxSearchWork ?? DEFAULT_MAX_SEARCH_WORK,
    );
    chosen = search.chosen;
    if (search.cutShort) {
      notes.push('The local search stopped at its work budget: the buckets are good but may not be the best possible.');
    }
  }
  if (chosen.length < k) {
    notes.push(`${chosen.length} bucket(s) already give the least padding here; more than that would not help.`);
  }
  const buckets = chosen.map((i) => candidates[i]).sort((a, b) => a.h * a.w - b.h * b.w || a.h - b.h);
  return {
    buckets,
    paddedArea: setCost(groups, candidates, cover, chosen),
    realArea,
    method: exhaustive ? 'exhaustive' : 'local-search',
    notes,
  };
}

function groupSizes(sizes: readonly Size2D[], multipleOf: number): Group[] {
  const byKey = new Map<string, Group>();
  sizes.forEach((s, i) => {
    if (!s || !Number.isInteger(s.h) || !Number.isInteger(s.w) || s.h < 1 || s.w < 1) {
      throw new BucketError(
        'INVALID_SIZE_2D',
        `Size ${i} is ${JSON.stringify(s)}: height and width must be positive integers.`,
      );
    }
    const h = Math.ceil(s.h / multipleOf) * multipleOf;
    const w = Math.ceil(s.w / multipleOf) * multipleOf;
    const key = `${h}x${w}`;
    const group = byKey.get(key);
    if (group) group.weight++;
    else byKey.set(key, { h, w, weight: 1 });
  });
  return [...byKey.values()];
}

/** covers[c * G + g] = 1 when candidate c covers group g. */
function coverMatrix(groups: Group[], candidates: Size2D[]): Uint8Array {
  const G = groups.length;
  const covers = new Uint8Array(candidates.length * G);
  candidates.forEach((c, ci) => {
    groups.forEach((g, gi) => {
      if (g.h <= c.h && g.w <= c.w) covers[ci * G + gi] = 1;
    });
  });
  return covers;
}

function setsOfAtMost(n: number, k: number): number {
  let total = 0;
  let binomial = 1;
  for (let j = 1; j <= Math.min(k, n); j++) {
    binomial = (binomial * (n - j + 1)) / j;
    total += binomial;
  }
  return total;
}

/** Total padded area of a candidate set; Infinity when some group is not covered. */
function setCost(groups: Group[], candidates: Size2D[], cover: Uint8Array, chosen: number[]): number {
  const G = groups.length;
  let total = 0;
  for (let g = 0; g < G; g++) {
    let best = Infinity;
    for (const c of chosen) if (cover[c * G + g]) best = Math.min(best, candidates[c].h * candidates[c].w);
    total += best * groups[g].weight;
  }
  return total;
}

function exhaustiveSearch(groups: Group[], candidates: Size2D[], cover: Uint8Array, k: number): number[] {
  const G = groups.length;
  // best[depth][g]: smallest covering area for group g using the candidates chosen so far.
  const best = Array.from({ length: k + 1 }, () => new Float64Array(G).fill(Infinity));
  let bestCost = Infinity;
  let bestSet: number[] = [];
  const chosen: number[] = [];
  const visit = (from: number, depth: number): void => {
    for (let c = from; c < candidates.length; c++) {
      const area = candidates[c].h * candidates[c].w;
      const prev = best[depth];
      const next = best[depth + 1];
      let cost = 0;
      for (let g = 0; g < G; g++) {
        next[g] = cover[c * G + g] && area < prev[g] ? area : prev[g];
        cost += next[g] * groups[g].weight;
      }
      chosen.push(c);
      // Strictly better only, so the smallest set reaching the minimum is kept.
      if (cost < bestCost) {
        bestCost = cost;
        bestSet = [...chosen];
      }
      if (depth + 1 < k) visit(c + 1, depth + 1);
      chosen.pop();
    }
  };
  visit(0, 0);
  return bestSet;
}

function toProblem(groups: Group[], candidates: Size2D[], cover: Uint8Array): SearchProblem {
  const G = groups.length;
  const maxH = Math.max(...groups.map((g) => g.h));
  const maxW = Math.max(...groups.map((g) => g.w));
  const covered = candidates.map((_, c) => {
    const list: number[] = [];
    for (let g = 0; g < G; g++) if (cover[c * G + g]) list.push(g);
    return Int32Array.from(list);
  });
  return {
    groupH: Int32Array.from(groups, (g) => g.h),
    groupW: Int32Array.from(groups, (g) => g.w),
    weights: Float64Array.from(groups, (g) => g.weight),
    candH: Int32Array.from(candidates, (c) => c.h),
    candW: Int32Array.from(candidates, (c) => c.w),
    areas: Float64Array.from(candidates, (c) => c.h * c.w),
    covered,
    envelope: candidates.findIndex((c) => c.h === maxH && c.w === maxW),
  };
}
