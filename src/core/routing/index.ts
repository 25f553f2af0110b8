/**
 * Routing and batching: which bucket each input goes to, how queued inputs form batches, how rows are
 * padded, and how results return to input order. Pure functions; see each export's TSDoc.
 */
export { RoutingError, type RoutingErrorCode } from './errors';
export {
  routeLength,
  splitIntoWindows,
  bucketIndexFor,
  assertAscendingBuckets,
  type OverflowPolicy,
  type Route,
  type RouteOptions,
  type Span,
} from './route';
export {
  planBatches,
  planPadToMax,
  planDynamicBatches,
  summarizePlan,
  gatherByItem,
  restoreOrder,
  type Batch,
  type PlanItem,
  type PlanOptions,
  type PlanSummary,
  type RowResult,
} from './batches';
export {
  BATCH_LADDERS,
  batchSizeLadder,
  ladderPrice,
  ladderSizes,
  normalizeBatchSizes,
  splitRows,
  tallyRows,
  NO_ROWS,
  type BatchLadder,
  type LadderPrice,
  type RowTally,
} from './batch-sizes';
export { padBatch, type PaddedBatch } from './pad';
export { pickBucket2D, type Bucket2D, type Route2D } from './route2d';
