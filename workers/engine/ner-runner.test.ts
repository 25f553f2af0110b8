// The worker's runner on the library's BucketedSession (issue 14: one implementation), with the real
// tiny model on WASM in Node: every mode gives the unpadded logits, and runs the batches its plan says.
import * as ort from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { SessionSet } from '../../src/lib/session-set';
import {
  LABELS,
  maxDiff,
  modelBytes,
  reference,
  releaseReference,
  rng,
  sequences,
} from '../../src/lib/tiny-model.fixture';
import type { Mode } from '../../src/protocol/types';
import { DYNAMIC_KEY, NerRunner, type RunConfig } from './ner-runner';

const pool = new SessionSet(ort, { backend: 'wasm' });
const runner = new NerRunner(ort, pool, {
  bytes: modelBytes,
  idType: 'int64',
  inputNames: ['input_ids', 'attention_mask', 'token_type_ids'],
  outputName: 'logits',
  numLabels: LABELS,
  clsId: 101,
  padId: 0,
});
const config: RunConfig = { buckets: [8, 16, 32], batchSize: 4, batchSizes: [1, 4] };
const lengths = Array.from({ length: 19 }, () => 1 + Math.floor(rng() * 32));
const segments = lengths.map((l) => sequences.get(l)!);
const never = new AbortController().signal;

afterAll(async () => {
  await pool.releaseAll();
  await releaseReference();
});

describe.each(['bucketed', 'bucketed-shared', 'pad-to-max', 'dynamic'] as Mode[])('NerRunner, %s', (mode) => {
  it('gives every segment the logits of an unpadded run and runs the batches of its plan', async () => {
    const progress: string[] = [];
    const out = await runner.run(segments, mode, config, never, (done, total) => progress.push(`${done}/${total}`));
    for (const [i, ids] of segments.entries()) {
      expect(out.logits[i]!.length).toBe(ids.length * LABELS);
      expect(maxDiff(out.logits[i]!, await reference(ids)), `segment ${i}`).toBeLessThan(1e-4);
    }
    const plan = runner.plan(lengths, mode, config);
    expect(out.stats.batchRows).toEqual(plan.map((b) => b.rows));
    expect(out.stats.batchItemCounts).toEqual(plan.map((b) => b.itemIndices.length));
    const planned = new Array<number>(segments.length);
    for (const b of plan) for (const i of b.itemIndices) planned[i] = b.bucket;
    expect(out.shapeOf).toEqual(planned);
    expect(out.stats.computedTokens).toBe(plan.reduce((s, b) => s + b.computedTokens, 0));
    expect(progress.at(-1)).toBe(`${plan.length}/${plan.length}`);
    // The sessions it used are the ones keyFor names, in the worker's set under the NER prefix.
    for (const b of plan) expect(pool.has(runner.keyFor(mode, b.bucket, config, b.rows))).toBe(true);
  });
});

describe('NerRunner session keys', () => {
  it('names static sessions per shape and one dynamic session for the shared and dynamic modes', () => {
    expect(runner.keyFor('bucketed', 16, config, 1)).toBe('ner 16@1');
    expect(runner.keyFor('pad-to-max', 32, config)).toBe('ner 32@4');
    expect(runner.keyFor('bucketed-shared', 16, config)).toBe(DYNAMIC_KEY);
    expect(runner.keyFor('dynamic', 16, config)).toBe(DYNAMIC_KEY);
  });
});
