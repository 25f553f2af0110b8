/**
 * Which items of a stream (Live) to send while the buckets are still warming up, so that items flow as
 * soon as their buckets are ready instead of after the whole warm-up. The worker serves a request between
 * two warm-up steps once every bucket it needs is warm, and warms a waiting request's buckets first
 * (workers/engine/warm-schedule.ts); this picks requests it can serve now, or soon.
 */
import { bucketIndexFor } from '../routing';

/**
 * The buckets an item of `length` tokens (special tokens included) needs warm: the smallest bucket that
 * fits it. A longer item is cut into windows whose shorter tail may land in any bucket (or truncated,
 * or refused), so it is taken to need every bucket: it is sent once the warm-up is over.
 */
export function bucketsForLength(length: number, buckets: readonly number[]): readonly number[] {
  const index = bucketIndexFor(length, buckets);
  return index >= 0 ? [buckets[index]!] : buckets;
}

export interface WarmChunkInput {
  /** Token lengths of the stream's items, in stream order. */
  lengths: readonly number[];
  /** The buckets being warmed, ascending. */
  buckets: readonly number[];
  /** The buckets ready to serve now. */
  ready: ReadonlySet<number>;
  /** The bucket being compiled now, if any. */
  warming: number | null;
  /** Where the stream goes on from (an index into `lengths`). */
  cursor: number;
  /** At most this many items. */
  size: number;
}

export interface WarmChunk {
  /** Items to send, in stream order from the cursor (wrapping around); empty only for an empty stream. */
  indices: number[];
  /** Buckets these items need that are not ready yet, ascending: what the request will wait for. */
  waitingFor: number[];
  /** Where the stream goes on from after these items. */
  nextCursor: number;
}

/**
 * The next chunk of a stream during a warm-up. Items whose buckets are all ready come first, from the
 * cursor on, wrapping around once; items skipped are simply reached on a later pass of the stream. When
 * no item is ready, the chunk is made of the items of one bucket, the one compiling now if the stream
 * needs it, else the smallest the stream needs, so the request waits for one bucket only (and the worker
 * warms it next). A stream whose items all need several missing buckets waits for them.
 */
export function pickWarmChunk(input: WarmChunkInput): WarmChunk {
  const { lengths, buckets, ready, warming, size } = input;
  const n = lengths.length;
  if (n === 0 || size < 1) return { indices: [], waitingFor: [], nextCursor: 0 };
  const start = ((input.cursor % n) + n) % n;
  const order = Array.from({ length: n }, (_, k) => (start + k) % n);
  const needs = (i: number) => bucketsForLength(lengths[i]!, buckets);
  const missing = (i: number) => needs(i).filter((b) => !ready.has(b));
  const take = (accept: (i: number) => boolean): number[] => order.filter(accept).slice(0, size);

  let indices = take((i) => missing(i).length === 0);
  if (indices.length === 0) {
    const singles = order.map(missing).filter((m) => m.length === 1);
    const wanted = singles.map((m) => m[0]!);
    const target =
      warming !== null && wanted.includes(warming) ? warming : wanted.length > 0 ? Math.min(...wanted) : null;
    indices = target !== null ? take((i) => missing(i).every((b) => b === target)) : order.slice(0, size);
  }
  const waitingFor = [...new Set(indices.flatMap(missing))].sort((a, b) => a - b);
  return { indices, waitingFor, nextCursor: (indices[indices.length - 1]! + 1) % n };
}
