import { describe, expect, it } from 'vitest';
import { readGraphIO } from './graph-io';
import { identityModelBytes } from './identity-model';

describe('identityModelBytes', () => {
  it('is an ONNX graph from a float32 [1] input x to an output y', () => {
    expect(readGraphIO(identityModelBytes())).toEqual({
      inputs: [{ name: 'x', type: 'float32', dims: [1] }],
      outputs: [{ name: 'y', type: 'float32', dims: [1] }],
    });
  });
  it('encodes the header fields onnxruntime checks: IR version 7, then the default opset 13', () => {
    const bytes = identityModelBytes();
    // ModelProto.ir_version (field 1, varint) = 7, then opset_import (field 8, 4 bytes): domain "" and version 13.
    expect([...bytes.subarray(0, 8)]).toEqual([0x08, 7, 0x42, 4, 0x0a, 0, 0x10, 13]);
  });
});
