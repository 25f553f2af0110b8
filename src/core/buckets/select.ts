import { batchMaxDistribution } from './batched';
import { DEFAULT_MAX_COMBINATIONS, bruteForcePartition } from './bruteForce';
import { type CostFunction, costTable } from './cost';
import { BucketError } from './errors';
import { constantBuckets, exponentialBuckets, lloydMaxBuckets, percentileBuckets, uniformBuckets } from './heuristics';
import { type Histogram, assertValidHistogram, clipHistogram, totalCount } from './histogram';
import { optimalPartition } from './optimal';

/** The bucket selection algorithms, by id. */
export type BucketAlgorithm =
  'constant' | 'uniform' | 'percentile' | 'exponential' | 'lloydMax' | 'bruteForce' | 'optimal';

/** What the UI shows for an algorithm. */
export interface BucketAlgorithmInfo {
  id: BucketAlgorithm;
  label: string;
  description: string;
  /** Whether the algorithm minimises padding (or the given cost) exactly. */
  exact: boolean;
}

/** Every algorithm with a label and a one-line description, in the order the UI lists them. */
export const BUCKET_ALGORITHMS: readonly BucketAlgorithmInfo[] = Object.freeze([
  {
    id: 'constant',
    label: 'Pad to max',
    description: 'One bucket at the longest length: a single shape, the most padding.',
    exact: false,
  },
  {
    id: 'uniform',
    label: 'Uniform',
    description: 'Bucket edges evenly spaced between the shortest and the longest length.',
    exact: false,
  },
  {
    id: 'percentile',
    label: 'Percentile',
    description: 'Edges at equal quantiles, so each bucket gets about the same number of inputs.',
    exact: false,
  },
  {
    id: 'exponential',
    label: 'Exponential',
    description: 'Edges in geometric progression (powers of two on 1..2^k): constant ratio between buckets.',
    exact: false,
  },
  {
    id: 'lloydMax',
    label: 'Lloyd-Max',
    description: "Lloyd-Max quantiser of the length distribution (Habana's study): good, not optimal.",
    exact: false,
  },
  {
    id: 'bruteForce',
    label: 'Brute force',
    description: 'Tries every bucket set: exact, but only feasible for few distinct lengths.',
    exact: true,
  },
  {
    id: 'optimal',
    label: 'Optimal (DP)',
    description: 'Exact minimum of padding (or of a latency model) by dynamic programming in O(k n log n).',
    exact: true,
  },
]);

/** Options of {@link selectBuckets}. */
export interface SelectOptions {
  algorithm: BucketAlgorithm;
  /** Number of buckets wanted (each one is a session, so a copy of the weights). */
  k: number;
  /** Largest bucket, e.g. the model's maximum positions; longer inputs count as this length. */
  cap?: number;
  /**
   * Non-decreasing cost of running one item in a bucket of this length (e.g. measured latency per item).
   * `optimal` and `bruteForce` minimise the expected cost instead of padded tokens; heuristics ignore it.
   */
  cost?: CostFunction;
  /** Every bucket holds a copy of the weights: k is lowered to floor(budgetBytes / modelBytes). */
  memory?: { budgetBytes: number; modelBytes: number };
  /** Select on the distribution of a batch's longest length for batches of this size. */
  batchSize?: number;
  /** Ceiling on the bucket sets `bruteForce` may try before it refuses. */
  maxCombinations?: number;
}

/** Ascending distinct bucket sizes (the last is the largest length or the cap) and plain-word notes. */
export interface Selection {
  buckets: number[];
  notes: string[];
}

/**
 * Chooses k bucket sizes for a length histogram.
 * @throws BucketError with a `code` for invalid k, histogram, cap, cost, memory budget or batch size.
 */
export function selectBuckets(hist: Histogram, options: SelectOptions): Selection {
  assertValidHistogram(hist);
  const { algorithm } = options;
  if (!BUCKET_ALGORITHMS.some((a) => a.id === algorithm)) {
    throw new BucketError(
      'UNKNOWN_ALGORITHM',
      `Unknown bucket algorithm "${String(algorithm)}". Choose one of: ${BUCKET_ALGORITHMS.map((a) => a.id).join(', ')}.`,
    );
  }
  if (!Number.isInteger(options.k) || options.k < 1) {
    throw new BucketError(
      'INVALID_K',
      `k is ${String(options.k)}: the number of buckets must be an integer of at least 1.`,
    );
  }
  const notes: string[] = [];
  let k = limitByMemory(options.k, options.memory, notes);
  let working = hist;

  if (options.cap !== undefined) {
    const cap = options.cap;
    if (!Number.isInteger(cap) || cap < 1) {
      throw new BucketError(
        'INVALID_CAP',
        `The cap is ${String(cap)}: it must be a positive integer (e.g. the model's maximum positions).`,
      );
    }
    const clipped = clipHistogram(working, cap);
    working = clipped.hist;
    if (clipped.clippedItems > 0) {
      notes.push(
        `${formatCount(clipped.clippedItems)} input(s) longer than the cap ${cap} are counted at ${cap}: they will be truncated or split into windows.`,
      );
    }
  }

  if (options.batchSize !== undefined) {
    const b = options.batchSize;
    if (!Number.isInteger(b) || b < 1) {
      throw new BucketError('INVALID_BATCH_SIZE', `Batch size ${String(b)} must be a positive integer.`);
    }
    if (b > 1) {
      const items = totalCount(working);
      const pmf = batchMaxDistribution(working, b);
      // Weights become expected batches, so the metrics of the result still read in inputs and batches.
      working = { lengths: pmf.lengths, counts: pmf.counts.map((p) => (p * items) / b) };
      notes.push(
        `Buckets chosen for the longest input of each batch of ${b}, since a batch is padded to its longest row.`,
      );
    }
  }

  const top = Math.max(1, working.lengths[working.lengths.length - 1]);
  const usable = working.lengths.filter((x, i) => working.counts[i] > 0 || x === top).length;
  if (k > usable && algorithm !== 'constant') {
    notes.push(`Only ${usable} distinct length(s) occur, so ${usable} bucket(s) suffice instead of ${k}.`);
    k = usable;
  }

  let unitCost: Float64Array | undefined;
  if (options.cost !== undefined) {
    if (algorithm === 'optimal' || algorithm === 'bruteForce') unitCost = costTable(working.lengths, options.cost);
    else notes.push(`The cost model is ignored by ${algorithm}: only optimal and bruteForce minimise it.`);
  }

  const raw = runAlgorithm(algorithm, working, k, unitCost, options.maxCombinations);
  const buckets = finalizeBuckets(raw, top);
  if (buckets.length < k && algorithm !== 'constant') {
    notes.push(
      `${algorithm} produced ${buckets.length} distinct bucket(s) for k = ${k}: some of its edges fell on the same length.`,
    );
  }
  return { buckets, notes };
}

function runAlgorithm(
  algorithm: BucketAlgorithm,
  hist: Histogram,
  k: number,
  unitCost: Float64Array | undefined,
  maxCombinations: number | undefined,
): number[] {
  switch (algorithm) {
    case 'constant':
      return constantBuckets(hist);
    case 'uniform':
      return uniformBuckets(hist, k);
    case 'percentile':
      return percentileBuckets(hist, k);
    case 'exponential':
      return exponentialBuckets(hist, k);
    case 'lloydMax':
      return lloydMaxBuckets(hist, k);
    case 'optimal':
    case 'bruteForce': {
      const table = unitCost ?? Float64Array.from(hist.lengths);
      const partition =
        algorithm === 'optimal'
          ? optimalPartition(hist.counts, table, k)
          : bruteForcePartition(hist.counts, table, k, maxCombinations ?? DEFAULT_MAX_COMBINATIONS);
      return partition.ends.map((end) => hist.lengths[end]);
    }
    default: {
      const unreachable: never = algorithm;
      throw new BucketError('UNKNOWN_ALGORITHM', `Unknown bucket algorithm "${String(unreachable)}".`);
    }
  }
}

function limitByMemory(k: number, memory: SelectOptions['memory'], notes: string[]): number {
  if (memory === undefined) return k;
  const { budgetBytes, modelBytes } = memory;
  if (!(Number.isFinite(budgetBytes) && budgetBytes > 0 && Number.isFinite(modelBytes) && modelBytes > 0)) {
    throw new BucketError(
      'INVALID_MEMORY_BUDGET',
      `Memory budget ${String(budgetBytes)} and model size ${String(modelBytes)} must both be positive numbers of bytes.`,
    );
  }
  const fit = Math.floor(budgetBytes / modelBytes);
  if (fit < 1) {
    throw new BucketError(
      'MEMORY_BUDGET_TOO_SMALL',
      `The memory budget (${formatBytes(budgetBytes)}) cannot hold even one copy of the model (${formatBytes(modelBytes)}). ` +
        'Raise the budget or use a smaller (e.g. quantised) model.',
    );
  }
  if (fit < k) {
    notes.push(
      `The memory budget of ${formatBytes(budgetBytes)} holds ${fit} cop${fit === 1 ? 'y' : 'ies'} of the ${formatBytes(modelBytes)} model ` +
        `(one per bucket session), so k was reduced from ${k} to ${fit}.`,
    );
    return fit;
  }
  return k;
}

/** Rounds up (a bucket must hold its lengths), clamps to [1, top], removes repeats, ends with top. */
function finalizeBuckets(raw: number[], top: number): number[] {
  const set = new Set<number>();
  for (const value of raw) {
    // The tolerance keeps values like 4.000000000001 (from powers and divisions) at 4.
    const rounded = Math.ceil(value - 1e-9);
    set.add(Math.min(top, Math.max(1, rounded)));
  }
  set.add(top);
  return [...set].sort((a, b) => a - b);
}

function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** Human-readable byte size (MB = 10^6 bytes, like browser storage quotas). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}
