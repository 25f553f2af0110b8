import { describe, expect, it } from 'vitest';
import { medianRun, ocrCompareRows, ocrCompareSummary, type OcrCompareEntry, type OcrModeRun } from './compare-series';

function run(
  totalMs: number,
  bucket: { h: number; w: number },
  paddingShare: number,
  texts: string[] = ['HELLO'],
): OcrModeRun {
  return { totalMs, detMs: totalMs * 0.75, recMs: totalMs * 0.25, bucket, paddingShare, texts };
}

const entries: OcrCompareEntry[] = [
  {
    name: 'small.png',
    bucketed: run(100, { h: 128, w: 480 }, 0.4),
    padToMax: run(400, { h: 960, w: 960 }, 0.96),
    unpadded: run(90, { h: 128, w: 288 }, 0),
    reference: null,
  },
  {
    name: 'big.png',
    bucketed: run(300, { h: 736, w: 960 }, 0.1, ['A', 'B']),
    padToMax: run(360, { h: 960, w: 960 }, 0.31, ['A', 'C']),
    unpadded: run(280, { h: 704, w: 928 }, 0, ['A', 'B']),
    reference: null,
  },
];

describe('ocrCompareRows', () => {
  it('gives one numbered row per image in load order, padding in percent', () => {
    expect(ocrCompareRows(entries)).toEqual([
      {
        label: '#1',
        name: 'small.png',
        bucketedMs: 100,
        padToMaxMs: 400,
        bucketedDetMs: 75,
        padToMaxDetMs: 300,
        bucketedPaddingPct: 40,
        padToMaxPaddingPct: 96,
      },
      {
        label: '#2',
        name: 'big.png',
        bucketedMs: 300,
        padToMaxMs: 360,
        bucketedDetMs: 225,
        padToMaxDetMs: 270,
        bucketedPaddingPct: 10,
        padToMaxPaddingPct: 31,
      },
    ]);
  });
});

describe('ocrCompareSummary', () => {
  it('sums times, pools padding by bucket area and counts identical texts', () => {
    const s = ocrCompareSummary(entries);
    expect(s.images).toBe(2);
    expect(s.bucketedMs).toBe(400);
    expect(s.padToMaxMs).toBe(760);
    expect(s.speedup).toBeCloseTo(1.9, 12);
    expect(s.detSpeedup).toBeCloseTo(570 / 300, 12);
    const small = 128 * 480;
    const big = 736 * 960;
    expect(s.bucketedPaddingShare).toBeCloseTo((0.4 * small + 0.1 * big) / (small + big), 12);
    expect(s.padToMaxPaddingShare).toBeCloseTo((0.96 + 0.31) / 2, 12);
    expect(s.sameText).toBe(1);
  });

  it('has no speed-up to report for nothing', () => {
    const s = ocrCompareSummary([]);
    expect(s.speedup).toBeNull();
    expect(s.bucketedPaddingShare).toBe(0);
  });
});

describe('medianRun', () => {
  it('picks a real run: the middle one, or the lower middle of an even count', () => {
    const b = { h: 32, w: 32 };
    expect(medianRun([run(30, b, 0), run(10, b, 0), run(20, b, 0)]).totalMs).toBe(20);
    expect(medianRun([run(40, b, 0), run(10, b, 0)]).totalMs).toBe(10);
    expect(() => medianRun([])).toThrow(RangeError);
  });
});
