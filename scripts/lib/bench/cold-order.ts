/**
 * The order of the cold-stream runs. On this machine the mode run first in a cold stream had the shorter
 * traffic time in every paired run we made (docs/BENCHMARKS.md, per-bucket against shared sessions), so one
 * fixed order can favour whichever mode is listed first. With several cold repetitions each starts at the
 * next mode (a rotation), so every mode runs first equally often, and each mode reports its median run.
 */
import type { Mode } from '../../../src/core/modes';

/** The modes in the order of cold repetition `rep` (0-based): the list rotated left by `rep`. */
export function coldOrder(modes: readonly Mode[], rep: number): Mode[] {
  if (modes.length === 0) return [];
  const start = ((rep % modes.length) + modes.length) % modes.length;
  return [...modes.slice(start), ...modes.slice(0, start)];
}

/** Of one mode's cold runs, the one with the median traffic time (the lower middle for an even count). */
export function medianRun<T extends { trafficMs: number }>(runs: readonly T[]): T {
  if (runs.length === 0) throw new Error('medianRun needs at least one run');
  const sorted = [...runs].sort((a, b) => a.trafficMs - b.trafficMs);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** One line per mode: its traffic time in each repetition and where it stood in that repetition's order. */
export function formatColdRepetitions(
  modes: readonly Mode[],
  runs: ReadonlyMap<Mode, readonly { trafficMs: number; position: number }[]>,
): string {
  const lines = modes.map((mode) => {
    const cells = (runs.get(mode) ?? []).map((r) => `${Math.round(r.trafficMs)} ms (${ordinal(r.position + 1)})`);
    return `  ${mode.padEnd(16)} ${cells.join(', ')}`;
  });
  return `Cold traffic per repetition (position in that repetition's order; each mode reports its median run):\n${lines.join('\n')}`;
}

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n % 100 !== 11
      ? 'st'
      : n % 10 === 2 && n % 100 !== 12
        ? 'nd'
        : n % 10 === 3 && n % 100 !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}
