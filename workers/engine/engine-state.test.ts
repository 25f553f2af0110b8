import { describe, expect, it } from 'vitest';
import { EngineState } from './engine-state';

describe('EngineState.warmupAtServe', () => {
  it('is nothing outside a warm-up', () => {
    expect(new EngineState().warmupAtServe()).toBeUndefined();
  });

  it('names the ready and the pending buckets of the warm-up in progress, ascending, as they are now', () => {
    const state = new EngineState();
    const ready = new Set<number>([64]);
    state.warmup = { buckets: [64, 16, 128], ready };
    expect(state.warmupAtServe()).toEqual({ ready: [64], pending: [16, 128] });
    ready.add(16);
    expect(state.warmupAtServe()).toEqual({ ready: [16, 64], pending: [128] });
  });
});
