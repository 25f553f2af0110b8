import { appendWindowed, itemsPerSecond, nextChunkSize, type LiveMarker } from '../core/charts';
import { ladderSizes, NO_ROWS, tallyRows } from '../core/routing';
import { LIVE_STEADY, nextLiveWarmup, pickWarmChunk, sentDuringWarmup, type LiveWarmup } from '../core/warmup';
import type { Mode } from '../protocol/types';
import { useAppStore } from './app-store';
import {
  applyBuckets,
  ensureSomethingApplied,
  runMode,
  settleApplies,
  untilApplyServesCurrentHandles,
  warmingCurrentHandles,
} from './buckets-service';
import { datasetItems } from './dataset-service';
import { AppError, isCancelled, toUiError } from './errors';
import { LatestRequest } from './latest-request';
import { workerClient } from './worker-session';

/** A pad-to-max chunk every this many chunks keeps the reference line current without halving throughput. */
const REFERENCE_EVERY = 8;

const loops = new LatestRequest();
let startedAt = 0;
let needReference = true;

const now = () => (performance.now() - startedAt) / 1000;

function mark(label: string, kind: LiveMarker['kind']): void {
  useAppStore.setState((s) => ({ liveMarkers: appendWindowed(s.liveMarkers, { t: now(), label, kind }) }));
}

/** Streams the dataset through the worker in chunks until stopped, plotting items/s of each chunk. */
export async function startLive(): Promise<void> {
  if (loops.active) return;
  const loop = loops.begin();
  startedAt = performance.now();
  needReference = true;
  useAppStore.setState({
    liveOn: true,
    livePoints: [],
    liveMarkers: [],
    liveError: null,
    liveMessage: 'Starting: checking the bucket sessions…',
    liveRows: NO_ROWS,
    liveBatchSizes: [],
    liveServedDuringWarmup: 0,
  });
  let cursor = 0;
  let chunkCount = 0;
  let previous: { items: number; ms: number } | null = null;
  // Where the stream stands with a warm-up of the handles on screen; it changes in core nextLiveWarmup only.
  let warmup: LiveWarmup<Promise<boolean>> = LIVE_STEADY;
  try {
    while (!loop.signal.aborted) {
      if (useAppStore.getState().applyStatus === 'running' && !warmingCurrentHandles()) {
        // The bar under the chart shows how far the warm-up is.
        useAppStore.setState({ liveMessage: 'Waiting for the bucket sessions to be built…' });
        // A warm-up of other handles (a release that is not applied yet) is waited for until the round for
        // the handles on screen starts; that one serves the stream between its steps.
        await untilApplyServesCurrentHandles();
        if (loop.signal.aborted) break;
      }
      // During a warm-up of these very handles the worker serves each chunk as soon as its buckets are warm.
      let warming = warmingCurrentHandles();
      warmup = nextLiveWarmup(warmup, { type: 'checked', warming });
      // 'warmed' is entered here and left by the next chunk sent, so the chart is marked once per warm-up.
      if (warmup.kind === 'warmed' && warmup.picked) mark('buckets warm', 'ready');
      let started: Promise<boolean> | null = null;
      if (!warming) {
        const applying = (warmup.kind === 'warmed' ? warmup.apply : null) ?? ensureSomethingApplied();
        // An apply just started for the handles on screen serves the stream too; its outcome is read
        // once its warm-up is over (a failed one then stops the stream with its reason).
        warming = warmingCurrentHandles();
        if (warming) started = applying;
        else if (!(await applying)) {
          if (loop.signal.aborted) break;
          throw bucketsFailure();
        }
      }
      const items = datasetItems();
      if (items.length === 0)
        throw new AppError('EMPTY', 'The dataset is empty: add text, choose a file or use the sample set.');
      const { settings } = useAppStore.getState();
      const size = nextChunkSize(previous, settings.batchSize);
      const warmChunk = warming ? chunkDuringWarmup(items, cursor, size) : null;
      const chunk: string[] = [];
      warmup = nextLiveWarmup(warmup, { type: 'sent', duringWarmup: warming, picked: warmChunk !== null, started });
      if (warmChunk) {
        for (const i of warmChunk.indices) chunk.push(items[i]);
        cursor = warmChunk.nextCursor;
      } else {
        for (let i = 0; i < Math.min(size, items.length); i++) chunk.push(items[(cursor + i) % items.length]);
        cursor = (cursor + chunk.length) % items.length;
      }
      // Per-bucket sessions or the one shared session: as applied, or as being warmed up (src/core/modes).
      const served: Mode = warming ? runMode() : (useAppStore.getState().applied?.mode ?? 'bucketed');
      // The pad-to-max reference waits for the end of the warm-up: timed between warm-up steps it would
      // build its own session in the middle of the compiles, and the stream would wait for that too.
      const reference = !warming && (needReference || chunkCount % REFERENCE_EVERY === REFERENCE_EVERY - 1);
      const modes: Mode[] = reference ? ['pad-to-max', served] : [served];
      if (!warming) needReference = false;
      for (const mode of modes) {
        const label = mode === 'pad-to-max' ? 'Pad-to-max reference' : 'Bucketed';
        if (warmChunk && warmChunk.waitingFor.length > 0) {
          const what = warmChunk.waitingFor.length === 1 ? 'bucket' : 'buckets';
          useAppStore.setState({
            liveMessage: `${label}: waiting for ${what} ${warmChunk.waitingFor.join(', ')} to warm up to run the next ${chunk.length} items…`,
          });
        } else if (chunkCount === 0)
          useAppStore.setState({ liveMessage: `${label}: running the first ${chunk.length} items…` });
        const result = await workerClient().classify(
          {
            texts: chunk,
            aggregation: 'simple',
            overflow: settings.overflow === 'reject' ? 'truncate' : settings.overflow,
            mode,
          },
          {
            signal: loop.signal,
            // The first chunks can take long (a WebGPU shape compiling): say how far they are, batch by batch.
            onProgress: (p) => {
              if (loop.isLatest() && p.loaded !== undefined && p.total !== undefined && p.total > 1) {
                useAppStore.setState({ liveMessage: `${label}: batch ${p.loaded} of ${p.total} of this chunk` });
              }
            },
          },
        );
        if (loop.signal.aborted) break;
        if (mode === served) {
          previous = { items: chunk.length, ms: result.stats.totalMs };
          const { batchRows, batchItemCounts } = result.stats;
          const applied = useAppStore.getState().applied;
          if (batchRows && batchItemCounts) {
            useAppStore.setState((s) => ({
              liveRows: tallyRows(batchRows, batchItemCounts, s.liveRows),
              liveBatchSizes: applied ? ladderSizes(applied.batchLadder, applied.batchSize) : [],
            }));
          }
        }
        const compiles = (result.stats.batchCompiles ?? []).reduce((sum, n) => sum + n, 0);
        const point = {
          t: now(),
          itemsPerSec: itemsPerSecond(result.stats.items, result.stats.totalMs),
          mode,
          compiles,
        };
        // The worker's record says whether this chunk ran while other buckets were still warming up.
        const pending = result.warmup?.pending ?? [];
        const during =
          pending.length > 0
            ? ` while ${pending.length === 1 ? 'bucket' : 'buckets'} ${pending.join(', ')} warmed up`
            : '';
        useAppStore.setState((s) => ({
          livePoints: appendWindowed(s.livePoints, point),
          liveMessage: `${label}: ${chunk.length} items in ${result.stats.totalMs.toFixed(0)} ms${during}`,
          liveServedDuringWarmup: s.liveServedDuringWarmup + (pending.length > 0 ? chunk.length : 0),
        }));
      }
      chunkCount++;
      // Yield to the page between chunks so drags and clicks stay responsive.
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  } catch (err) {
    if (!isCancelled(err) && loop.isLatest()) {
      // A chunk sent during a warm-up fails when the warm-up itself fails (no buckets were configured):
      // the warm-up's failure is the cause to name, not the chunk's.
      const cause = sentDuringWarmup(warmup) ? await warmupFailure() : null;
      mark('error', 'error');
      useAppStore.setState({ liveError: toUiError(cause ?? err) });
    }
  } finally {
    loop.finish();
    if (loop.isLatest()) {
      useAppStore.setState({ liveOn: false, liveMessage: null });
    }
  }
}

/** The buckets could not be applied, in the apply's own words. */
function bucketsFailure(): AppError {
  const reason = useAppStore.getState().bucketsError;
  return new AppError(
    reason?.code ?? 'BUCKETS',
    `The buckets could not be applied: ${reason?.message ?? 'the model or backend changed while they were being built.'}`,
    reason?.hint ?? 'Start live again once the model is ready.',
  );
}

/** Once the applies in flight have ended: their failure, if the last one failed; null if it did not. */
async function warmupFailure(): Promise<AppError | null> {
  await settleApplies();
  return useAppStore.getState().applyStatus === 'error' ? bucketsFailure() : null;
}

/**
 * The next chunk while the handles on screen warm up: items whose buckets are ready first, else those of
 * one bucket (src/core/warmup). Null when the items' token lengths are not known (still being measured):
 * the plain chunk is sent then, and the worker serves it once all the buckets it needs are warm.
 */
function chunkDuringWarmup(items: readonly string[], cursor: number, size: number) {
  const { lengths, warmup } = useAppStore.getState();
  if (!lengths || lengths.length !== items.length || warmup.length === 0) return null;
  return pickWarmChunk({
    lengths,
    buckets: warmup.map((r) => r.bucket).sort((a, b) => a - b),
    ready: new Set(warmup.filter((r) => r.state === 'ready').map((r) => r.bucket)),
    warming: warmup.find((r) => r.state === 'compiling')?.bucket ?? null,
    cursor,
    size,
  });
}

export function stopLive(): void {
  loops.abandon();
  useAppStore.setState({ liveOn: false, liveMessage: null });
}

/**
 * Called when a dragged handle is released: in live mode the buckets are rebuilt at once (the worker
 * keeps sessions of unchanged buckets) and the rebuild is marked on the plot.
 */
export async function commitBucketsLive(): Promise<void> {
  if (!loops.active) return;
  const before = useAppStore.getState().applied?.buckets ?? [];
  const target = useAppStore.getState().buckets ?? [];
  const changed = target.filter((b) => !before.includes(b));
  mark(changed.length > 0 ? `rebuild ${changed.join(', ')}` : 'rebuild', 'rebuild');
  const ok = await applyBuckets();
  if (ok) {
    // The largest bucket may have moved: measure the pad-to-max reference again on the next chunk.
    needReference = true;
    mark('ready', 'ready');
  } else {
    mark('rebuild failed', 'error');
  }
}
