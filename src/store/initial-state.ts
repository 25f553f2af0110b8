import {
  DEFAULT_BUCKET_PLAN,
  DEFAULT_MODEL,
  DEFAULT_SETTINGS,
  STORAGE_KEY,
  parsePersisted,
  readUrlState,
  type AppSettings,
  type BucketPlan,
  type DatasetKind,
  type ModelChoice,
} from '../core/app-state';
import { DEFAULT_TEXT } from '../samples';
import type { DatasetFile } from './types';

/** What the store starts from: defaults, overridden by the saved state, overridden by the link. */
export interface StartingState {
  settings: AppSettings;
  model: ModelChoice;
  plan: BucketPlan;
  buckets: number[] | null;
  text: string;
  datasetKind: DatasetKind;
  datasetFile: DatasetFile | null;
  compareItemLimit: number;
  compareRepetitions: number;
  notices: string[];
}

function readStorage(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    // Storage can be disabled (private windows, blocked cookies): start fresh rather than fail.
    return null;
  }
}

/** Compare's options before the user changes them: enough items for a histogram-like mix, 3 passes. */
const DEFAULT_COMPARE_ITEMS = 200;
const DEFAULT_COMPARE_REPETITIONS = 3;

export function startingState(search: string): StartingState {
  const saved = parsePersisted(readStorage());
  const url = readUrlState(search);
  const s = saved.state;
  let model: ModelChoice = url.state.model ?? s.model ?? { ...DEFAULT_MODEL };
  const notices = [...saved.problems, ...url.problems];
  if (model.kind === 'files') {
    notices.push(
      `The model files (${model.names.join(', ')}) cannot be reopened after a reload; the default model is loaded. Choose the files again to use them.`,
    );
    model = { ...DEFAULT_MODEL };
  }
  const dataset = s.dataset;
  const datasetFile: DatasetFile | null =
    dataset?.fileName !== undefined
      ? {
          name: dataset.fileName,
          text: dataset.fileText ?? null,
          ...(dataset.fileTooLargeChars !== undefined ? { tooLargeChars: dataset.fileTooLargeChars } : {}),
        }
      : null;
  return {
    settings: { ...DEFAULT_SETTINGS, ...s.settings, ...url.state.settings },
    model,
    plan: { ...DEFAULT_BUCKET_PLAN, ...s.plan, ...url.state.plan },
    buckets: url.state.buckets ?? s.buckets ?? null,
    text: s.text ?? DEFAULT_TEXT,
    // A first visit measures the sample set: a realistic histogram says more than three sentences.
    datasetKind: dataset?.kind ?? 'sample',
    datasetFile,
    compareItemLimit: s.compare?.items ?? DEFAULT_COMPARE_ITEMS,
    compareRepetitions: s.compare?.repetitions ?? DEFAULT_COMPARE_REPETITIONS,
    notices,
  };
}
