import { BucketError } from './errors';

/**
 * Cost of one item in a bucket of the given length (e.g. milliseconds per item). It must be
 * non-decreasing: the exact algorithm relies on it, and a longer static shape never runs faster.
 */
export type CostFunction = (bucketLength: number) => number;

/**
 * Evaluates `cost` at each candidate bucket length and checks it is finite and non-decreasing there.
 * @throws BucketError `INVALID_COST` or `COST_NOT_NON_DECREASING`, naming the lengths involved.
 */
export function costTable(lengths: readonly number[], cost: CostFunction): Float64Array {
  if (typeof cost !== 'function') {
    throw new BucketError('INVALID_COST', 'The cost must be a function of the bucket length.');
  }
  const table = new Float64Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) {
    const value = cost(lengths[i]);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new BucketError(
        'INVALID_COST',
        `The cost at length ${lengths[i]} is ${String(value)}: it must be a finite number.`,
      );
    }
    table[i] = value;
    if (i > 0 && value < table[i - 1]) {
      throw new BucketError(
        'COST_NOT_NON_DECREASING',
        `The cost decreases from ${table[i - 1]} at length ${lengths[i - 1]} to ${value} at length ${lengths[i]}. ` +
          'A bucket cost must be non-decreasing in length; smooth noisy measurements (e.g. with piecewiseLinearCost).',
      );
    }
  }
  return table;
}

/** Coefficients of the latency model a + b*L + c*L^2 (attention makes the L^2 term real). */
export interface QuadraticCoefficients {
  a: number;
  b: number;
  c: number;
}

/** The cost function a + b*L + c*L^2. */
export function quadraticCost({ a, b, c }: QuadraticCoefficients): CostFunction {
  return (length) => a + b * length + c * length * length;
}

/**
 * Least-squares fit of a + b*L + c*L^2 to measured (length, cost) points, e.g. per-item latencies of a
 * few bucket sizes. Needs at least three distinct lengths.
 * @throws BucketError `INVALID_COST` when there are too few points or a value is not finite.
 */
export function fitQuadraticCost(points: readonly { length: number; cost: number }[]): QuadraticCoefficients {
  const distinct = new Set(points.map((p) => p.length));
  if (distinct.size < 3) {
    throw new BucketError(
      'INVALID_COST',
      `A quadratic fit needs measurements at 3 or more distinct lengths; got ${distinct.size}.`,
    );
  }
  for (const p of points) {
    if (!Number.isFinite(p.length) || !Number.isFinite(p.cost)) {
      throw new BucketError(
        'INVALID_COST',
        `Measurement (${String(p.length)}, ${String(p.cost)}) is not a pair of finite numbers.`,
      );
    }
  }
  // Normal equations on L scaled to about 1 keep the 3x3 system well conditioned for L in the hundreds.
  const scale = Math.max(...points.map((p) => Math.abs(p.length))) || 1;
  const m = [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
  ];
  for (const p of points) {
    const x = p.length / scale;
    const basis = [1, x, x * x];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) m[r][c] += basis[r] * basis[c];
      m[r][3] += basis[r] * p.cost;
    }
  }
  const [a, bs, cs] = solve3(m);
  return { a, b: bs / scale, c: cs / (scale * scale) };
}

/** Gaussian elimination with partial pivoting on an augmented 3x4 matrix. */
function solve3(m: number[][]): number[] {
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = 0; r < 3; r++) {
      if (r === col) continue;
      const f = m[r][col] / m[col][col];
      for (let c = col; c < 4; c++) m[r][c] -= f * m[col][c];
    }
  }
  return [m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]];
}

/**
 * Cost interpolated linearly between measured points, extended along the last slope past the largest
 * point and flat below the smallest (a single point gives a constant). Measurements are noisy, so the points are first made non-decreasing by a
 * running maximum: a longer bucket never really runs faster, and the exact algorithm needs monotonicity.
 */
export function piecewiseLinearCost(points: readonly { length: number; cost: number }[]): CostFunction {
  if (points.length === 0)
    throw new BucketError('INVALID_COST', 'piecewiseLinearCost needs at least one measured point.');
  const sorted = [...points].sort((p, q) => p.length - q.length);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const p of sorted) {
    if (!Number.isFinite(p.length) || !Number.isFinite(p.cost)) {
      throw new BucketError(
        'INVALID_COST',
        `Measurement (${String(p.length)}, ${String(p.cost)}) is not a pair of finite numbers.`,
      );
    }
    const y = ys.length > 0 ? Math.max(ys[ys.length - 1], p.cost) : p.cost;
    if (xs.length > 0 && xs[xs.length - 1] === p.length) ys[ys.length - 1] = Math.max(ys[ys.length - 1], y);
    else {
      xs.push(p.length);
      ys.push(y);
    }
  }
  return (length) => {
    if (xs.length === 1) return ys[0];
    let i = 1;
    while (i < xs.length - 1 && length > xs[i]) i++;
    const slope = (ys[i] - ys[i - 1]) / (xs[i] - xs[i - 1]);
    // Below the first point, extending the slope could go negative; stay at the first measurement.
    if (length < xs[0]) return ys[0];
    return ys[i - 1] + slope * (length - xs[i - 1]);
  };
}
