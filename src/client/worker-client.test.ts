import { describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker } from '../protocol/messages';
import { WorkerClient } from './worker-client';

/** Stands in for a Worker: records what the client posts and lets the test reply or crash it. */
class FakeWorker {
  posted: ToWorker[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  postMessage(message: ToWorker) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  reply(message: FromWorker) {
    this.onmessage?.({ data: message } as MessageEvent<FromWorker>);
  }
  crash(message = 'boom') {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
  requests() {
    return this.posted.filter((m): m is Extract<ToWorker, { kind: 'request' }> => m.kind === 'request');
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const workers: FakeWorker[] = [];
  const restarts: string[] = [];
  const client = new WorkerClient(
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    { onRestart: (reason) => restarts.push(reason) },
  );
  return { client, workers, restarts };
}

describe('WorkerClient', () => {
  it('matches replies to requests by id and routes progress', async () => {
    const { client, workers } = setup();
    const progress: unknown[] = [];
    const a = client.tokenize({ texts: ['a'] });
    const b = client.loadModel({ source: { kind: 'bundled', name: 'm' } }, { onProgress: (p) => progress.push(p) });
    await flush();
    const [ra, rb] = workers[0]!.requests();
    workers[0]!.reply({ kind: 'progress', id: rb!.id, progress: { stage: 'download', message: 'x' } });
    workers[0]!.reply({ kind: 'result', id: rb!.id, value: { name: 'm' } });
    workers[0]!.reply({
      kind: 'error',
      id: ra!.id,
      error: { name: 'WorkerError', message: 'bad', code: 'BAD_INPUT', hint: 'fix it' },
    });
    await expect(b).resolves.toEqual({ name: 'm' });
    await expect(a).rejects.toMatchObject({ code: 'BAD_INPUT', message: 'bad', hint: 'fix it' });
    expect(progress).toEqual([{ stage: 'download', message: 'x' }]);
  });

  it('sends a cancel for an aborted request', async () => {
    const { client, workers } = setup();
    const controller = new AbortController();
    const p = client.tokenize({ texts: ['a'] }, { signal: controller.signal });
    await flush();
    controller.abort();
    const id = workers[0]!.requests()[0]!.id;
    expect(workers[0]!.posted.at(-1)).toEqual({ kind: 'cancel', targetId: id });
    workers[0]!.reply({
      kind: 'error',
      id,
      error: { name: 'CancelledError', message: 'cancelled', code: 'CANCELLED' },
    });
    await expect(p).rejects.toMatchObject({ name: 'CancelledError', code: 'CANCELLED' });
  });

  it('on a crash rejects every pending request, starts a fresh worker and replays the setup first', async () => {
    const { client, workers, restarts } = setup();
    const init = client.init({ appBaseUrl: 'http://x/', backend: 'wasm' });
    await flush();
    workers[0]!.reply({ kind: 'result', id: workers[0]!.requests()[0]!.id, value: { backend: 'wasm' } });
    await init;
    const pending = [client.tokenize({ texts: ['a'] }), client.tokenize({ texts: ['b'] })];
    await flush();
    workers[0]!.crash();
    for (const p of pending) await expect(p).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    expect(workers[0]!.terminated).toBe(true);
    expect(restarts).toHaveLength(1);
    // A second error event queued by the dead worker must not kill its successor.
    workers[0]!.crash('late');
    expect(workers).toHaveLength(2);
    const next = client.tokenize({ texts: ['c'] });
    await flush();
    const fresh = workers[1]!;
    expect(fresh.requests().map((r) => r.type)).toEqual(['init']);
    fresh.reply({ kind: 'result', id: fresh.requests()[0]!.id, value: { backend: 'wasm' } });
    await flush();
    await flush();
    expect(fresh.requests().map((r) => r.type)).toEqual(['init', 'tokenize']);
    fresh.reply({ kind: 'result', id: fresh.requests()[1]!.id, value: { lengths: [3] } });
    await expect(next).resolves.toEqual({ lengths: [3] });
  });

  it('treats a DEVICE_LOST error as fatal for the worker', async () => {
    const { client, workers } = setup();
    const run = client.tokenize({ texts: ['a'] });
    const other = client.tokenize({ texts: ['b'] });
    await flush();
    const [first] = workers[0]!.requests();
    workers[0]!.reply({
      kind: 'error',
      id: first!.id,
      error: { name: 'WorkerError', message: 'lost', code: 'DEVICE_LOST' },
    });
    await expect(run).rejects.toMatchObject({ code: 'DEVICE_LOST' });
    await expect(other).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    expect(workers).toHaveLength(2);
  });
});
