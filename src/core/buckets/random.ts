/**
 * A small seeded PRNG so that sampling tests and benchmarks are reproducible (Math.random cannot be
 * seeded). mulberry32: 32-bit state, period 2^32, plenty for shuffling and simulation.
 * @returns a function giving floats uniform in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle of `values` in place with the given generator. */
export function shuffleInPlace<T>(values: { [index: number]: T; length: number }, rng: () => number): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = values[i];
    values[i] = values[j];
    values[j] = tmp;
  }
}

/** A normally distributed sample (Box-Muller), for synthetic length distributions. */
export function gaussian(rng: () => number, mean: number, sd: number): number {
  // 1 - rng() lies in (0, 1], so the logarithm stays finite.
  const u = 1 - rng();
  const v = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
