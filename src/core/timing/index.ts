/** Latency percentiles and per-item latencies of streamed runs. */
export { percentile, perItemLatencies, summarizeLatencies, type LatencySummary } from './latency';
export { ProgressThrottle } from './progress-throttle';
