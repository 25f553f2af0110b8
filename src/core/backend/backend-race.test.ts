import { describe, expect, it } from 'vitest';
import { raceVerdict } from './backend-race';

describe('raceVerdict', () => {
  it('keeps the backend with the shorter median run and says both figures', () => {
    const v = raceVerdict({ backend: 'webgpu', runMs: [4, 3, 50] }, { backend: 'wasm', runMs: [12, 11, 13] }, 16);
    expect(v.winner).toBe('webgpu');
    expect(v.medianMs).toEqual({ webgpu: 4, wasm: 12 });
    expect(v.sentence).toBe(
      'Measured at start-up on a 16-token input: WebGPU 4.0 ms, WASM 12 ms per run, so WebGPU (3.0x faster here).',
    );
  });

  it('keeps WASM when the GPU is slower, and gives ties to WebGPU', () => {
    expect(raceVerdict({ backend: 'webgpu', runMs: [90] }, { backend: 'wasm', runMs: [3] }, 16).winner).toBe('wasm');
    expect(raceVerdict({ backend: 'webgpu', runMs: [5] }, { backend: 'wasm', runMs: [5] }, 16).winner).toBe('webgpu');
    expect(() => raceVerdict({ backend: 'webgpu', runMs: [] }, { backend: 'wasm', runMs: [1] }, 16)).toThrow(
      /at least one timed run/,
    );
  });
});
