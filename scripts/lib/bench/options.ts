import { MODES, type Backend, type Mode, type Regime } from '../../../src/protocol/types';
import { type BucketDistribution, type BucketSpec, parseBucketSpec } from './bucket-spec';
import { BenchError } from './errors';

/** What `scripts/bench.ts` was asked to do, after parsing and validation. */
export interface BenchOptions {
  /** `bundled`, `tiny`, the name of a folder in public/models, or a path to a model folder. */
  model: string;
  /** A dataset name (see DATASET_NAMES) or a path to a .txt / .jsonl file. */
  dataset: string;
  /** Items sampled from the dataset (fixed seed); `all` uses every item in file order. */
  items: number | 'all';
  seed: number;
  batchSize: number;
  backend: Backend;
  modes: Mode[];
  buckets: BucketSpec;
  /** `auto` means items: bucketed mode routes each item to its bucket before batching. */
  distribution: BucketDistribution | 'auto';
  /** Which regimes to run; `both` runs cold stream first, then steady. */
  regime: Regime | 'both';
  /** Batch-size buckets (1, 2, 4, ..., batch) for bucketed runs' partial batches; off with --no-batch-buckets. */
  batchBuckets: boolean;
  /** Which batch sizes those are: powers of 2 (default) or of 4, up to --batch. */
  batchLadder: 'powers-of-2' | 'powers-of-4';
  warmupRuns: number;
  repetitions: number;
  /** Cold stream: how many times every mode streams the items, each time starting at the next mode. */
  coldRepetitions: number;
  json?: string;
  reference: boolean;
  /** Rebuild the app when its build is older than the sources; off with --no-build. */
  build: boolean;
  verbose: boolean;
  help: boolean;
}

export const DATASET_NAMES = ['wnut17', 'wnut17-dev', 'conll2003', 'conll2003-valid'] as const;

export const DEFAULT_OPTIONS: Readonly<BenchOptions> = Object.freeze<BenchOptions>({
  model: 'bundled',
  dataset: 'wnut17',
  items: 512,
  seed: 17,
  batchSize: 64,
  // WASM is the default because it finishes in minutes on any machine; WebGPU on a CPU adapter
  // (SwiftShader) is 50-100x slower and should be asked for with fewer items.
  backend: 'wasm',
  modes: [...MODES],
  buckets: { kind: 'auto', algorithm: 'optimal', k: 4 },
  distribution: 'auto',
  regime: 'both',
  batchBuckets: true,
  batchLadder: 'powers-of-2',
  warmupRuns: 1,
  repetitions: 3,
  coldRepetitions: 1,
  reference: false,
  build: true,
  verbose: false,
  help: false,
});

export const HELP_TEXT = `Usage: npm run bench -- [options]

Builds the app if needed, serves it on 127.0.0.1, runs the real inference worker in headless Chromium
and prints one row per mode; progress goes to stderr.

  --model M          bundled (public/models/bucketwise-ner, default), tiny (public/models/tiny-bert-ner),
                     another folder name in public/models, or a path to a model folder
                     (onnx/model.onnx, config.json, tokenizer.json, tokenizer_config.json)
  --dataset D        ${DATASET_NAMES.join(' | ')} (from ../shared/data or
                     $BUCKETWISE_DATA_DIR; wnut17 and conll2003 are the train splits; a sentence's text
                     is its tokens joined by spaces), or a .txt file (one text a line) or a .jsonl file
                     (a "text" field a line). Default wnut17
  --items N|all      items sampled with a fixed seed (default ${DEFAULT_OPTIONS.items}); the output says how many were used
  --seed N           sampling seed (default ${DEFAULT_OPTIONS.seed})
  --batch N          batch size (default ${DEFAULT_OPTIONS.batchSize})
  --backend B        wasm (default) | webgpu (a CPU adapter such as SwiftShader is 50-100x slower: use
                     fewer items and a smaller --batch there; bucketed mode needs several full batches
                     per bucket to show its gain)
  --modes LIST       comma list of ${MODES.join(', ')} (default: all)
  --buckets SPEC     ascending sizes, the last may be "max" (the longest item), e.g. 15,35,55,75,max;
                     or auto:<algorithm>:<k>, e.g. auto:optimal:4 (default)
  --distribution D   what auto selects on: items (default; matches bucketed mode, which routes each item to
                     its bucket before batching) or batch-max (the longest item of each batch of
                     --batch items in arrival order; fits loaders that batch first, then pad)
  --regime R         cold | steady | both (default). cold: each mode in a fresh browser, warming only what
                     it can know before traffic (static modes: their shapes; dynamic: one run), then
                     every item once; reports warm-up and traffic time, per-item latency and GPU
                     compiles during traffic. steady: every shape warmed, then --reps timed passes
  --no-batch-buckets bucketed modes pad a bucket's last batch with empty rows instead of running it
                     at smaller static batch sizes (1, 2, 4, ..., --batch)
  --batch-ladder L   powers-of-2 (default: 1, 2, 4, ..., --batch) | powers-of-4 (1, 4, 16, ..., --batch:
                     no empty row either, about half the static sessions and shapes to warm)
  --warmup N         steady: warm-up runs per shape before timing (default ${DEFAULT_OPTIONS.warmupRuns}; at least 1 is always run)
  --reps N           steady: timed passes over all items per mode, modes interleaved (default ${DEFAULT_OPTIONS.repetitions});
                     cold is one pass per mode and --cold-reps
  --cold-reps N      cold: stream the items N times per mode (default 1), each mode in a fresh browser,
                     the order rotated each time so that every mode runs first equally often (use the
                     number of modes); each mode reports its run with the median traffic time
  --reference        also time the transformers.js token-classification pipeline on the same model,
                     items and batch size (its own padding)
  --json FILE        write { config, results, reference? } as JSON
  --no-build         use the previous build as it is, even when older than the sources
  --verbose          copy the browser console to stderr
  --help             this text

Exit status: 0 done, 1 the benchmark failed while running, 2 bad options or missing data/model.`;

const VALUE_OPTIONS = new Set([
  'model',
  'dataset',
  'items',
  'seed',
  'batch',
  'backend',
  'modes',
  'buckets',
  'distribution',
  'regime',
  'batch-ladder',
  'warmup',
  'reps',
  'cold-reps',
  'json',
]);
const FLAG_OPTIONS = new Set(['reference', 'no-build', 'no-batch-buckets', 'verbose', 'help']);

/** Every option name the parser accepts, without the leading --: what HELP_TEXT has to document. */
export const OPTION_NAMES: readonly string[] = Object.freeze([...VALUE_OPTIONS, ...FLAG_OPTIONS]);

function wholeNumber(name: string, text: string, min: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < min) {
    throw new BenchError('BAD_NUMBER', `--${name} is "${text}": it must be a whole number of at least ${min}.`);
  }
  return value;
}

function parseModes(text: string): Mode[] {
  const modes = text
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  if (modes.length === 0) throw new BenchError('BAD_MODE', `--modes is empty; choose from ${MODES.join(', ')}.`);
  for (const m of modes) {
    if (!MODES.includes(m as Mode))
      throw new BenchError('BAD_MODE', `--modes: unknown mode "${m}"; choose from ${MODES.join(', ')}.`);
  }
  return [...new Set(modes as Mode[])];
}

/** Parses the command line (without `node script`); `--name value` and `--name=value` both work. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { ...DEFAULT_OPTIONS, modes: [...DEFAULT_OPTIONS.modes] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      throw new BenchError('UNKNOWN_OPTION', `Unexpected argument "${arg}"; options start with -- (see --help).`);
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (FLAG_OPTIONS.has(name)) {
      if (eq >= 0) throw new BenchError('UNKNOWN_OPTION', `--${name} takes no value.`);
      if (name === 'reference') options.reference = true;
      else if (name === 'no-build') options.build = false;
      else if (name === 'no-batch-buckets') options.batchBuckets = false;
      else if (name === 'verbose') options.verbose = true;
      else options.help = true;
      continue;
    }
    if (!VALUE_OPTIONS.has(name)) {
      throw new BenchError('UNKNOWN_OPTION', `Unknown option --${name}; run with --help for the list.`);
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--'))
        throw new BenchError('MISSING_VALUE', `--${name} needs a value (see --help).`);
      value = next;
      i++;
    }
    applyValue(options, name, value);
  }
  return options;
}

function applyValue(options: BenchOptions, name: string, value: string): void {
  switch (name) {
    case 'model':
      options.model = value;
      break;
    case 'dataset':
      options.dataset = value;
      break;
    case 'items':
      options.items = value === 'all' ? 'all' : wholeNumber(name, value, 1);
      break;
    case 'seed':
      options.seed = wholeNumber(name, value, 0);
      break;
    case 'batch-ladder':
      if (value !== 'powers-of-2' && value !== 'powers-of-4') {
        throw new BenchError('BAD_BUCKETS', `--batch-ladder is "${value}": choose powers-of-2 or powers-of-4.`);
      }
      options.batchLadder = value;
      break;
    case 'batch':
      options.batchSize = wholeNumber(name, value, 1);
      break;
    case 'backend':
      if (value !== 'wasm' && value !== 'webgpu') {
        throw new BenchError('BAD_BACKEND', `--backend is "${value}": choose wasm or webgpu.`);
      }
      options.backend = value;
      break;
    case 'modes':
      options.modes = parseModes(value);
      break;
    case 'buckets':
      options.buckets = parseBucketSpec(value);
      break;
    case 'distribution':
      if (value !== 'items' && value !== 'batch-max') {
        throw new BenchError('BAD_DISTRIBUTION', `--distribution is "${value}": choose batch-max or items.`);
      }
      options.distribution = value;
      break;
    case 'regime':
      if (value !== 'cold' && value !== 'steady' && value !== 'both') {
        throw new BenchError('BAD_REGIME', `--regime is "${value}": choose cold, steady or both.`);
      }
      options.regime = value;
      break;
    case 'warmup':
      options.warmupRuns = wholeNumber(name, value, 0);
      break;
    case 'reps':
      options.repetitions = wholeNumber(name, value, 1);
      break;
    case 'cold-reps':
      options.coldRepetitions = wholeNumber(name, value, 1);
      break;
    case 'json':
      options.json = value;
      break;
    default:
      throw new BenchError('UNKNOWN_OPTION', `Unknown option --${name}; run with --help for the list.`);
  }
}

/**
 * The distribution `auto` buckets are selected on: the items', whatever the batch size, because the
 * engine routes each item to its bucket before batching, so a batch's rows are already alike. (Selecting
 * on each batch's longest item put every bucket near the maximum: 0.95x pad-to-max at batch 64.)
 */
export function effectiveDistribution(
  options: Pick<BenchOptions, 'distribution' | 'batchSize'>,
): 'items' | 'batch-max' {
  return options.distribution === 'auto' ? 'items' : options.distribution;
}

/** The regimes to run, cold first (it needs fresh workers; steady reuses the last one). */
export function regimesOf(options: Pick<BenchOptions, 'regime'>): Regime[] {
  return options.regime === 'both' ? ['cold', 'steady'] : [options.regime];
}
