import { appendWindowed, itemsPerSecond, nextChunkSize, type LiveMarker } from '../core/charts';
import type { Mode } from '../protocol/types';
import { useAppStore } from './app-store';
import { applyBuckets, ensureSomethingApplied } from './buckets-service';
import { datasetItems } from './dataset-service';
import { workerClient } from './engine-service';
import { isCancelled, toUiError } from './errors';

/** A pad-to-max chunk every this many chunks keeps the reference line current without halving throughput. */
const REFERENCE_EVERY = 8;

let loop: AbortController | null = null;
let startedAt = 0;
let needReference = true;

const now = () => (performance.now() - startedAt) / 1000;

function mark(label: string, kind: LiveMarker['kind']): void {
  useAppStore.setState((s) => ({ liveMarkers: appendWindowed(s.liveMarkers, { t: now(), label, kind }) }));
}

/** Streams the dataset through the worker in chunks until stopped, plotting items/s of each chunk. */
export async function startLive(): Promise<void> {
  if (loop) return;
  const controller = new AbortController();
  loop = controller;
  startedAt = performance.now();
  needReference = true;
  useAppStore.setState({ liveOn: true, livePoints: [], liveMarkers: [], liveError: null, liveMessage: 'Starting…' });
  let cursor = 0;
  let chunkCount = 0;
  let previous: { items: number; ms: number } | null = null;
  try {
    while (!controller.signal.aborted) {
      if (!(await ensureSomethingApplied())) throw Object.assign(new Error(useAppStore.getState().bucketsError?.message ?? 'The buckets could not be applied.'), { code: 'BUCKETS' });
      const items = datasetItems();
      if (items.length === 0) throw Object.assign(new Error('The dataset is empty: add text, choose a file or use the sample set.'), { code: 'EMPTY' });
      const { settings } = useAppStore.getState();
      const size = nextChunkSize(previous, settings.batchSize);
      const chunk: string[] = [];
      for (let i = 0; i < Math.min(size, items.length); i++) chunk.push(items[(cursor + i) % items.length]);
      cursor = (cursor + chunk.length) % items.length;
      const modes: Mode[] = needReference || chunkCount % REFERENCE_EVERY === REFERENCE_EVERY - 1 ? ['pad-to-max', 'bucketed'] : ['bucketed'];
      needReference = false;
      for (const mode of modes) {
        const result = await workerClient().call(
          'classify',
          { texts: chunk, aggregation: 'simple', overflow: settings.overflow === 'reject' ? 'truncate' : settings.overflow, mode },
          { signal: controller.signal },
        );
        if (controller.signal.aborted) break;
        if (mode === 'bucketed') previous = { items: chunk.length, ms: result.stats.totalMs };
        const point = { t: now(), itemsPerSec: itemsPerSecond(result.stats.items, result.stats.totalMs), mode };
        useAppStore.setState((s) => ({
          livePoints: appendWindowed(s.livePoints, point),
          liveMessage: `${mode === 'pad-to-max' ? 'Pad-to-max reference' : 'Bucketed'}: ${chunk.length} items in ${result.stats.totalMs.toFixed(0)} ms`,
        }));
      }
      chunkCount++;
      // Yield to the page between chunks so drags and clicks stay responsive.
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  } catch (err) {
    if (!isCancelled(err) && loop === controller) {
      mark('error', 'error');
      useAppStore.setState({ liveError: toUiError(err) });
    }
  } finally {
    if (loop === controller) {
      loop = null;
      useAppStore.setState({ liveOn: false, liveMessage: null });
    }
  }
}

export function stopLive(): void {
  loop?.abort();
  loop = null;
  useAppStore.setState({ liveOn: false, liveMessage: null });
}

/**
 * Called when a dragged handle is released: in live mode the buckets are rebuilt at once (the worker
 * keeps sessions of unchanged buckets) and the rebuild is marked on the plot.
 */
export async function commitBucketsLive(): Promise<void> {
  if (!loop) return;
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
