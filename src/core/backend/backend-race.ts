import { summarizeLatencies } from '../timing';
import type { Backend } from './backend-info';

/** One backend's timed runs of the same small input, the compiling first run left out. */
export interface RaceEntry {
  backend: Backend;
  runMs: readonly number[];
}

/** What the start-up race measured and the backend it keeps, in one sentence for the badge. */
export interface RaceVerdict {
  winner: Backend;
  /** Median run time per backend. */
  medianMs: Record<Backend, number>;
  sentence: string;
}

const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;

/**
 * Keeps the backend whose median run of the same input was shorter. A WebGPU adapter that is real
 * hardware is usually faster, but not always: a weak integrated GPU, or a small model at batch 1, can lose
 * to WASM, and only a measurement on the visitor's machine tells. Ties go to WebGPU, whose compiled
 * programs the bucket sessions then reuse.
 * @param tokens the input's length, named in the sentence.
 */
export function raceVerdict(webgpu: RaceEntry, wasm: RaceEntry, tokens: number): RaceVerdict {
  if (webgpu.runMs.length === 0 || wasm.runMs.length === 0)
    throw new Error('The backend race needs at least one timed run of each backend.');
  const gpu = summarizeLatencies([...webgpu.runMs]).p50;
  const cpu = summarizeLatencies([...wasm.runMs]).p50;
  const winner: Backend = gpu <= cpu ? 'webgpu' : 'wasm';
  const ratio = winner === 'webgpu' ? cpu / gpu : gpu / cpu;
  const sentence =
    `Measured at start-up on a ${tokens}-token input: WebGPU ${ms(gpu)}, WASM ${ms(cpu)} per run, ` +
    `so ${winner === 'webgpu' ? 'WebGPU' : 'WASM'} (${ratio.toFixed(1)}x faster here).`;
  return { winner, medianMs: { webgpu: gpu, wasm: cpu }, sentence };
}
