// The worker interface over a real MessageChannel in Node: the same host code a Web Worker runs, with
// buffers transferred both ways (a transferred buffer is detached on the sending side).
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { BucketedSession } from './bucketed-session';
import { createBucketedWorker } from './worker-client';
import { serveBucketedSession } from './worker-host';

ort.env.wasm.numThreads = 1;
const modelPath = new URL('../../public/models/tiny-bert-ner/onnx/model.onnx', import.meta.url);
const read = () => new Uint8Array(readFileSync(modelPath));
const feeds = (ids: number[]) => ({
  input_ids: { data: BigInt64Array.from(ids.map(BigInt)), dims: [1, ids.length] },
  attention_mask: { data: new BigInt64Array(ids.length).fill(1n), dims: [1, ids.length] },
  token_type_ids: { data: new BigInt64Array(ids.length), dims: [1, ids.length] },
});

describe('createBucketedWorker over a MessageChannel (host in the same Node process)', () => {
  it('runs, batches, reports stats and rebuckets like the in-thread session, moving buffers', async () => {
    const channel = new MessageChannel();
    // In Node the host is given the runtime; a Web Worker imports it from the request's \`ortUrl\`.
    serveBucketedSession(channel.port2 as unknown as Parameters<typeof serveBucketedSession>[0], { ort });
    const progress: string[] = [];
    const model = read();
    const remote = await createBucketedWorker({
      worker: channel.port1,
      model,
      backend: 'wasm',
      dims: ['sequence_length'],
      buckets: [16, 8],
      batchSizes: [1, 2],
      onProgress: (e) => progress.push(e.phase),
    });
    expect(model.byteLength).toBe(0); // the model bytes were transferred, not copied
    expect(remote.buckets).toEqual([[8], [16]]);

    const local = await BucketedSession.create({
      model: read(),
      backend: 'wasm',
      dims: ['sequence_length'],
      buckets: [8, 16],
      batchSizes: [1, 2],
      ort,
    });
    const inputs = [
      [101, 2001, 102],
      [101, 3000, 3001, 3002, 3003, 3004, 3005, 3006, 3007, 102],
      [101, 102],
    ];
    const want = await local.runMany(inputs.map(feeds));
    const sent = inputs.map(feeds);
    const got = await remote.runMany(sent);
    expect(sent[0].input_ids.data.byteLength).toBe(0); // feeds moved to the worker
    got.forEach((g, i) => {
      expect(g.logits.dims).toEqual([1, inputs[i].length, 9]);
      expect(Array.from(g.logits.data as Float32Array)).toEqual(Array.from(want[i].logits.data as Float32Array));
    });
    const one = await remote.run(feeds(inputs[1]));
    expect(Array.from(one.logits.data as Float32Array)).toEqual(Array.from(want[1].logits.data as Float32Array));

    await remote.warmup();
    const stats = await remote.stats();
    expect(stats.compiles).toBe(4);
    expect(stats.runs).toBeGreaterThanOrEqual(3);
    expect(progress).toContain('session');
    expect(progress).toContain('warmup');
    expect(await remote.rebucket([16, 32])).toEqual({ kept: ['16'], added: ['32'], removed: ['8'] });
    expect(remote.buckets).toEqual([[16], [32]]);
    await expect(remote.run({ input_ids: feeds([1]).input_ids } as never)).rejects.toThrow(
      /lacks the input "attention_mask"/,
    );
    await remote.dispose();
    await local.dispose();
    channel.port1.close();
  });

  it('passes onBatch events back and an abort signal through to the worker, which stops before its next call', async () => {
    const channel = new MessageChannel();
    serveBucketedSession(channel.port2 as unknown as Parameters<typeof serveBucketedSession>[0], { ort });
    const remote = await createBucketedWorker({
      worker: channel.port1,
      model: read(),
      backend: 'wasm',
      dims: ['sequence_length'],
      buckets: [8, 16],
    });
    const ids = (n: number) => [101, ...Array.from({ length: n - 2 }, (_, i) => 2000 + i), 102];
    const events: string[] = [];
    await remote.runMany([ids(3), ids(12)].map(feeds), {
      onBatch: (e) => void events.push(`${e.phase} ${e.sessionKey} ${e.rows.map((r) => r.item).join(',')}`),
    });
    expect(events).toEqual(['start 8@1 0', 'end 8@1 0', 'start 16@1 1', 'end 16@1 1']);

    const controller = new AbortController();
    let ends = 0;
    const items = [3, 4, 5, 6, 10, 11, 12, 13].map((n) => feeds(ids(n)));
    const run = remote.runMany(items, {
      signal: controller.signal,
      onBatch: (e) => {
        if (e.phase === 'end' && ++ends === 1) controller.abort(new Error('stopped by the user'));
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'ABORTED', message: 'stopped by the user' });
    expect(ends).toBeLessThan(items.length);
    // A signal aborted before the call never reaches the worker; the worker keeps serving.
    await expect(remote.run(feeds(ids(3)), { signal: AbortSignal.abort(new Error('too late')) })).rejects.toThrow(
      'too late',
    );
    expect((await remote.run(feeds(ids(3)))).logits.dims).toEqual([1, 3, 9]);
    await remote.dispose();
    channel.port1.close();
  });
});
