import { describe, expect, it } from 'vitest';
import { StatsRecorder } from './stats';

describe('StatsRecorder', () => {
  it('sums runs, rows, padding and compiles per bucket and overall', () => {
    const s = new StatsRecorder();
    s.recordCompile('16');
    s.recordRun('16', 16, 2, [10, 6], 4);
    s.recordRun('16', 16, 2, [16], 8);
    s.recordCompile('32');
    s.recordRun('32', 32, 1, [20], 5);
    s.recordCompile(null);
    const sum = s.summary(['32', '16']);
    expect(sum.runs).toBe(3);
    expect(sum.compiles).toBe(3);
    expect(sum.perBucket.map((b) => b.bucket)).toEqual(['32', '16']);
    const b16 = sum.perBucket[1];
    expect(b16).toMatchObject({
      runs: 2,
      rows: 3,
      emptyRows: 1,
      realElements: 32,
      computedElements: 64,
      paddingEfficiency: 0.5,
    });
    expect(b16.latencyMs).toEqual({ p50: 4, p95: 8, max: 8 });
    expect(sum.paddingEfficiency).toBeCloseTo(52 / 96);
    s.reset();
    expect(s.summary()).toEqual({ runs: 0, paddingEfficiency: 1, compiles: 0, perBucket: [] });
  });
});
