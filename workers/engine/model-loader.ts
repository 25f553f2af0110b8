import * as transformers from '@huggingface/transformers';
import { WorkerError } from '../../src/protocol/errors';
import type { ModelSource, WorkProgress } from '../../src/protocol/types';

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
    throw new WorkerError('BAD_MODEL', 'config.json is not a JSON object.', 'Use the config.json exported with the model.');
  }
  const cfg = raw as Record<string, unknown>;
  const id2label = cfg.id2label;
  if (typeof id2label !== 'object' || id2label === null || Object.keys(id2label).length === 0) {
    throw new WorkerError('BAD_MODEL', 'config.json has no "id2label": the model\'s labels are unknown.',
      'Add an "id2label" map (e.g. {"0": "O", "1": "B-PER", ...}) to config.json.');
  }
  const entries = Object.entries(id2label as Record<string, unknown>);
  const labels: string[] = new Array(entries.length);
  for (const [key, value] of entries) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= entries.length || typeof value !== 'string') {
      throw new WorkerError('BAD_MODEL', `config.json "id2label" entry ${JSON.stringify(key)} is invalid: ids must be 0..${entries.length - 1} mapping to label strings.`,
        'Fix the id2label map in config.json.');
    }
    labels[index] = value;
  }
  const maxPositions = cfg.max_position_embeddings;
  if (typeof maxPositions !== 'number' || !Number.isInteger(maxPositions) || maxPositions < 2) {
    throw new WorkerError('BAD_MODEL', 'config.json has no valid "max_position_embeddings".',
      'Add the model\'s maximum sequence length as "max_position_embeddings".');
  }
  return { labels, maxPositions, raw: cfg };
}

/** fetch with byte progress, so a large download shows a moving bar instead of a frozen page. */
/** A download that breaks off midway (seen on busy machines with large models) is tried again from the start. */
const DOWNLOAD_ATTEMPTS = 3;

async function fetchBytes(url: string, label: string, progress: Progress, signal?: AbortSignal): Promise<Uint8Array> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchBytesOnce(url, label, progress, signal);
    } catch (err) {
      const brokeOff = err instanceof WorkerError && err.code === 'NETWORK' && err.message.includes('broke off');
      if (!brokeOff || attempt >= DOWNLOAD_ATTEMPTS || signal?.aborted) throw err;
      progress({ stage: 'download', message: `${err.message}; retrying (${attempt + 1} of ${DOWNLOAD_ATTEMPTS})` });
    }
  }
}

async function fetchBytesOnce(url: string, label: string, progress: Progress, signal?: AbortSignal): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, signal ? { signal } : {});
  } catch (err) {
    throw new WorkerError('NETWORK', `Could not download ${label} from ${url}: ${(err as Error).message}`,
      'Check the model host and your connection.');
  }
  if (!response.ok) {
    throw new WorkerError('MODEL_LOAD_FAILED', `Downloading ${label} failed: HTTP ${response.status} for ${url}.`,
      'Check the model id or path; the model must have onnx/model.onnx.');
  }
  const total = Number(response.headers.get('Content-Length')) || undefined;
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read().catch((err: Error) => {
      throw new WorkerError('NETWORK', `The download of ${label} broke off after ${loaded} bytes: ${err.message}`,
        'Load the model again; if it keeps failing, check the connection to the model host.');
    });
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    progress({ stage: 'download', message: `Downloading ${label}`, loaded, ...(total ? { total } : {}) });
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}

async function fetchJson(url: string, label: string): Promise<unknown> {
  const response = await fetch(url).catch((err: Error) => {
    throw new WorkerError('NETWORK', `Could not download ${label}: ${err.message}`);
  });
  if (!response.ok) throw new WorkerError('MODEL_LOAD_FAILED', `Downloading ${label} failed: HTTP ${response.status}.`);
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new WorkerError('BAD_MODEL', `${label} is not valid JSON.`, `Fix or replace ${label}.`);
  }
}

function tokenizerProgress(progress: Progress) {
  return (info: transformers.ProgressInfo) => {
    if (info.status === 'progress') {
      progress({ stage: 'download', message: `Downloading ${info.file}`, loaded: info.loaded, total: info.total });
    }
  };
}

function wrapTokenizerError(err: unknown): never {
  if (err instanceof WorkerError) throw err;
  throw new WorkerError('BAD_MODEL', `The tokenizer could not be loaded: ${(err as Error)?.message ?? err}`,
    'The model needs a valid tokenizer.json (and tokenizer_config.json) that transformers.js can read.');
}

export async function loadModel(source: ModelSource, appBaseUrl: string, progress: Progress, signal?: AbortSignal): Promise<LoadedModel> {
  const env = transformers.env;
  switch (source.kind) {
    case 'bundled': {
      const root = new URL(`models/${source.name}/`, appBaseUrl).href;
      env.allowRemoteModels = false;
      env.allowLocalModels = true;
      // transformers.js treats an http(s) URL here as remote and skips it; an origin-relative path works
      // at the root and under a sub-path alike.
      env.localModelPath = new URL('models/', appBaseUrl).pathname;
      env.useBrowserCache = false;
      const config = parseModelConfig(await fetchJson(`${root}config.json`, 'config.json'));
      const tokenizer = await transformers.AutoTokenizer.from_pretrained(source.name).catch(wrapTokenizerError);
      const modelBytes = await fetchBytes(`${root}onnx/model.onnx`, 'model.onnx', progress, signal);
      return { name: source.name, modelBytes, config, tokenizer };
    }
    case 'hub': {
      const id = source.id.trim();
      if (!/^[\w.-]+(\/[\w.-]+)?$/.test(id)) {
        throw new WorkerError('BAD_INPUT', `"${id}" is not a model id.`, 'Use the form owner/name, e.g. Xenova/bert-base-NER.');
      }
      const host = source.host.endsWith('/') ? source.host : `${source.host}/`;
      env.allowRemoteModels = true;
      env.allowLocalModels = false;
      env.remoteHost = host;
      env.remotePathTemplate = '{model}/resolve/{revision}/';
      const base = `${host}${id}/resolve/main/`;
      const config = parseModelConfig(await fetchJson(`${base}config.json`, 'config.json'));
      const tokenizer = await transformers.AutoTokenizer.from_pretrained(id, {
        progress_callback: tokenizerProgress(progress),
      }).catch(wrapTokenizerError);
      const modelBytes = await fetchBytes(`${base}onnx/model.onnx`, 'onnx/model.onnx', progress, signal);
      return { name: id, modelBytes, config, tokenizer };
    }
    case 'files':
      return loadFromFiles(source.files);
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
  const missing = [!onnx && 'an .onnx model file', !configFile && 'config.json', !tokenizerFile && 'tokenizer.json'].filter(Boolean);
  if (missing.length > 0) {
    throw new WorkerError('BAD_MODEL', `The chosen files lack ${missing.join(', ')}.`,
      'Choose the model folder (or its files): model.onnx, config.json, tokenizer.json and tokenizer_config.json.');
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
  const className = String(tokenizerConfig.tokenizer_class ?? '').replace(/Fast$/, '');
  const registry = transformers as unknown as Record<string, unknown>;
  const Cls = (typeof registry[className] === 'function' ? registry[className] : transformers.BertTokenizer) as
    new (json: unknown, cfg: unknown) => Tokenizer;
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Cls(tokenizerJson, tokenizerConfig);
  } catch (err) {
    wrapTokenizerError(err);
  }
  return { name: onnx!.name.replace(/\.onnx$/, ''), modelBytes: new Uint8Array(onnx!.bytes), config, tokenizer };
}
