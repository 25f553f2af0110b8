import { readFileSync } from 'node:fs';
import type * as Ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import type { BenchmarkParams, BenchmarkProgress, Mode } from '../../src/protocol/types';
import { runBenchmark } from './benchmark';
import { compileLedger } from './compile-watch';
import type { Tokenizer } from './model-loader';
import { NerRunner, type RunConfig, type RunOutput } from './ner-runner';
import type { SessionSet } from '../../src/lib/session-set';

const COMPILE_MS = 1000;
const MS_PER_TOKEN = 0.01;

/**
 * The real planner with a simulated clock: a batch takes time proportional to the tokens it computes,
 * and the first run of a shape on a session costs COMPILE_MS, as shader compilation does on WebGPU.
 * That first run also records one pipeline in the worker's compile ledger, as the wrapped GPU device
 * would; the set of compiled keys stands for the per-worker program cache.
 */
class SimulatedRunner extends NerRunner {
  readonly compiled = new Set<string>();
  readonly timedOrder: Mode[] = [];

  constructor() {
    const model = {
      // The real tiny model's graph: the runner reads its inputs and sequence axis, and runs nothing here.
      bytes: new Uint8Array(
        readFileSync(new URL('../../public/models/tiny-bert-ner/onnx/model.onnx', import.meta.url)),
      ),
      idType: 'int64' as const,
      inputNames: ['input_ids'],
      outputName: 'logits',
      numLabels: 3,
      clsId: 1,
      padId: 0,
    };
    super({} as typeof Ort, { backend: 'wasm' } as SessionSet, model);
  }

  /** A round model size, so that session bytes read as session counts. */
  override get modelBytes(): number {
    return 1000;
  }

  override async run(segments: number[][], mode: Mode, config: RunConfig): Promise<RunOutput> {
    const lengths = segments.map((s) => s.length);
    const batches = this.plan(lengths, mode, config);
    if (segments.length > config.batchSize) this.timedOrder.push(mode);
    const latencies = batches.map((b) => {
      const session = this.keyFor(mode, b.bucket, config, b.rows);
      const key = `${session}|${b.rows}x${b.bucket}`;
      const first = !this.compiled.has(key);
      this.compiled.add(key);
      if (first) {
        compileLedger.setScope({ mode, shape: `${b.rows}x${b.bucket}` });
        compileLedger.record('pipeline');
        compileLedger.setScope(null);
      }
      return (first ? COMPILE_MS : 0) + b.rows * b.bucket * MS_PER_TOKEN;
    });
    const computedTokens = batches.reduce((s, b) => s + b.rows * b.bucket, 0);
    const realTokens = lengths.reduce((s, x) => s + x, 0);
    return {
      logits: [],
      shapeOf: [],
      firstRunByShape: {},
      stats: {
        mode,
        backend: 'wasm',
        items: segments.length,
        batches: batches.length,
        realTokens,
        computedTokens,
        paddingEfficiency: realTokens / computedTokens,
        totalMs: latencies.reduce((s, x) => s + x, 0),
        batchLatenciesMs: latencies,
        perBucket: [],
        batchItemCounts: batches.map((b) => b.itemIndices.length),
      },
    };
  }
}

/** Words become one token each, so a text of n words is a segment of n + 2 ids with [CLS] and [SEP]. */
const wordTokenizer = {
  tokenize: (text: string) => text.split(' '),
  convert_tokens_to_ids: (tokens: string[]) => tokens.map(() => 7),
} as unknown as Tokenizer;

const pool = { releaseAll: async () => {} } as unknown as SessionSet;

function textsOfLengths(wordCounts: number[]): string[] {
  return wordCounts.map((n) => Array.from({ length: n }, () => 'w').join(' '));
}

async function bench(params: Partial<BenchmarkParams> = {}, runner = new SimulatedRunner()) {
  const progress: BenchmarkProgress[] = [];
  const texts = textsOfLengths([...Array(24).fill(6), ...Array(6).fill(30), 60, 62]);
  const result = await runBenchmark(
    runner,
    pool,
    wordTokenizer,
    { cls: 1, sep: 2 },
    {
      texts,
      modes: ['bucketed', 'bucketed-shared', 'pad-to-max', 'dynamic'],
      batchSize: 4,
      buckets: [8, 32, 64],
      warmupRuns: 1,
      repetitions: 3,
      batchSizeBuckets: false,
      ...params,
    },
    { signal: new AbortController().signal, progress: (p) => progress.push(p) },
  );
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
      'bucketed',
      'pad-to-max',
      'dynamic',
      'pad-to-max',
      'dynamic',
      'bucketed',
      'dynamic',
      'bucketed',
      'pad-to-max',
    ]);
    expect(progress.filter((p) => p.repetition === 0).map((p) => p.message)).toContain(
      'Warming pad-to-max: shape 4x64',
    );
  });
});

describe('runBenchmark, cold stream', () => {
  it('compiles nothing during traffic in bucketed mode and once per new shape in dynamic mode', async () => {
    // Each mode in its own runner, as the bench command runs each cold mode in a fresh worker.
    const bucketed = (await bench({ regime: 'cold', modes: ['bucketed'], batchSize: 1 })).result.results[0]!;
    const dynamic = (await bench({ regime: 'cold', modes: ['dynamic'], batchSize: 1 })).result.results[0]!;
    expect(bucketed.regime).toBe('cold');
    expect(bucketed.compiles).toEqual({ warmup: 3, traffic: 0 });
    // dynamic warms one run at 1x64; the items have lengths 8, 32, 62 and 64, so three new shapes remain.
    expect(dynamic.compiles).toEqual({ warmup: 1, traffic: 3 });
    expect(dynamic.compilesByShape).toEqual({
      '1x64': { warmup: 1, traffic: 0 },
      '1x8': { warmup: 0, traffic: 1 },
      '1x32': { warmup: 0, traffic: 1 },
      '1x62': { warmup: 0, traffic: 1 },
    });
    // The compile lands on the item whose run paid it: worst per-item latency includes it.
    expect(dynamic.latencyMs.max).toBeGreaterThanOrEqual(COMPILE_MS);
    expect(bucketed.latencyMs.max).toBeLessThan(COMPILE_MS);
    expect(bucketed.warmupMs).toBeGreaterThan(0);
    expect(bucketed.trafficMs).toBeLessThan(dynamic.trafficMs);
  });

  it('reports what the worker had compiled before a mode that shares its program cache', async () => {
    const { result } = await bench({ regime: 'cold', modes: ['dynamic', 'bucketed'], batchSize: 1 });
    const [dynamic, bucketed] = result.results;
    // The ledger is the worker's, so other tests counted too: what matters is dynamic's 4 in between.
    expect(bucketed!.compilesBefore! - dynamic!.compilesBefore!).toBe(4);
  });
});

describe('runBenchmark with batch-size buckets', () => {
  it('runs partial batches at smaller batch sizes: no empty rows, and more static sessions counted', async () => {
    const without = (await bench({ modes: ['bucketed', 'pad-to-max'] })).result.results[0]!;
    const withLadder = (await bench({ modes: ['bucketed', 'pad-to-max'], batchSizeBuckets: true })).result.results[0]!;
    // 6 items of 32 at batch 4: 4 + 2 instead of 4 + 4; 2 items of 62-64: one batch of 2 instead of 4.
    expect(without.emptyRows).toBe(4);
    expect(withLadder.emptyRows).toBe(0);
    // Model calls: 6 batches at bucket 8, 2 at bucket 32, 1 at 64, with or without the ladder.
    expect(without.modelCalls).toBe(9);
    expect(withLadder.modelCalls).toBe(9);
    expect(withLadder.batchSizes).toEqual([2, 4]);
    expect(withLadder.computedTokens).toBe(6 * 4 * 8 + 4 * 32 + 2 * 32 + 2 * 64);
    // Sessions 4x8, 4x32, 2x32, 2x64 instead of 4x8, 4x32, 4x64: one more copy of the weights.
    expect(without.sessionBytes / 1000).toBe(3);
    expect(withLadder.sessionBytes / 1000).toBe(4);
    expect(withLadder.idealSpeedup!).toBeGreaterThan(without.idealSpeedup!);
  });
});
