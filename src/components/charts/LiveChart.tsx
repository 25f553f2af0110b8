import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { warmupSpans, type LiveChartRow, type LiveMarker } from '../../core/charts';

/** Items/s of each streamed chunk over time, rebuilds shaded while they warm up, pad-to-max as the reference line. */
export function LiveChart({
  rows,
  markers,
  reference,
}: {
  rows: LiveChartRow[];
  markers: LiveMarker[];
  reference: number | null;
}) {
  const firstT = rows.length > 0 ? rows[0].t : 0;
  const lastT = rows.length > 0 ? rows[rows.length - 1].t : 0;
  const spans = warmupSpans(markers).filter((s) => (s.to ?? lastT) >= firstT);
  const errors = markers.filter((m) => m.kind === 'error' && m.t >= firstT);
  return (
    <div className="live-chart" data-testid="live-chart" data-points={rows.length}>
      <ResponsiveContainer width="100%" height={244}>
        <LineChart data={rows} margin={{ top: 4, right: 16, bottom: 18, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" className="grid" />
          <XAxis
            dataKey="t"
            type="number"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(t: number) => `${Math.round(t)}s`}
            label={{ value: 'seconds', position: 'insideBottom', offset: -10, className: 'axis-label' }}
          />
          <YAxis
            width={64}
            tickFormatter={(v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)}k` : String(Math.round(v)))}
            label={{ value: 'items/s', angle: -90, position: 'insideLeft', offset: 2, className: 'axis-label' }}
          />
          <Tooltip
            labelFormatter={(t) => `${Number(t).toFixed(1)} s`}
            formatter={(v, name) => [Number(v).toFixed(1), String(name)]}
          />
          <Legend verticalAlign="top" height={24} iconSize={10} wrapperStyle={{ fontSize: 12 }} />
          {reference !== null ? (
            <ReferenceLine
              y={reference}
              stroke="#e45756"
              strokeDasharray="6 4"
              label={{ value: 'pad-to-max', position: 'insideTopRight', fill: '#e45756', fontSize: 11 }}
            />
          ) : null}
          {spans.map((s, i) => (
            <ReferenceArea
              key={`${s.from}-${i}`}
              x1={Math.max(s.from, firstT)}
              x2={Math.max(s.to ?? lastT, s.from + 0.05)}
              fill="#f58518"
              fillOpacity={0.18}
              ifOverflow="extendDomain"
              label={{
                value: s.to === null ? `${s.label}: warming up` : s.label,
                position: 'insideTopLeft',
                fontSize: 10,
                fill: '#b35c00',
              }}
            />
          ))}
          {errors.map((m, i) => (
            <ReferenceLine
              key={`${m.t}-${i}`}
              x={m.t}
              stroke="#e45756"
              strokeDasharray="2 3"
              label={{ value: m.label, position: 'insideTopLeft', fontSize: 10, fill: '#e45756' }}
            />
          ))}
          <Line
            type="linear"
            dataKey="bucketed"
            name="bucketed (each chunk)"
            stroke="#4c78a8"
            strokeOpacity={0.3}
            dot={false}
            strokeWidth={1}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            type="linear"
            dataKey="smoothed"
            name="bucketed (mean of 5)"
            stroke="#4c78a8"
            dot={false}
            strokeWidth={2.5}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            type="monotone"
            dataKey="padToMax"
            name="pad-to-max"
            stroke="#e45756"
            strokeWidth={0}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
          {/* A chunk during which the GPU compiled a new pipeline: the cost static shapes exist to avoid. */}
          <Line
            type="linear"
            dataKey="compiled"
            name="GPU compile in this chunk"
            stroke="#b35c00"
            strokeWidth={0}
            dot={{ r: 5, fill: '#f58518', stroke: '#b35c00' }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
