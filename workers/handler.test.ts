import { describe, expect, it } from 'vitest';
import { WorkerError } from '../src/protocol/errors';
import type { FromWorker, ToWorker } from '../src/protocol/messages';
import { throwIfCancelled } from './cancellation';
import { createHandler, type Engine } from './handler';

type Deferred = { resolve: () => void; promise: Promise<void> };
const deferred = (): Deferred => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { resolve, promise };
};
const tick = () => new Promise((r) => setTimeout(r, 0));

/** A fake engine: every kind answers something recognisable; `gate` lets a test hold a request open. */
function fakeEngine(gate?: Deferred): Engine {
  const ok = <T>(value: T) => Promise.resolve({ value });
  return {
    init: (p) =>
      ok({ backend: p.backend === 'webgpu' ? 'webgpu' : 'wasm', crossOriginIsolated: false, wasmThreads: 1 }),
    loadModel: async (_p, ctx) => {
      ctx.progress({ stage: 'download', message: 'half', loaded: 1, total: 2 });
      return { value: { name: 'm', labels: ['O'], maxPositions: 8, inputNames: [], idType: 'int64', modelBytes: 1 } };
    },
    configure: () => Promise.reject(new WorkerError('OVER_BUDGET', 'too many buckets', 'use fewer')),
    tokenize: (p) => ok({ lengths: p.texts.map((t) => t.length) }),
    classify: async (_p, ctx) => {
      for (let i = 0; i < 100; i++) {
        if (gate) await gate.promise;
        throwIfCancelled(ctx.signal);
        await tick();
      }
      throw new Error('not reached in tests');
    },
    logits: () => {
      const data = new Float32Array([1, 2, 3]);
      return Promise.resolve({ value: { logits: [data], buckets: [4], stats: {} as never }, transfer: [data.buffer] });
    },
    benchmark: () => Promise.reject(new TypeError('boom')),
    memory: () => ok({ sessions: [], totalWeightBytes: 0, sessionCount: 0 }),
    ocrConfigure: () =>
      ok({ detBuckets: [], recWidths: [], memory: { sessions: [], totalWeightBytes: 0, sessionCount: 0 } }),
    ocr: () =>
      ok({
        lines: [],
        bucket: { h: 32, w: 32 },
        paddingShare: 0,
        droppedInPadding: 0,
        timings: { detMs: 0, recMs: 0, totalMs: 0 },
      }),
    testHook: () => ok({ ok: true as const }),
  };
}

function harness(engine: Engine) {
  const sent: { message: FromWorker; transfer: Transferable[] }[] = [];
  const handle = createHandler(engine, (message, transfer = []) => sent.push({ message, transfer }));
  const request = (id: number, type: string, params: unknown = {}) =>
    handle({ kind: 'request', id, type, params } as ToWorker);
  const finals = () => sent.map((s) => s.message).filter((m) => m.kind === 'result' || m.kind === 'error');
  return { sent, handle, request, finals };
}

describe('worker handler', () => {
  it('answers every message kind with a result or a typed error', async () => {
    const h = harness(fakeEngine());
    const kinds = [
      'init',
      'loadModel',
      'configure',
      'tokenize',
      'logits',
      'benchmark',
      'memory',
      'ocrConfigure',
      'ocr',
      'testHook',
    ];
    kinds.forEach((type, i) => h.request(i + 1, type, type === 'tokenize' ? { texts: ['ab'] } : { backend: 'webgpu' }));
    await tick();
    await tick();
    const finals = h.finals();
    // Queued kinds answer in arrival order; the test hook acts at once, ahead of the queue.
    const ids = finals.map((m) => (m as { id: number }).id);
    expect(ids.filter((id) => id !== 10)).toEqual(kinds.slice(0, -1).map((_, i) => i + 1));
    expect(ids.indexOf(10)).toBeLessThan(ids.indexOf(2));
    const byId = (id: number) => finals.find((m) => 'id' in m && m.id === id)!;
    expect(byId(1)).toMatchObject({ kind: 'result', value: { backend: 'webgpu' } });
    expect(byId(3)).toEqual({
      kind: 'error',
      id: 3,
      error: { name: 'WorkerError', message: 'too many buckets', code: 'OVER_BUDGET', hint: 'use fewer' },
    });
    expect(byId(4)).toMatchObject({ kind: 'result', value: { lengths: [2] } });
    expect(byId(6)).toMatchObject({ kind: 'error', error: { name: 'TypeError', message: 'boom', code: 'INTERNAL' } });
  });

  it('sends progress before the result and transfers typed arrays', async () => {
    const h = harness(fakeEngine());
    h.request(7, 'loadModel');
    h.request(8, 'logits');
    await tick();
    await tick();
    expect(h.sent.map((s) => s.message.kind)).toEqual(['progress', 'result', 'result']);
    const logitsReply = h.sent[2]!;
    expect(logitsReply.transfer).toHaveLength(1);
    expect(logitsReply.transfer[0]).toBeInstanceOf(ArrayBuffer);
  });

  it('cancels a queued request without running it, and a running one at its next check', async () => {
    const gate = deferred();
    const h = harness(fakeEngine(gate));
    h.request(1, 'classify');
    h.request(2, 'tokenize', { texts: ['abc'] });
    h.request(3, 'tokenize', { texts: ['de'] });
    h.handle({ kind: 'cancel', targetId: 2 });
    h.handle({ kind: 'cancel', targetId: 1 });
    gate.resolve();
    await new Promise((r) => setTimeout(r, 20));
    const finals = h.finals();
    expect(finals).toHaveLength(3);
    expect(finals[0]).toMatchObject({ kind: 'error', id: 2, error: { code: 'CANCELLED' } });
    expect(finals[1]).toMatchObject({ kind: 'error', id: 1, error: { code: 'CANCELLED', name: 'CancelledError' } });
    expect(finals[2]).toMatchObject({ kind: 'result', id: 3, value: { lengths: [2] } });
  });

  it('keeps answering in arrival order, exactly once each, under many quick cancels', async () => {
    const h = harness(fakeEngine());
    for (let id = 1; id <= 60; id++) {
      h.request(id, 'tokenize', { texts: ['x'.repeat(id)] });
      if (id % 3 === 0) h.handle({ kind: 'cancel', targetId: id });
    }
    h.handle({ kind: 'cancel', targetId: 999 });
    await new Promise((r) => setTimeout(r, 20));
    const finals = h.finals() as { id: number; kind: string }[];
    expect(finals.map((m) => m.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    // Request 1 starts at once; every later one waits in the queue, so each cancel finds its target queued.
    for (const m of finals) expect(m.kind).toBe(m.id % 3 === 0 ? 'error' : 'result');
    const results = finals.filter((m) => m.kind === 'result').map((m) => m.id);
    expect(results).toEqual([...results].sort((a, b) => a - b));
  });
  it('serves queued reads between the steps of a request, and stops at the first one not ready', async () => {
    const steps: string[] = [];
    let blocked: number | undefined;
    const engine: Engine = {
      ...fakeEngine(),
      // Three warm-up steps; a classify is ready only once two steps are done, as a run needing bucket 2 would be.
      configure: async (_p, ctx) => {
        for (let step = 1; step <= 3; step++) {
          const waiting = await ctx.serveQueued!((req) => req.type !== 'classify' || step > 2);
          if (waiting && blocked === undefined) blocked = waiting.id;
          steps.push(`step ${step}`);
          await tick();
        }
        return { value: {} as never };
      },
      classify: () => {
        steps.push('classify');
        return Promise.resolve({ value: { results: [], stats: {} as never } });
      },
      tokenize: (p) => {
        steps.push('tokenize');
        return Promise.resolve({ value: { lengths: p.texts.map((t) => t.length) } });
      },
    };
    const h = harness(engine);
    h.request(1, 'configure');
    h.request(2, 'tokenize', { texts: ['ab'] });
    h.request(3, 'classify');
    h.request(4, 'loadModel');
    // Until all four are answered (a busy machine can take longer than a few ticks).
    for (let i = 0; i < 200 && h.finals().length < 4; i++) await tick();
    // The tokenize, queued during step 1, goes right after it; the classify waits for two steps, not for all
    // three; a model load is never served in between (it would change what the steps work on).
    expect(steps).toEqual(['step 1', 'tokenize', 'step 2', 'classify', 'step 3']);
    expect(blocked).toBe(3);
    expect((h.finals() as { id: number }[]).map((m) => m.id)).toEqual([2, 3, 1, 4]);
  });

  it('cancels a request served between steps', async () => {
    const gate = deferred();
    const engine: Engine = {
      ...fakeEngine(gate),
      configure: async (_p, ctx) => {
        await tick();
        expect(await ctx.serveQueued!(() => true)).toBeUndefined();
        return { value: {} as never };
      },
    };
    const h = harness(engine);
    h.request(1, 'configure');
    h.request(2, 'classify');
    await tick();
    h.handle({ kind: 'cancel', targetId: 2 });
    gate.resolve();
    await new Promise((r) => setTimeout(r, 20));
    expect(h.finals()).toMatchObject([
      { kind: 'error', id: 2, error: { code: 'CANCELLED' } },
      { kind: 'result', id: 1 },
    ]);
  });
});
