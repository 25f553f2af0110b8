/**
 * The app's state outside the page: what a link carries (URL), what a reload restores (localStorage),
 * and the files it exports. Pure functions over plain data; the store calls them.
 */
export { AppStateError, type AppStateErrorCode } from './errors';
export * from './settings';
export { readUrlState, writeUrlState, type UrlState } from './url-state';
export {
  STORAGE_KEY,
  STORAGE_VERSION,
  MAX_PERSISTED_FILE_CHARS,
  MAX_COMPARE_ITEMS,
  MAX_COMPARE_REPETITIONS,
  serializePersisted,
  parsePersisted,
  type PersistedCompare,
  type PersistedDataset,
  type PersistedState,
  type RestoredState,
} from './persisted-state';
export {
  EXPORT_FORMAT,
  compareResultsJson,
  compareResultsCsv,
  bucketConfigJson,
  parseBucketConfigJson,
  exportFileName,
  type BucketConfigFile,
  type CompareMeta,
} from './exports';
