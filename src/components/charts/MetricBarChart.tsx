import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** The fields of a row that hold a number: the only ones a bar can draw. */
export type NumericKey<Row> = { [K in keyof Row]: Row[K] extends number ? K : never }[keyof Row] & string;

/** One bar per row: which figure of the row it draws, under what name and in what colour. */
export interface BarSeries<Row> {
  key: NumericKey<Row>;
  name: string;
  colour: string;
}

/** One small chart of a comparison: its title, the unit of its figures, and the bars of each row. */
export interface MetricChartSpec<Row> {
  title: string;
  unit: string;
  series: BarSeries<Row>[];
}

/**
 * `bands`: each row is a horizontal band labelled on the vertical axis, so long labels (mode names) never
 * collide however many rows there are. `columns`: each row is a group of upright bars labelled along the
 * bottom, for short labels ("#1", "#2") and a fixed height.
 */
export type BarLayout = 'bands' | 'columns';

/** Height of one band of a single-series chart; a band with a legend gives each bar its own line. */
const BAND_HEIGHT = 30;
const COLUMNS_HEIGHT = 190;

function compactNumber(v: number): string {
  return v >= 1000 ? `${(v / 1000).toFixed(v >= 10_000 ? 0 : 1)}k` : String(v);
}

function valueWithUnit(value: unknown, unit: string): string {
  const v = Number(value);
  return `${v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${unit}`;
}

/** A figure with a caption and one bar chart of `rows`; every comparison chart of the app is one of these. */
export function MetricBarChart<Row extends { label: string }>({
  title,
  unit,
  series,
  rows,
  layout,
  testId,
  describeRow,
}: MetricChartSpec<Row> & {
  rows: Row[];
  layout: BarLayout;
  testId: string;
  /** Said after a row's label in the tooltip (e.g. the file a "#1" stands for). */
  describeRow?: (row: Row) => string;
}) {
  const legend = series.length > 1;
  const bands = layout === 'bands';
  const height = bands
    ? 36 + rows.length * (legend ? 16 * series.length + 12 : BAND_HEIGHT) + (legend ? 24 : 0)
    : COLUMNS_HEIGHT;
  const labelAxis = { dataKey: 'label', type: 'category' as const, interval: 0, tick: { fontSize: 11 } };
  const valueAxis = { type: 'number' as const, tick: { fontSize: 11 }, tickFormatter: compactNumber };
  return (
    <figure className="mini-chart" data-testid={testId}>
      <figcaption>
        {title} <span className="muted">({unit})</span>
      </figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={rows}
          layout={bands ? 'vertical' : 'horizontal'}
          margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
          barCategoryGap="18%"
        >
          <CartesianGrid horizontal={!bands} vertical={bands} strokeDasharray="3 3" className="grid" />
          {bands ? <XAxis {...valueAxis} /> : <XAxis {...labelAxis} />}
          {bands ? <YAxis {...labelAxis} width={84} /> : <YAxis {...valueAxis} width={52} />}
          <Tooltip
            formatter={(v, name) => [valueWithUnit(v, unit), String(name)]}
            labelFormatter={(label) => {
              const row = describeRow ? rows.find((r) => r.label === label) : undefined;
              return row && describeRow ? `${String(label)} ${describeRow(row)}` : String(label);
            }}
          />
          {legend ? <Legend verticalAlign="bottom" height={22} iconSize={10} wrapperStyle={{ fontSize: 12 }} /> : null}
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.colour} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
