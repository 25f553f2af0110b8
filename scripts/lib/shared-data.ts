// Finds and reads the reference corpora in ../shared/data (read-only, never copied into the repo). A
// fresh clone has no ../shared, so every entry point fails with a message that says how to point at
// the data instead of a bare ENOENT.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type TaggedSentence, parseConll2003, parseWnut17 } from '../../src/core/datasets/conll';
import { CodedError } from '../../src/core/errors';

export type SharedDataErrorCode = 'DATA_DIR_MISSING' | 'DATASET_FILE_MISSING' | 'UNKNOWN_DATASET';

export class SharedDataError extends CodedError<SharedDataErrorCode> {
  override readonly name = 'SharedDataError';
}

/** The datasets this project reads, with their file under the data folder and their format. */
export const SHARED_DATASETS = {
  'wnut17-train': { file: 'wnut17/wnut17train.conll', format: 'wnut17' },
  'wnut17-dev': { file: 'wnut17/emerging.dev.conll', format: 'wnut17' },
  'conll2003-train': { file: 'conll2003/train.txt', format: 'conll2003' },
  'conll2003-valid': { file: 'conll2003/valid.txt', format: 'conll2003' },
} as const;

export type SharedDatasetName = keyof typeof SHARED_DATASETS;

/** Short names used on command lines; they mean the training split. */
const ALIASES: Record<string, SharedDatasetName> = { wnut17: 'wnut17-train', conll2003: 'conll2003-train' };

/** The repository root (this file lives in scripts/lib). */
export function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/**
 * The shared data folder: $BUCKETWISE_DATA_DIR when set, else ../shared/data next to the repository.
 * @throws SharedDataError `DATA_DIR_MISSING` when the folder does not exist.
 */
export function sharedDataDir(): string {
  const fromEnv = process.env.BUCKETWISE_DATA_DIR;
  const dir = fromEnv ? resolve(fromEnv) : resolve(repoRoot(), '..', 'shared', 'data');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const where = fromEnv ? `BUCKETWISE_DATA_DIR points to ${dir}, which is not a folder` : `looked for ${dir}`;
    throw new SharedDataError(
      'DATA_DIR_MISSING',
      `../shared/data not found: ${where}. It holds CoNLL-2003 and WNUT-17 and is not part of a clone; ` +
        'set BUCKETWISE_DATA_DIR to a folder containing conll2003/ and wnut17/.',
    );
  }
  return dir;
}

/** Resolves a dataset name (or alias) to its canonical name. */
export function resolveDatasetName(name: string): SharedDatasetName {
  if (name in SHARED_DATASETS) return name as SharedDatasetName;
  const alias = ALIASES[name];
  if (alias) return alias;
  throw new SharedDataError(
    'UNKNOWN_DATASET',
    `Unknown dataset "${name}". Known: ${[...Object.keys(SHARED_DATASETS), ...Object.keys(ALIASES)].join(', ')}.`,
  );
}

/** Absolute path of a dataset file; throws when the folder or the file is missing. */
export function sharedDatasetPath(name: string): string {
  const canonical = resolveDatasetName(name);
  const file = join(sharedDataDir(), SHARED_DATASETS[canonical].file);
  if (!existsSync(file)) {
    throw new SharedDataError(
      'DATASET_FILE_MISSING',
      `${canonical}: ${file} not found. The data folder should contain ${SHARED_DATASETS[canonical].file}; ` +
        'set BUCKETWISE_DATA_DIR to the right folder.',
    );
  }
  return file;
}

/** Reads and parses a named dataset into tagged sentences. */
export function readSharedDataset(name: string): TaggedSentence[] {
  const canonical = resolveDatasetName(name);
  const file = sharedDatasetPath(canonical);
  const text = readFileSync(file, 'utf8');
  const parse = SHARED_DATASETS[canonical].format === 'wnut17' ? parseWnut17 : parseConll2003;
  return parse(text, { source: file });
}
