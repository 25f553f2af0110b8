import { describe, expect, it } from 'vitest';
import type { Mode, ModeResult } from '../../../src/protocol/types';
import { compileNote, evaluateColdTargets, formatExplanation, formatRegimeTable } from './report-regimes';
import { buildJsonReport, withRatiosToPadToMax, type BenchConfigRecord } from './report';

function cold(
  mode: Mode,
  traffic: number,
  maxMs: number,
  trafficMs: number,
  backend: ModeResult['backend'] = 'webgpu',
): ModeResult {
  return {
    mode,
    backend,
    regime: 'cold',
    items: 64,
    itemsPerSec: 64_000 / trafficMs,
    tokensPerSec: 1,
    p50Ms: 10,
    p95Ms: 20,
    paddingEfficiency: 0.8,
    realTokens: 1000,
    computedTokens: mode === 'pad-to-max' ? 4000 : 1250,
    firstRunMs: 0,
    firstRunByShape: {},
    sessionBytes: 1e6,
    ratioToPadToMax: null,
    idealSpeedup: null,
    compiles: { warmup: 40, traffic },
    warmupMs: 900,
    trafficMs,
    latencyMs: { p50: 10, p95: mode === 'pad-to-max' ? 40 : 20, max: maxMs },
    rows: 64,
    emptyRows: 0,
    batchSizes: [1],
  };
}

const config = {
  command: 'npm run bench',
  model: { name: 'tiny-bert-ner', source: 'tiny', bytes: 1, maxPositions: 128 },
  dataset: { name: 'wnut17', totalItems: 3394 },
  itemsUsed: 64,
  seed: 17,
  batchSize: 1,
  backend: { requested: 'webgpu', used: 'webgpu', wasmThreads: 1, crossOriginIsolated: true },
  buckets: [16, 32],
  bucketSource: 'optimal',
  bucketNotes: [],
  modes: ['bucketed', 'pad-to-max'],
  warmupRuns: 1,
  repetitions: 1,
  browser: 'Chromium',
  date: '2026-01-01',
} satisfies BenchConfigRecord;

describe('cold-stream report', () => {
  it('checks the issue 16 targets on compiles, worst latency and traffic time', () => {
    const met = evaluateColdTargets([cold('bucketed', 0, 300, 5000), cold('dynamic', 37, 15_000, 40_000)]);
    expect(met.map((c) => c.met)).toEqual([true, true, true]);
    expect(met[0]!.measured).toBe('bucketed 0, dynamic 37');
    const missed = evaluateColdTargets([cold('bucketed', 1, 9000, 50_000), cold('dynamic', 12, 15_000, 40_000)]);
    expect(missed.map((c) => c.met)).toEqual([false, false, false]);
    expect(evaluateColdTargets([cold('bucketed', 0, 1, 1)])).toEqual([]);
  });

  it('fills ratios per regime and writes the contract fields to JSON', () => {
    const results = withRatiosToPadToMax([cold('bucketed', 0, 300, 5000), cold('pad-to-max', 0, 900, 20_000)]);
    expect(results[0]!.ratioToPadToMax).toBeCloseTo(4);
    const row = buildJsonReport(config, results).results[0]!;
    expect(row).toMatchObject({
      regime: 'cold',
      compiles: { warmup: 40, traffic: 0 },
      trafficMs: 5000,
      warmupMs: 900,
      latencyMs: { p50: 10, p95: 20, max: 300 },
    });
    expect(row.p95RatioToPadToMax).toBeCloseTo(0.5);
  });

  it('tabulates warm-up, traffic, per-item latency and compiles, and says when WASM makes counts meaningless', () => {
    const results = [cold('bucketed', 0, 300, 5000), cold('pad-to-max', 0, 900, 20_000)];
    const lines = formatRegimeTable(results).split('\n');
    expect(lines[0]).toMatch(/^mode\s+warm-up ms\s+traffic ms\s+item p50 ms/);
    expect(lines[2]).toMatch(/^bucketed\s+900\s+5000\s+10\.0\s+20\.0\s+300\.0\s+0\.50x\s+40\s+0\s+64\s+0\s+1$/);
    expect(compileNote(results)).toBeNull();
    expect(compileNote([cold('bucketed', 0, 1, 1, 'wasm')])).toMatch(/WASM compiles no GPU shaders/);
  });
});

describe('the explanation the bench prints', () => {
  it("is the Compare panel's: the winner's headline and each reason as a bullet", () => {
    const text = formatExplanation([cold('bucketed', 0, 300, 5000), cold('dynamic', 37, 15_000, 40_000)], {
      backend: 'webgpu',
      batchSize: 1,
    });
    expect(text).toMatch(/^Why: Bucketed ran fastest: 12\.8 items\/s, 8\.00× dynamic\.\n/);
    expect(text).toMatch(/\n {2}- Compiles while items were streaming: dynamic 37 times; bucketed none/);
    expect(text).toMatch(/\n {2}- Regime: cold stream\./);
  });

  it('says nothing with a single mode', () => {
    expect(formatExplanation([cold('bucketed', 0, 300, 5000)], { backend: 'wasm', batchSize: 1 })).toBeNull();
  });
});
