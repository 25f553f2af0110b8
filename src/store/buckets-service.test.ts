import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelInfo } from '../protocol/types';

// The worker stand-in: each configure waits until the test answers it.
const configures: Array<(answer: unknown) => void> = [];
vi.mock('./worker-session', () => ({
  currentGeneration: () => 0,
  workerClient: () => ({
    configure: () => new Promise((resolve) => configures.push(resolve)),
  }),
}));

const { useAppStore } = await import('./app-store');
const { applyBuckets, settleApplies } = await import('./buckets-service');

const MODEL: ModelInfo = {
  name: 'stand-in',
  labels: ['O'],
  maxPositions: 128,
  inputNames: ['input_ids'],
  idType: 'int64',
  modelBytes: 1000,
};

/** What the worker answers a configure of `buckets`. */
function configured(buckets: readonly number[]) {
  return {
    memory: { sessionCount: buckets.length, totalWeightBytes: 0 },
    graphCapture: null,
    buckets: buckets.map((length) => ({ length, firstRunMs: 1, steadyMs: 1, reused: false })),
  };
}

/** Lets every pending promise callback run. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('settleApplies', () => {
  beforeEach(() => {
    configures.length = 0;
    useAppStore.setState({ modelInfo: MODEL, modelStatus: 'ready', buckets: [16, 64], text: '', warmup: [] });
  });

  it('resolves at once with true when no apply is in flight, without saying it waits', async () => {
    const onWait = vi.fn();
    await expect(settleApplies(undefined, onWait)).resolves.toBe(true);
    expect(onWait).not.toHaveBeenCalled();
  });

  it('waits for the apply in flight and the round queued behind it, then the store holds the last outcome', async () => {
    const first = applyBuckets();
    const onWait = vi.fn();
    let settled = false;
    const settling = settleApplies(undefined, onWait).then((ok) => (settled = ok));
    expect(onWait).toHaveBeenCalledTimes(1);
    useAppStore.setState({ buckets: [16, 32, 64] });
    const second = applyBuckets();
    expect(second).toBe(first);
    configures[0]!(configured([16, 64]));
    await flush();
    expect(configures).toHaveLength(2);
    expect(settled).toBe(false);
    configures[1]!(configured([16, 32, 64]));
    await settling;
    expect(settled).toBe(true);
    expect(useAppStore.getState().applied?.buckets).toEqual([16, 32, 64]);
    expect(useAppStore.getState().applyStatus).toBe('done');
  });

  it('stopped by its signal, resolves with false while the apply goes on', async () => {
    const apply = applyBuckets();
    const stop = new AbortController();
    const settling = settleApplies(stop.signal);
    stop.abort();
    await expect(settling).resolves.toBe(false);
    configures[0]!(configured([16, 64]));
    await expect(apply).resolves.toBe(true);
    await expect(settleApplies(stop.signal)).resolves.toBe(true);
  });
});
