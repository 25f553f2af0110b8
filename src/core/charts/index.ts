/**
 * Ready arrays for the app's charts and highlights: the UI hands these to recharts or renders them as
 * text nodes, so every number on screen comes from a pure function tested here.
 */
export { ChartDataError, type ChartDataErrorCode } from './errors';
export {
  lengthHistogramSeries,
  bucketColour,
  OVERFLOW_COLOUR,
  type HistogramBar,
  type HistogramSeries,
  type HistogramSeriesOptions,
} from './histogram-series';
export { boundaryX, lengthAtX, type AxisGeometry } from './handle-geometry';
export {
  moveBucket,
  removeBucket,
  suggestBucket,
  insertBucket,
  type BucketSuggestion,
  type BucketSizeLimits,
} from './bucket-edits';
export {
  bucketFigures,
  histogramOf,
  type BucketFigures,
  type BucketFiguresInput,
  type BucketRowFigures,
  type MeasuredBucket,
} from './bucket-figures';
export {
  MODE_LABELS,
  MODE_SHORT_LABELS,
  MAX_COMPARE_HISTORY,
  compareBarRows,
  appendCompareHistory,
  compareHistoryRows,
  type CompareBarRow,
  type CompareHistoryEntry,
  type CompareHistoryRow,
} from './compare-series';
export {
  LIVE_WINDOW_SECONDS,
  LIVE_MAX_POINTS,
  appendWindowed,
  itemsPerSecond,
  liveChartRows,
  latestReference,
  recentRate,
  nextChunkSize,
  warmupSpans,
  type WarmupSpan,
  type LivePoint,
  type LiveMarker,
  type LiveChartRow,
} from './live-series';
export {
  entityType,
  entityViews,
  highlightPieces,
  entityColour,
  entityLegend,
  type EntityView,
  type TextPiece,
  type LegendEntry,
} from './text-highlights';
export { fmtInt, fmtPct, fmtMs, fmtRate, fmtMB } from './format';
export {
  explainComparison,
  explainLive,
  WHEN_BUCKETING_WINS_ANCHOR,
  type ExplainableResult,
  type ExplainContext,
  type Explanation,
  type LiveExplainInput,
} from './explain';
