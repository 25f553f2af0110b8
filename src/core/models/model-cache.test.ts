import { describe, expect, it } from 'vitest';
import {
  cacheKey,
  bundledModelRoot,
  describeCacheWriteFailures,
  hubModelRoot,
  keysOfModel,
  downloadRate,
  formatBytes,
  formatDownload,
  groupCachedModels,
  parseCacheKey,
} from './model-cache';

const APP = 'http://127.0.0.1:4441';

describe('cache keys', () => {
  it('are the URL plus the size, and read back', () => {
    const key = cacheKey(`${APP}/models/bucketwise-ner/onnx/model.onnx`, 18204062);
    expect(key).toBe(`${APP}/models/bucketwise-ner/onnx/model.onnx?bucketwise-size=18204062`);
    expect(parseCacheKey(key)).toEqual({ url: `${APP}/models/bucketwise-ner/onnx/model.onnx`, size: 18204062 });
  });
  it('differ when the size differs, so a re-exported file is not served stale', () => {
    expect(cacheKey('https://h/a/config.json', 1)).not.toBe(cacheKey('https://h/a/config.json', 2));
  });
  it('keep a query the URL already had', () => {
    const key = cacheKey('https://h/a.onnx?download=true', 5);
    expect(parseCacheKey(key)).toEqual({ url: 'https://h/a.onnx?download=true', size: 5 });
  });
  it('refuse a size that is not a byte count, and ignore keys that are not ours', () => {
    expect(() => cacheKey('https://h/a', -1)).toThrow(RangeError);
    expect(() => cacheKey('https://h/a', 1.5)).toThrow(RangeError);
    expect(parseCacheKey('https://h/a')).toBeNull();
    expect(parseCacheKey('not a url')).toBeNull();
  });
});

describe('groupCachedModels', () => {
  it('groups files by model folder, names bundled and hub models, largest first', () => {
    const keys = [
      cacheKey(`${APP}/models/tiny-bert-ner/config.json`, 881),
      cacheKey(`${APP}/models/tiny-bert-ner/onnx/model.onnx`, 1898341),
      cacheKey(`${APP}/models/bucketwise-ner/onnx/model.onnx`, 18204062),
      cacheKey('https://huggingface.co/Xenova/bert-base-NER/resolve/main/onnx/model.onnx', 400_000_000),
      cacheKey('https://huggingface.co/Xenova/bert-base-NER/resolve/main/tokenizer.json', 700_000),
      'https://elsewhere/not-ours',
    ];
    const models = groupCachedModels(keys, APP);
    expect(models.map((m) => m.label)).toEqual([
      'Xenova/bert-base-NER (huggingface.co)',
      'bucketwise-ner',
      'tiny-bert-ner',
    ]);
    expect(models[0]!.bytes).toBe(400_700_000);
    expect(models[0]!.root).toBe('https://huggingface.co/Xenova/bert-base-NER/resolve/main/');
    expect(models[2]!.files).toHaveLength(2);
    expect(models[2]!.bytes).toBe(881 + 1898341);
  });
});

describe('sizes and rates', () => {
  it('formats bytes in decimal units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1400)).toBe('1.4 kB');
    expect(formatBytes(18204062)).toBe('18.2 MB');
    expect(formatBytes(1.2e9)).toBe('1.20 GB');
    expect(formatBytes(-1)).toBe('? B');
  });
  it('gives a rate only once enough time has passed', () => {
    expect(downloadRate(1000, 100)).toBeNull();
    expect(downloadRate(0, 5000)).toBeNull();
    expect(downloadRate(5_000_000, 1000)).toBe(5_000_000);
  });
  it('reads a download as bytes of total at a rate', () => {
    expect(formatDownload(3_200_000, 17_400_000, 5_100_000)).toBe('3.2 MB of 17.4 MB at 5.1 MB/s');
    expect(formatDownload(3_200_000, undefined, null)).toBe('3.2 MB');
  });
  it('explains a full quota in one paragraph naming each file, and says the model still runs', () => {
    const quota = 'QuotaExceededError: The quota has been exceeded.';
    const text = describeCacheWriteFailures([
      { file: 'tokenizer.json', size: 668925, browserMessage: quota },
      { file: 'onnx/model.onnx', size: 18204062, browserMessage: quota },
    ]);
    expect(text).toBe(
      "tokenizer.json (668.9 kB) and onnx/model.onnx (18.2 MB) could not be kept for the next visit: the browser's storage for this site is full. " +
        'The model runs from memory now and downloads again next visit; to keep it, delete cached models in the settings or free disk space.',
    );
  });
  it('names another storage failure by the browser message, once per distinct message', () => {
    const text = describeCacheWriteFailures([
      { file: 'a.json', size: 10, browserMessage: 'disk error' },
      { file: 'b.json', size: 20, browserMessage: 'disk error' },
      { file: 'c.json', size: 30, browserMessage: 'closed' },
    ]);
    expect(text).toBe(
      'a.json (10 B), b.json (20 B) and c.json (30 B) could not be kept for the next visit (disk error; closed). ' +
        'The model runs from memory now and downloads again next visit.',
    );
    expect(describeCacheWriteFailures([])).toBeNull();
  });
});

describe('model folders', () => {
  it('are where the loader fetches bundled and hub models from', () => {
    expect(bundledModelRoot('tiny-bert-ner', `${APP}/app/`)).toBe(`${APP}/app/models/tiny-bert-ner/`);
    expect(hubModelRoot('https://huggingface.co/', 'Xenova/bert-base-NER')).toBe(
      'https://huggingface.co/Xenova/bert-base-NER/resolve/main/',
    );
  });
  it('select the cache keys of one model only', () => {
    const root = bundledModelRoot('tiny-bert-ner', `${APP}/`);
    const mine = [cacheKey(`${root}config.json`, 881), cacheKey(`${root}onnx/model.onnx`, 1898341)];
    const other = cacheKey(`${APP}/models/tiny-bert-ner-2/config.json`, 881);
    expect(keysOfModel([mine[0]!, other, 'https://elsewhere/x', mine[1]!], root)).toEqual(mine);
    // The folder groupCachedModels reports is the one keysOfModel deletes by.
    expect(groupCachedModels(mine, APP)[0]!.root).toBe(root);
  });
});
