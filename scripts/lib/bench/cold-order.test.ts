import { describe, expect, it } from 'vitest';
import { coldOrder, formatColdRepetitions, medianRun } from './cold-order';
import type { Mode } from '../../../src/core/modes';

const FOUR: Mode[] = ['bucketed', 'bucketed-shared', 'pad-to-max', 'dynamic'];

describe('coldOrder', () => {
  it('keeps the given order for the first repetition', () => {
    expect(coldOrder(FOUR, 0)).toEqual(FOUR);
  });
  it('puts every mode first exactly once over as many repetitions as modes', () => {
    const firsts = [0, 1, 2, 3].map((rep) => coldOrder(FOUR, rep)[0]);
    expect(new Set(firsts)).toEqual(new Set(FOUR));
  });
  it('rotates, so each repetition still runs every mode once', () => {
    expect(coldOrder(FOUR, 1)).toEqual(['bucketed-shared', 'pad-to-max', 'dynamic', 'bucketed']);
    expect(coldOrder(FOUR, 5)).toEqual(coldOrder(FOUR, 1));
  });
  it('handles one mode and none', () => {
    expect(coldOrder(['dynamic'], 3)).toEqual(['dynamic']);
    expect(coldOrder([], 2)).toEqual([]);
  });
});

describe('medianRun', () => {
  it('picks the run with the median traffic time', () => {
    const runs = [
      { trafficMs: 900, id: 'a' },
      { trafficMs: 100, id: 'b' },
      { trafficMs: 400, id: 'c' },
    ];
    expect(medianRun(runs).id).toBe('c');
  });
  it('takes the lower middle of an even count', () => {
    const runs = [
      { trafficMs: 4, id: 'a' },
      { trafficMs: 1, id: 'b' },
      { trafficMs: 3, id: 'c' },
      { trafficMs: 2, id: 'd' },
    ];
    expect(medianRun(runs).id).toBe('d');
  });
  it('refuses an empty list', () => {
    expect(() => medianRun([])).toThrow(/at least one/);
  });
});

describe('formatColdRepetitions', () => {
  it('names each run with its traffic and position', () => {
    const text = formatColdRepetitions(
      ['bucketed', 'dynamic'],
      new Map<Mode, { trafficMs: number; position: number }[]>([
        [
          'bucketed',
          [
            { trafficMs: 1200.4, position: 0 },
            { trafficMs: 1500, position: 1 },
          ],
        ],
        [
          'dynamic',
          [
            { trafficMs: 3000, position: 1 },
            { trafficMs: 2800.6, position: 0 },
          ],
        ],
      ]),
    );
    expect(text).toContain('bucketed         1200 ms (1st), 1500 ms (2nd)');
    expect(text).toContain('dynamic          3000 ms (2nd), 2801 ms (1st)');
  });
});
