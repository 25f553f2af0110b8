import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BenchError } from './bench';
import { BENCH_OUT_DIR, staleReason } from './bench-build';
import { resolveBenchModel } from './bench-model';

function modelFolder(
  dir: string,
  files = ['onnx/model.onnx', 'config.json', 'tokenizer.json', 'tokenizer_config.json'],
): string {
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), '{}');
  }
  return dir;
}

describe('resolveBenchModel', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'bench-model-'));
  modelFolder(path.join(root, 'public/models/tiny-bert-ner'));
  modelFolder(path.join(root, 'public/models/bucketwise-ner'), ['tokenizer.json', 'tokenizer_config.json']);

  it('maps the aliases to bundled folders served by name', () => {
    expect(resolveBenchModel('tiny', root)).toEqual({
      name: 'tiny-bert-ner',
      dir: path.join(root, 'public/models/tiny-bert-ner'),
      source: 'tiny',
    });
  });

  it('serves a folder outside public/models under a name of its own', () => {
    const dir = modelFolder(path.join(root, 'elsewhere/my model'));
    expect(resolveBenchModel(dir, root)).toMatchObject({ name: 'bench-my_model', dir });
  });

  it('says the bundled model is not trained yet and points at the tiny one', () => {
    let caught: unknown;
    try {
      resolveBenchModel('bundled', root);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(BenchError);
    expect((caught as BenchError).code).toBe('MODEL_MISSING');
    expect((caught as BenchError).message).toMatch(/lacks onnx\/model\.onnx, config\.json\. .*--model tiny/);
  });

  it('rejects a path that is not a folder', () => {
    expect(() => resolveBenchModel(path.join(root, 'missing'), root)).toThrow(
      /neither bundled, tiny, a folder in public\/models, nor an existing folder/,
    );
  });
});

describe('staleReason', () => {
  it('asks for a build when there is none, and when an input is newer than the build', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'bench-build-'));
    mkdirSync(path.join(root, 'src/core'), { recursive: true });
    writeFileSync(path.join(root, 'src/core/a.ts'), '');
    expect(staleReason(root)).toBe('there is no build yet');

    const marker = path.join(root, BENCH_OUT_DIR, 'index.html');
    mkdirSync(path.dirname(marker), { recursive: true });
    writeFileSync(marker, '');
    const past = new Date(Date.now() - 60_000);
    utimesSync(path.join(root, 'src/core/a.ts'), past, past);
    utimesSync(path.join(root, 'src/core'), past, past);
    utimesSync(path.join(root, 'src'), past, past);
    expect(staleReason(root)).toBeNull();

    // A changed test file does not change the build.
    writeFileSync(path.join(root, 'src/core/a.test.ts'), '');
    utimesSync(path.join(root, 'src/core'), past, past);
    expect(staleReason(root)).toBeNull();

    writeFileSync(path.join(root, 'src/core/a.ts'), 'export {}');
    expect(staleReason(root)).toBe('src changed since the last build');
  });
});
