/** Warm-up planning: the buckets an input needs, the warm order, and the progress shown beside Run. */
export {
  bucketsOfBatches,
  compareWaitText,
  nextBucketToWarm,
  warmOrder,
  warmProgress,
  warmProgressText,
  type WarmProgress,
  type WarmState,
} from './warm-plan';
/** Live during a warm-up: the items whose buckets are ready go first. */
export { bucketsForLength, pickWarmChunk, type WarmChunk, type WarmChunkInput } from './stream-chunk';
/** Live and a warm-up of the handles on screen: one state, its transitions in one place. */
export { LIVE_STEADY, nextLiveWarmup, sentDuringWarmup, type LiveWarmup, type LiveWarmupEvent } from './live-warmup';
