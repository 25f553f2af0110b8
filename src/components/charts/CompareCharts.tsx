import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { MODE_SHORT_LABELS, compareHistoryRows, type CompareBarRow, type CompareHistoryEntry } from '../../core/charts';
import { MODES } from '../../protocol/types';

const MODE_COLOURS: Record<string, string> = {
  bucketed: '#4c78a8',
  'bucketed-shared': '#72b7b2',
  'pad-to-max': '#e45756',
  dynamic: '#f58518',
};

/** Height of one mode's row: the modes sit on the vertical axis, so their names never collide. */
const ROW_HEIGHT = 30;

function MetricChart({
  title,
  rows,
  keys,
  unit,
}: {
  title: string;
  rows: CompareBarRow[];
  keys: { key: keyof CompareBarRow; name: string; colour: string }[];
  unit: string;
}) {
  const legend = keys.length > 1;
  return (
    <figure className="mini-chart" data-testid="compare-metric-chart">
      <figcaption>
        {title} <span className="muted">({unit})</span>
      </figcaption>
      <ResponsiveContainer
        width="100%"
        height={36 + rows.length * (legend ? 16 * keys.length + 12 : ROW_HEIGHT) + (legend ? 24 : 0)}
      >
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }} barCategoryGap="18%">
          <CartesianGrid horizontal={false} strokeDasharray="3 3" className="grid" />
          <XAxis
            type="number"
            tick={{ fontSize: 11 }}
            tickFormatter={(v: number) => (v >= 1000 ? `${(v / 1000).toFixed(v >= 10_000 ? 0 : 1)}k` : String(v))}
          />
          <YAxis type="category" dataKey="label" width={84} tick={{ fontSize: 12 }} interval={0} />
          <Tooltip formatter={(v, name) => [`${Number(v).toFixed(Number(v) >= 100 ? 0 : 2)} ${unit}`, String(name)]} />
          {legend ? <Legend verticalAlign="bottom" height={22} iconSize={10} wrapperStyle={{ fontSize: 12 }} /> : null}
          {keys.map((k) => (
            <Bar
              key={String(k.key)}
              dataKey={k.key as string}
              name={k.name}
              fill={k.colour}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

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
      {gpu ? (
        <MetricChart
          title="GPU compiles during the run"
          rows={rows}
          unit="pipelines + shader modules"
          keys={[
            { key: 'compilesTraffic', name: 'while serving items', colour: '#e45756' },
            { key: 'compilesWarmup', name: 'in warm-up, before items', colour: '#bab0ac' },
          ]}
        />
      ) : null}
      <MetricChart
        title="Latency per item"
        rows={rows}
        unit="ms"
        keys={[
          { key: 'itemP50Ms', name: 'median item', colour: '#72b7b2' },
          { key: 'itemMaxMs', name: 'worst item', colour: '#b279a2' },
        ]}
      />
      <MetricChart
        title="Items per second"
        rows={rows}
        unit="items/s"
        keys={[{ key: 'itemsPerSec', name: 'items/s', colour: '#4c78a8' }]}
      />
      <MetricChart
        title="Tokens per second"
        rows={rows}
        unit="tokens/s"
        keys={[{ key: 'tokensPerSec', name: 'tokens/s', colour: '#54a24b' }]}
      />
      <MetricChart
        title="Latency per batch"
        rows={rows}
        unit="ms"
        keys={[
          { key: 'p50Ms', name: 'p50 (median batch)', colour: '#72b7b2' },
          { key: 'p95Ms', name: 'p95 (slow batches)', colour: '#b279a2' },
        ]}
      />
      <MetricChart
        title="Padding efficiency"
        rows={rows}
        unit="%"
        keys={[{ key: 'paddingEfficiencyPct', name: 'efficiency', colour: '#eeca3b' }]}
      />
      <MetricChart
        title="First run (compile)"
        rows={rows}
        unit="ms"
        keys={[{ key: 'firstRunMs', name: 'first run', colour: '#f58518' }]}
      />
      <MetricChart
        title="Session memory"
        rows={rows}
        unit="MB"
        keys={[{ key: 'sessionMB', name: 'weights', colour: '#9d755d' }]}
      />
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
