// The tiny NER model in Node (onnxruntime-web on WASM) and the truth to compare bucketed runs with:
// logits of an unpadded, unbatched run through a dynamic-shape session. Shared by the library's tests.
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, expect } from 'vitest';
import { mulberry32 } from '../core/buckets';
import { BucketedSession } from './bucketed-session';
import type { BucketedSessionOptions, FeedsInput } from './types';

ort.env.wasm.numThreads = 1;
export const modelBytes = new Uint8Array(
  readFileSync(new URL('../../public/models/tiny-bert-ner/onnx/model.onnx', import.meta.url)),
);
export const LABELS = 9;
export const rng = mulberry32(14);
export const idsOf = (length: number) =>
  Array.from({ length }, (_, i) => (i === 0 ? 101 : 1000 + Math.floor(rng() * 5000)));
export const sequences = new Map<number, number[]>();
for (let length = 1; length <= 48; length++) sequences.set(length, idsOf(length));

export function feedsOf(rows: number[][]): FeedsInput {
  const length = rows[0].length;
  const flat = (f: (id: number) => number) => BigInt64Array.from(rows.flat().map((v) => BigInt(f(v))));
  return {
    input_ids: { data: flat((v) => v), dims: [rows.length, length] },
    attention_mask: { data: flat(() => 1), dims: [rows.length, length] },
    token_type_ids: { data: flat(() => 0), dims: [rows.length, length] },
  };
}

let dynamic: ort.InferenceSession | null = null;
const references = new Map<string, Float32Array>();
/** Logits of an unpadded, unbatched run through a dynamic-shape session: the truth to compare with. */
export async function reference(ids: number[]): Promise<Float32Array> {
  const key = ids.join(',');
  const cached = references.get(key);
  if (cached) return cached;
  const feeds: Record<string, ort.Tensor> = {};
  for (const [name, t] of Object.entries(feedsOf([ids])))
    feeds[name] = new ort.Tensor('int64', t.data as BigInt64Array, [...t.dims]);
  dynamic ??= await ort.InferenceSession.create(modelBytes, { executionProviders: ['wasm'] });
  const out = await dynamic.run(feeds);
  const logits = out.logits.data as Float32Array;
  references.set(key, logits);
  return logits;
}

export function maxDiff(a: ArrayLike<number | bigint>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(Number(a[i]) - b[i]));
  return worst;
}

/** Releases the reference session (call in afterAll). */
export async function releaseReference(): Promise<void> {
  await dynamic?.release();
  dynamic = null;
}

/** Bucketed sessions of the tiny model on WASM, buckets 8/16/32 unless `options` say otherwise. */
const made: BucketedSession[] = [];
export async function makeSession(options: Partial<BucketedSessionOptions> = {}): Promise<BucketedSession> {
  const s = await BucketedSession.create({
    model: modelBytes,
    backend: 'wasm',
    dims: ['sequence_length'],
    buckets: [8, 16, 32],
    ort,
    ...options,
  });
  made.push(s);
  return s;
}

/** Disposes every session makeSession made and the reference session (call in afterAll). */
export async function disposeSessions(): Promise<void> {
  for (const s of made.splice(0)) await s.dispose();
  await releaseReference();
}

/**
 * For a test file of bucketed sessions: starts onnxruntime's WASM runtime before the tests, so the first
 * test's timeout does not pay for that (seconds on a busy machine), and disposes every session after them.
 */
export function registerTinyModelHooks(): void {
  beforeAll(async () => {
    await reference([101, 102]);
  }, 60_000);
  afterAll(async () => {
    await disposeSessions();
  });
}
