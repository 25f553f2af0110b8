import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LiveChartRow, LiveMarker } from '../../core/charts';

const MARKER_COLOURS: Record<LiveMarker['kind'], string> = { rebuild: '#f58518', ready: '#54a24b', error: '#e45756' };

/** Items/s of each streamed chunk over time, rebuilds marked, pad-to-max as the reference line. */
export function LiveChart({ rows, markers, reference }: { rows: LiveChartRow[]; markers: LiveMarker[]; reference: number | null }) {
  const firstT = rows.length > 0 ? rows[0].t : 0;
  return (
    <div className="live-chart" data-testid="live-chart" data-points={rows.length}>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={rows} margin={{ top: 16, right: 16, bottom: 18, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" className="grid" />
          <XAxis
            dataKey="t"
            type="number"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(t: number) => `${Math.round(t)}s`}
            label={{ value: 'seconds', position: 'insideBottom', offset: -10, className: 'axis-label' }}
          />
          <YAxis width={64} tickFormatter={(v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)}k` : String(Math.round(v)))} label={{ value: 'items/s', angle: -90, position: 'insideLeft', offset: 2, className: 'axis-label' }} />
          <Tooltip labelFormatter={(t) => `${Number(t).toFixed(1)} s`} formatter={(v, name) => [Number(v).toFixed(1), String(name)]} />
          {reference !== null ? (
            <ReferenceLine y={reference} stroke="#e45756" strokeDasharray="6 4" label={{ value: 'pad-to-max', position: 'insideTopRight', fill: '#e45756', fontSize: 11 }} />
          ) : null}
          {markers
            .filter((m) => m.t >= firstT)
            .map((m, i) => (
              <ReferenceLine key={`${m.t}-${i}`} x={m.t} stroke={MARKER_COLOURS[m.kind]} strokeDasharray="2 3" label={{ value: m.label, position: 'insideTopLeft', fontSize: 10, fill: MARKER_COLOURS[m.kind] }} />
            ))}
          <Line type="linear" dataKey="bucketed" name="bucketed (each chunk)" stroke="#4c78a8" strokeOpacity={0.3} dot={false} strokeWidth={1} isAnimationActive={false} connectNulls />
          <Line type="linear" dataKey="smoothed" name="bucketed (mean of 5)" stroke="#4c78a8" dot={false} strokeWidth={2.5} isAnimationActive={false} connectNulls />
          <Line type="monotone" dataKey="padToMax" name="pad-to-max" stroke="#e45756" strokeWidth={0} dot={{ r: 3 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
