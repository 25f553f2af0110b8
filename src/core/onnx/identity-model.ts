/**
 * The smallest useful ONNX model: one Identity node from a float32 input `x` of shape [1] to an output
 * `y`, encoded here rather than shipped as a file. The worker creates a session from it while the real
 * model downloads, so that onnxruntime-web fetches, compiles and starts its WebAssembly runtime then,
 * instead of inside the first real session (the longest wait of a cold visit, docs/BENCHMARKS.md).
 *
 * Field numbers follow onnx.proto: ModelProto.ir_version = 1, opset_import = 8, graph = 7;
 * OperatorSetIdProto.domain = 1, version = 2; GraphProto.node = 1, name = 2, input = 11, output = 12;
 * NodeProto.input = 1, output = 2, op_type = 4; ValueInfoProto.name = 1, type = 2;
 * TypeProto.tensor_type = 1; TypeProto.Tensor.elem_type = 1 (1 = float32), shape = 2;
 * TensorShapeProto.dim = 1; Dimension.dim_value = 1.
 */

/** IR version 7 and opset 13: old enough for any onnxruntime this app runs on, new enough for Identity. */
const IR_VERSION = 7;
const OPSET = 13;
const FLOAT32 = 1;

function varint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
  return out;
}

/** A varint field (wire type 0). */
const num = (field: number, value: number): number[] => [...varint(field * 8), ...varint(value)];
/** A length-delimited field (wire type 2) holding a message's bytes. */
const msg = (field: number, body: number[]): number[] => [...varint(field * 8 + 2), ...varint(body.length), ...body];
/** A length-delimited field holding a UTF-8 string. */
const str = (field: number, value: string): number[] => msg(field, [...new TextEncoder().encode(value)]);

/** A float32 tensor of shape [1] named `name`. */
function scalarVector(name: string): number[] {
  const shape = msg(2, msg(1, num(1, 1)));
  return [...str(1, name), ...msg(2, msg(1, [...num(1, FLOAT32), ...shape]))];
}

/** The bytes of a model whose only node copies input `x` (float32, [1]) to output `y`. */
export function identityModelBytes(): Uint8Array {
  const node = [...str(1, 'x'), ...str(2, 'y'), ...str(4, 'Identity')];
  const graph = [...msg(1, node), ...str(2, 'identity'), ...msg(11, scalarVector('x')), ...msg(12, scalarVector('y'))];
  return new Uint8Array([...num(1, IR_VERSION), ...msg(8, [...str(1, ''), ...num(2, OPSET)]), ...msg(7, graph)]);
}
