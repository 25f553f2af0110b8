import { describe, expect, it } from 'vitest';
import {
  cacheKey,
  describeCacheWriteFailure,
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
  it('explains a full quota and says the model still runs', () => {
    const text = describeCacheWriteFailure(
      'onnx/model.onnx',
      18204062,
      'QuotaExceededError: The quota has been exceeded.',
    );
    expect(text).toMatch(/storage for this site is full/);
    expect(text).toMatch(/runs from memory/);
    expect(describeCacheWriteFailure('config.json', 10, 'disk error')).toMatch(/disk error/);
  });
});
