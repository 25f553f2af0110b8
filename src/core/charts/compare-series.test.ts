import { describe, expect, it } from 'vitest';
import type { ModeResult } from '../modes';
import { appendCompareHistory, compareBarRows, compareHistoryRows } from './compare-series';

function modeResult(mode: ModeResult['mode'], itemsPerSec: number, extra: Partial<ModeResult> = {}): ModeResult {
  return {
    mode,
    backend: 'wasm',
    items: 10,
    itemsPerSec,
    tokensPerSec: itemsPerSec * 20,
    p50Ms: 5,
    p95Ms: 9,
    paddingEfficiency: 0.5,
    realTokens: 100,
    computedTokens: 200,
    firstRunMs: 30,
    firstRunByShape: { '8x16': 30 },
    sessionBytes: 2_000_000,
    ratioToPadToMax: null,
    idealSpeedup: null,
    regime: 'steady',
    compiles: { warmup: 0, traffic: 0 },
    warmupMs: 0,
    trafficMs: 0,
    latencyMs: { p50: 5, p95: 9, max: 9 },
    ...extra,
  };
}

describe('compare series', () => {
  it('converts units for the charts and keeps the run order', () => {
    const rows = compareBarRows([modeResult('bucketed', 100, { ratioToPadToMax: 2 }), modeResult('pad-to-max', 50)]);
    expect(rows.map((r) => r.mode)).toEqual(['bucketed', 'pad-to-max']);
    expect(rows[0]).toMatchObject({ label: 'bucketed', paddingEfficiencyPct: 50, sessionMB: 2, ratioToPadToMax: 2 });
    const cold = compareBarRows([
      modeResult('dynamic', 5, {
        regime: 'cold',
        compiles: { warmup: 4, traffic: 31 },
        latencyMs: { p50: 7, p95: 900, max: 1500 },
      }),
    ]);
    expect(cold[0]).toMatchObject({ compilesTraffic: 31, compilesWarmup: 4, itemP50Ms: 7, itemMaxMs: 1500 });
  });

  it('turns non-finite figures (a mode with no time) into 0 so charts can draw them', () => {
    const [row] = compareBarRows([modeResult('dynamic', Number.POSITIVE_INFINITY, { ratioToPadToMax: Number.NaN })]);
    expect(row.itemsPerSec).toBe(0);
    expect(row.ratioToPadToMax).toBeNull();
  });

  it('numbers history runs and keeps only the latest', () => {
    let history = appendCompareHistory([], [modeResult('bucketed', 1)], { buckets: [8], batchSize: 2, items: 4 }, 2);
    history = appendCompareHistory(
      history,
      [modeResult('bucketed', 2)],
      { buckets: [8, 16], batchSize: 2, items: 4 },
      2,
    );
    history = appendCompareHistory(
      history,
      [modeResult('bucketed', 3), modeResult('dynamic', 4)],
      { buckets: [16], batchSize: 2, items: 4 },
      2,
    );
    expect(history.map((h) => h.run)).toEqual([2, 3]);
    expect(compareHistoryRows(history)).toEqual([
      { run: '#2', buckets: '8, 16', bucketed: 2 },
      { run: '#3', buckets: '16', bucketed: 3, dynamic: 4 },
    ]);
  });
});
