/**
 * Pure parts of the headless benchmark command (scripts/bench.ts): option parsing, bucket specs,
 * sampling, and the table / JSON / target report. The timing itself is done by the worker's
 * `benchmark` request in a real browser; nothing here runs a model.
 */
export { BenchError, type BenchErrorCode } from './errors';
export {
  type BucketSpec,
  type BucketDistribution,
  type ResolveOptions,
  type ResolvedBuckets,
  parseBucketSpec,
  formatBucketSpec,
  resolveBuckets,
} from './bucket-spec';
export {
  type BenchOptions,
  DATASET_NAMES,
  DEFAULT_OPTIONS,
  HELP_TEXT,
  parseBenchArgs,
  effectiveDistribution,
  regimesOf,
} from './options';
export { sampleIndices } from './sample';
export {
  type ReferenceResult,
  type BenchConfigRecord,
  type JsonResultRow,
  type JsonReport,
  type TargetCheck,
  buildJsonReport,
  shareOfIdeal,
  ratiosByRepetition,
  medianRatioToPadToMax,
  fmt,
  formatTable,
  formatResultsTable,
  formatFirstRuns,
  evaluateTargets,
  formatTargets,
  formatConfigSummary,
  withRatiosToPadToMax,
} from './report';
export { coldOrder, formatColdRepetitions, medianRun } from './cold-order';
export { compileNote, evaluateColdTargets, formatExplanation, formatRegimeTable } from './report-regimes';
