// Loads a model folder's tokenizer.json with transformers.js in Node, from local files only, so scripts
// tokenise exactly as the app does and never reach for the (unreachable) Hugging Face hub.
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { CodedError } from '../../src/core/errors';

export type TokenizerLoadErrorCode = 'MODEL_DIR_MISSING' | 'TOKENIZER_FILE_MISSING' | 'TOKENIZER_LOAD_FAILED';

export class TokenizerLoadError extends CodedError<TokenizerLoadErrorCode> {
  override readonly name = 'TokenizerLoadError';
}

const REQUIRED_FILES = ['tokenizer.json', 'tokenizer_config.json'] as const;

export async function loadTokenizer(modelDir: string): Promise<PreTrainedTokenizer> {
  const absDir = resolve(modelDir);
  if (!existsSync(absDir)) {
    throw new TokenizerLoadError(
      'MODEL_DIR_MISSING',
      `model folder not found: ${absDir}. Pass a folder that holds tokenizer.json and tokenizer_config.json ` +
        `(for example public/models/bucketwise-ner).`,
    );
  }
  for (const file of REQUIRED_FILES) {
    if (!existsSync(join(absDir, file))) {
      throw new TokenizerLoadError(
        'TOKENIZER_FILE_MISSING',
        `${file} is missing in ${absDir}; regenerate it with ` +
          `/usr/bin/python3 tools/train-ner/make_tokenizer_files.py ${modelDir}`,
      );
    }
  }
  // transformers.js resolves a model id against env.localModelPath, so the parent folder becomes the
  // "hub" and the folder name the model id.
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = dirname(absDir) + '/';
  try {
    return await AutoTokenizer.from_pretrained(basename(absDir));
  } catch (cause) {
    throw new TokenizerLoadError(
      'TOKENIZER_LOAD_FAILED',
      `transformers.js could not load the tokenizer in ${absDir}: ${String(cause)}`,
      { cause },
    );
  }
}
