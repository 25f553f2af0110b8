import { histogramFromLengths, selectBuckets, validateBuckets, type ValidateOptions } from '../core/buckets';
import { bucketMinimums } from '../core/ner';
import { ladderSizes } from '../core/routing';
import { isCancelled, toUiError } from './errors';
import { useAppStore } from './app-store';
import { LatestRequest } from './latest-request';
import { currentGeneration, workerClient } from './worker-session';
import { sessionLayoutMode } from './session-layout';
import type { AppSettings } from '../core/app-state';
import { weightBytesPerBucket, type Mode } from '../core/modes';
import type { WarmupRow } from './types';

/**
 * Places the handles with the chosen algorithm on the current length histogram (exact algorithms minimise
 * padded tokens). Measured latencies are not used as the cost: they exist only for the buckets applied
 * before, and extrapolating them to other lengths misleads the optimiser.
 * Returns false (with the reason in `bucketsError`) when the buckets cannot be chosen.
 */
export function placeBuckets(): boolean {
  const s = useAppStore.getState();
  if (!s.lengths || s.lengths.length === 0 || !s.modelInfo) return false;
  try {
    const hist = histogramFromLengths(s.lengths);
    const budgetBytes = s.settings.budgetMB !== null ? s.settings.budgetMB * 1e6 : null;
    const bucketBytes = weightBytesPerBucket(
      s.settings.sessionLayout,
      s.backend?.backend ?? 'webgpu',
      s.modelInfo.modelBytes,
      ladderSizes(s.settings.batchLadder, s.settings.batchSize).length,
    );
    const selection = selectBuckets(hist, {
      algorithm: s.plan.algorithm,
      k: s.plan.k,
      // The core makes the cap the largest bucket; pass it only when items exceed the model's maximum, so
      // that otherwise the largest bucket is the longest item and no session is built for unused lengths.
      ...(hist.lengths[hist.lengths.length - 1] > s.modelInfo.maxPositions ? { cap: s.modelInfo.maxPositions } : {}),
      ...(s.plan.batchAware ? { batchSize: s.plan.planBatchSize } : {}),
      // With per-bucket sessions each bucket holds one session per batch-size bucket: that is what the
      // budget must fit. One shared session holds one copy whatever the buckets, so it limits nothing.
      ...(budgetBytes !== null && bucketBytes !== null ? { memory: { budgetBytes, modelBytes: bucketBytes } } : {}),
    });
    useAppStore.setState({ buckets: selection.buckets, selectionNotes: selection.notes, bucketsError: null });
    return true;
  } catch (err) {
    useAppStore.setState({ bucketsError: toUiError(err), selectionNotes: [] });
    return false;
  }
}

const applies = new LatestRequest();
/** The apply loop in flight, if any; callers asking meanwhile share it (see applyBuckets). */
let applyPromise: Promise<boolean> | null = null;
/** Set when the handles changed while an apply was in flight: the loop applies once more. */
let applyAgain = false;
/** The worker generation the running round was started for. */
let roundGeneration = -1;
/** What the configure request in flight was built from; null when none is in flight. */
let roundRequest: { buckets: number[]; settings: AppSettings; mode: Mode } | null = null;
/** Settings that change what a run does but not the sessions, so a warm-up built without them still serves. */
const RUN_ONLY_SETTINGS: ReadonlySet<string> = new Set(['aggregation', 'scoreThreshold', 'overflow', 'stride']);

/** What a bucket list must satisfy for the loaded model: its maximum and the smallest usable sizes. */
export function bucketLimits(maxPositions: number): ValidateOptions {
  const minimums = bucketMinimums();
  return { maxPositions, minBucket: minimums.smallest, minLargest: minimums.largest };
}

/**
 * True while the worker is warming up exactly the sessions the handles and settings ask for. A run need
 * not wait for such a warm-up to end: the worker serves it between two warm-up steps, as soon as the
 * buckets its input needs are warm (workers/engine/warm-schedule.ts).
 */
export function warmingCurrentHandles(): boolean {
  const s = useAppStore.getState();
  if (!applyPromise || applyAgain || !roundRequest || roundGeneration !== currentGeneration()) return false;
  const before = new Map(Object.entries(roundRequest.settings));
  const sameSessions = Object.entries(s.settings).every(
    ([key, value]) => RUN_ONLY_SETTINGS.has(key) || before.get(key) === value,
  );
  return sameBuckets(roundRequest.buckets, s.buckets) && sameSessions;
}

/**
 * The mode a run must ask for to use the sessions the worker has or is warming up now: the warm-up's
 * layout while one for these handles is in flight (nothing is applied yet on a first visit), else the
 * applied one.
 */
export function runMode(): Mode {
  if (roundRequest && warmingCurrentHandles()) return roundRequest.mode;
  return useAppStore.getState().applied?.mode ?? 'bucketed';
}

function sameBuckets(a: readonly number[] | null | undefined, b: readonly number[] | null | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** True when the worker's sessions match the handles and the batch size. */
export function bucketsAreApplied(): boolean {
  const s = useAppStore.getState();
  return (
    !!s.applied &&
    sameBuckets(s.applied.buckets, s.buckets) &&
    s.applied.batchSize === s.settings.batchSize &&
    s.applied.graphCapture === s.settings.graphCapture &&
    s.applied.batchLadder === s.settings.batchLadder &&
    s.applied.mode === sessionLayoutMode(s)
  );
}

/**
 * Builds the worker's sessions for the current buckets and batch size, showing warm-up progress per
 * bucket. Sessions of unchanged buckets are kept by the worker and reported as reused.
 *
 * Applies are queued and merged, never cancelled: an apply asked for while one runs does not abort it
 * (someone, e.g. the live stream, may be waiting on it); it is folded into one more round that applies
 * the handles as they are when the running one ends, and every caller gets the outcome of that last
 * round. Cancelling used to leave a waiting caller with false and no reason ("The buckets could not be
 * applied." when a handle was released just after Live started).
 * @returns whether the buckets are now applied.
 */
export function applyBuckets(): Promise<boolean> {
  if (applyPromise) {
    applyAgain = true;
    // A round for a model or backend that is gone serves nobody: stop it so the new one starts now.
    if (roundGeneration !== currentGeneration()) applies.stop();
    return applyPromise;
  }
  const promise = (async () => {
    let ok: boolean;
    do {
      applyAgain = false;
      roundGeneration = currentGeneration();
      ok = await applyNow();
    } while (applyAgain);
    return ok;
  })();
  applyPromise = promise;
  void promise.finally(() => {
    if (applyPromise === promise) applyPromise = null;
  });
  return promise;
}

async function applyNow(): Promise<boolean> {
  const s = useAppStore.getState();
  if (!s.modelInfo || s.modelStatus !== 'ready') {
    useAppStore.setState({
      bucketsError: {
        message: 'No model is loaded yet.',
        hint: 'Wait for the model to load, or pick one in the header.',
      },
    });
    return false;
  }
  let buckets: number[];
  try {
    buckets = validateBuckets(s.buckets ?? [], bucketLimits(s.modelInfo.maxPositions));
  } catch (err) {
    useAppStore.setState({ bucketsError: toUiError(err), applyStatus: 'error' });
    return false;
  }
  const apply = applies.begin();
  const batchSize = s.settings.batchSize;
  const mode = sessionLayoutMode(s);
  roundRequest = { buckets, settings: s.settings, mode };
  const previous = new Map(s.warmup.map((r) => [r.bucket, r]));
  const rows: WarmupRow[] = buckets.map((bucket) => ({ bucket, state: 'waiting' }));
  useAppStore.setState({ applyStatus: 'running', bucketsError: null, warmup: rows });
  const update = (bucket: number, patch: Partial<WarmupRow>) => {
    if (!apply.isCurrent()) return;
    useAppStore.setState((state) => ({
      warmup: state.warmup.map((r) => (r.bucket === bucket ? { ...r, ...patch } : r)),
    }));
  };
  try {
    const result = await workerClient().configure(
      {
        buckets,
        batchSize,
        modes: [mode],
        // The text in the box is what a Run will classify: its buckets are warmed first.
        ...(s.text.trim() !== ''
          ? {
              expectedRun: {
                texts: [s.text],
                overflow: s.settings.overflow,
                ...(s.settings.stride !== null ? { stride: s.settings.stride } : {}),
                mode,
              },
            }
          : {}),
        // Graph capture replays a static session: the shared layout has none to capture.
        graphCapture: s.settings.graphCapture && mode === 'bucketed',
        batchSizes: ladderSizes(s.settings.batchLadder, batchSize),
        ...(s.settings.budgetMB !== null ? { budgetBytes: Math.floor(s.settings.budgetMB * 1e6) } : {}),
      },
      {
        signal: apply.signal,
        onProgress: (p) => {
          if (p.bucket === undefined) return;
          if (p.firstRunMs !== undefined)
            update(p.bucket, { state: 'ready', firstRunMs: p.firstRunMs, steadyMs: p.steadyMs });
          else update(p.bucket, { state: 'compiling' });
        },
      },
    );
    if (!apply.isCurrent()) return false;
    useAppStore.setState({
      applyStatus: 'done',
      applied: {
        buckets,
        batchSize,
        graphCapture: s.settings.graphCapture,
        batchLadder: s.settings.batchLadder,
        mode,
        sessions: result.memory.sessionCount,
        weightBytes: result.memory.totalWeightBytes,
      },
      graphCapture: result.graphCapture,
      warmup: result.buckets.map((b) => ({
        bucket: b.length,
        state: 'ready',
        // A reused session was measured when it was built; keep the first-run time from then.
        firstRunMs: b.reused ? (previous.get(b.length)?.firstRunMs ?? b.firstRunMs) : b.firstRunMs,
        steadyMs: b.steadyMs,
        reused: b.reused,
        pipelines: b.compiles?.pipelines ?? 0,
      })),
      measured: { batchSize, points: result.buckets.map((b) => ({ length: b.length, msPerBatch: b.steadyMs })) },
    });
    return true;
  } catch (err) {
    if (!apply.isCurrent()) return false;
    if (isCancelled(err)) {
      useAppStore.setState({
        applyStatus: 'idle',
        warmup: [],
        bucketsError: {
          message: 'Building the bucket sessions was cancelled.',
          hint: 'Press Apply buckets to build them again.',
          code: 'CANCELLED',
        },
      });
      return false;
    }
    useAppStore.setState({ applyStatus: 'error', bucketsError: toUiError(err), applied: null });
    return false;
  } finally {
    roundRequest = null;
    apply.finish();
  }
}

/**
 * For a run: true once the worker has the handles' sessions or is warming them up (the worker then serves
 * the run as soon as the buckets it needs are warm, without waiting for the rest); else applies them,
 * waiting only for an apply of other handles that is already in flight.
 */
export async function ensureApplying(): Promise<boolean> {
  if (warmingCurrentHandles()) return true;
  if (applyPromise) await applyPromise;
  if (bucketsAreApplied()) return true;
  const applying = applyBuckets();
  // The round has just sent its configure request; a run sent now queues behind it in the worker.
  return warmingCurrentHandles() ? true : applying;
}

/**
 * Resolves once no apply is in flight: an apply asked for while one was waited on is waited for too, so
 * the store then holds the outcome of the last one. `onWait` runs before each wait (Compare says what it
 * waits for). Stopped by `signal`, it resolves at once with false; else with true.
 */
export async function settleApplies(signal?: AbortSignal, onWait?: () => void): Promise<boolean> {
  for (let apply = applyPromise; apply; apply = applyPromise) {
    onWait?.();
    await untilSettledOrStopped(apply, signal);
    if (signal?.aborted) return false;
  }
  return true;
}

/** Resolves when `apply` settles or `signal` aborts, whichever comes first. */
function untilSettledOrStopped(apply: Promise<boolean>, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const stop = () => resolve();
    signal?.addEventListener('abort', stop, { once: true });
    const settled = () => {
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    apply.then(settled, settled);
  });
}

/**
 * Resolves once no apply is in flight, or the one in flight warms up the handles on screen (a stream can
 * then be served between its steps): an apply of other handles followed by one of these ends its wait as
 * soon as the second round starts, not when both have ended.
 */
export async function untilApplyServesCurrentHandles(): Promise<void> {
  while (applyPromise && !warmingCurrentHandles()) {
    const storeChanged = new Promise<void>((resolve) => {
      const unsubscribe = useAppStore.subscribe(() => {
        unsubscribe();
        resolve();
      });
    });
    // A new round shows its rows in the store as it starts; an apply that ends settles the promise.
    await Promise.race([applyPromise.then(() => undefined), storeChanged]);
  }
}

/**
 * For the live stream: waits for a rebuild in progress and builds sessions only when none fit the batch
 * size, but never applies handles that are still being dragged (a release applies them).
 */
export async function ensureSomethingApplied(): Promise<boolean> {
  if (applyPromise) await applyPromise;
  const s = useAppStore.getState();
  if (s.applied && s.applied.batchSize === s.settings.batchSize && s.applied.batchLadder === s.settings.batchLadder)
    return true;
  return applyBuckets();
}

/**
 * After a model load: keep the user's buckets when the model can run them, else place new ones, then
 * build the sessions.
 */
export async function settleBuckets(): Promise<void> {
  const s = useAppStore.getState();
  if (!s.modelInfo) return;
  let usable = false;
  let replaced: string | null = null;
  if (s.buckets && s.buckets.length > 0) {
    try {
      validateBuckets(s.buckets, bucketLimits(s.modelInfo.maxPositions));
      usable = true;
    } catch (err) {
      replaced = `Your buckets were replaced: ${toUiError(err).message}`;
    }
  }
  if (!usable && !placeBuckets()) {
    // Without lengths there is nothing to place on: one bucket at the model's maximum always works.
    useAppStore.setState({ buckets: [s.modelInfo.maxPositions] });
  }
  // Placing writes its own notes; the reason the user's buckets were dropped must stay above them.
  if (replaced !== null) useAppStore.setState((state) => ({ selectionNotes: [replaced, ...state.selectionNotes] }));
  await applyBuckets();
}
