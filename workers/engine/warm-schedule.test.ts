import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Request } from '../../src/protocol/messages';
import { compileLedger } from './compile-watch';
import { NerRunner, type RunConfig } from './ner-runner';
import type { SessionSet } from '../../src/lib/session-set';
import { bucketsNeededBy, nextWarmStep, serveReadyRuns } from './warm-schedule';

const config: RunConfig = { buckets: [16, 32, 64, 128], batchSize: 2 };
// Planning needs no session: the runner's plan is the one it runs, so it is the real one here.
const runner = new NerRunner({} as never, {} as SessionSet, {
  // The real tiny model's graph: the runner reads its inputs and sequence axis from it.
  bytes: new Uint8Array(readFileSync(new URL('../../public/models/tiny-bert-ner/onnx/model.onnx', import.meta.url))),
  idType: 'int64',
  inputNames: [],
  outputName: 'logits',
  numLabels: 3,
  clsId: 1,
  padId: 0,
});
const model = { runner, tokenizer: {} as never, special: { cls: 1, sep: 2 } };

const logits = (id: number, lengths: number[], mode: 'bucketed' | 'dynamic' = 'bucketed'): Request => ({
  kind: 'request',
  id,
  type: 'logits',
  params: { inputIds: lengths.map((n) => new Array<number>(n).fill(5)), mode },
});

describe('bucketsNeededBy', () => {
  it('is the buckets of the batch plan the runner will execute', () => {
    expect(bucketsNeededBy(logits(1, [10, 100, 12]), model, config)).toEqual([16, 128]);
  });

  it('is nothing for modes without per-bucket warm-up and for requests that do not run the model', () => {
    expect(bucketsNeededBy(logits(1, [10], 'dynamic'), model, config)).toEqual([]);
    const tokenize: Request = { kind: 'request', id: 2, type: 'tokenize', params: { texts: ['x'] } };
    expect(bucketsNeededBy(tokenize, model, config)).toEqual([]);
  });

  it('is nothing for a request that cannot be planned, which then fails with its own error', () => {
    expect(bucketsNeededBy(logits(1, [500]), model, config)).toEqual([]);
  });
});

describe('nextWarmStep', () => {
  afterEach(() => compileLedger.setPhase('traffic'));
  const neededBy = (req: Request) => bucketsNeededBy(req, model, config);

  it('serves ready runs as traffic, then warms the first waiting run’s buckets before smaller ones', async () => {
    const queue = [logits(1, [10]), logits(2, [100]), logits(3, [20])];
    const served: { id: number; phase: string }[] = [];
    const serveQueued = async (isReady: (r: Request) => boolean) => {
      while (queue[0] && isReady(queue[0])) served.push({ id: queue.shift()!.id, phase: compileLedger.getPhase() });
      return Promise.resolve(queue[0]);
    };
    compileLedger.setPhase('warmup');
    const next = await nextWarmStep({ serveQueued }, config.buckets, new Set([16]), neededBy);
    // Run 1 needs the warm 16 and goes at once, counted as traffic; run 2 needs 128, so 128 is warmed
    // next, before 32 and 64; the warm-up's own compiles count as warm-up again.
    expect(served).toEqual([{ id: 1, phase: 'traffic' }]);
    expect(next).toBe(128);
    expect(compileLedger.getPhase()).toBe('warmup');
  });

  it('warms smallest first when no run waits, and ends when every bucket is warm', async () => {
    const serveQueued = () => Promise.resolve(undefined);
    expect(await nextWarmStep({ serveQueued }, config.buckets, new Set(), neededBy)).toBe(16);
    expect(await nextWarmStep({ serveQueued }, config.buckets, new Set([16, 32, 64, 128]), neededBy)).toBeNull();
  });

  it('warms the buckets of the expected run first while no run waits, and a waiting run’s before those', async () => {
    const none = () => Promise.resolve(undefined);
    expect(await nextWarmStep({ serveQueued: none }, config.buckets, new Set(), neededBy, [64])).toBe(64);
    expect(await nextWarmStep({ serveQueued: none }, config.buckets, new Set([64]), neededBy, [64])).toBe(16);
    const waiting = () => Promise.resolve(logits(1, [100]));
    expect(await nextWarmStep({ serveQueued: waiting }, config.buckets, new Set(), neededBy, [64])).toBe(128);
  });

  it('does not hold a run back for a bucket outside this warm-up', async () => {
    const queue = [logits(1, [100])];
    const serveQueued = async (isReady: (r: Request) => boolean) => {
      while (queue[0] && isReady(queue[0])) queue.shift();
      return Promise.resolve(queue[0]);
    };
    // Only 16 and 32 are warmed by this request (warmBuckets); 128 builds on demand as before.
    expect(await nextWarmStep({ serveQueued }, [16, 32], new Set([16]), neededBy)).toBe(32);
    expect(queue).toEqual([]);
  });
});

describe('serveReadyRuns', () => {
  afterEach(() => compileLedger.setPhase('traffic'));
  const neededBy = (req: Request) => bucketsNeededBy(req, model, config);

  it('serves the runs whose buckets are warm, as traffic, and returns the first still waiting', async () => {
    const queue = [logits(1, [20]), logits(2, [100])];
    const served: { id: number; phase: string }[] = [];
    const serveQueued = async (isReady: (r: Request) => boolean) => {
      while (queue[0] && isReady(queue[0])) served.push({ id: queue.shift()!.id, phase: compileLedger.getPhase() });
      return Promise.resolve(queue[0]);
    };
    compileLedger.setPhase('warmup');
    // Mid-step: bucket 32 has run once at every batch size, its timing runs are still to come.
    const waiting = await serveReadyRuns({ serveQueued }, config.buckets, new Set([32]), neededBy);
    expect(served).toEqual([{ id: 1, phase: 'traffic' }]);
    expect(waiting?.id).toBe(2);
    expect(compileLedger.getPhase()).toBe('warmup');
  });
});
