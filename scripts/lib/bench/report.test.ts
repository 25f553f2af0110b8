import { describe, expect, it } from 'vitest';
import type { Mode, ModeResult } from '../../../src/protocol/types';
import {
  type BenchConfigRecord,
  type ReferenceResult,
  buildJsonReport,
  evaluateTargets,
  formatConfigSummary,
  formatFirstRuns,
  formatResultsTable,
  formatTable,
  medianRatioToPadToMax,
  ratiosByRepetition,
  shareOfIdeal,
} from './report';

function modeResult(mode: Mode, itemsPerSec: number, computedTokens: number, paddingEfficiency: number): ModeResult {
  return {
    mode,
    backend: 'wasm',
    items: 512,
    itemsPerSec,
    tokensPerSec: itemsPerSec * 20,
    p50Ms: 100,
    p95Ms: 150,
    paddingEfficiency,
    realTokens: 10_000,
    computedTokens,
    firstRunMs: 300,
    firstRunByShape: { '64x16': 100, '64x80': 200 },
    sessionBytes: 2e6,
    ratioToPadToMax: null,
    idealSpeedup: null,
    regime: 'steady',
    compiles: { warmup: 0, traffic: 0 },
    warmupMs: 0,
    trafficMs: 0,
    latencyMs: { p50: 5, p95: 9, max: 9 },
  };
}

/** Fills the ratios the way the worker does: against pad-to-max of the same run. */
function withRatios(results: ModeResult[]): ModeResult[] {
  const base = results.find((r) => r.mode === 'pad-to-max')!;
  return results.map((r) => ({
    ...r,
    ratioToPadToMax: r.itemsPerSec / base.itemsPerSec,
    idealSpeedup: base.computedTokens / r.computedTokens,
  }));
}

const config: BenchConfigRecord = {
  command: 'npx tsx scripts/bench.ts',
  model: { name: 'tiny-bert-ner', source: 'tiny', bytes: 1.9e6, maxPositions: 256 },
  dataset: { name: 'wnut17', totalItems: 3394 },
  itemsUsed: 512,
  seed: 17,
  batchSize: 64,
  backend: { requested: 'wasm', used: 'wasm', wasmThreads: 1, crossOriginIsolated: true },
  buckets: [16, 32, 48, 80],
  bucketSource: 'optimal',
  bucketNotes: [],
  modes: ['bucketed', 'pad-to-max'],
  warmupRuns: 1,
  repetitions: 3,
  browser: 'Chromium 156',
  date: '2026-01-01T00:00:00.000Z',
};

const reference: ReferenceResult = {
  library: 'transformers.js 4.3.1',
  backend: 'wasm',
  items: 512,
  itemsPerSec: 50,
  tokensPerSec: 1000,
  p50Ms: 90,
  p95Ms: 140,
  paddingEfficiency: 0.5,
  realTokens: 10_000,
  computedTokens: 20_000,
  firstRunMs: 400,
  forwardItemsPerSec: 80,
  forwardP50Ms: 60,
};

describe('buildJsonReport', () => {
  it('writes the fields issue 8 names for every mode, and the reference beside them', () => {
    const results = withRatios([
      modeResult('bucketed', 250, 11_000, 0.91),
      modeResult('pad-to-max', 100, 40_960, 0.24),
    ]);
    const report = buildJsonReport(config, results, reference);
    const issueFields = [
      'mode',
      'backend',
      'items',
      'itemsPerSec',
      'tokensPerSec',
      'p50Ms',
      'p95Ms',
      'paddingEfficiency',
      'computedTokens',
      'firstRunMs',
      'sessionBytes',
      'ratioToPadToMax',
    ];
    for (const row of report.results) for (const field of issueFields) expect(row).toHaveProperty(field);
    expect(report.results[0]!.ratioToPadToMax).toBeCloseTo(2.5);
    expect(report.results[0]!.idealSpeedup).toBeCloseTo(40_960 / 11_000);
    expect(report.reference!.ratioToPadToMax).toBeCloseTo(0.5);
    expect(report.reference!.forwardRatioToPadToMax).toBeCloseTo(0.8);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('has no reference ratio without a pad-to-max row', () => {
    const report = buildJsonReport(config, [modeResult('bucketed', 250, 11_000, 0.91)], reference);
    expect(report.reference!.ratioToPadToMax).toBeNull();
    expect(report.results[0]!.shareOfIdeal).toBeNull();
  });
});

describe('ratios pass by pass', () => {
  const withPasses = (mode: Mode, passes: number[]): ModeResult => ({
    ...modeResult(mode, 1, 1, 1),
    itemsPerSecByRepetition: passes,
  });

  it('divides each pass by the pad-to-max pass of the same repetition and takes the median', () => {
    const results = [withPasses('bucketed', [200, 90, 210]), withPasses('pad-to-max', [100, 100, 100])];
    expect(ratiosByRepetition(results[0]!, results)).toEqual([2, 0.9, 2.1]);
    // One disturbed pass (0.9x) moves the mean of the ratios, not their median.
    expect(medianRatioToPadToMax(results[0]!, results)).toBe(2);
    expect(medianRatioToPadToMax(withPasses('dynamic', [150, 250]), [withPasses('pad-to-max', [100, 100])])).toBe(2);
  });

  it('has no per-pass ratios without per-pass rates on both sides', () => {
    const base = withPasses('pad-to-max', [100, 100]);
    expect(ratiosByRepetition(modeResult('bucketed', 1, 1, 1), [base])).toEqual([]);
    expect(ratiosByRepetition(withPasses('bucketed', [1, 2, 3]), [base])).toEqual([]);
    expect(medianRatioToPadToMax(withPasses('bucketed', [1, 2]), [])).toBeNull();
  });

  it('shows the median in the table and in the 1.8x target line', () => {
    const results = withRatios([
      { ...modeResult('bucketed', 150, 11_000, 0.85), itemsPerSecByRepetition: [250, 100, 220] },
      { ...modeResult('pad-to-max', 100, 30_000, 0.3), itemsPerSecByRepetition: [100, 100, 100] },
    ]);
    expect(formatResultsTable(results).split('\n')[2]).toMatch(/1\.50x\s+2\.20x/);
    expect(evaluateTargets(results, undefined, 4)[0]!.measured).toBe('1.50x (median of the per-pass ratios 2.20x)');
    const row = buildJsonReport(config, results).results[0]!;
    expect(row.ratioToPadToMaxByRepetition).toEqual([2.5, 1, 2.2]);
    expect(row.medianRatioToPadToMax).toBeCloseTo(2.2);
  });
});

describe('shareOfIdeal', () => {
  it('is the measured ratio over the ideal one', () => {
    expect(shareOfIdeal({ ratioToPadToMax: 2, idealSpeedup: 2.5 })).toBeCloseTo(0.8);
    expect(shareOfIdeal({ ratioToPadToMax: null, idealSpeedup: 2.5 })).toBeNull();
  });
});

describe('formatTable', () => {
  it('pads every column to its widest cell, text left and numbers right', () => {
    const text = formatTable(
      ['mode', 'items/s'],
      [
        ['bucketed', '1.5'],
        ['pad-to-max', '123.4'],
      ],
    );
    expect(text.split('\n')).toEqual([
      'mode        items/s',
      '----------  -------',
      'bucketed        1.5',
      'pad-to-max    123.4',
    ]);
  });
});

describe('formatResultsTable', () => {
  it('shows one row per mode plus the reference, with ratios and shares', () => {
    const results = withRatios([
      modeResult('bucketed', 250, 11_000, 0.91),
      modeResult('pad-to-max', 100, 40_960, 0.24),
    ]);
    const lines = formatResultsTable(results, reference).split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[2]).toMatch(
      /^bucketed\s+250\.0\s+5000\s+100\.0\s+150\.0\s+91\.0%\s+11000\s+3\.72x\s+2\.50x\s+-\s+67\.1%\s+300\s+2\.0 MB$/,
    );
    expect(lines[4]).toMatch(/^transformers\.js 4\.3\.1 \(reference\)\s+50\.0 .* 0\.50x/);
    expect(lines[5]).toMatch(/^ {2}same, model forward only\s+80\.0\s+-\s+60\.0 .* 0\.80x/);
  });

  it('lists first runs by shape', () => {
    expect(formatFirstRuns([modeResult('bucketed', 1, 1, 1)])).toBe('  bucketed: 64x16 100 ms, 64x80 200 ms');
  });
});

describe('evaluateTargets', () => {
  it('marks each target met or not from the numbers', () => {
    const good = withRatios([modeResult('bucketed', 250, 11_000, 0.92), modeResult('pad-to-max', 100, 30_000, 0.3)]);
    const checks = evaluateTargets(good, reference, 4);
    expect(checks.map((c) => c.met)).toEqual([true, true, true, true]);

    const poor = withRatios([modeResult('bucketed', 150, 11_000, 0.75), modeResult('pad-to-max', 100, 30_000, 0.3)]);
    const poorChecks = evaluateTargets(poor, { ...reference, itemsPerSec: 200 }, 4);
    expect(poorChecks[2]!.measured).toBe('0.75x (1.88x against its model forward alone)');
    expect(poorChecks.map((c) => c.met)).toEqual([false, false, false, false]);
    expect(poorChecks[1]!.measured).toBe('0.55 (1.50x of 2.73x)');
  });

  it('does not count a padding efficiency reached with more than 4 buckets', () => {
    const results = withRatios([modeResult('bucketed', 250, 11_000, 0.95), modeResult('pad-to-max', 100, 30_000, 0.3)]);
    const padding = evaluateTargets(results, undefined, 6).find((c) => c.target.startsWith('padding'))!;
    expect(padding.met).toBe(false);
    expect(padding.measured).toBe('95.0% with 6 bucket(s)');
  });

  it('checks nothing without a bucketed row, and skips ratios without pad-to-max', () => {
    expect(evaluateTargets([modeResult('dynamic', 1, 1, 1)], reference, 4)).toEqual([]);
    const alone = evaluateTargets([modeResult('bucketed', 250, 11_000, 0.95)], undefined, 4);
    expect(alone.map((c) => c.target)).toEqual(['padding efficiency at least 79% with 4 buckets']);
  });
});

describe('formatConfigSummary', () => {
  it('says how many items of how many were used, the buckets and how they were chosen', () => {
    const text = formatConfigSummary({ ...config, bucketNotes: ['2 item(s) are truncated.'] });
    expect(text).toContain('wnut17: 512 of 3394 items used (sampled, seed 17)');
    expect(text).toContain('[16, 32, 48, 80] from optimal');
    expect(text).toContain('wasm (1 thread, cross-origin isolated)');
    expect(text).toContain('1 warm-up run per shape, 3 timed passes over all items per mode, modes interleaved');
    expect(text.split('\n').at(-1)).toBe('note     2 item(s) are truncated.');
  });

  it('names the WebGPU adapter and a backend that differs from the one requested', () => {
    const text = formatConfigSummary({
      ...config,
      revision: 'abc1234+changes',
      itemsUsed: 3394,
      backend: {
        requested: 'webgpu',
        used: 'webgpu',
        adapter: 'google swiftshader',
        wasmThreads: 1,
        crossOriginIsolated: true,
      },
    });
    expect(text).toContain('webgpu (adapter: google swiftshader)');
    expect(text).toContain('Z, revision abc1234+changes');
    expect(text).toContain('3394 of 3394 items used\n');
  });
});
