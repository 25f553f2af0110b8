import { describe, expect, it } from 'vitest';
import {
  decideSessionLayout,
  defaultSessionLayout,
  MODE_OF_LAYOUT,
  SESSION_LAYOUT_CHOICES,
  weightBytesPerBucket,
} from './session-layout';

const MB = 1e6;
const webgpu = { backend: 'webgpu' as const, graphCapture: false, staticSessions: 4, modelBytes: 1.9 * MB };
const wasm = { backend: 'wasm' as const, graphCapture: false, staticSessions: 16, modelBytes: 16.8 * MB };

describe('defaultSessionLayout', () => {
  it('is per-bucket on WebGPU and shared on WASM', () => {
    expect(defaultSessionLayout('webgpu')).toBe('per-bucket');
    expect(defaultSessionLayout('wasm')).toBe('shared');
  });
});

describe('decideSessionLayout', () => {
  it('auto follows the backend, maps to the engine mode and says it is the default', () => {
    const gpu = decideSessionLayout('auto', webgpu);
    expect(gpu).toMatchObject({ layout: 'per-bucket', mode: 'bucketed', automatic: true, graphCaptureApplies: true });
    expect(gpu.reason).toMatch(
      /^Default on WebGPU: .*fewer GPU kernels.*graph capture needs; the cost is 4 copies of the weights \(7\.6 MB\)\.$/,
    );
    const cpu = decideSessionLayout('auto', wasm);
    expect(cpu).toMatchObject({
      layout: 'shared',
      mode: 'bucketed-shared',
      automatic: true,
      graphCaptureApplies: false,
    });
    expect(cpu.reason).toMatch(/^Default on WASM: .*one copy of the weights \(16\.8 MB\) instead of 16 \(269 MB\)\.$/);
  });

  it('keeps an explicit choice on either backend and names its cost', () => {
    const shared = decideSessionLayout('shared', { ...webgpu, graphCapture: true });
    expect(shared).toMatchObject({
      layout: 'shared',
      mode: 'bucketed-shared',
      automatic: false,
      graphCaptureApplies: false,
    });
    expect(shared.reason).toMatch(/^Chosen: .*graph capture is off\.$/);
    const perBucket = decideSessionLayout('per-bucket', wasm);
    expect(perBucket).toMatchObject({ layout: 'per-bucket', mode: 'bucketed', graphCaptureApplies: false });
    expect(perBucket.reason).toContain('16 copies of the weights (269 MB)');
  });

  it('auto on WebGPU falls back to one shared session when per-bucket sessions exceed the budget', () => {
    const tight = decideSessionLayout('auto', { ...webgpu, budgetBytes: 5 * MB });
    expect(tight).toMatchObject({ layout: 'shared', automatic: true });
    expect(tight.reason).toContain('exceed the memory budget');
    // An explicit per-bucket choice is kept: the worker then reports the budget error itself.
    expect(decideSessionLayout('per-bucket', { ...webgpu, budgetBytes: 5 * MB }).layout).toBe('per-bucket');
    expect(decideSessionLayout('auto', { ...webgpu, budgetBytes: 8 * MB }).layout).toBe('per-bucket');
  });

  it('speaks of one copy when a single static session is needed', () => {
    const one = decideSessionLayout('per-bucket', { ...webgpu, staticSessions: 1 });
    expect(one.reason).toContain('one copy of the weights (1.9 MB)');
    expect(decideSessionLayout('auto', { ...wasm, staticSessions: 1 }).reason).toMatch(/\(16\.8 MB\)\.$/);
  });

  it('covers every choice and layout', () => {
    for (const choice of SESSION_LAYOUT_CHOICES) {
      for (const facts of [webgpu, wasm]) {
        const d = decideSessionLayout(choice, facts);
        expect(d.mode).toBe(MODE_OF_LAYOUT[d.layout]);
        expect(d.reason.split('. ').length).toBe(1);
      }
    }
  });
});

describe('weightBytesPerBucket', () => {
  it('is a copy per batch size with per-bucket sessions, and nothing with one shared session', () => {
    expect(weightBytesPerBucket('auto', 'webgpu', 2 * MB, 3)).toBe(6 * MB);
    expect(weightBytesPerBucket('per-bucket', 'wasm', 2 * MB, 1)).toBe(2 * MB);
    expect(weightBytesPerBucket('auto', 'wasm', 2 * MB, 3)).toBeNull();
    expect(weightBytesPerBucket('shared', 'webgpu', 2 * MB, 3)).toBeNull();
  });
});
