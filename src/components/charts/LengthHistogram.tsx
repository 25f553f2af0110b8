import { useRef, useState, type PointerEvent } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { bucketColour, type HistogramSeries } from '../../core/charts';
import { BucketHandles, type BucketHandlesProps } from './BucketHandles';

const MARGIN = { top: 40, right: 18, bottom: 22, left: 4 };

function inside(e: PointerEvent<HTMLElement>, element: HTMLElement | null): boolean {
  const box = element?.getBoundingClientRect();
  return !!box && e.clientX >= box.left && e.clientX <= box.right && e.clientY >= box.top && e.clientY <= box.bottom;
}

/** The token-length histogram, bars coloured by bucket, with the bucket boundaries as draggable handles. */
export function LengthHistogram({
  series,
  dragging,
  ...handles
}: { series: HistogramSeries; dragging: boolean } & Omit<BucketHandlesProps, 'first' | 'last'>) {
  const wrapper = useRef<HTMLDivElement>(null);
  // A drag captures the pointer, so the chart never hears the mouse leave: a drag released outside the
  // chart would leave its last tooltip on screen. The tooltip shows only while the pointer is inside.
  const [pointerInside, setPointerInside] = useState(false);
  return (
    <div
      ref={wrapper}
      className="histogram"
      data-testid="histogram"
      data-first={series.first}
      data-last={series.last}
      onPointerMove={(e) => setPointerInside(inside(e, wrapper.current))}
      onPointerUp={(e) => setPointerInside(inside(e, wrapper.current))}
      onPointerLeave={() => setPointerInside(false)}
    >
      <ResponsiveContainer width="100%" height={250}>
        <BarChart data={series.bars} margin={MARGIN} barCategoryGap={0} barGap={0}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" className="grid" />
          <XAxis
            dataKey="length"
            interval="preserveStartEnd"
            minTickGap={28}
            tickLine={false}
            label={{ value: 'tokens per item', position: 'insideBottom', offset: -14, className: 'axis-label' }}
          />
          <YAxis
            width={44}
            allowDecimals={false}
            label={{ value: 'items', angle: -90, position: 'insideLeft', offset: 14, className: 'axis-label' }}
          />
          {dragging || !pointerInside ? null : (
            <Tooltip
              cursor={{ fillOpacity: 0.15 }}
              formatter={(value) => [String(value), 'items']}
              labelFormatter={(label) => `${String(label)} tokens`}
            />
          )}
          <Bar dataKey="count" isAnimationActive={false}>
            {series.bars.map((b) => (
              <Cell key={b.length} fill={bucketColour(b.bucketIndex)} />
            ))}
          </Bar>
          <BucketHandles {...handles} first={series.first} last={series.last} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
