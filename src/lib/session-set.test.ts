// The one session manager of the library and the app's worker, on real onnxruntime-web sessions of the
// tiny model in Node (WASM). WebGPU-only parts (graph capture's EP object) are covered by
// e2e/graph-capture.spec.ts.
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { afterEach, describe, expect, it } from 'vitest';
import { BucketedSessionError } from './errors';
import { SessionSet, type SessionFailure, type SessionSetOptions } from './session-set';

ort.env.wasm.numThreads = 1;
const modelBytes = new Uint8Array(
  readFileSync(new URL('../../public/models/tiny-bert-ner/onnx/model.onnx', import.meta.url)),
);
const size = modelBytes.byteLength;
const pinned = (length: number) => ({ batch_size: 1, sequence_length: length });

let open: SessionSet[] = [];
function setOf(options: Partial<SessionSetOptions> = {}): SessionSet {
  const set = new SessionSet(ort, { backend: 'wasm', ...options });
  open.push(set);
  return set;
}
afterEach(async () => {
  for (const set of open) await set.releaseAll();
  open = [];
});

describe('SessionSet', () => {
  it('gives concurrent requests for one key one session, created once', async () => {
    const created: string[] = [];
    const set = setOf({ modelBytes, onCreate: (key) => created.push(key) });
    const [a, b] = await Promise.all([
      set.get({ key: 's16', freeDimensionOverrides: pinned(16) }),
      set.get({ key: 's16', freeDimensionOverrides: pinned(16) }),
    ]);
    expect(a).toBe(b);
    expect(created).toEqual(['s16']);
  });

  it('says which backend its next session is created on, following a getter', () => {
    let chosen: 'wasm' | 'webgpu' = 'wasm';
    const set = setOf({ backend: () => chosen });
    expect(set.backend).toBe('wasm');
    chosen = 'webgpu';
    expect(set.backend).toBe('webgpu');
    expect(setOf({ backend: 'wasm' }).backend).toBe('wasm');
  });

  it('holds sessions of several models, each request bringing its bytes, and reports their weights', async () => {
    const other = modelBytes.slice(); // a second model of the same graph, as the worker's OCR det and rec
    const set = setOf();
    await set.get({ key: 'ner', modelBytes });
    await set.get({ key: 'ocr det', modelBytes: other, freeDimensionOverrides: pinned(8) });
    const report = set.memory();
    expect(report.sessions).toEqual([
      { key: 'ner', weightBytes: size },
      { key: 'ocr det', weightBytes: size },
    ]);
    expect(report.totalWeightBytes).toBe(2 * size);
    expect(report.sessionCount).toBe(2);
    expect(set.weightBytes).toBe(2 * size);
    await expect(set.get({ key: 'none' })).rejects.toMatchObject({ code: 'BAD_OPTIONS' });
    expect(set.has('none')).toBe(false);
  });

  it('under a budget releases the least recently used static session, destroys its resources and tells onRelease', async () => {
    const released: string[] = [];
    const destroyed: string[] = [];
    const set = setOf({ modelBytes, memoryBudget: 2 * size + 1 });
    set.onRelease = (key) => released.push(key);
    await set.get({ key: 'shared' }); // dynamic sessions are outside the budget
    await set.get({ key: 's8', freeDimensionOverrides: pinned(8) });
    await set.get({ key: 's16', freeDimensionOverrides: pinned(16) });
    const resource = { destroy: () => destroyed.push('s16') };
    expect(set.resourceOf('s16', () => resource)).toBe(resource);
    expect(set.resourceOf('s16', () => ({ destroy: () => destroyed.push('second') }))).toBe(resource);
    await set.get({ key: 's8', freeDimensionOverrides: pinned(8) }); // s16 is now the least recent
    await set.get({ key: 's32', freeDimensionOverrides: pinned(32) });
    expect(released).toEqual(['s16']);
    expect(destroyed).toEqual(['s16']);
    expect(set.keys().sort()).toEqual(['s32', 's8', 'shared']);
    expect(() => new SessionSet(ort, { backend: 'wasm', modelBytes, memoryBudget: size - 1 })).toThrow(
      BucketedSessionError,
    );
  });

  it('runs serial operations one at a time, in order, and keeps going after a failure', async () => {
    const set = setOf({ modelBytes });
    const events: string[] = [];
    const step = (name: string, fail = false) =>
      set.serial(async () => {
        events.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step('a'), step('b', true), step('c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('fails an operation in flight when the interrupt rejects (a lost device), instead of waiting forever', async () => {
    let lose: (err: Error) => void = () => undefined;
    const lost = new Promise<never>((_, reject) => (lose = reject));
    lost.catch(() => undefined);
    const set = setOf({ modelBytes, interrupt: () => lost });
    const stuck = set.serial(() => new Promise<string>(() => undefined));
    lose(new Error('device lost'));
    await expect(stuck).rejects.toThrow('device lost');
    // Later operations that would wait on the dead device fail too; the chain does not hang behind `stuck`.
    await expect(set.serial(() => new Promise<string>(() => undefined))).rejects.toThrow('device lost');
  });

  it('turns a refused model into the owner error, or a BucketedSessionError BAD_MODEL by default', async () => {
    const junk = new Uint8Array([1, 2, 3, 4]);
    const failures: SessionFailure[] = [];
    const owned = setOf({
      createError: (failure) => {
        failures.push(failure);
        return new Error(`owner: ${failure.key}`);
      },
    });
    await expect(owned.get({ key: 'bad', modelBytes: junk })).rejects.toThrow('owner: bad');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ key: 'bad', backend: 'wasm', captureRefusal: null });
    expect(failures[0]!.message.length).toBeGreaterThan(0);
    expect(owned.has('bad')).toBe(false);

    const plain = setOf();
    const err = await plain.get({ key: 'bad', modelBytes: junk }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BucketedSessionError);
    expect(err).toMatchObject({ code: 'BAD_MODEL' });
  });

  it('ignores graph capture on WASM and reads a backend getter at each creation', async () => {
    let backend: 'wasm' | 'webgpu' = 'wasm';
    const failures: SessionFailure[] = [];
    const set = setOf({
      modelBytes,
      backend: () => backend,
      createError: (f) => (failures.push(f), new Error(f.backend)),
    });
    await set.get({ key: 'g', freeDimensionOverrides: pinned(8), graphCapture: true });
    backend = 'webgpu'; // Node's onnxruntime-web has no WebGPU: the creation fails on the backend read now
    await expect(set.get({ key: 'h', freeDimensionOverrides: pinned(8) })).rejects.toThrow('webgpu');
    expect(failures.map((f) => f.backend)).toEqual(['webgpu']);
    expect(set.keys()).toEqual(['g']);
  });
});
