export {
  checkHubHost,
  describeHttpFailure,
  describeNetworkFailure,
  type FetchFailureInput,
  type LoadFailure,
} from './load-errors';
export {
  MODEL_CACHE_NAME,
  cacheKey,
  parseCacheKey,
  groupCachedModels,
  formatBytes,
  downloadRate,
  formatDownload,
  describeCacheWriteFailures,
  bundledModelRoot,
  hubModelRoot,
  keysOfModel,
  type CacheWriteFailure,
  type CachedFile,
  type CachedModel,
} from './model-cache';
export { isLocalModelFile, localModelName } from './local-model-name';
