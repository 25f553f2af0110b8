import { bucketConfigJson, compareResultsCsv, compareResultsJson, exportFileName } from '../core/app-state';
import { useAppStore } from './app-store';

/** Saves text as a file through a temporary object URL; nothing leaves the browser. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function exportCompareJson(): void {
  const { compareResults, compareMeta } = useAppStore.getState();
  if (!compareResults || !compareMeta) return;
  downloadText(
    exportFileName('comparison', 'json', new Date()),
    compareResultsJson(compareResults, compareMeta),
    'application/json',
  );
}

export function exportCompareCsv(): void {
  const { compareResults } = useAppStore.getState();
  if (!compareResults) return;
  downloadText(exportFileName('comparison', 'csv', new Date()), compareResultsCsv(compareResults), 'text/csv');
}

export function exportBucketConfig(): void {
  const s = useAppStore.getState();
  if (!s.buckets || !s.modelInfo) return;
  const latencies: Record<string, number> = {};
  if (s.measured && s.measured.batchSize === s.settings.batchSize) {
    for (const p of s.measured.points) if (s.buckets.includes(p.length)) latencies[String(p.length)] = p.msPerBatch;
  }
  const text = bucketConfigJson({
    buckets: s.buckets,
    batchSize: s.settings.batchSize,
    model: s.loadedModelName ?? s.modelInfo.name,
    maxPositions: s.modelInfo.maxPositions,
    algorithm: s.plan.algorithm,
    k: s.plan.k,
    ...(Object.keys(latencies).length > 0 ? { latenciesMs: latencies } : {}),
  });
  downloadText(exportFileName('buckets', 'json', new Date()), text, 'application/json');
}
