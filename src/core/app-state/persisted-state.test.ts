import { describe, expect, it } from 'vitest';
import { MAX_PERSISTED_FILE_CHARS, parsePersisted, serializePersisted, type PersistedState } from './persisted-state';
import { DEFAULT_BUCKET_PLAN, DEFAULT_SETTINGS } from './settings';

const state: PersistedState = {
  text: 'Mary is flying from Nairobi to New York.\nSecond line <b>not html</b>',
  settings: { ...DEFAULT_SETTINGS, batchSize: 4, budgetMB: 10, scoreThreshold: 0.35 },
  model: { kind: 'bundled', name: 'tiny-bert-ner' },
  plan: { ...DEFAULT_BUCKET_PLAN, k: 3 },
  buckets: [8, 24, 64],
  dataset: { kind: 'file', fileName: 'lines.txt', fileText: 'a\nb\nc' },
};

describe('persisted state', () => {
  it("keeps Compare's items and repetitions, and drops values the panel would refuse", () => {
    const withCompare: PersistedState = { ...state, compare: { items: 16, repetitions: 1 } };
    expect(parsePersisted(serializePersisted(withCompare)).state.compare).toEqual({ items: 16, repetitions: 1 });
    const bad = JSON.stringify({
      ...JSON.parse(serializePersisted(withCompare)),
      compare: { items: 0, repetitions: 51 },
    });
    expect(parsePersisted(bad).state.compare).toEqual({});
    expect(parsePersisted(serializePersisted(state)).state.compare).toBeUndefined();
  });

  it('round-trips everything a reload restores', () => {
    const { state: back, problems } = parsePersisted(serializePersisted(state));
    expect(problems).toEqual([]);
    expect(back).toEqual({ ...state });
  });

  it('keeps only the name of a file too large to store, and the reload asks for it again', () => {
    const big = {
      ...state,
      dataset: { kind: 'file' as const, fileName: 'big.jsonl', fileText: 'x'.repeat(MAX_PERSISTED_FILE_CHARS + 1) },
    };
    const raw = serializePersisted(big);
    expect(raw.length).toBeLessThan(10_000);
    const { state: back, problems } = parsePersisted(raw);
    expect(back.dataset).toEqual({
      kind: 'sample',
      fileName: 'big.jsonl',
      fileTooLargeChars: MAX_PERSISTED_FILE_CHARS + 1,
    });
    expect(problems.join(' ')).toContain('big.jsonl');
  });

  it('gives an empty state for nothing stored, and explains corrupt or foreign data', () => {
    expect(parsePersisted(null)).toEqual({ state: { settings: {}, plan: {} }, problems: [] });
    expect(parsePersisted('{not json').problems[0]).toContain('not valid JSON');
    expect(parsePersisted(JSON.stringify({ version: 99 })).problems[0]).toContain('another version');
  });

  it('resets only the fields that are invalid', () => {
    const raw = JSON.stringify({
      version: 1,
      text: 'kept',
      settings: { backend: 'cuda', batchSize: 4, overflow: 'window' },
      buckets: [8, 8],
      plan: { k: 'x', algorithm: 'uniform' },
    });
    const { state: back, problems } = parsePersisted(raw);
    expect(back.text).toBe('kept');
    expect(back.settings).toEqual({ batchSize: 4, overflow: 'window' });
    expect(back.plan).toEqual({ algorithm: 'uniform' });
    expect(back.buckets).toBeUndefined();
    expect(problems).toHaveLength(2);
  });

  it("keeps a score threshold from 0 to 1 or null (the model's), and resets any other", () => {
    const read = (scoreThreshold: unknown) =>
      parsePersisted(JSON.stringify({ version: 1, settings: { scoreThreshold } }));
    expect(read(null).state.settings).toEqual({ scoreThreshold: null });
    expect(read(0).state.settings).toEqual({ scoreThreshold: 0 });
    expect(read(1.5).state.settings).toEqual({});
    expect(read('0.4').problems.join(' ')).toContain('"scoreThreshold" was not valid');
  });
});
