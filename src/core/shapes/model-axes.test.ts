import { describe, expect, it } from 'vitest';
import type { GraphIO } from '../onnx/graph-io';
import { overridesFor, resolveModelAxes, staticDims } from './model-axes';

const bert: GraphIO = {
  inputs: [
    { name: 'input_ids', type: 'int64', dims: ['batch_size', 'sequence_length'] },
    { name: 'attention_mask', type: 'int64', dims: ['batch_size', 'sequence_length'] },
  ],
  outputs: [{ name: 'logits', type: 'float32', dims: ['batch_size', 'sequence_length', 9] }],
};
const detector: GraphIO = {
  inputs: [
    {
      name: 'x',
      type: 'float32',
      dims: ['p2o.DynamicDimension.0', 3, 'p2o.DynamicDimension.1', 'p2o.DynamicDimension.2'],
    },
  ],
  outputs: [
    {
      name: 'map',
      type: 'float32',
      dims: ['p2o.DynamicDimension.3', 1, 'p2o.DynamicDimension.4', 'p2o.DynamicDimension.5'],
    },
  ],
};

describe('resolveModelAxes', () => {
  it('finds the batch and bucketed axes of inputs and outputs by name', () => {
    const axes = resolveModelAxes(bert, ['sequence_length']);
    expect(axes.batchDim).toBe('batch_size');
    expect(axes.inputs.map((v) => [v.name, v.batchAxis, v.dimAxes])).toEqual([
      ['input_ids', 0, [1]],
      ['attention_mask', 0, [1]],
    ]);
    expect(axes.outputs[0]).toMatchObject({ batchAxis: 0, dimAxes: [1], rank: 3 });
    expect(overridesFor(axes, ['sequence_length'], [16], 4)).toEqual({ sequence_length: 16, batch_size: 4 });
  });
  it('handles a model with its own dimension names, outputs named differently', () => {
    const axes = resolveModelAxes(detector, ['p2o.DynamicDimension.1', 'p2o.DynamicDimension.2']);
    expect(axes.batchDim).toBe('p2o.DynamicDimension.0');
    expect(axes.inputs[0].dimAxes).toEqual([2, 3]);
    // The output names its axes differently: the session finds them at run time instead.
    expect(axes.outputs[0].dimAxes).toEqual([-1, -1]);
  });
  it('names the free dimensions when a name is wrong', () => {
    expect(() => resolveModelAxes(bert, ['seq'])).toThrow(
      /free dimension named "seq". Its free dimensions are: "batch_size", "sequence_length"/,
    );
    expect(() => resolveModelAxes(bert, [])).toThrow(expect.objectContaining({ code: 'UNKNOWN_DIM' }));
    expect(() => resolveModelAxes(bert, ['sequence_length'], 'batch')).toThrow(/"batch" to use as the batch/);
    expect(resolveModelAxes(bert, ['sequence_length'], null).batchDim).toBeNull();
  });
});

describe('staticDims', () => {
  it('pins the free dims a static session fixes and keeps the fixed ones', () => {
    expect(staticDims(bert.outputs[0], { batch_size: 4, sequence_length: 32 })).toEqual([4, 32, 9]);
  });

  it('is null when a free dim stays unpinned or no shape is declared', () => {
    expect(staticDims(bert.outputs[0], { sequence_length: 32 })).toBeNull();
    expect(staticDims({ name: 'x', type: 'float32' }, {})).toBeNull();
    expect(staticDims({ name: 'x', type: 'float32', dims: [null, 3] }, {})).toBeNull();
  });
});
