import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freeDimensionNames, readGraphIO } from './graph-io';

const tiny = new Uint8Array(
  readFileSync(new URL('../../../public/models/tiny-bert-ner/onnx/model.onnx', import.meta.url)),
);

describe('readGraphIO', () => {
  it("reads the tiny NER model's inputs and outputs without its initializers", () => {
    const io = readGraphIO(tiny);
    expect(io.inputs).toEqual([
      { name: 'input_ids', type: 'int64', dims: ['batch_size', 'sequence_length'] },
      { name: 'attention_mask', type: 'int64', dims: ['batch_size', 'sequence_length'] },
      { name: 'token_type_ids', type: 'int64', dims: ['batch_size', 'sequence_length'] },
    ]);
    expect(io.outputs).toEqual([{ name: 'logits', type: 'float32', dims: ['batch_size', 'sequence_length', 9] }]);
    expect(freeDimensionNames(io)).toEqual(['batch_size', 'sequence_length']);
  });
  it('says the bytes are not ONNX when they are cut short or something else', () => {
    expect(() => readGraphIO(tiny.subarray(0, 1000))).toThrow(expect.objectContaining({ code: 'NOT_ONNX' }));
    expect(() => readGraphIO(new TextEncoder().encode('<html>not a model</html>'))).toThrow(/not (an )?ONNX/);
    expect(() => readGraphIO(new Uint8Array(0))).toThrow(/no ONNX graph/);
  });
});
