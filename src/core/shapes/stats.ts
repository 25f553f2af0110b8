/** Counters of a bucketed session, per bucket shape: what `stats()` reports. */
import { summarizeLatencies } from '../timing';

export interface BucketStats {
  /** The bucket's sizes joined with 'x' (e.g. "32" or "640x640"). */
  bucket: string;
  /** Model calls that ran in this bucket. */
  runs: number;
  /** Rows holding real input. */
  rows: number;
  /** Rows of static batches that held no input (padding). */
  emptyRows: number;
  /** Elements of real input along the bucketed dims, summed over rows. */
  realElements: number;
  /** Elements computed along the bucketed dims: batch size x bucket area per call. */
  computedElements: number;
  /** realElements / computedElements (1 when nothing ran). */
  paddingEfficiency: number;
  /** Sessions created for this bucket (each a compile of its shape on WebGPU); a shared session counts in the total only. */
  compiles: number;
  latencyMs: { p50: number; p95: number; max: number };
}

export interface SessionStats {
  runs: number;
  paddingEfficiency: number;
  compiles: number;
  perBucket: BucketStats[];
}

interface Counter {
  runs: number;
  rows: number;
  emptyRows: number;
  realElements: number;
  computedElements: number;
  compiles: number;
  ms: number[];
}

/** Collects per-bucket counters; pure, so the same numbers come out in Node and in a browser. */
export class StatsRecorder {
  private readonly counters = new Map<string, Counter>();

  private counter(bucket: string): Counter {
    let c = this.counters.get(bucket);
    if (!c) {
      c = { runs: 0, rows: 0, emptyRows: 0, realElements: 0, computedElements: 0, compiles: 0, ms: [] };
      this.counters.set(bucket, c);
    }
    return c;
  }

  private sharedCompiles = 0;

  /** A session created for one bucket, or (null) one shared by every bucket, counted in the total only. */
  recordCompile(bucket: string | null): void {
    if (bucket === null) this.sharedCompiles++;
    else this.counter(bucket).compiles++;
  }

  /** One model call of `batchSize` rows, `rows` of them real, with the real element count of each row's box. */
  recordRun(
    bucket: string,
    bucketArea: number,
    batchSize: number,
    realElementsPerRow: readonly number[],
    ms: number,
  ): void {
    const c = this.counter(bucket);
    c.runs++;
    c.rows += realElementsPerRow.length;
    c.emptyRows += batchSize - realElementsPerRow.length;
    for (const r of realElementsPerRow) c.realElements += r;
    c.computedElements += batchSize * bucketArea;
    c.ms.push(ms);
  }

  reset(): void {
    this.counters.clear();
    this.sharedCompiles = 0;
  }

  summary(order: readonly string[] = []): SessionStats {
    const keys = [...this.counters.keys()].sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
    const perBucket = keys.map((bucket): BucketStats => {
      const c = this.counters.get(bucket)!;
      return {
        bucket,
        runs: c.runs,
        rows: c.rows,
        emptyRows: c.emptyRows,
        realElements: c.realElements,
        computedElements: c.computedElements,
        paddingEfficiency: c.computedElements > 0 ? c.realElements / c.computedElements : 1,
        compiles: c.compiles,
        latencyMs: summarizeLatencies(c.ms),
      };
    });
    const real = perBucket.reduce((s, b) => s + b.realElements, 0);
    const computed = perBucket.reduce((s, b) => s + b.computedElements, 0);
    return {
      runs: perBucket.reduce((s, b) => s + b.runs, 0),
      paddingEfficiency: computed > 0 ? real / computed : 1,
      compiles: this.sharedCompiles + perBucket.reduce((s, b) => s + b.compiles, 0),
      perBucket,
    };
  }
}

function rank(order: readonly string[], key: string): number {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
}
