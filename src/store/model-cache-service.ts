import { appBaseUrl } from '../client';
import type { ModelChoice } from '../core/app-state';
import {
  MODEL_CACHE_NAME,
  bundledModelRoot,
  checkHubHost,
  groupCachedModels,
  hubModelRoot,
  keysOfModel,
  type CachedModel,
} from '../core/models';

/**
 * The page's side of the model cache: the worker writes it while loading (workers/engine/model-files.ts);
 * the settings read it and delete from it here. Cache Storage is shared by the page and its worker, so no
 * message to the worker is needed, and deleting a model never touches the copy the worker holds in memory.
 */

/** The models kept in Cache Storage, largest first; an empty list where the browser offers no cache. */
export async function listCachedModels(): Promise<CachedModel[]> {
  if (!globalThis.caches) return [];
  const cache = await caches.open(MODEL_CACHE_NAME);
  const keys = (await cache.keys()).map((request) => request.url);
  return groupCachedModels(keys, location.origin);
}

/** Deletes every kept file of the model in `root`; returns how many entries went. */
export async function deleteCachedModel(root: string): Promise<number> {
  if (!globalThis.caches) return 0;
  const cache = await caches.open(MODEL_CACHE_NAME);
  const keys = keysOfModel(
    (await cache.keys()).map((request) => request.url),
    root,
  );
  const deleted = await Promise.all(keys.map((key) => cache.delete(key)));
  return deleted.filter(Boolean).length;
}

/** The folder the chosen model's files are cached under, as the worker fetched them; null for local files. */
export function cachedRootOf(choice: ModelChoice): string | null {
  if (choice.kind === 'bundled') return bundledModelRoot(choice.name, appBaseUrl());
  if (choice.kind === 'hub') {
    const host = checkHubHost(choice.host);
    return host.ok ? hubModelRoot(host.url, choice.id.trim()) : null;
  }
  return null;
}
