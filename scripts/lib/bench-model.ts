import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { BenchError } from './bench';

export interface BenchModel {
  /** Folder name the page loads it by, under the app's models/. */
  name: string;
  /** Absolute folder the files are served from. */
  dir: string;
  /** How the user named it, for the report. */
  source: string;
}

const ALIASES: Record<string, string> = { bundled: 'bucketwise-ner', tiny: 'tiny-bert-ner' };
const REQUIRED = ['onnx/model.onnx', 'config.json', 'tokenizer.json', 'tokenizer_config.json'];

/**
 * Resolves --model to a folder. Bundled models are served straight from public/models (not from the
 * copy in dist/), so a model trained after the last build is used as it is now; a folder elsewhere is
 * served under a name of its own.
 */
export function resolveBenchModel(option: string, root: string): BenchModel {
  const bundledDir = path.join(root, 'public', 'models');
  const bundledName =
    ALIASES[option] ?? (/^[\w.-]+$/.test(option) && existsSync(path.join(bundledDir, option)) ? option : undefined);
  let model: BenchModel;
  if (bundledName !== undefined) {
    model = { name: bundledName, dir: path.join(bundledDir, bundledName), source: option };
  } else {
    const dir = path.resolve(option);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new BenchError(
        'MODEL_MISSING',
        `--model "${option}" is neither bundled, tiny, a folder in public/models, nor an existing folder.`,
      );
    }
    const served = `bench-${path.basename(dir).replace(/[^\w.-]/g, '_')}`;
    model = { name: served, dir, source: option };
  }
  const missing = REQUIRED.filter((file) => !existsSync(path.join(model.dir, file)));
  if (missing.length > 0) {
    const hint =
      model.name === 'bucketwise-ner'
        ? ' The bundled model has not been trained and exported yet (tools/train-ner); use --model tiny meanwhile.'
        : ' A model folder needs onnx/model.onnx, config.json, tokenizer.json and tokenizer_config.json.';
    throw new BenchError(
      'MODEL_MISSING',
      `${path.relative(root, model.dir) || model.dir} lacks ${missing.join(', ')}.${hint}`,
    );
  }
  return model;
}
