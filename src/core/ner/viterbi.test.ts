import { describe, expect, it } from 'vitest';
import { argmaxRow } from './scores';
import { bioTransitions, transitionsFromConfig, viterbiDecode } from './viterbi';

const LABELS = ['O', 'B-LOC', 'I-LOC'];
const logOf = (rows: number[][]) => Float64Array.from(rows.flat(), Math.log);

describe('bioTransitions', () => {
  it('forbids O -> I-X and starting on I-X, allows B-X -> I-X and I-X -> I-X', () => {
    const { matrix, start } = bioTransitions(LABELS);
    const at = (from: number, to: number) => matrix[from * 3 + to];
    expect(at(0, 2)).toBe(-Infinity);
    expect(at(1, 2)).toBe(0);
    expect(at(2, 2)).toBe(0);
    expect(at(0, 1)).toBe(0);
    expect(Array.from(start ?? [])).toEqual([0, 0, -Infinity]);
  });

  it('forbids I-Y after B-X of another type', () => {
    const labels = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC'];
    const { matrix } = bioTransitions(labels);
    expect(matrix[1 * 5 + 4]).toBe(-Infinity);
    expect(matrix[3 * 5 + 4]).toBe(0);
  });
});

describe('viterbiDecode', () => {
  it('with free transitions equals the argmax of each row', () => {
    const rows = [[0.2, 0.5, 0.3], [0.6, 0.1, 0.3], [0.1, 0.1, 0.8]];
    const free = { matrix: new Float32Array(9) };
    expect(Array.from(viterbiDecode(logOf(rows), 3, free))).toEqual(rows.map((_, r) => argmaxRow(rows.flat(), r, 3)));
  });

  it('repairs a sequence that starts on I-LOC', () => {
    // Alone, row 0 prefers I-LOC (0.5); the legal best is B-LOC I-LOC (0.4 * 0.9 = 0.36 > O then B-LOC 0.1 * 0.05).
    const rows = [[0.1, 0.4, 0.5], [0.05, 0.05, 0.9]];
    expect(Array.from(viterbiDecode(logOf(rows), 3, bioTransitions(LABELS)))).toEqual([1, 2]);
  });

  it('falls back to argmax when every path is forbidden', () => {
    const forbidden = { matrix: new Float32Array(9).fill(-Infinity) };
    expect(Array.from(viterbiDecode(logOf([[0.2, 0.7, 0.1], [0.6, 0.3, 0.1]]), 3, forbidden))).toEqual([1, 0]);
  });

  it('handles an empty sequence and rejects mis-sized transitions', () => {
    expect(viterbiDecode(new Float64Array(0), 3, bioTransitions(LABELS))).toHaveLength(0);
    expect(() => viterbiDecode(logOf([[1, 0, 0]]), 3, { matrix: [0, 0] })).toThrow(expect.objectContaining({ code: 'BAD_TRANSITIONS' }));
  });
});

describe('transitionsFromConfig', () => {
  it('is null when the model ships none', () => {
    expect(transitionsFromConfig({ id2label: { 0: 'O' } }, 3)).toBeNull();
    expect(transitionsFromConfig(null, 3)).toBeNull();
  });

  it('reads a bare matrix, null meaning forbidden', () => {
    const t = transitionsFromConfig({ bucketwise_transitions: [[0, 0, null], [0, 0, 0], [0, 0, -1.5]] }, 3);
    expect(Array.from(t?.matrix ?? [])).toEqual([0, 0, -Infinity, 0, 0, 0, 0, 0, -1.5]);
    expect(t?.start).toBeUndefined();
  });

  it('reads a matrix with a start vector', () => {
    const t = transitionsFromConfig({ bucketwise_transitions: { matrix: [[0, 0, 0], [0, 0, 0], [0, 0, 0]], start: [0, 0, null] } }, 3);
    expect(Array.from(t?.start ?? [])).toEqual([0, 0, -Infinity]);
  });

  it.each([
    ['too few rows', [[0, 0, 0]]],
    ['a short row', [[0, 0, 0], [0, 0], [0, 0, 0]]],
    ['a string entry', [[0, 0, 0], [0, '-inf', 0], [0, 0, 0]]],
    ['a bad start', { matrix: [[0, 0, 0], [0, 0, 0], [0, 0, 0]], start: [0] }],
  ])('names the problem: %s', (_, value) => {
    expect(() => transitionsFromConfig({ bucketwise_transitions: value }, 3)).toThrow(/bucketwise_transitions/);
  });
});
