import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { MODE_SHORT_LABELS, compareHistoryRows, type CompareBarRow, type CompareHistoryEntry } from '../../core/charts';
import { MODES } from '../../protocol/types';
import { MetricBarChart, type MetricChartSpec } from './MetricBarChart';

const MODE_COLOURS: Record<string, string> = {
  bucketed: '#4c78a8',
  'bucketed-shared': '#72b7b2',
  'pad-to-max': '#e45756',
  dynamic: '#f58518',
};

/** Compiles are counted on WebGPU only, so this chart is left out on WASM. */
const COMPILES_CHART: MetricChartSpec<CompareBarRow> = {
  title: 'GPU compiles during the run',
  unit: 'pipelines + shader modules',
  series: [
    { key: 'compilesTraffic', name: 'while serving items', colour: '#e45756' },
    { key: 'compilesWarmup', name: 'in warm-up, before items', colour: '#bab0ac' },
  ],
};

const METRIC_CHARTS: MetricChartSpec<CompareBarRow>[] = [
  {
    title: 'Latency per item',
    unit: 'ms',
    series: [
      { key: 'itemP50Ms', name: 'median item', colour: '#72b7b2' },
      { key: 'itemMaxMs', name: 'worst item', colour: '#b279a2' },
    ],
  },
  { title: 'Items per second', unit: 'items/s', series: [{ key: 'itemsPerSec', name: 'items/s', colour: '#4c78a8' }] },
  {
    title: 'Tokens per second',
    unit: 'tokens/s',
    series: [{ key: 'tokensPerSec', name: 'tokens/s', colour: '#54a24b' }],
  },
  {
    title: 'Latency per batch',
    unit: 'ms',
    series: [
      { key: 'p50Ms', name: 'p50 (median batch)', colour: '#72b7b2' },
      { key: 'p95Ms', name: 'p95 (slow batches)', colour: '#b279a2' },
    ],
  },
  {
    title: 'Padding efficiency',
    unit: '%',
    series: [{ key: 'paddingEfficiencyPct', name: 'efficiency', colour: '#eeca3b' }],
  },
  { title: 'First run (compile)', unit: 'ms', series: [{ key: 'firstRunMs', name: 'first run', colour: '#f58518' }] },
  { title: 'Session memory', unit: 'MB', series: [{ key: 'sessionMB', name: 'weights', colour: '#9d755d' }] },
];

/** The comparison as small bar charts (one per figure) and a line chart of items/s over past runs. */
export function CompareCharts({
  rows,
  history,
  gpu = true,
}: {
  rows: CompareBarRow[];
  history: CompareHistoryEntry[];
  gpu?: boolean;
}) {
  const historyRows = compareHistoryRows(history);
  return (
    <div className="compare-charts" data-testid="compare-charts">
      {(gpu ? [COMPILES_CHART, ...METRIC_CHARTS] : METRIC_CHARTS).map((spec) => (
        <MetricBarChart key={spec.title} {...spec} rows={rows} layout="bands" testId="compare-metric-chart" />
      ))}
      {historyRows.length > 1 ? (
        <figure className="mini-chart wide" data-testid="compare-history">
          <figcaption>Items per second over your comparisons (hover a run for its buckets)</figcaption>
          <ResponsiveContainer width="100%" height={170}>
            <LineChart data={historyRows} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" className="grid" />
              <XAxis dataKey="run" tick={{ fontSize: 11 }} />
              <YAxis
                width={56}
                tick={{ fontSize: 11 }}
                label={{ value: 'items/s', angle: -90, position: 'insideLeft', offset: 8, className: 'axis-label' }}
              />
              <Tooltip
                labelFormatter={(label, payload) =>
                  `${String(label)} · buckets ${String(payload?.[0]?.payload?.buckets ?? '')}`
                }
              />
              <Legend />
              {MODES.map((m) => (
                <Line
                  key={m}
                  type="monotone"
                  dataKey={m}
                  name={MODE_SHORT_LABELS[m]}
                  stroke={MODE_COLOURS[m]}
                  isAnimationActive={false}
                  connectNulls
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </figure>
      ) : null}
    </div>
  );
}
