import { validateBuckets } from '../buckets';
import { isScoreThreshold } from '../ner/threshold';
import { SESSION_LAYOUT_CHOICES } from '../modes';
import { BATCH_LADDERS } from '../routing';
import {
  AGGREGATIONS,
  ALGORITHM_IDS,
  BACKEND_CHOICES,
  DATASET_KINDS,
  MAX_BATCH_SIZE,
  MAX_K,
  OVERFLOW_POLICIES,
  isOneOf,
  type AppSettings,
  type BucketPlan,
  type DatasetKind,
  type ModelChoice,
} from './settings';

/** localStorage key; the version inside lets a later format migrate or drop old data. */
export const STORAGE_KEY = 'bucketwise:state';
export const STORAGE_VERSION = 1;
/**
 * A chosen file's text is kept across reloads up to this many characters (about 1 MB of ASCII; browsers
 * give an origin about 5 MB of localStorage). Larger files keep only their name and must be chosen again.
 */
export const MAX_PERSISTED_FILE_CHARS = 1_000_000;

export interface PersistedDataset {
  kind: DatasetKind;
  fileName?: string;
  /** The file's text, when it was small enough to keep. */
  fileText?: string;
  /** Set when the file was too large to keep: its size in characters. */
  fileTooLargeChars?: number;
}

/** Everything a reload restores. */
export interface PersistedState {
  text: string;
  settings: AppSettings;
  model: ModelChoice;
  plan: BucketPlan;
  buckets: number[] | null;
  dataset: PersistedDataset;
  /** Compare's options: how many items and repetitions. */
  compare?: PersistedCompare;
}

export interface PersistedCompare {
  items: number;
  repetitions: number;
}

/** Largest accepted Compare options, as the panel's fields allow. */
export const MAX_COMPARE_ITEMS = 1_000_000;
export const MAX_COMPARE_REPETITIONS = 50;

/** Serialises the state for localStorage, leaving a large file's text out (see MAX_PERSISTED_FILE_CHARS). */
export function serializePersisted(state: PersistedState): string {
  const dataset: PersistedDataset = { kind: state.dataset.kind };
  if (state.dataset.fileName !== undefined) dataset.fileName = state.dataset.fileName;
  const text = state.dataset.fileText;
  if (text !== undefined) {
    if (text.length <= MAX_PERSISTED_FILE_CHARS) dataset.fileText = text;
    else dataset.fileTooLargeChars = text.length;
  } else if (state.dataset.fileTooLargeChars !== undefined) {
    dataset.fileTooLargeChars = state.dataset.fileTooLargeChars;
  }
  return JSON.stringify({ version: STORAGE_VERSION, ...state, dataset });
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const isPositiveInt = (n: unknown, max = Number.MAX_SAFE_INTEGER): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= max;

function readSettings(raw: unknown, problems: string[]): Partial<AppSettings> {
  if (!isObj(raw)) return {};
  const out: Partial<AppSettings> = {};
  // Each saved field is checked on its own: a bad one is reset and named, the others are kept.
  const take = <K extends keyof AppSettings>(field: K, valid: (v: unknown) => v is AppSettings[K]) => {
    if (!(field in raw)) return;
    const value = raw[field];
    if (valid(value)) out[field] = value;
    else problems.push(`The saved setting "${field}" was not valid and was reset.`);
  };
  take('backend', (v): v is AppSettings['backend'] => isOneOf(v, BACKEND_CHOICES));
  take('batchSize', (v): v is number => isPositiveInt(v, MAX_BATCH_SIZE));
  take('budgetMB', (v): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v) && v > 0));
  take('overflow', (v): v is AppSettings['overflow'] => isOneOf(v, OVERFLOW_POLICIES));
  take('stride', (v): v is number | null => v === null || isPositiveInt(v));
  take('aggregation', (v): v is AppSettings['aggregation'] => isOneOf(v, AGGREGATIONS));
  take('scoreThreshold', (v): v is number | null => v === null || isScoreThreshold(v));
  take('graphCapture', (v): v is boolean => typeof v === 'boolean');
  take('batchLadder', (v): v is AppSettings['batchLadder'] => isOneOf(v, BATCH_LADDERS));
  take('sessionLayout', (v): v is AppSettings['sessionLayout'] => isOneOf(v, SESSION_LAYOUT_CHOICES));
  return out;
}

function readModel(raw: unknown): ModelChoice | undefined {
  if (!isObj(raw)) return undefined;
  if (raw.kind === 'bundled' && typeof raw.name === 'string' && /^[\w.-]+$/.test(raw.name))
    return { kind: 'bundled', name: raw.name };
  if (raw.kind === 'hub' && typeof raw.id === 'string' && typeof raw.host === 'string')
    return { kind: 'hub', id: raw.id, host: raw.host };
  if (raw.kind === 'files' && Array.isArray(raw.names) && raw.names.every((n) => typeof n === 'string')) {
    return { kind: 'files', names: raw.names as string[] };
  }
  return undefined;
}

function readPlan(raw: unknown): Partial<BucketPlan> {
  if (!isObj(raw)) return {};
  const out: Partial<BucketPlan> = {};
  if (isOneOf(raw.algorithm, ALGORITHM_IDS)) out.algorithm = raw.algorithm;
  if (isPositiveInt(raw.k, MAX_K)) out.k = raw.k;
  if (typeof raw.batchAware === 'boolean') out.batchAware = raw.batchAware;
  if (isPositiveInt(raw.planBatchSize, MAX_BATCH_SIZE)) out.planBatchSize = raw.planBatchSize;
  return out;
}

function readDataset(raw: unknown): PersistedDataset | undefined {
  if (!isObj(raw) || !isOneOf(raw.kind, DATASET_KINDS)) return undefined;
  const out: PersistedDataset = { kind: raw.kind };
  if (typeof raw.fileName === 'string') out.fileName = raw.fileName;
  if (typeof raw.fileText === 'string') out.fileText = raw.fileText;
  if (typeof raw.fileTooLargeChars === 'number') out.fileTooLargeChars = raw.fileTooLargeChars;
  // A file source without its text cannot be rebuilt; fall back to the sample so the chart is not empty.
  if (out.kind === 'file' && out.fileText === undefined) return { ...out, kind: 'sample' };
  return out;
}

/** Saved state with every field checked on its own: one bad field is reset, the rest is kept. */
export interface RestoredState {
  text?: string;
  settings: Partial<AppSettings>;
  model?: ModelChoice;
  plan: Partial<BucketPlan>;
  buckets?: number[] | null;
  dataset?: PersistedDataset;
  compare?: Partial<PersistedCompare>;
}

/**
 * Reads what {@link serializePersisted} wrote. Missing or unreadable storage gives an empty state; a
 * corrupt or older entry gives what can be salvaged plus a sentence per problem for the page to show.
 */
export function parsePersisted(raw: string | null): { state: RestoredState; problems: string[] } {
  const empty: RestoredState = { settings: {}, plan: {} };
  if (raw === null || raw === '') return { state: empty, problems: [] };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { state: empty, problems: ['The saved work could not be read (it is not valid JSON) and was reset.'] };
  }
  if (!isObj(data) || data.version !== STORAGE_VERSION) {
    return { state: empty, problems: ['The saved work is from another version of the app and was reset.'] };
  }
  const problems: string[] = [];
  const state: RestoredState = { settings: readSettings(data.settings, problems), plan: readPlan(data.plan) };
  if (typeof data.text === 'string') state.text = data.text;
  const model = readModel(data.model);
  if (model) state.model = model;
  if (data.buckets === null) state.buckets = null;
  else if (data.buckets !== undefined) {
    try {
      state.buckets = validateBuckets(data.buckets);
    } catch (err) {
      problems.push(`The saved buckets were reset: ${(err as Error).message}`);
    }
  }
  if (isObj(data.compare)) {
    const compare: Partial<PersistedCompare> = {};
    const { items, repetitions } = data.compare;
    if (isPositiveInt(items) && items <= MAX_COMPARE_ITEMS) compare.items = items;
    if (isPositiveInt(repetitions) && repetitions <= MAX_COMPARE_REPETITIONS) compare.repetitions = repetitions;
    state.compare = compare;
  }
  const dataset = readDataset(data.dataset);
  if (dataset) {
    state.dataset = dataset;
    if (dataset.fileTooLargeChars !== undefined && dataset.fileName) {
      problems.push(
        `The file ${dataset.fileName} (${(dataset.fileTooLargeChars / 1e6).toFixed(1)} million characters) was too large to keep across reloads: choose it again.`,
      );
    }
  }
  return { state, problems };
}
