import type { OcrCompareRow } from '../../core/images';
import { MetricBarChart, type BarSeries, type MetricChartSpec, type NumericKey } from '../charts/MetricBarChart';

function bucketedAgainstPadToMax(
  bucketed: NumericKey<OcrCompareRow>,
  padToMax: NumericKey<OcrCompareRow>,
): BarSeries<OcrCompareRow>[] {
  return [
    { key: bucketed, name: 'bucketed', colour: '#4c78a8' },
    { key: padToMax, name: 'pad-to-max', colour: '#e45756' },
  ];
}

const OCR_CHARTS: (MetricChartSpec<OcrCompareRow> & { testId: string })[] = [
  {
    title: 'Time per image, detect + read',
    unit: 'ms',
    series: bucketedAgainstPadToMax('bucketedMs', 'padToMaxMs'),
    testId: 'ocr-chart-time',
  },
  {
    title: 'Detection time per image',
    unit: 'ms',
    series: bucketedAgainstPadToMax('bucketedDetMs', 'padToMaxDetMs'),
    testId: 'ocr-chart-det',
  },
  {
    title: 'Detector input that is padding',
    unit: '%',
    series: bucketedAgainstPadToMax('bucketedPaddingPct', 'padToMaxPaddingPct'),
    testId: 'ocr-chart-padding',
  },
];

/** Per image, the two modes side by side: time, detection time, and the detector's padding share. */
export function OcrCompareCharts({ rows }: { rows: OcrCompareRow[] }) {
  return (
    <div className="compare-charts" data-testid="ocr-compare-charts">
      {OCR_CHARTS.map((spec) => (
        <MetricBarChart key={spec.testId} {...spec} rows={rows} layout="columns" describeRow={(row) => row.name} />
      ))}
    </div>
  );
}
