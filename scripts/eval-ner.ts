// `npm run eval:ner`: scores a shipped NER model on CoNLL-2003 valid.txt the way the app runs it:
// transformers.js tokenises, onnxruntime-web (WASM backend in Node) runs the ONNX file, each word takes
// the logits of its first sub-token, tags come from Viterbi over the transition table in config.json
// (or plain argmax), and conlleval rules give entity-level F1. A match with the F1 the Python training
// script recorded in config.json proves the export, tokenizer files and post-processing agree.
//
// Usage: npx tsx scripts/eval-ner.ts [--model DIR] [--limit N] [--decode viterbi|argmax] [--batch-tokens N]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { parseConll, type ConllSentence } from '../src/core/eval/conll';
import { conlleval, type Prf } from '../src/core/eval/conlleval';
import { parseTransitionTable, viterbiDecode, type TransitionTable } from '../src/core/eval/viterbi';
import { firstSubTokenIndices, labelOf, wordLogitsFromLogits } from '../src/core/eval/word-tags';
import { loadTokenizer } from './lib/tokenize-node';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const VALID_PATH = resolve(REPO_ROOT, '..', 'shared', 'data', 'conll2003', 'valid.txt');
// The Python script and this one must agree within this much F1 (issue 3).
const AGREEMENT = 0.002;

export type EvalNerErrorCode =
  | 'BAD_ARGUMENT'
  | 'DATA_MISSING'
  | 'MODEL_MISSING'
  | 'NO_TRANSITIONS'
  | 'TOKENIZATION_MISMATCH'
  | 'TOO_LONG';

export class EvalNerError extends Error {
  override readonly name = 'EvalNerError';
  constructor(
    readonly code: EvalNerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type Decoding = 'viterbi' | 'argmax';

interface Options {
  modelDir: string;
  limit: number;
  batchTokens: number;
  /** undefined: Viterbi when the model ships a transition table, else argmax. */
  decode: Decoding | undefined;
}

interface ModelConfig {
  max_position_embeddings: number;
  id2label: Record<string, string>;
  bucketwise?: { training?: { valid_f1?: number; valid_f1_argmax?: number }; decoding?: unknown };
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = {
    modelDir: join(REPO_ROOT, 'public/models/bucketwise-ner'),
    limit: Infinity,
    batchTokens: 8192,
    decode: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
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
    else if (flag === '--batch-tokens') options.batchTokens = positive();
    else if (flag === '--decode' && (value === 'viterbi' || value === 'argmax')) options.decode = value;
    else {
      throw new EvalNerError(
        'BAD_ARGUMENT',
        `unknown or incomplete option "${flag}"; usage: eval-ner.ts [--model DIR] [--limit N] ` +
          '[--decode viterbi|argmax] [--batch-tokens N]',
      );
    }
    i += 1;
  }
  return options;
}

function readValidSet(limit: number): ConllSentence[] {
  if (!existsSync(VALID_PATH)) {
    throw new EvalNerError(
      'DATA_MISSING',
      `CoNLL-2003 not found at ${VALID_PATH}. The evaluation reads ../shared/data beside the repository, ` +
        'which a fresh clone lacks; run it in the workspace that provides the shared data.',
    );
  }
  return parseConll(readFileSync(VALID_PATH, 'utf-8')).slice(0, limit);
}

function readModel(modelDir: string): { config: ModelConfig; onnxPath: string } {
  const configPath = join(modelDir, 'config.json');
  const onnxPath = join(modelDir, 'onnx', 'model.onnx');
  for (const path of [configPath, onnxPath]) {
    if (!existsSync(path)) {
      throw new EvalNerError('MODEL_MISSING', `${path} is missing; pass --model with a folder laid out like public/models/bucketwise-ner`);
    }
  }
  return { config: JSON.parse(readFileSync(configPath, 'utf-8')) as ModelConfig, onnxPath };
}

interface Encoded {
  sentence: number;
  ids: number[]; // [CLS] ... [SEP]
  wordStarts: number[];
}

type Tokenizer = Awaited<ReturnType<typeof loadTokenizer>>;

function encodeSentence(tokenizer: Tokenizer, words: readonly string[], sentence: number, maxPositions: number): Encoded {
  const ids = tokenizer.encode(words.join(' '));
  const perWord = words.map((word) => tokenizer.encode(word, { add_special_tokens: false }));
  // Word alignment tokenises word by word; that must equal tokenising the sentence, or labels would
  // land on the wrong pieces.
  const joined = perWord.flat();
  if (joined.length !== ids.length - 2 || joined.some((id, k) => id !== ids[k + 1])) {
    throw new EvalNerError('TOKENIZATION_MISMATCH', `sentence ${sentence}: word-by-word tokens differ from the sentence's tokens`);
  }
  if (ids.length > maxPositions) {
    throw new EvalNerError('TOO_LONG', `sentence ${sentence} has ${ids.length} tokens, more than max_position_embeddings ${maxPositions}`);
  }
  return { sentence, ids, wordStarts: firstSubTokenIndices(perWord.map((p) => p.length)) };
}

/** Sentences of similar length together, at most batchTokens padded tokens a batch. */
function batchesOf(encoded: Encoded[], batchTokens: number): Encoded[][] {
  const sorted = [...encoded].sort((a, b) => a.ids.length - b.ids.length);
  const batches: Encoded[][] = [];
  let current: Encoded[] = [];
  for (const item of sorted) {
    if (current.length > 0 && item.ids.length * (current.length + 1) > batchTokens) {
      batches.push(current);
      current = [];
    }
    current.push(item);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The decoder of one sentence: word logits in, tags out. */
type Decoder = (wordLogits: Float32Array[]) => string[];

function makeDecoder(decode: Decoding, config: ModelConfig): Decoder {
  if (decode === 'argmax') {
    return (rows) =>
      rows.map((scores) => labelOf(scores.indexOf(Math.max(...scores)), config.id2label));
  }
  const table: TransitionTable = parseTransitionTable(config.bucketwise?.decoding);
  table.labels.forEach((label, k) => {
    if (config.id2label[String(k)] !== label) {
      throw new EvalNerError('NO_TRANSITIONS', `transition table label ${k} is "${label}" but id2label says "${config.id2label[String(k)]}"`);
    }
  });
  return (rows) => viterbiDecode(rows, table).map((k) => table.labels[k]);
}

async function predict(session: ort.InferenceSession, batch: Encoded[], decoder: Decoder): Promise<string[][]> {
  const width = Math.max(...batch.map((e) => e.ids.length));
  const size = batch.length * width;
  const inputIds = new BigInt64Array(size);
  const mask = new BigInt64Array(size);
  batch.forEach((e, row) =>
    e.ids.forEach((id, t) => {
      inputIds[row * width + t] = BigInt(id);
      mask[row * width + t] = 1n;
    }),
  );
  const dims = [batch.length, width];
  const output = await session.run({
    input_ids: new ort.Tensor('int64', inputIds, dims),
    attention_mask: new ort.Tensor('int64', mask, dims),
    token_type_ids: new ort.Tensor('int64', new BigInt64Array(size), dims),
  });
  const logits = output.logits;
  const shape: [number, number, number] = [batch.length, width, logits.dims[2]];
  return batch.map((e, row) => decoder(wordLogitsFromLogits(logits.data as Float32Array, shape, row, e.wordStarts, 1)));
}

function formatRow(name: string, s: Prf): string {
  const pct = (x: number): string => (100 * x).toFixed(2).padStart(6);
  return `${name.padEnd(8)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} ${String(s.gold).padStart(6)}`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const sentences = readValidSet(options.limit);
  const { config, onnxPath } = readModel(options.modelDir);
  const decode: Decoding = options.decode ?? (config.bucketwise?.decoding ? 'viterbi' : 'argmax');
  if (decode === 'viterbi' && !config.bucketwise?.decoding) {
    throw new EvalNerError('NO_TRANSITIONS', `${options.modelDir}/config.json has no bucketwise.decoding table; use --decode argmax`);
  }
  const decoder = makeDecoder(decode, config);
  const tokenizer = await loadTokenizer(options.modelDir);
  const started = performance.now();
  const encoded = sentences.map((s, k) => encodeSentence(tokenizer, s.words, k, config.max_position_embeddings));
  ort.env.wasm.numThreads = 1; // the CPU is shared; one thread keeps the run polite and deterministic
  const session = await ort.InferenceSession.create(readFileSync(onnxPath));
  const predicted: string[][] = new Array(sentences.length);
  for (const batch of batchesOf(encoded, options.batchTokens)) {
    const tags = await predict(session, batch, decoder);
    batch.forEach((e, row) => (predicted[e.sentence] = tags[row]));
  }
  await session.release();
  const result = conlleval(sentences.map((s) => s.tags), predicted);
  const seconds = (performance.now() - started) / 1000;

  console.log(`model ${options.modelDir}, decoding: ${decode}`);
  console.log(`CoNLL-2003 valid: ${sentences.length} sentences, ${encoded.reduce((n, e) => n + e.ids.length, 0)} tokens, ${seconds.toFixed(1)} s`);
  console.log('type     prec%  recall%   F1%    gold');
  console.log(formatRow('overall', result.overall));
  for (const [type, s] of Object.entries(result.perType)) console.log(formatRow(type, s));
  const recorded = config.bucketwise?.training;
  // Models exported before Viterbi decoding recorded only the argmax F1, as valid_f1.
  const pythonF1 = decode === 'argmax' ? (recorded?.valid_f1_argmax ?? (config.bucketwise?.decoding ? undefined : recorded?.valid_f1)) : recorded?.valid_f1;
  if (pythonF1 !== undefined && options.limit === Infinity) {
    const gap = Math.abs(result.overall.f1 - pythonF1);
    const verdict = gap <= AGREEMENT ? 'agrees' : 'DISAGREES';
    console.log(`training script recorded ${decode} F1 ${pythonF1.toFixed(4)}; this run ${result.overall.f1.toFixed(4)}: ${verdict} (|diff| ${gap.toFixed(4)}, allowed ${AGREEMENT})`);
    if (gap > AGREEMENT) process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  console.error(`eval-ner failed${code ? ` [${code}]` : ''}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
