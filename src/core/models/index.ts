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
  describeCacheWriteFailure,
  type CachedFile,
  type CachedModel,
} from './model-cache';
