import { describe, expect, it } from 'vitest';
import {
  concatRows,
  cropOutputRow,
  type InputLayout,
  measureRow,
  mergeWindowOutputs,
  outputAxes,
  padRow,
  rowCount,
  rowOf,
  stackBatch,
  truncateRow,
  windowOfRow,
} from './pieces';

const list = (data: ArrayLike<number | bigint>) => Array.from(data);

const layouts: InputLayout[] = [
  { name: 'input_ids', batchAxis: 0, dimAxes: [1], padValue: 0 },
  { name: 'attention_mask', batchAxis: 0, dimAxes: [1], padValue: 0 },
];
const item = {
  input_ids: { data: BigInt64Array.from([101n, 5n, 6n, 102n, 101n, 7n, 8n, 102n]), dims: [2, 4] },
  attention_mask: { data: BigInt64Array.from([1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n]), dims: [2, 4] },
};

describe('rows of an item', () => {
  it('splits an item into rows, measures, pads and stacks them into a static batch', () => {
    expect(rowCount(item, layouts)).toBe(2);
    const row1 = rowOf(item, layouts, 1);
    expect(list(row1.input_ids.data)).toEqual([101n, 7n, 8n, 102n]);
    expect(measureRow(row1, layouts, ['sequence_length'])).toEqual([4]);
    const padded = padRow(row1, layouts, [6]);
    expect(padded.input_ids.dims).toEqual([1, 6]);
    expect(list(padded.attention_mask.data)).toEqual([1n, 1n, 1n, 1n, 0n, 0n]);
    const batch = stackBatch([padded], layouts, 2);
    expect(batch.input_ids.dims).toEqual([2, 6]);
    expect(list(batch.attention_mask.data).slice(6)).toEqual([0n, 0n, 0n, 0n, 0n, 0n]);
  });
  it('cuts windows and truncates along the bucketed axis', () => {
    const row = rowOf(item, layouts, 0);
    expect(list(windowOfRow(row, layouts, { start: 1, end: 3 }).input_ids.data)).toEqual([5n, 6n]);
    expect(list(truncateRow(row, layouts, [3]).input_ids.data)).toEqual([101n, 5n, 6n]);
  });
  it('says which input is missing or disagrees', () => {
    expect(() => rowCount({ input_ids: item.input_ids } as never, layouts)).toThrow(/"attention_mask" is missing/);
    const bad = { ...item, attention_mask: { data: new BigInt64Array(6), dims: [2, 3] } };
    expect(() => measureRow(bad, layouts, ['sequence_length'])).toThrow(
      expect.objectContaining({ code: 'MIXED_SHAPES' }),
    );
    const rows = { ...item, attention_mask: { data: new BigInt64Array(4), dims: [1, 4] } };
    expect(() => rowCount(rows, layouts)).toThrow(/same batch size/);
  });
});

describe('outputs back to the real size', () => {
  const logits = { data: Float32Array.from({ length: 2 * 6 * 2 }, (_, i) => i), dims: [2, 6, 2] };
  it('finds output axes by name or by the bucket size at the input axis', () => {
    expect(outputAxes([1], [1], [2, 6, 2], [6])).toEqual([1]);
    expect(outputAxes([-1], [1], [2, 6, 2], [6])).toEqual([1]);
    expect(outputAxes([-1], [1], [2, 3, 2], [6])).toEqual([-1]);
  });
  it('crops a row of a batch output and concatenates rows', () => {
    const r1 = cropOutputRow(logits, 1, [1], [2], true);
    expect(r1.dims).toEqual([1, 2, 2]);
    expect(list(r1.data)).toEqual([12, 13, 14, 15]);
    const both = concatRows([cropOutputRow(logits, 0, [1], [2], true), r1], true);
    expect(both.dims).toEqual([2, 2, 2]);
    expect(list(both.data)).toEqual([0, 1, 2, 3, 12, 13, 14, 15]);
  });
  it('merges windows, each position from its most central window', () => {
    const w = (start: number, end: number, v: number) => ({
      span: { start, end },
      output: { data: new Float32Array((end - start) * 2).fill(v), dims: [1, end - start, 2] },
    });
    const merged = mergeWindowOutputs([w(0, 4, 1), w(2, 6, 2)], 1, 6);
    expect(merged.dims).toEqual([1, 6, 2]);
    expect(list(merged.data)).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
    expect(() => mergeWindowOutputs([w(0, 4, 1)], 2, 4)).toThrow(/truncate/);
  });
});
