import * as transformers from '@huggingface/transformers';
import { errorMessage } from '../../src/core/errors';
import { bundledModelRoot, checkHubHost, hubModelRoot, localModelName } from '../../src/core/models';
import { OnnxReadError, readGraphIO, type GraphIO } from '../../src/core/onnx/graph-io';
import { WorkerError } from '../../src/protocol/errors';
import type { ModelSource, WorkProgress } from '../../src/protocol/types';
import { ModelFiles } from './model-files';

export type Tokenizer = transformers.PreTrainedTokenizer;

export interface LoadedModel {
  name: string;
  modelBytes: Uint8Array;
  config: ModelConfig;
  tokenizer: Tokenizer;
}

export interface ModelConfig {
  labels: string[];
  maxPositions: number;
  raw: Record<string, unknown>;
}

type Progress = (p: WorkProgress) => void;

/** Reads what token classification needs from config.json, naming whatever is missing. */
export function parseModelConfig(raw: unknown): ModelConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new WorkerError(
      'BAD_MODEL',
      'config.json is not a JSON object.',
      'Use the config.json exported with the model.',
    );
  }
  const cfg = raw as Record<string, unknown>;
  const id2label = cfg.id2label;
  if (typeof id2label !== 'object' || id2label === null || Object.keys(id2label).length === 0) {
    throw new WorkerError(
      'BAD_MODEL',
      'config.json has no "id2label": the model\'s labels are unknown.',
      'Add an "id2label" map (e.g. {"0": "O", "1": "B-PER", ...}) to config.json.',
    );
  }
  const entries = Object.entries(id2label as Record<string, unknown>);
  const labels: string[] = new Array(entries.length);
  for (const [key, value] of entries) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= entries.length || typeof value !== 'string') {
      throw new WorkerError(
        'BAD_MODEL',
        `config.json "id2label" entry ${JSON.stringify(key)} is invalid: ids must be 0..${entries.length - 1} mapping to label strings.`,
        'Fix the id2label map in config.json.',
      );
    }
    labels[index] = value;
  }
  const maxPositions = cfg.max_position_embeddings;
  if (typeof maxPositions !== 'number' || !Number.isInteger(maxPositions) || maxPositions < 2) {
    throw new WorkerError(
      'BAD_MODEL',
      'config.json has no valid "max_position_embeddings".',
      'Add the model\'s maximum sequence length as "max_position_embeddings".',
    );
  }
  return { labels, maxPositions, raw: cfg };
}

function wrapTokenizerError(err: unknown): never {
  if (err instanceof WorkerError) throw err;
  throw new WorkerError(
    'BAD_MODEL',
    `The tokenizer could not be loaded: ${errorMessage(err)}`,
    'The model needs a valid tokenizer.json (and tokenizer_config.json) that transformers.js can read.',
  );
}

/** The tokenizer class tokenizer_config.json names (BERT's when it names none), built from the two files. */
function buildTokenizer(tokenizerJson: unknown, tokenizerConfig: Record<string, unknown>): Tokenizer {
  const className = String(tokenizerConfig.tokenizer_class ?? '').replace(/Fast$/, '');
  const registry: Record<string, unknown> = transformers;
  const Cls = (typeof registry[className] === 'function' ? registry[className] : transformers.BertTokenizer) as new (
    json: unknown,
    cfg: unknown,
  ) => Tokenizer;
  try {
    return new Cls(tokenizerJson, tokenizerConfig);
  } catch (err) {
    wrapTokenizerError(err);
  }
}

export interface LoadOutcome {
  model: LoadedModel;
  /** Files read from the browser cache instead of the network. */
  fromCache: string[];
  /** What the page should know, in words (a file that could not be kept for the next visit). */
  notes: string[];
}

/**
 * Fetches config, tokenizer and weights from one folder URL (bundled or hub), through the model cache,
 * all at once: the weights are on the way while the worker is busy (setting up the runtime, building
 * the tokenizer). A failure stops the weights download, so a folder without a valid config.json does
 * not go on downloading hundreds of MB, but the small files are let finish: when several fail (a model
 * id that does not exist answers 404 for all of them) the error names the first in the order the user
 * knows them, config.json first, not whichever answer happened to come back first.
 */
async function loadFromUrl(name: string, root: string, progress: Progress, signal?: AbortSignal): Promise<LoadOutcome> {
  const weightsStop = new AbortController();
  const stopWeights = () => weightsStop.abort(signal?.reason);
  if (signal?.aborted) stopWeights();
  signal?.addEventListener('abort', stopWeights, { once: true });
  const files = new ModelFiles(progress, signal);
  const at = (file: string) => ({ url: new URL(file, root).href, file, model: name });
  const stopWeightsOnFailure = <T>(promise: Promise<T>): Promise<T> =>
    promise.catch((err: unknown) => {
      weightsStop.abort();
      throw err;
    });
  try {
    const config = stopWeightsOnFailure(files.json(at('config.json')).then(parseModelConfig));
    const tokenizer = stopWeightsOnFailure(
      Promise.all([
        files.json(at('tokenizer.json')),
        files.json({ ...at('tokenizer_config.json'), optional: true }),
      ]).then(([json, tokenizerConfig]) => buildTokenizer(json, isObject(tokenizerConfig) ? tokenizerConfig : {})),
    );
    const modelBytes = stopWeightsOnFailure(files.bytes({ ...at('onnx/model.onnx'), signal: weightsStop.signal }));
    const settled = await Promise.allSettled([config, tokenizer, modelBytes]);
    if (signal?.aborted) throw signal.reason;
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    return {
      model: { name, modelBytes: await modelBytes, config: await config, tokenizer: await tokenizer },
      fromCache: files.fromCache,
      notes: files.notes,
    };
  } finally {
    signal?.removeEventListener('abort', stopWeights);
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** `allowHost` lets the worker's network guard reach a hub host once it is known to be a web address. */
export async function loadModel(
  source: ModelSource,
  appBaseUrl: string,
  progress: Progress,
  signal?: AbortSignal,
  allowHost: (url: string) => void = () => undefined,
): Promise<LoadOutcome> {
  switch (source.kind) {
    case 'bundled':
      return loadFromUrl(source.name, bundledModelRoot(source.name, appBaseUrl), progress, signal);
    case 'hub': {
      const id = source.id.trim();
      if (!/^[\w.-]+(\/[\w.-]+)?$/.test(id)) {
        throw new WorkerError(
          'BAD_INPUT',
          `"${id}" is not a model id.`,
          'Use the form owner/name, e.g. Xenova/bert-base-NER.',
        );
      }
      const host = checkHubHost(source.host);
      if (!host.ok) throw new WorkerError('BAD_INPUT', host.failure.message, host.failure.hint);
      allowHost(host.url);
      return loadFromUrl(id, hubModelRoot(host.url, id), progress, signal);
    }
    case 'files':
      return { model: loadFromFiles(source.files), fromCache: [], notes: [] };
    default: {
      const unknownSource: never = source;
      throw new WorkerError('BAD_INPUT', `Unknown model source ${JSON.stringify(unknownSource)}`);
    }
  }
}

function loadFromFiles(files: { name: string; bytes: ArrayBuffer }[]): LoadedModel {
  const byName = (pred: (n: string) => boolean) => files.find((f) => pred(f.name.split('/').pop() ?? f.name));
  const onnx = byName((n) => n.endsWith('.onnx'));
  const configFile = byName((n) => n === 'config.json');
  const tokenizerFile = byName((n) => n === 'tokenizer.json');
  const tokenizerConfigFile = byName((n) => n === 'tokenizer_config.json');
  const missing = [
    !onnx && 'an .onnx model file',
    !configFile && 'config.json',
    !tokenizerFile && 'tokenizer.json',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new WorkerError(
      'BAD_MODEL',
      `The chosen files lack ${missing.join(', ')}.`,
      'Choose the model folder (or its files): model.onnx, config.json, tokenizer.json and tokenizer_config.json.',
    );
  }
  const decode = (f: { name: string; bytes: ArrayBuffer }) => {
    try {
      return JSON.parse(new TextDecoder().decode(f.bytes)) as Record<string, unknown>;
    } catch {
      throw new WorkerError('BAD_MODEL', `${f.name} is not valid JSON.`, `Fix or replace ${f.name}.`);
    }
  };
  const config = parseModelConfig(decode(configFile!));
  const tokenizerJson = decode(tokenizerFile!);
  const tokenizerConfig = tokenizerConfigFile ? decode(tokenizerConfigFile) : {};
  const tokenizer = buildTokenizer(tokenizerJson, tokenizerConfig);
  return {
    name: localModelName(
      files.map((f) => f.name),
      config.raw,
    ),
    modelBytes: new Uint8Array(onnx!.bytes),
    config,
    tokenizer,
  };
}

export interface ModelInputs {
  inputNames: string[];
  idType: 'int64' | 'int32';
  outputName: string;
}

/**
 * What the runner needs to know of the graph (input names, id type, output name), read from the ONNX
 * bytes without creating a session: a session costs a copy of the weights and, on a cold start, most of
 * the time before the first run. A file that is not ONNX or is cut short is named with its size.
 */
export function readModelInputs(bytes: Uint8Array, source: ModelSource): ModelInputs {
  const file =
    source.kind === 'files'
      ? (source.files.find((f) => f.name.endsWith('.onnx'))?.name ?? 'the .onnx file')
      : 'onnx/model.onnx';
  let io: GraphIO;
  try {
    io = readGraphIO(bytes);
  } catch (err) {
    if (!(err instanceof OnnxReadError)) throw err;
    throw new WorkerError(
      'BAD_MODEL',
      `The app could not read ${file} (${bytes.byteLength.toLocaleString('en-US')} bytes) as a model: ${err.message}`,
      'The file may be cut short (download or copy it again) or not an ONNX model at all: use the model.onnx exported for token classification.',
    );
  }
  const inputNames = io.inputs.map((i) => i.name);
  const missing = ['input_ids', 'attention_mask'].filter((n) => !inputNames.includes(n));
  if (missing.length > 0) {
    throw new WorkerError(
      'BAD_MODEL',
      `The model lacks the input(s) ${missing.join(', ')} that token classification needs (it has: ${inputNames.join(', ')}).`,
      'Use a BERT-style token-classification export with input_ids and attention_mask.',
    );
  }
  const outputNames = io.outputs.map((o) => o.name);
  if (outputNames.length === 0) {
    throw new WorkerError(
      'BAD_MODEL',
      `${file} declares no output.`,
      'Use a token-classification export whose output is the logits.',
    );
  }
  const ids = io.inputs.find((i) => i.name === 'input_ids');
  const idDims = ids?.dims;
  if (typeof idDims?.[1] !== 'string') {
    throw new WorkerError(
      'BAD_MODEL',
      `The model's input_ids has no named free sequence axis (its shape is [${(idDims ?? []).join(', ')}]), so it cannot run at bucket lengths.`,
      'Export the model with dynamic axes for input_ids: [batch, sequence].',
    );
  }
  const idType = ids?.type === 'int32' ? 'int32' : 'int64';
  return { inputNames, idType, outputName: outputNames.includes('logits') ? 'logits' : outputNames[0]! };
}
