import type * as Ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import type { BenchmarkParams, BenchmarkProgress, Mode } from '../../src/protocol/types';
import { runBenchmark } from './benchmark';
import type { Tokenizer } from './model-loader';
import { DYNAMIC_KEY, NerRunner, staticKey, type RunConfig, type RunOutput } from './ner-runner';
import type { SessionPool } from './session-pool';

const COMPILE_MS = 1000;
const MS_PER_TOKEN = 0.01;

/**
 * The real planner with a simulated clock: a batch takes time proportional to the tokens it computes,
 * and the first run of a shape on a session costs COMPILE_MS, as shader compilation does on WebGPU.
 */
class SimulatedRunner extends NerRunner {
  readonly compiled = new Set<string>();
  readonly timedOrder: Mode[] = [];

  constructor() {
    const model = { bytes: new Uint8Array(1000), idType: 'int64' as const, inputNames: ['input_ids'], outputName: 'logits', numLabels: 3, clsId: 1, padId: 0 };
    super({} as typeof Ort, {} as SessionPool, model, () => 'wasm');
  }

  override async run(segments: number[][], mode: Mode, config: RunConfig): Promise<RunOutput> {
    const lengths = segments.map((s) => s.length);
    const batches = this.plan(lengths, mode, config);
    if (segments.length > config.batchSize) this.timedOrder.push(mode);
    const latencies = batches.map((b) => {
      const session = mode === 'bucketed' || mode === 'pad-to-max' ? staticKey(config.batchSize, b.bucket) : DYNAMIC_KEY;
      const key = `${session}|${b.rows}x${b.bucket}`;
      const first = !this.compiled.has(key);
      this.compiled.add(key);
      return (first ? COMPILE_MS : 0) + b.rows * b.bucket * MS_PER_TOKEN;
    });
    const computedTokens = batches.reduce((s, b) => s + b.rows * b.bucket, 0);
    const realTokens = lengths.reduce((s, x) => s + x, 0);
    return {
      logits: [], shapeOf: [], firstRunByShape: {},
      stats: {
        mode, backend: 'wasm', items: segments.length, batches: batches.length, realTokens, computedTokens,
        paddingEfficiency: realTokens / computedTokens, totalMs: latencies.reduce((s, x) => s + x, 0),
        batchLatenciesMs: latencies, perBucket: [],
      },
    };
  }
}

/** Words become one token each, so a text of n words is a segment of n + 2 ids with [CLS] and [SEP]. */
const wordTokenizer = {
  tokenize: (text: string) => text.split(' '),
  convert_tokens_to_ids: (tokens: string[]) => tokens.map(() => 7),
} as unknown as Tokenizer;

const pool = { releaseAll: async () => {} } as unknown as SessionPool;

function textsOfLengths(wordCounts: number[]): string[] {
  return wordCounts.map((n) => Array.from({ length: n }, () => 'w').join(' '));
}

async function bench(params: Partial<BenchmarkParams> = {}) {
  const runner = new SimulatedRunner();
  const progress: BenchmarkProgress[] = [];
  const texts = textsOfLengths([...Array(24).fill(6), ...Array(6).fill(30), 60, 62]);
  const result = await runBenchmark(runner, pool, wordTokenizer, { cls: 1, sep: 2 }, {
    texts, modes: ['bucketed', 'bucketed-shared', 'pad-to-max', 'dynamic'], batchSize: 4, buckets: [8, 32, 64],
    warmupRuns: 1, repetitions: 3, ...params,
  }, { signal: new AbortController().signal, progress: (p) => progress.push(p) });
  return { runner, result, progress };
}

describe('runBenchmark', () => {
  it('reports the compiling first run of a shape to every mode that shares its session', async () => {
    const { result } = await bench();
    const byMode = Object.fromEntries(result.results.map((r) => [r.mode, r]));
    // pad-to-max runs in bucketed's 4x64 session, warmed by bucketed first: it still reports the compile.
    expect(byMode['pad-to-max']!.firstRunByShape['4x64']).toBeCloseTo(COMPILE_MS + 4 * 64 * MS_PER_TOKEN);
    expect(byMode['bucketed']!.firstRunByShape['4x64']).toBe(byMode['pad-to-max']!.firstRunByShape['4x64']);
    expect(Object.keys(byMode['bucketed']!.firstRunByShape).sort()).toEqual(['4x32', '4x64', '4x8']);
    expect(byMode['bucketed']!.firstRunMs).toBeCloseTo(3 * COMPILE_MS + 4 * (8 + 32 + 64) * MS_PER_TOKEN);
    for (const r of result.results) {
      for (const ms of Object.values(r.firstRunByShape)) expect(ms).toBeGreaterThanOrEqual(COMPILE_MS);
    }
  });

  it('measures the ideal speed-up exactly when time is proportional to computed tokens', async () => {
    const { result } = await bench();
    expect(result.itemsUsed).toBe(32);
    for (const r of result.results) {
      expect(r.items).toBe(32);
      // The simulated clock gives every pass the same time, so each pass runs at the overall rate.
      expect(r.itemsPerSecByRepetition).toHaveLength(3);
      for (const rate of r.itemsPerSecByRepetition!) expect(rate).toBeCloseTo(r.itemsPerSec, 9);
      expect(r.ratioToPadToMax).toBeCloseTo(r.idealSpeedup!, 9);
      expect(r.paddingEfficiency).toBeCloseTo(r.realTokens / r.computedTokens, 12);
    }
    const bucketed = result.results.find((r) => r.mode === 'bucketed')!;
    // 24 items of 8 in 6 full batches of 4x8, 6 of 32 in 2 batches of 4x32, 2 of 62-64 in one 4x64.
    expect(bucketed.computedTokens).toBe(6 * 4 * 8 + 2 * 4 * 32 + 4 * 64);
    expect(bucketed.idealSpeedup).toBeCloseTo((8 * 4 * 64) / bucketed.computedTokens);
  });

  it('interleaves the timed passes and rotates the order of modes between repetitions', async () => {
    const { runner, progress } = await bench({ modes: ['bucketed', 'pad-to-max', 'dynamic'] });
    expect(runner.timedOrder).toEqual([
      'bucketed', 'pad-to-max', 'dynamic',
      'pad-to-max', 'dynamic', 'bucketed',
      'dynamic', 'bucketed', 'pad-to-max',
    ]);
    expect(progress.filter((p) => p.repetition === 0).map((p) => p.message)).toContain('Warming pad-to-max: shape 4x64');
  });
});
