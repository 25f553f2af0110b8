// Word-level Viterbi decoding with a CRF-style tag-transition table, mirroring
// tools/train-ner/decoding.py. The shipped NER model scores each word alone; this picks the tag
// sequence that maximises sum(log-softmax emissions) + sum(log transition probabilities), which mends
// boundaries such as "Mark Butcher" tagged B-PER B-PER. The table ships in the model's config.json
// under `bucketwise.decoding`.

export type ViterbiErrorCode = 'BAD_TABLE' | 'BAD_EMISSIONS';

export class ViterbiError extends Error {
  override readonly name = 'ViterbiError';
  constructor(
    readonly code: ViterbiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface TransitionTable {
  /** Label names in the model's id order. */
  readonly labels: readonly string[];
  /** log P(first tag) per label. */
  readonly start: readonly number[];
  /** transitions[previous][current] = log P(current | previous). */
  readonly transitions: readonly (readonly number[])[];
}

/** Checks an untrusted table (from a config.json) and returns it typed. */
export function parseTransitionTable(value: unknown): TransitionTable {
  const table = value as Partial<TransitionTable> | null;
  const n = Array.isArray(table?.labels) ? table.labels.length : -1;
  const isRow = (row: unknown): boolean =>
    Array.isArray(row) && row.length === n && row.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (n <= 0 || !isRow(table?.start) || !Array.isArray(table?.transitions) || table.transitions.length !== n || !table.transitions.every(isRow)) {
    throw new ViterbiError(
      'BAD_TABLE',
      'the transition table needs `labels` (n names), `start` (n finite numbers) and `transitions` (n rows of n); ' +
        "regenerate the model's config.json with tools/train-ner/export_checkpoint.py",
    );
  }
  return table as TransitionTable;
}

function logSoftmax(scores: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < scores.length; k++) max = Math.max(max, scores[k]);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) sum += Math.exp(scores[k] - max);
  const logZ = max + Math.log(sum);
  const out = new Float64Array(scores.length);
  for (let k = 0; k < scores.length; k++) out[k] = scores[k] - logZ;
  return out;
}

/** Best label indices for one sentence, from each word's logits (any array-like of n scores). */
export function viterbiDecode(wordLogits: readonly ArrayLike<number>[], table: TransitionTable): number[] {
  const n = table.labels.length;
  if (wordLogits.length === 0) return [];
  if (wordLogits.some((scores) => scores.length !== n)) {
    throw new ViterbiError('BAD_EMISSIONS', `every word needs ${n} scores, one per label of the transition table`);
  }
  const first = logSoftmax(wordLogits[0]);
  let score = Float64Array.from(first, (e, k) => e + table.start[k]);
  const back: Int32Array[] = [];
  for (let i = 1; i < wordLogits.length; i++) {
    const emission = logSoftmax(wordLogits[i]);
    const next = new Float64Array(n);
    const pointers = new Int32Array(n);
    for (let current = 0; current < n; current++) {
      let best = 0;
      let bestScore = -Infinity;
      for (let previous = 0; previous < n; previous++) {
        const candidate = score[previous] + table.transitions[previous][current];
        if (candidate > bestScore) {
          bestScore = candidate;
          best = previous;
        }
      }
      next[current] = bestScore + emission[current];
      pointers[current] = best;
    }
    score = next;
    back.push(pointers);
  }
  let last = 0;
  for (let k = 1; k < n; k++) if (score[k] > score[last]) last = k;
  const path = [last];
  for (let i = back.length - 1; i >= 0; i--) path.push(back[i][path[path.length - 1]]);
  return path.reverse();
}
