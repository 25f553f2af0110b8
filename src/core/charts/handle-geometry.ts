import { ChartDataError } from './errors';

/**
 * Where the histogram's bars are drawn: one band per length from `first` to `last`, side by side across
 * the plot area. A bucket boundary L sits on the right edge of L's band (items of length L still fit).
 */
export interface AxisGeometry {
  first: number;
  last: number;
  plotX: number;
  plotWidth: number;
}

function bandWidth(g: AxisGeometry): number {
  if (!(g.last >= g.first) || !(g.plotWidth > 0)) {
    throw new ChartDataError(
      'INVALID_AXIS',
      `The axis from ${g.first} to ${g.last} over ${g.plotWidth}px cannot be drawn.`,
    );
  }
  return g.plotWidth / (g.last - g.first + 1);
}

/** Pixel x of the boundary of a bucket of `length` tokens. */
export function boundaryX(length: number, g: AxisGeometry): number {
  return g.plotX + (length - g.first + 1) * bandWidth(g);
}

/** The bucket length whose boundary is nearest to pixel x, clamped to the axis. */
export function lengthAtX(x: number, g: AxisGeometry): number {
  const raw = Math.round((x - g.plotX) / bandWidth(g)) + g.first - 1;
  return Math.min(g.last, Math.max(Math.max(1, g.first), raw));
}
