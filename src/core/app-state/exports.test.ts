import { describe, expect, it } from 'vitest';
import type { ModeResult } from '../modes';
import {
  bucketConfigJson,
  compareResultsCsv,
  compareResultsJson,
  exportFileName,
  parseBucketConfigJson,
  type CompareMeta,
} from './exports';

const result = (mode: ModeResult['mode'], itemsPerSec: number): ModeResult => ({
  mode,
  backend: 'webgpu',
  items: 12,
  itemsPerSec,
  tokensPerSec: 480,
  p50Ms: 3.5,
  p95Ms: 7,
  paddingEfficiency: 0.8,
  realTokens: 400,
  computedTokens: 500,
  firstRunMs: 120,
  firstRunByShape: { '8x32': 120 },
  sessionBytes: 1_900_000,
  ratioToPadToMax: mode === 'pad-to-max' ? 1 : null,
  idealSpeedup: null,
  regime: 'steady',
  compiles: { warmup: 0, traffic: 0 },
  warmupMs: 0,
  trafficMs: 0,
  latencyMs: { p50: 5, p95: 9, max: 9 },
});
const meta: CompareMeta = {
  model: 'tiny-bert-ner',
  backend: 'webgpu',
  adapter: 'google, "swiftshader"',
  buckets: [8, 32],
  batchSize: 8,
  items: 12,
  repetitions: 3,
  finishedAt: '2025-01-01T00:00:00.000Z',
};

describe('exports', () => {
  it('writes the comparison as JSON that reads back to the same results', () => {
    const data = JSON.parse(compareResultsJson([result('bucketed', 10), result('pad-to-max', 5)], meta));
    expect(data).toMatchObject({ format: 'bucketwise', kind: 'comparison', version: 1, meta });
    expect(data.results).toHaveLength(2);
    expect(data.results[0].itemsPerSec).toBe(10);
  });

  it('writes one CSV line per mode with a header, empty for missing numbers', () => {
    const csv = compareResultsCsv([
      { ...result('bucketed', 10), modelCalls: 9, rows: 36, emptyRows: 4 },
      result('pad-to-max', 5),
    ]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    const header = lines[0].split(',');
    expect(header.slice(0, 4)).toEqual(['mode', 'backend', 'items', 'items_per_sec']);
    const first = lines[1].split(',');
    expect(first).toHaveLength(header.length);
    expect(first[header.indexOf('items_per_sec')]).toBe('10');
    expect(first[header.indexOf('ratio_to_pad_to_max')]).toBe('');
    expect(lines[2].split(',')[header.indexOf('ratio_to_pad_to_max')]).toBe('1');
    // Every row names its regime and carries the compile counts (issue 16).
    expect(first[header.indexOf('regime')]).toBe('steady');
    expect(header).toEqual(
      expect.arrayContaining(['compiles_warmup', 'compiles_traffic', 'item_p95_ms', 'traffic_ms']),
    );
    // Model calls and rows per pass; empty where a result lacks them.
    expect(['model_calls', 'rows', 'empty_rows'].map((h) => first[header.indexOf(h)])).toEqual(['9', '36', '4']);
    expect(lines[2].split(',')[header.indexOf('model_calls')]).toBe('');
  });

  it('round-trips a bucket configuration and checks it against the model', () => {
    const text = bucketConfigJson({
      buckets: [8, 32],
      batchSize: 4,
      model: 'tiny',
      maxPositions: 256,
      algorithm: 'optimal',
      k: 2,
    });
    expect(parseBucketConfigJson(text, 256)).toEqual({ buckets: [8, 32], batchSize: 4 });
    expect(() => parseBucketConfigJson(text, 16)).toThrow(expect.objectContaining({ code: 'BAD_CONFIG_FILE' }));
    expect(() => parseBucketConfigJson('nope', 256)).toThrow(/not JSON/);
    expect(() => parseBucketConfigJson('{"kind":"comparison"}', 256)).toThrow(/not a bucket configuration/);
  });

  it('names files with the kind and a filesystem-safe time', () => {
    expect(exportFileName('comparison', 'csv', new Date('2025-03-04T05:06:07.890Z'))).toBe(
      'bucketwise-comparison-2025-03-04T05-06-07.csv',
    );
  });
});
