// `npm run eval:ner`: scores a shipped NER model on CoNLL-2003 valid.txt through the app's own pipeline:
// transformers.js tokenises each sentence (its words joined by spaces, the text the page would classify),
// src/core/ner plans the segments, padBatch pads them, onnxruntime-web (WASM backend in Node) runs the
// ONNX file, decodeText decodes exactly as the worker does (aggregation "first", the app's default, with
// the model's word-level Viterbi table and forward-backward scores), entities below the score threshold
// are hidden as on the page, and each word takes the tag of the entity covering it. conlleval rules then
// give entity-level F1: the F1 of what the app shows (e2e/eval-parity.spec.ts checks the two agree).
//
// Usage: npx tsx scripts/eval-ner.ts [--model DIR] [--limit N] [--decode viterbi|argmax]
//          [--threshold X|none] [--sweep X,Y,...] [--max-bucket N] [--batch-rows N]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConll2003, type TaggedSentence } from '../src/core/datasets/conll';
import { CodedError } from '../src/core/errors';
import { conlleval, type Prf } from '../src/core/eval/conlleval';
import { isScoreThreshold } from '../src/core/ner';
import { entitiesOfSentences, loadEvalModel, tagsAtThreshold } from './lib/ner-eval';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const VALID_PATH = resolve(REPO_ROOT, '..', 'shared', 'data', 'conll2003', 'valid.txt');

export type EvalNerErrorCode = 'BAD_ARGUMENT' | 'DATA_MISSING' | 'MODEL_MISSING' | 'NO_TRANSITIONS';

export class EvalNerError extends CodedError<EvalNerErrorCode> {
  override readonly name = 'EvalNerError';
}

type Decoding = 'viterbi' | 'argmax';

interface Options {
  modelDir: string;
  limit: number;
  batchRows: number;
  /** undefined: the model's largest input (max_position_embeddings). */
  maxBucket: number | undefined;
  /** undefined: Viterbi when the model ships a transition table, else argmax. */
  decode: Decoding | undefined;
  /** undefined: the model's bucketwise.scoreThreshold (none when absent), as the app's default. */
  threshold: number | null | undefined;
  /** Thresholds to print F1 for, besides the headline figure. */
  sweep: number[];
}

const USAGE =
  'usage: eval-ner.ts [--model DIR] [--limit N] [--decode viterbi|argmax] [--threshold X|none] ' +
  '[--sweep X,Y,...] [--max-bucket N] [--batch-rows N]';

function parseThreshold(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !isScoreThreshold(n)) {
    throw new EvalNerError('BAD_ARGUMENT', `${flag} needs numbers from 0 to 1, got "${value ?? ''}"; ${USAGE}`);
  }
  return n;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = {
    modelDir: join(REPO_ROOT, 'public/models/bucketwise-ner'),
    limit: Infinity,
    batchRows: 64,
    maxBucket: undefined,
    decode: undefined,
    threshold: undefined,
    sweep: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    const positive = (): number => {
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0) {
        throw new EvalNerError('BAD_ARGUMENT', `${flag} needs a positive integer, got "${value ?? ''}"`);
      }
      return n;
    };
    if (flag === '--model' && value) options.modelDir = resolve(value);
    else if (flag === '--limit') options.limit = positive();
    else if (flag === '--batch-rows') options.batchRows = positive();
    else if (flag === '--max-bucket') options.maxBucket = positive();
    else if (flag === '--decode' && (value === 'viterbi' || value === 'argmax')) options.decode = value;
    else if (flag === '--threshold') options.threshold = value === 'none' ? null : parseThreshold(flag, value);
    else if (flag === '--sweep') options.sweep = (value ?? '').split(',').map((x) => parseThreshold(flag, x));
    else throw new EvalNerError('BAD_ARGUMENT', `unknown or incomplete option "${flag}"; ${USAGE}`);
    i += 1;
  }
  return options;
}

function readValidSet(limit: number): TaggedSentence[] {
  if (!existsSync(VALID_PATH)) {
    throw new EvalNerError(
      'DATA_MISSING',
      `CoNLL-2003 not found at ${VALID_PATH}. The evaluation reads ../shared/data beside the repository, ` +
        'which a fresh clone lacks; run it in the workspace that provides the shared data.',
    );
  }
  return parseConll2003(readFileSync(VALID_PATH, 'utf-8'), { source: VALID_PATH }).slice(0, limit);
}

function checkModel(modelDir: string): void {
  for (const path of [join(modelDir, 'config.json'), join(modelDir, 'onnx', 'model.onnx')]) {
    if (!existsSync(path)) {
      throw new EvalNerError(
        'MODEL_MISSING',
        `${path} is missing; pass --model with a folder laid out like public/models/bucketwise-ner`,
      );
    }
  }
}

function formatRow(name: string, s: Prf): string {
  const pct = (x: number): string => (100 * x).toFixed(2).padStart(6);
  return `${name.padEnd(8)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} ${String(s.gold).padStart(6)}`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const sentences = readValidSet(options.limit);
  checkModel(options.modelDir);
  const model = await loadEvalModel(options.modelDir);
  const decode: Decoding = options.decode ?? (model.wordTransitions ? 'viterbi' : 'argmax');
  if (decode === 'viterbi' && !model.wordTransitions) {
    throw new EvalNerError(
      'NO_TRANSITIONS',
      `${options.modelDir}/config.json has no bucketwise.decoding table; use --decode argmax`,
    );
  }
  const threshold = options.threshold === undefined ? model.scoreThreshold : options.threshold;
  const started = performance.now();
  const words = sentences.map((s) => s.tokens);
  const entities = await entitiesOfSentences(model, words, {
    maxBucket: options.maxBucket ?? model.maxPositions,
    batchRows: options.batchRows,
    strategy: 'first',
    argmax: decode === 'argmax',
  });
  await model.session.release();
  const gold = sentences.map((s) => s.tags);
  const result = conlleval(gold, tagsAtThreshold(words, entities, threshold));
  const seconds = (performance.now() - started) / 1000;

  const shownThreshold = threshold === null ? 'none' : threshold.toFixed(2);
  console.log(`model ${options.modelDir}, decoding: ${decode}, aggregation: first, score threshold: ${shownThreshold}`);
  console.log(`CoNLL-2003 valid: ${sentences.length} sentences, ${seconds.toFixed(1)} s`);
  console.log('type     prec%  recall%   F1%    gold');
  console.log(formatRow('overall', result.overall));
  for (const [type, s] of Object.entries(result.perType)) console.log(formatRow(type, s));
  if (options.sweep.length > 0) {
    console.log('\nthreshold sweep (entities below the threshold hidden, as on the page):');
    console.log('thresh   prec%  recall%   F1%');
    for (const t of options.sweep) {
      const r = conlleval(gold, tagsAtThreshold(words, entities, t)).overall;
      const pct = (x: number): string => (100 * x).toFixed(2).padStart(6);
      console.log(`${t.toFixed(2).padEnd(6)} ${pct(r.precision)} ${pct(r.recall)} ${pct(r.f1)}`);
    }
  }
  const recorded = (
    model.config.bucketwise as { training?: { valid_f1?: number; valid_f1_argmax?: number } } | undefined
  )?.training;
  const pythonF1 = decode === 'argmax' ? recorded?.valid_f1_argmax : recorded?.valid_f1;
  if (pythonF1 !== undefined && options.limit === Infinity) {
    // The training script decodes CoNLL's own words; the app decodes the words its tokenizer sees
    // (punctuation inside a corpus word is a word of its own), so the two may differ a little.
    console.log(
      `training script recorded ${decode} F1 ${pythonF1.toFixed(4)} on CoNLL's words; the app's pipeline: ${result.overall.f1.toFixed(4)}`,
    );
  }
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  console.error(
    `eval-ner failed${code ? ` [${code}]` : ''}: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
});
