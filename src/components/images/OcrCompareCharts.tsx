import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OcrCompareRow } from '../../core/images';

const BUCKETED = '#4c78a8';
const PAD_TO_MAX = '#e45756';

function PairChart({
  title,
  rows,
  keys,
  unit,
  testId,
}: {
  title: string;
  rows: OcrCompareRow[];
  keys: [keyof OcrCompareRow, keyof OcrCompareRow];
  unit: string;
  testId: string;
}) {
  return (
    <figure className="mini-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={190}>
        <BarChart data={rows} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" className="grid" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
          <YAxis width={52} tick={{ fontSize: 11 }} />
          <Tooltip
            formatter={(v, name) => [`${Number(v).toFixed(Number(v) >= 100 ? 0 : 1)} ${unit}`, String(name)]}
            labelFormatter={(label, payload) => `${String(label)} ${String(payload?.[0]?.payload?.name ?? '')}`}
          />
          <Legend />
          <Bar dataKey={keys[0] as string} name="bucketed" fill={BUCKETED} isAnimationActive={false} />
          <Bar dataKey={keys[1] as string} name="pad-to-max" fill={PAD_TO_MAX} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Per image, the two modes side by side: time, detection time, and the detector's padding share. */
export function OcrCompareCharts({ rows }: { rows: OcrCompareRow[] }) {
  return (
    <div className="compare-charts" data-testid="ocr-compare-charts">
      <PairChart
        title="Time per image (detect + read)"
        rows={rows}
        keys={['bucketedMs', 'padToMaxMs']}
        unit="ms"
        testId="ocr-chart-time"
      />
      <PairChart
        title="Detection time per image"
        rows={rows}
        keys={['bucketedDetMs', 'padToMaxDetMs']}
        unit="ms"
        testId="ocr-chart-det"
      />
      <PairChart
        title="Detector input that is padding"
        rows={rows}
        keys={['bucketedPaddingPct', 'padToMaxPaddingPct']}
        unit="%"
        testId="ocr-chart-padding"
      />
    </div>
  );
}
