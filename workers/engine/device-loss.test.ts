import { describe, expect, it } from 'vitest';
import { CancelledError, WorkerError } from '../../src/protocol/errors';
import type { Engine } from '../handler';
import type { BackendState } from './backend';
import { guardDeviceLoss } from './device-loss';

/** An engine whose every method fails with `err`, as ORT does in its own words when the device goes. */
function engineFailingWith(err: unknown): Engine {
  const fail = () => Promise.reject(err);
  return {
    init: fail,
    loadModel: fail,
    configure: fail,
    tokenize: fail,
    classify: fail,
    logits: fail,
    benchmark: fail,
    memory: fail,
    ocrConfigure: fail,
    ocr: fail,
    testHook: fail,
  };
}

const ctx = { signal: new AbortController().signal, progress: () => undefined };

/** A WebGPU backend whose device is lost `afterMs` after creation (the way `device.lost` settles late). */
function webgpuBackend(lostAfterMs: number | null): BackendState {
  // The guard only asks whether a device exists; a real GPUDevice cannot be had in Node.
  const state: BackendState = {
    info: { backend: 'webgpu', crossOriginIsolated: false, wasmThreads: 1 },
    device: {} as GPUDevice,
    lost: new Promise<never>(() => undefined),
  };
  if (lostAfterMs !== null) {
    state.lost = new Promise<never>((_, reject) =>
      setTimeout(() => {
        state.lostReason = 'destroyed';
        reject(new WorkerError('DEVICE_LOST', 'The GPU device was lost: destroyed'));
      }, lostAfterMs),
    );
    state.lost.catch(() => undefined);
  }
  return state;
}

describe('guardDeviceLoss', () => {
  it('turns a failure on a device that is lost a moment later into DEVICE_LOST', async () => {
    const backend = webgpuBackend(20);
    const engine = guardDeviceLoss(engineFailingWith(new Error('GPU buffer mapping failed')), () => backend);
    await expect(engine.logits({ inputIds: [[101, 102]], mode: 'bucketed' }, ctx)).rejects.toMatchObject({
      code: 'DEVICE_LOST',
      message: 'The GPU device was lost: destroyed',
    });
    await expect(engine.memory({}, ctx)).rejects.toMatchObject({ code: 'DEVICE_LOST' });
  });

  it('lets a cancellation through as itself, even on a lost device', async () => {
    const backend = webgpuBackend(0);
    const engine = guardDeviceLoss(engineFailingWith(new CancelledError()), () => backend);
    await new Promise((r) => setTimeout(r, 5));
    await expect(engine.configure({ buckets: [8], batchSize: 1, modes: ['bucketed'] }, ctx)).rejects.toBeInstanceOf(
      CancelledError,
    );
  });

  it('lets other failures through as themselves when the device lives or there is none', async () => {
    const alive = webgpuBackend(null);
    const failure = new WorkerError('BAD_INPUT', 'Batch size 0 is not allowed');
    await expect(guardDeviceLoss(engineFailingWith(failure), () => alive).tokenize({ texts: [] }, ctx)).rejects.toBe(
      failure,
    );
    await expect(guardDeviceLoss(engineFailingWith(failure), () => null).tokenize({ texts: [] }, ctx)).rejects.toBe(
      failure,
    );
  });

  it('passes results through untouched', async () => {
    const inner = engineFailingWith(new Error('unused'));
    inner.tokenize = async (params) => ({ value: { lengths: params.texts.map((t) => t.length) } });
    const engine = guardDeviceLoss(inner, () => webgpuBackend(null));
    await expect(engine.tokenize({ texts: ['abc', 'de'] }, ctx)).resolves.toEqual({ value: { lengths: [3, 2] } });
  });
});
