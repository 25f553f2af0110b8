import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { BenchError, DATASET_NAMES } from './bench';
import { decodeTextFile } from '../../src/core/datasets/encoding';
import { parseJsonl } from '../../src/core/datasets/jsonl';
import { parseTextLines } from '../../src/core/datasets/text';
import { readSharedDataset, resolveDatasetName, SHARED_DATASETS, type SharedDatasetName } from './shared-data';

export interface BenchDataset {
  name: string;
  /** Every item of the dataset, in file order; the command samples from these. */
  texts: string[];
}

function sharedName(option: string): SharedDatasetName | undefined {
  try {
    return resolveDatasetName(option);
  } catch {
    return undefined;
  }
}

/** A .txt file gives one item per non-blank line, a .jsonl file the "text" field of each line. */
function loadFile(file: string): BenchDataset {
  const { text } = decodeTextFile(new Uint8Array(readFileSync(file)));
  if (file.toLowerCase().endsWith('.jsonl')) {
    const parsed = parseJsonl(text, 'text');
    if (parsed.errors.length > 0) {
      const count = parsed.errors.length + parsed.omittedErrors;
      throw new BenchError(
        'EMPTY_DATASET',
        `${file}: ${count} bad line(s), the first: ${parsed.errors[0]!.message} Fix them so that every item is benchmarked.`,
      );
    }
    return { name: path.basename(file), texts: parsed.items };
  }
  return { name: path.basename(file), texts: parseTextLines(text) };
}

/**
 * The items of --dataset: a CoNLL-2003 or WNUT-17 split from ../shared/data (a sentence's text is its
 * tokens joined by single spaces, as in the DeepSparse guide), or a .txt / .jsonl file.
 * @throws SharedDataError when ../shared/data or the split is missing, BenchError for an unknown name.
 */
export function loadBenchDataset(option: string): BenchDataset {
  const shared = sharedName(option);
  if (shared !== undefined) {
    const sentences = readSharedDataset(shared);
    return { name: shared, texts: sentences.map((s) => s.tokens.join(' ')) };
  }
  const file = path.resolve(option);
  if (!existsSync(file) || !statSync(file).isFile()) {
    const names = [...new Set([...DATASET_NAMES, ...Object.keys(SHARED_DATASETS)])].join(', ');
    throw new BenchError(
      'UNKNOWN_DATASET',
      `--dataset "${option}" is neither a dataset name (${names}) nor an existing .txt or .jsonl file.`,
    );
  }
  return loadFile(file);
}
