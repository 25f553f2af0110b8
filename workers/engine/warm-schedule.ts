import { planSegments, type SpecialIds } from '../../src/core/ner';
import { bucketsOfBatches, nextBucketToWarm } from '../../src/core/warmup';
import type { Request } from '../../src/protocol/messages';
import type { ClassifyParams } from '../../src/protocol/types';
import type { RequestContext } from '../handler';
import { compileLedger } from './compile-watch';
import { encodeTexts } from './ner-pipeline';
import type { Tokenizer } from './model-loader';
import type { NerRunner, RunConfig } from './ner-runner';

export interface WarmScheduleModel {
  runner: Pick<NerRunner, 'plan'>;
  tokenizer: Tokenizer;
  special: SpecialIds;
}

/**
 * The buckets a queued request will run at: for a classify or logits request in a bucketed mode (per-bucket
 * sessions or the shared one), the buckets of the runner's own batch plan for its segments (the plan it
 * will execute); none for anything else. A request that cannot be planned needs nothing warm: it runs and
 * fails with its own error.
 */
export function bucketsNeededBy(request: Request, model: WarmScheduleModel, config: RunConfig): number[] {
  if (request.type === 'classify') return bucketsForTexts(request.params, model, config);
  try {
    const { mode } = request.params as { mode?: string };
    if (mode !== 'bucketed' && mode !== 'bucketed-shared') return [];
    if (request.type === 'logits') {
      const lengths = request.params.inputIds.map((ids) => ids.length);
      return bucketsOfBatches(model.runner.plan(lengths, mode, config));
    }
  } catch {
    return [];
  }
  return [];
}

/** The buckets classifying these texts runs at (see bucketsNeededBy); none when they cannot be planned. */
export function bucketsForTexts(
  params: Pick<ClassifyParams, 'texts' | 'overflow' | 'stride' | 'mode'>,
  model: WarmScheduleModel,
  config: RunConfig,
): number[] {
  const { mode } = params;
  if (mode !== 'bucketed' && mode !== 'bucketed-shared') return [];
  try {
    const ids = encodeTexts(model.tokenizer, params.texts).map((e) => e.ids);
    const maxBucket = config.buckets[config.buckets.length - 1]!;
    const plan = planSegments(ids, maxBucket, params.overflow, model.special, params.stride);
    const lengths = plan.segments.map((s) => s.ids.length);
    return bucketsOfBatches(model.runner.plan(lengths, mode, config));
  } catch {
    return [];
  }
}

/**
 * Serves the runs queued meanwhile whose buckets are all warm (`warm`, or outside this warm-up), as traffic:
 * their compiles are not warm-up's. Returns the first run still waiting, if any.
 */
export async function serveReadyRuns(
  ctx: Pick<RequestContext<unknown>, 'serveQueued'>,
  toWarm: readonly number[],
  warm: ReadonlySet<number>,
  neededBy: (request: Request) => number[],
): Promise<Request | undefined> {
  compileLedger.setPhase('traffic');
  try {
    return await ctx.serveQueued?.((request) => pendingBuckets(request, toWarm, warm, neededBy).length === 0);
  } finally {
    compileLedger.setPhase('warmup');
  }
}

/** Buckets outside this warm-up (not asked for) build on demand as before; they never hold a run back. */
function pendingBuckets(
  request: Request,
  toWarm: readonly number[],
  warm: ReadonlySet<number>,
  neededBy: (request: Request) => number[],
): number[] {
  return neededBy(request).filter((b) => toWarm.includes(b) && !warm.has(b));
}

/**
 * One step boundary of the bucket warm-up: serves the runs queued meanwhile whose buckets are all warm
 * (serveReadyRuns), then picks the next bucket to warm: the buckets of the first run still waiting come
 * first, else those of the run the page expects (`expected`), then the rest smallest first. Null when
 * every bucket is warm. The warm-up's own compiles stay in the warm-up phase, however late they happen.
 */
export async function nextWarmStep(
  ctx: Pick<RequestContext<unknown>, 'serveQueued'>,
  toWarm: readonly number[],
  warm: ReadonlySet<number>,
  neededBy: (request: Request) => number[],
  expected: readonly number[] = [],
): Promise<number | null> {
  const waiting = await serveReadyRuns(ctx, toWarm, warm, neededBy);
  return nextBucketToWarm(toWarm, warm, waiting ? pendingBuckets(waiting, toWarm, warm, neededBy) : expected);
}
