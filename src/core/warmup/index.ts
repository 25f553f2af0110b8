/** Warm-up planning: the buckets an input needs, the warm order, and the progress shown beside Run. */
export {
  bucketsOfBatches,
  nextBucketToWarm,
  warmOrder,
  warmProgress,
  warmProgressText,
  type WarmProgress,
  type WarmState,
} from './warm-plan';
