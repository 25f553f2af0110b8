import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { MODE_SHORT_LABELS, compareHistoryRows, type CompareBarRow, type CompareHistoryEntry } from '../../core/charts';
import { MODES } from '../../protocol/types';

const MODE_COLOURS: Record<string, string> = {
  bucketed: '#4c78a8',
  'bucketed-shared': '#72b7b2',
  'pad-to-max': '#e45756',
  dynamic: '#f58518',
};

function MetricChart({ title, rows, keys, unit }: { title: string; rows: CompareBarRow[]; keys: { key: keyof CompareBarRow; name: string; colour: string }[]; unit: string }) {
  return (
    <figure className="mini-chart">
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={150}>
        <BarChart data={rows} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" className="grid" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
          <YAxis width={48} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v, name) => [`${Number(v).toFixed(Number(v) >= 100 ? 0 : 2)} ${unit}`, String(name)]} />
          {keys.map((k) => (
            <Bar key={String(k.key)} dataKey={k.key as string} name={k.name} fill={k.colour} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** The comparison as small bar charts (one per figure) and a line chart of items/s over past runs. */
export function CompareCharts({ rows, history }: { rows: CompareBarRow[]; history: CompareHistoryEntry[] }) {
  const historyRows = compareHistoryRows(history);
  return (
    <div className="compare-charts" data-testid="compare-charts">
      <MetricChart title="Items per second" rows={rows} unit="items/s" keys={[{ key: 'itemsPerSec', name: 'items/s', colour: '#4c78a8' }]} />
      <MetricChart title="Tokens per second" rows={rows} unit="tokens/s" keys={[{ key: 'tokensPerSec', name: 'tokens/s', colour: '#54a24b' }]} />
      <MetricChart
        title="Latency per batch"
        rows={rows}
        unit="ms"
        keys={[
          { key: 'p50Ms', name: 'p50', colour: '#72b7b2' },
          { key: 'p95Ms', name: 'p95', colour: '#b279a2' },
        ]}
      />
      <MetricChart title="Padding efficiency" rows={rows} unit="%" keys={[{ key: 'paddingEfficiencyPct', name: 'efficiency', colour: '#eeca3b' }]} />
      <MetricChart title="First run (compile)" rows={rows} unit="ms" keys={[{ key: 'firstRunMs', name: 'first run', colour: '#f58518' }]} />
      <MetricChart title="Session memory" rows={rows} unit="MB" keys={[{ key: 'sessionMB', name: 'weights', colour: '#9d755d' }]} />
      {historyRows.length > 1 ? (
        <figure className="mini-chart wide" data-testid="compare-history">
          <figcaption>Items per second over your comparisons (hover a run for its buckets)</figcaption>
          <ResponsiveContainer width="100%" height={170}>
            <LineChart data={historyRows} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" className="grid" />
              <XAxis dataKey="run" tick={{ fontSize: 11 }} />
              <YAxis width={48} tick={{ fontSize: 11 }} />
              <Tooltip labelFormatter={(label, payload) => `${String(label)} · buckets ${String(payload?.[0]?.payload?.buckets ?? '')}`} />
              <Legend />
              {MODES.map((m) => (
                <Line key={m} type="monotone" dataKey={m} name={MODE_SHORT_LABELS[m]} stroke={MODE_COLOURS[m]} isAnimationActive={false} connectNulls />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </figure>
      ) : null}
    </div>
  );
}
