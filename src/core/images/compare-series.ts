import type { DetBucket } from '../ocr';

/** One OCR run of one image in one mode, reduced to what the comparison shows. */
export interface OcrModeRun {
  /** Milliseconds of work (pre-processing, model runs, post-processing), session creation left out. */
  totalMs: number;
  detMs: number;
  recMs: number;
  bucket: DetBucket;
  /** Share of the detector input that was padding. */
  paddingShare: number;
  /** The recognised lines, in reading order. */
  texts: string[];
}

/** One image through the three modes. */
export interface OcrCompareEntry {
  name: string;
  bucketed: OcrModeRun;
  padToMax: OcrModeRun;
  /** No padding at all: the accuracy reference for the other two (see compare-accuracy). */
  unpadded: OcrModeRun;
  /** The text the user said the image holds, one line per line; null when not given. */
  reference: string | null;
}

/** One image's bars in the comparison charts. */
export interface OcrCompareRow {
  /** "#1", "#2"...: file names do not fit under a bar, and two files may share a name. */
  label: string;
  name: string;
  bucketedMs: number;
  padToMaxMs: number;
  bucketedDetMs: number;
  padToMaxDetMs: number;
  bucketedPaddingPct: number;
  padToMaxPaddingPct: number;
}

/** Totals over all images: what the comparison's headline says. */
export interface OcrCompareSummary {
  images: number;
  bucketedMs: number;
  padToMaxMs: number;
  /** padToMaxMs / bucketedMs: above 1 means bucketing was faster; null when bucketed took no time. */
  speedup: number | null;
  bucketedDetMs: number;
  padToMaxDetMs: number;
  detSpeedup: number | null;
  /** Padding share over all detector inputs together (area-weighted, so big buckets count more). */
  bucketedPaddingShare: number;
  padToMaxPaddingShare: number;
  /** Images whose recognised lines are identical in both modes. */
  sameText: number;
}

/** Rows for the per-image bar charts, in the order the images were loaded. */
export function ocrCompareRows(entries: readonly OcrCompareEntry[]): OcrCompareRow[] {
  return entries.map((e, i) => ({
    label: `#${i + 1}`,
    name: e.name,
    bucketedMs: e.bucketed.totalMs,
    padToMaxMs: e.padToMax.totalMs,
    bucketedDetMs: e.bucketed.detMs,
    padToMaxDetMs: e.padToMax.detMs,
    bucketedPaddingPct: e.bucketed.paddingShare * 100,
    padToMaxPaddingPct: e.padToMax.paddingShare * 100,
  }));
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** Area-weighted padding share: padding pixels over all detector pixels, across runs. */
function pooledPaddingShare(runs: readonly OcrModeRun[]): number {
  let padding = 0;
  let area = 0;
  for (const run of runs) {
    const bucketArea = run.bucket.h * run.bucket.w;
    padding += run.paddingShare * bucketArea;
    area += bucketArea;
  }
  return area === 0 ? 0 : padding / area;
}

export function ocrCompareSummary(entries: readonly OcrCompareEntry[]): OcrCompareSummary {
  const sum = (pick: (e: OcrCompareEntry) => number) => entries.reduce((acc, e) => acc + pick(e), 0);
  const bucketedMs = sum((e) => e.bucketed.totalMs);
  const padToMaxMs = sum((e) => e.padToMax.totalMs);
  const bucketedDetMs = sum((e) => e.bucketed.detMs);
  const padToMaxDetMs = sum((e) => e.padToMax.detMs);
  const sameText = entries.filter(
    (e) =>
      e.bucketed.texts.length === e.padToMax.texts.length &&
      e.bucketed.texts.every((t, i) => t === e.padToMax.texts[i]),
  ).length;
  return {
    images: entries.length,
    bucketedMs,
    padToMaxMs,
    speedup: ratio(padToMaxMs, bucketedMs),
    bucketedDetMs,
    padToMaxDetMs,
    detSpeedup: ratio(padToMaxDetMs, bucketedDetMs),
    bucketedPaddingShare: pooledPaddingShare(entries.map((e) => e.bucketed)),
    padToMaxPaddingShare: pooledPaddingShare(entries.map((e) => e.padToMax)),
    sameText,
  };
}

/**
 * The run with the median total time (the lower middle for an even count). A real run rather than
 * averaged fields, so its detection and recognition times still add up to its total.
 */
export function medianRun(runs: readonly OcrModeRun[]): OcrModeRun {
  if (runs.length === 0) throw new RangeError('medianRun needs at least one run.');
  const sorted = [...runs].sort((a, b) => a.totalMs - b.totalMs);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
