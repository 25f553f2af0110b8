// The library on the real tiny model in Node (onnxruntime-web on WASM): every length up to the largest
// bucket, in every mode, must give the logits of an unpadded run on the real tokens.
import { describe, expect, it } from 'vitest';
import { planBucketRuns } from '../core/shapes';
import {
  feedsOf,
  idsOf,
  LABELS,
  maxDiff,
  modelBytes,
  reference,
  makeSession as make,
  rng,
  sequences,
  registerTinyModelHooks,
} from './tiny-model.fixture';

registerTinyModelHooks();

describe.each(['static', 'shared'] as const)(
  'BucketedSession, %s sessions, on the tiny NER model (WASM in Node)',
  (sessions) => {
    it('run() gives the unpadded logits on real tokens for every length 1..32', async () => {
      const s = await make({ sessions });
      for (let length = 1; length <= 32; length++) {
        const ids = sequences.get(length)!;
        const out = await s.run(feedsOf([ids]));
        expect(out.logits.dims).toEqual([1, length, LABELS]);
        expect(out.logits.type).toBe('float32');
        expect(maxDiff(out.logits.data, await reference(ids)), `length ${length}`).toBeLessThan(1e-4);
      }
      const stats = s.stats();
      expect(stats.backend).toBe('wasm');
      expect(stats.runs).toBe(32);
      expect(stats.perBucket.map((b) => [b.bucket, b.runs])).toEqual([
        ['8', 8],
        ['16', 8],
        ['32', 16],
      ]);
      expect(stats.paddingEfficiency).toBeCloseTo((32 * 33) / 2 / (8 * 8 + 8 * 16 + 16 * 32), 10);
      expect(stats.compiles).toBe(sessions === 'static' ? 3 : 1);
    });

    it('runMany() with batch sizes 1/2/4 batches per bucket and returns every item in input order', async () => {
      const s = await make({ sessions, batchSizes: [4, 1, 2] });
      const lengths = Array.from({ length: 32 }, (_, i) => i + 1).sort(() => rng() - 0.5);
      const results = await s.runMany(lengths.map((l) => feedsOf([sequences.get(l)!])));
      for (let i = 0; i < lengths.length; i++) {
        expect(results[i].logits.dims).toEqual([1, lengths[i], LABELS]);
        expect(maxDiff(results[i].logits.data, await reference(sequences.get(lengths[i])!)), `item ${i}`).toBeLessThan(
          1e-4,
        );
      }
      const expectedRuns = planBucketRuns(
        lengths.map((l) => (l <= 8 ? 0 : l <= 16 ? 1 : 2)),
        [1, 2, 4],
      );
      expect(s.stats().runs).toBe(expectedRuns.length);
      // 8 + 8 + 16 items per bucket split into batches of 4 exactly: no empty row.
      expect(s.stats().perBucket.every((b) => b.emptyRows === 0)).toBe(true);
    });

    it('run() of a 3-row batch uses the batch sizes (2 + 1) and keeps the rows in order', async () => {
      const s = await make({ sessions, batchSizes: [1, 2] });
      const rows = [0, 1, 2].map(() => idsOf(11));
      const out = await s.run(feedsOf(rows));
      expect(out.logits.dims).toEqual([3, 11, LABELS]);
      for (let r = 0; r < 3; r++) {
        const row = (out.logits.data as Float32Array).subarray(r * 11 * LABELS, (r + 1) * 11 * LABELS);
        expect(maxDiff(row, await reference(rows[r]))).toBeLessThan(1e-4);
      }
      expect(s.stats().perBucket).toMatchObject([{ bucket: '16', runs: 2, rows: 3, emptyRows: 0 }]);
    });
  },
);

describe('BucketedSession kernels, overflow and lifecycle', () => {
  it('a user kernel picks the bucket (here: always the largest, pad-to-max) and the logits stay exact', async () => {
    const seen: number[][] = [];
    const s = await make({
      batchSizes: [1, 4],
      kernel: (row, ctx) => {
        seen.push([...ctx.sizes]);
        return { bucketIndex: ctx.buckets.length - 1, feeds: ctx.pad(row, ctx.buckets.length - 1) };
      },
    });
    const lengths = [3, 17, 32, 9, 1];
    const results = await s.runMany(lengths.map((l) => feedsOf([sequences.get(l)!])));
    for (let i = 0; i < lengths.length; i++)
      expect(maxDiff(results[i].logits.data, await reference(sequences.get(lengths[i])!))).toBeLessThan(1e-4);
    expect(seen).toEqual(lengths.map((l) => [l]));
    expect(s.stats().perBucket.map((b) => [b.bucket, b.runs])).toEqual([['32', 2]]);
  });

  it('refuses a kernel that does not pad to its bucket', async () => {
    const s = await make({ kernel: (row) => ({ bucketIndex: 0, feeds: row }) });
    await expect(s.run(feedsOf([sequences.get(5)!]))).rejects.toThrow(/kernel returned feeds of size 5 for bucket 8/);
    const t = await make({ kernel: () => ({ bucketIndex: 7, feeds: {} }) });
    await expect(t.run(feedsOf([sequences.get(5)!]))).rejects.toThrow(expect.objectContaining({ code: 'BAD_KERNEL' }));
  });

  it("overflow: 'reject' throws, 'truncate' keeps the head, 'windows' covers every position", async () => {
    const long = sequences.get(45)!;
    const rejecting = await make();
    await expect(rejecting.run(feedsOf([long]))).rejects.toThrow(expect.objectContaining({ code: 'TOO_LONG' }));

    const truncating = await make({ overflow: 'truncate' });
    const cut = await truncating.run(feedsOf([long]));
    expect(cut.logits.dims).toEqual([1, 32, LABELS]);
    expect(maxDiff(cut.logits.data, await reference(long.slice(0, 32)))).toBeLessThan(1e-4);

    const windowed = await make({ overflow: 'windows', windowStride: 16 });
    const out = await windowed.run(feedsOf([long]));
    expect(out.logits.dims).toEqual([1, 45, LABELS]);
    // Windows [0, 32), [13, 45): the head comes from the first, the tail from the last.
    const data = out.logits.data as Float32Array;
    expect(
      maxDiff(data.subarray(0, 8 * LABELS), (await reference(long.slice(0, 32))).subarray(0, 8 * LABELS)),
    ).toBeLessThan(1e-4);
    expect(maxDiff(data.subarray(37 * LABELS), (await reference(long.slice(13))).subarray(24 * LABELS))).toBeLessThan(
      1e-4,
    );
    expect(windowed.stats().perBucket).toMatchObject([{ bucket: '32', rows: 2 }]);
  });

  it('warmup() creates every (bucket, batch size) session once; traffic afterwards compiles nothing', async () => {
    const events: string[] = [];
    const s = await make({ batchSizes: [1, 2], onProgress: (e) => e.phase === 'warmup' && events.push(e.key) });
    await s.warmup();
    expect(events).toEqual(['8@1', '8@2', '16@1', '16@2', '32@1', '32@2']);
    expect(s.stats().compiles).toBe(6);
    await s.runMany([5, 20, 30].map((l) => feedsOf([sequences.get(l)!])));
    expect(s.stats().compiles).toBe(6);
    expect(s.stats().liveSessions).toBe(6);
  });

  it('rebucket() keeps the sessions of buckets that stay and results stay exact', async () => {
    const s = await make();
    await s.warmup();
    const change = await s.rebucket([64, 16, 32]);
    expect(change).toEqual({ kept: ['16', '32'], added: ['64'], removed: ['8'] });
    expect(s.stats().liveSessions).toBe(2);
    const out = await s.run(feedsOf([sequences.get(40)!]));
    expect(maxDiff(out.logits.data, await reference(sequences.get(40)!))).toBeLessThan(1e-4);
    expect(s.stats().perBucket.find((b) => b.bucket === '64')).toMatchObject({ runs: 1, compiles: 1 });
    expect(s.stats().perBucket.find((b) => b.bucket === '16')).toMatchObject({ compiles: 1 });
  });

  it('memoryBudget keeps at most budget / model size sessions alive, recompiling the least recently used', async () => {
    const s = await make({ memoryBudget: 2 * modelBytes.byteLength });
    for (const length of [4, 12, 30, 4]) {
      const out = await s.run(feedsOf([sequences.get(length)!]));
      expect(maxDiff(out.logits.data, await reference(sequences.get(length)!))).toBeLessThan(1e-4);
      expect(s.stats().liveSessions).toBeLessThanOrEqual(2);
    }
    // 8 was released to make room for 32, then needed again.
    expect(s.stats().perBucket.find((b) => b.bucket === '8')?.compiles).toBe(2);
    await expect(make({ memoryBudget: 10 })).rejects.toThrow(
      expect.objectContaining({ code: 'MEMORY_BUDGET_TOO_SMALL' }),
    );
  });

  it('auto chooses buckets from sample lengths with a core algorithm', async () => {
    const s = await make({
      buckets: undefined,
      auto: { samples: [3, 3, 5, 9, 12, 12, 20, 31], algorithm: 'optimal', k: 3 },
    });
    expect(s.bucketList.length).toBe(3);
    expect(s.bucketList.at(-1)).toEqual([31]);
    const out = await s.run({
      input_ids: { data: [101, 2000, 102], dims: [1, 3] },
      attention_mask: { data: [1, 1, 1], dims: [1, 3] },
      token_type_ids: { data: [0, 0, 0], dims: [1, 3] },
    });
    expect(maxDiff(out.logits.data, await reference([101, 2000, 102]))).toBeLessThan(1e-4);
  });

  it('says what is wrong with options, feeds and use after dispose', async () => {
    await expect(make({ dims: ['seq'] })).rejects.toThrow(
      /free dimension named "seq". Its free dimensions are: "batch_size", "sequence_length"/,
    );
    await expect(make({ buckets: [] })).rejects.toThrow(/No buckets/);
    await expect(make({ padValues: { ids: 0 } })).rejects.toThrow(/"ids", which is not an input/);
    await expect(make({ model: new Uint8Array([1, 2, 3]) })).rejects.toThrow(
      expect.objectContaining({ code: 'BAD_MODEL' }),
    );
    const capturing = await make({ graphCapture: true });
    expect(capturing.stats().notes).toContain('graphCapture is a WebGPU feature and was ignored on WASM.');
    const s = await make();
    await expect(s.run({ input_ids: { data: [1], dims: [1, 1] } })).rejects.toThrow(/lacks the input "attention_mask"/);
    await s.dispose();
    await expect(s.run(feedsOf([sequences.get(3)!]))).rejects.toThrow(expect.objectContaining({ code: 'DISPOSED' }));
  });
});
