/**
 * The pure parts of keeping model files for the next visit: which cache entry a file is, how big a set of
 * entries is, and how a download's progress reads. The storage itself (Cache Storage) is the worker's.
 */

/** The Cache Storage bucket the app keeps model files in. */
export const MODEL_CACHE_NAME = 'bucketwise-models-v1';

/**
 * A file is kept under its URL plus its size: a file that changes size on the host (a new export) is a
 * different entry, and a cut-short download can never be mistaken for the whole file.
 */
export function cacheKey(url: string, size: number): string {
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`A cached file needs a size in bytes, not ${size}.`);
  const u = new URL(url);
  u.searchParams.set('bucketwise-size', String(size));
  return u.href;
}

/** The URL and size a cache key was made from, or null when it is not one of ours. */
export function parseCacheKey(key: string): { url: string; size: number } | null {
  let u: URL;
  try {
    u = new URL(key);
  } catch {
    return null;
  }
  const raw = u.searchParams.get('bucketwise-size');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  u.searchParams.delete('bucketwise-size');
  return { url: u.href, size: Number(raw) };
}

export interface CachedFile {
  url: string;
  size: number;
}

export interface CachedModel {
  /** "bucketwise-ner" for a bundled model, "owner/name" (host) for a hub model. */
  label: string;
  /** The folder URL the files share: what deleting the model removes. */
  root: string;
  files: CachedFile[];
  bytes: number;
}

/** Folder of a model file: everything up to onnx/ or the file name (…/resolve/main/ on a hub). */
function modelRoot(url: string): string {
  const u = new URL(url);
  const path = u.pathname;
  const onnx = path.lastIndexOf('/onnx/');
  const cut = onnx >= 0 ? onnx + 1 : path.lastIndexOf('/') + 1;
  return `${u.origin}${path.slice(0, cut)}`;
}

function labelOf(root: string, appOrigin: string): string {
  const u = new URL(root);
  const hub = /^\/(.+?)\/resolve\/[^/]+\/$/.exec(u.pathname);
  if (hub) return u.origin === appOrigin ? hub[1]! : `${hub[1]} (${u.host})`;
  const bundled = /\/models\/([^/]+)\/$/.exec(u.pathname);
  if (bundled && u.origin === appOrigin) return bundled[1]!;
  return `${u.host}${u.pathname}`;
}

/** Groups cached files into models, largest first, for the list in the settings. */
export function groupCachedModels(keys: readonly string[], appOrigin: string): CachedModel[] {
  const byRoot = new Map<string, CachedFile[]>();
  for (const key of keys) {
    const file = parseCacheKey(key);
    if (!file) continue;
    const root = modelRoot(file.url);
    byRoot.set(root, [...(byRoot.get(root) ?? []), file]);
  }
  return [...byRoot]
    .map(([root, files]) => ({
      label: labelOf(root, appOrigin),
      root,
      files,
      bytes: files.reduce((s, f) => s + f.size, 0),
    }))
    .sort((a, b) => b.bytes - a.bytes || a.label.localeCompare(b.label));
}

/** Bytes in words: "512 B", "1.4 kB", "17.4 MB", "1.20 GB" (decimal units, as download sizes are given). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '? B';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** Download rate from bytes and elapsed milliseconds; null until enough time has passed to mean anything. */
export function downloadRate(bytes: number, elapsedMs: number): number | null {
  if (elapsedMs < 200 || bytes <= 0) return null;
  return (bytes / elapsedMs) * 1000;
}

/** "3.2 MB of 17.4 MB at 5.1 MB/s" (or without the total or rate when unknown). */
export function formatDownload(loaded: number, total: number | undefined, rateBytesPerSec: number | null): string {
  const amount = total ? `${formatBytes(loaded)} of ${formatBytes(total)}` : formatBytes(loaded);
  return rateBytesPerSec === null ? amount : `${amount} at ${formatBytes(rateBytesPerSec)}/s`;
}

/** The folder a bundled model's files are fetched from (and cached under). */
export function bundledModelRoot(name: string, appBaseUrl: string): string {
  return new URL(`models/${name}/`, appBaseUrl).href;
}

/** The folder a hub model's files are fetched from; `hostUrl` is a checked host ending in "/". */
export function hubModelRoot(hostUrl: string, id: string): string {
  return `${hostUrl}${id}/resolve/main/`;
}

/** The cache keys of one model (by its folder URL): what deleting it from the settings removes. */
export function keysOfModel(keys: readonly string[], root: string): string[] {
  return keys.filter((key) => {
    const file = parseCacheKey(key);
    return file !== null && modelRoot(file.url) === root;
  });
}

export interface CacheWriteFailure {
  file: string;
  size: number;
  browserMessage: string;
}

/**
 * The files a load could not keep for the next visit, in one paragraph (a full quota usually refuses
 * every large file of the model at once); null when every file was kept. The model runs from memory.
 */
export function describeCacheWriteFailures(failures: readonly CacheWriteFailure[]): string | null {
  if (failures.length === 0) return null;
  const names = failures.map((f) => `${f.file} (${formatBytes(f.size)})`);
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const subject = `${list} could not be kept`;
  const quota = failures.some((f) => /quota/i.test(f.browserMessage));
  if (quota) {
    return (
      `${subject} for the next visit: the browser's storage for this site is full. ` +
      'The model runs from memory now and downloads again next visit; to keep it, delete cached models in the settings or free disk space.'
    );
  }
  const reasons = [...new Set(failures.map((f) => f.browserMessage))].join('; ');
  return `${subject} for the next visit (${reasons}). The model runs from memory now and downloads again next visit.`;
}
