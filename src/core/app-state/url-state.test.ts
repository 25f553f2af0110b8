import { describe, expect, it } from 'vitest';
import { DEFAULT_BUCKET_PLAN, DEFAULT_MODEL, DEFAULT_SETTINGS, type AppSettings } from './settings';
import { readUrlState, writeUrlState } from './url-state';

const defaults = { settings: { ...DEFAULT_SETTINGS }, model: DEFAULT_MODEL, plan: { ...DEFAULT_BUCKET_PLAN } };

describe('readUrlState', () => {
  it('reads every parameter the app shares', () => {
    const { state, problems } = readUrlState(
      '?testHooks&model=tiny-bert-ner&backend=wasm&batch=4&budget=12.5&overflow=truncate&stride=16&agg=first&algo=percentile&k=3&batchAware=1&buckets=32,8,16',
    );
    expect(problems).toEqual([]);
    expect(state).toEqual({
      model: { kind: 'bundled', name: 'tiny-bert-ner' },
      settings: {
        backend: 'wasm',
        batchSize: 4,
        budgetMB: 12.5,
        overflow: 'truncate',
        stride: 16,
        aggregation: 'first',
      },
      plan: { algorithm: 'percentile', k: 3, batchAware: true },
      buckets: [8, 16, 32],
    });
  });

  it('reads and writes the batch-size bucket ladder, and names a bad one', () => {
    expect(readUrlState('?ladder=off').state.settings.batchLadder).toBe('off');
    expect(readUrlState('?ladder=powers-of-2').state.settings.batchLadder).toBe('powers-of-2');
    const bad = readUrlState('?ladder=powers-of-3');
    expect(bad.state.settings.batchLadder).toBeUndefined();
    expect(bad.problems[0]).toContain('ladder=powers-of-3');
    const settings: AppSettings = { ...DEFAULT_SETTINGS, batchLadder: 'off' };
    const search = writeUrlState('', { ...defaults, settings, buckets: null }, defaults);
    expect(search).toBe('?ladder=off');
    expect(writeUrlState('', { ...defaults, buckets: null }, defaults)).toBe('');
  });

  it('reads a hub model id, on the default hub or the host the link names', () => {
    expect(readUrlState('?model=hub:Xenova/bert-base-NER').state.model).toEqual({
      kind: 'hub',
      id: 'Xenova/bert-base-NER',
      host: 'https://huggingface.co/',
    });
    expect(readUrlState('?model=hub:a/b&hubHost=http://127.0.0.1:9000/').state.model).toEqual({
      kind: 'hub',
      id: 'a/b',
      host: 'http://127.0.0.1:9000/',
    });
    const bad = readUrlState('?model=hub:a/b&hubHost=javascript:alert(1)');
    expect(bad.state.model).toEqual({ kind: 'hub', id: 'a/b', host: 'https://huggingface.co/' });
    expect(bad.problems[0]).toContain('hubHost');
  });

  it.each([
    ['backend=cuda', 'backend'],
    ['batch=0', 'batch'],
    ['batch=2.5', 'batch'],
    ['budget=-3', 'budget'],
    ['overflow=drop', 'overflow'],
    ['agg=sum', 'agg'],
    ['algo=magic', 'algo'],
    ['k=99', 'k'],
    ['buckets=8,8', 'buckets'],
    ['buckets=16,0x20', 'buckets'],
    ['batch=0x8', 'batch'],
    ['batch=1e1', 'batch'],
    ['budget=1e3', 'budget'],
    ['model=../../etc', 'model'],
  ])('skips %s and says so', (query, name) => {
    const { state, problems } = readUrlState(`?${query}`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
    expect(state.settings).toEqual({});
    expect(state.buckets).toBeUndefined();
    expect(state.model).toBeUndefined();
  });
});

describe('writeUrlState', () => {
  it('writes only what differs from the defaults and keeps foreign parameters', () => {
    const settings: AppSettings = { ...DEFAULT_SETTINGS, backend: 'wasm', batchSize: 2 };
    const search = writeUrlState(
      '?testHooks=&backend=webgpu',
      { settings, model: DEFAULT_MODEL, plan: { ...DEFAULT_BUCKET_PLAN }, buckets: [8, 16] },
      defaults,
    );
    expect(search).toBe('?testHooks=&backend=wasm&batch=2&buckets=8,16');
  });

  it('round-trips through readUrlState', () => {
    const state = {
      settings: {
        backend: 'webgpu',
        batchSize: 16,
        budgetMB: 40,
        overflow: 'reject',
        stride: 64,
        aggregation: 'max',
        batchLadder: 'powers-of-2',
      } as AppSettings,
      model: { kind: 'hub', id: 'a/b', host: 'http://models.example:8080/' } as const,
      plan: { algorithm: 'lloydMax', k: 5, batchAware: true, planBatchSize: 8 } as const,
      buckets: [16, 48, 128],
    };
    const back = readUrlState(writeUrlState('', state, defaults));
    expect(back.problems).toEqual([]);
    expect(back.state).toEqual({
      settings: state.settings,
      model: state.model,
      plan: { algorithm: 'lloydMax', k: 5, batchAware: true },
      buckets: state.buckets,
    });
  });

  it('leaves local-file models out of links and gives an empty string for all defaults', () => {
    expect(
      writeUrlState('', { ...defaults, model: { kind: 'files', names: ['m.onnx'] }, buckets: null }, defaults),
    ).toBe('');
  });
});
