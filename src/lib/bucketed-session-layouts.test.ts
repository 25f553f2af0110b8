// The session layouts and per-call hooks that hosts (the bucketwise worker) and users build on: the
// dynamic baseline, the empty-row filler, onBatch events and cancellation. Real tiny model, WASM in Node.
import * as ort from 'onnxruntime-web';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BucketedSession } from './bucketed-session';
import { SessionSet } from './session-set';
import {
  feedsOf,
  LABELS,
  maxDiff,
  modelBytes,
  reference,
  makeSession as make,
  rng,
  sequences,
  registerTinyModelHooks,
} from './tiny-model.fixture';
import type { BatchEvent } from './types';

registerTinyModelHooks();
afterEach(() => vi.restoreAllMocks());

describe("sessions: 'dynamic' (bucketing off)", () => {
  it('batches rows in arrival order, pads each batch to its longest row, and gives the unpadded logits', async () => {
    const s = await make({ sessions: 'dynamic', batchSizes: [1, 4] });
    const lengths = Array.from({ length: 14 }, () => 1 + Math.floor(rng() * 32));
    const events: BatchEvent[] = [];
    const results = await s.runMany(
      lengths.map((l) => feedsOf([sequences.get(l)!])),
      { onBatch: (e) => void (e.phase === 'end' && events.push(e)) },
    );
    for (const [i, l] of lengths.entries()) {
      expect(results[i].logits.dims).toEqual([1, l, LABELS]);
      expect(maxDiff(results[i].logits.data, await reference(sequences.get(l)!)), `item ${i}`).toBeLessThan(1e-4);
    }
    // Batches of the largest batch size (4) in arrival order, no empty rows, each as wide as its longest row.
    expect(events.map((e) => e.rows.map((r) => r.item))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9, 10, 11],
      [12, 13],
    ]);
    for (const e of events) {
      expect(e.batchSize).toBe(e.rows.length);
      expect(e.bucket).toEqual([Math.max(...e.rows.map((r) => lengths[r.item]))]);
      expect(e.sessionKey).toBe('shared');
    }
    expect(events.map((e) => e.newSession)).toEqual([true, false, false, false]);
    expect(s.stats()).toMatchObject({ sessions: 'dynamic', compiles: 1, liveSessions: 1 });
  });

  it('refuses a kernel, which picks buckets the dynamic layout does not have', async () => {
    await expect(make({ sessions: 'dynamic', kernel: (row) => ({ bucketIndex: 0, feeds: row }) })).rejects.toThrow(
      /sessions: 'dynamic'/,
    );
  });
});

describe('emptyRow, onBatch and cancellation', () => {
  it('fills the empty rows of a static batch with the emptyRow (a lone [CLS]) and keeps real rows exact', async () => {
    const rows = [5, 7, 6].map((l) => sequences.get(l)!);
    const expected = await Promise.all(rows.map((ids) => reference(ids)));
    const fed: Record<string, ort.Tensor>[] = [];
    // onnxruntime-web's types declare a factory, but the sessions it makes share one class prototype.
    const proto = (ort.InferenceSession as unknown as { prototype: ort.InferenceSession }).prototype;
    const realRun = proto.run;
    vi.spyOn(proto, 'run').mockImplementation(function (
      this: ort.InferenceSession,
      ...args: Parameters<ort.InferenceSession['run']>
    ) {
      fed.push(args[0] as Record<string, ort.Tensor>);
      return realRun.apply(this, args);
    });
    const s = await make({ batchSizes: [4], emptyRow: { input_ids: [101], attention_mask: [1] } });
    const results = await s.runMany(rows.map((ids) => feedsOf([ids])));
    for (const [i, logits] of expected.entries()) expect(maxDiff(results[i].logits.data, logits)).toBeLessThan(1e-4);
    expect(fed).toHaveLength(1);
    const ids = fed[0].input_ids.data as BigInt64Array;
    const mask = fed[0].attention_mask.data as BigInt64Array;
    expect(fed[0].input_ids.dims).toEqual([4, 8]);
    // Row 3 is the filler: [CLS] attended, then padding.
    expect(Array.from(ids.subarray(24, 32), Number)).toEqual([101, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(mask.subarray(24, 32), Number)).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(s.stats().perBucket).toMatchObject([{ bucket: '8', rows: 3, emptyRows: 1 }]);
  });

  it('says what is wrong with an emptyRow', async () => {
    await expect(make({ emptyRow: { ids: [1] } })).rejects.toThrow(/emptyRow names "ids", which is not an input/);
    await expect(make({ emptyRow: { input_ids: [] } })).rejects.toThrow(/non-empty list/);
  });

  it('onBatch sees each call start and end, with its rows and whether it created its session', async () => {
    const s = await make({ batchSizes: [2] });
    const seen: string[] = [];
    await s.runMany(
      [3, 20, 4, 5].map((l) => feedsOf([sequences.get(l)!])),
      {
        onBatch: (e) => {
          seen.push(
            `${e.phase} ${e.index + 1}/${e.total} ${e.sessionKey} items ${e.rows.map((r) => r.item).join(',')}` +
              (e.phase === 'end' ? ` new ${String(e.newSession)}` : ''),
          );
          if (e.phase === 'end') expect(e.runMs).toBeGreaterThanOrEqual(0);
        },
      },
    );
    expect(seen).toEqual([
      'start 1/3 8@2 items 0,2',
      'end 1/3 8@2 items 0,2 new true',
      'start 2/3 8@2 items 3',
      'end 2/3 8@2 items 3 new false',
      'start 3/3 32@2 items 1',
      'end 3/3 32@2 items 1 new true',
    ]);
  });

  it('stops before the next call once the signal is aborted, rejecting with its reason', async () => {
    const s = await make();
    const controller = new AbortController();
    let calls = 0;
    const run = s.runMany(
      [3, 12, 30].map((l) => feedsOf([sequences.get(l)!])),
      {
        signal: controller.signal,
        onBatch: (e) => {
          if (e.phase === 'end' && ++calls === 1) controller.abort(new Error('the user pressed Stop'));
        },
      },
    );
    await expect(run).rejects.toThrow('the user pressed Stop');
    expect(calls).toBe(1);
  });

  it('attach() runs on a set the host owns, under its key prefix, next to other sessions', async () => {
    const set = new SessionSet(ort, { backend: 'wasm' });
    const common = { ort, modelBytes, sessionSet: set, backend: { backend: 'wasm' as const, reason: 'test' } };
    const a = BucketedSession.attach({ ...common, dims: ['sequence_length'], buckets: [8, 16], keyPrefix: 'ner ' });
    const b = BucketedSession.attach({ ...common, dims: ['sequence_length'], buckets: [16], keyPrefix: 'other ' });
    const ids = sequences.get(12)!;
    expect(maxDiff((await a.run(feedsOf([ids]))).logits.data, await reference(ids))).toBeLessThan(1e-4);
    expect(maxDiff((await b.run(feedsOf([ids]))).logits.data, await reference(ids))).toBeLessThan(1e-4);
    expect(set.keys().sort()).toEqual(['ner 16@1', 'other 16@1']);
    await a.rebucket([8]);
    expect(set.keys()).toEqual(['other 16@1']);
    await b.dispose();
    expect(set.keys()).toEqual([]);
    // Without a prefix, each model's bytes get their own, and the same bytes share their sessions.
    const copy = new Uint8Array(modelBytes);
    const c = BucketedSession.attach({ ...common, dims: ['sequence_length'], buckets: [16] });
    const d = BucketedSession.attach({ ...common, modelBytes: copy, dims: ['sequence_length'], buckets: [16] });
    expect(c.sessionKey([16], 1)).not.toBe(d.sessionKey([16], 1));
    expect(BucketedSession.attach({ ...common, dims: ['sequence_length'], buckets: [16] }).sessionKey([16], 1)).toBe(
      c.sessionKey([16], 1),
    );
  });
});

describe('keepPadding', () => {
  it("returns each row's outputs at its bucket's size, the real positions exact, and refuses windows", async () => {
    const s = await make({ batchSizes: [2], keepPadding: true });
    const [short, long] = [5, 12].map((l) => sequences.get(l)!);
    const [a, b] = await s.runMany([feedsOf([short]), feedsOf([long])]);
    expect(a.logits.dims).toEqual([1, 8, LABELS]);
    expect(b.logits.dims).toEqual([1, 16, LABELS]);
    const realOf = (t: { data: ArrayLike<number | bigint> }, length: number) =>
      Float32Array.from(Array.from(t.data as Float32Array).slice(0, length * LABELS));
    expect(maxDiff(realOf(a.logits, 5), await reference(short))).toBeLessThan(1e-4);
    expect(maxDiff(realOf(b.logits, 12), await reference(long))).toBeLessThan(1e-4);
    // The padding positions are there (what the model computed for them), not zeros added afterwards.
    expect(
      Array.from(a.logits.data as Float32Array)
        .slice(5 * LABELS)
        .some((v) => v !== 0),
    ).toBe(true);
    // The statistics still count real positions only.
    expect(s.stats().paddingEfficiency).toBeCloseTo(17 / 48, 10);
    await expect(make({ keepPadding: true, overflow: 'windows' })).rejects.toThrow(/keepPadding/);
  });
});
