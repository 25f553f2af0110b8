/**
 * Reads the names, element types and shapes of an ONNX model's graph inputs and outputs straight from
 * the protobuf bytes, without creating an onnxruntime session: a session costs a copy of the weights,
 * and the bucketed session must know which axis of which tensor a free dimension names before it
 * creates any. Only the fields needed are decoded; everything else (weights included) is skipped by length.
 *
 * Field numbers follow onnx.proto: ModelProto.graph = 7; GraphProto.initializer = 5, input = 11,
 * output = 12; ValueInfoProto.name = 1, type = 2; TypeProto.tensor_type = 1; TypeProto.Tensor.elem_type = 1,
 * shape = 2; TensorShapeProto.dim = 1; Dimension.dim_value = 1, dim_param = 2; TensorProto.name = 8.
 */

import { CodedError } from '../errors';

/** One axis: a fixed size, a named free dimension, or an unnamed free dimension (null). */
export type GraphDim = number | string | null;

/** A graph input or output. */
export interface GraphValue {
  name: string;
  /** ONNX element type name ('float32', 'int64', ...), or 'unknown' when absent or not a tensor. */
  type: string;
  /** Absent when the model declares no shape for this value. */
  dims?: GraphDim[];
}

export interface GraphIO {
  inputs: GraphValue[];
  outputs: GraphValue[];
}

/** Thrown when the bytes are not a readable ONNX model. */
export class OnnxReadError extends CodedError<'NOT_ONNX'> {
  override readonly name = 'OnnxReadError';

  constructor(message: string) {
    super('NOT_ONNX', message);
  }
}

const ELEM_TYPES: Record<number, string> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
};

interface Field {
  number: number;
  wire: number;
  /** varint value (wire 0) */
  value: number;
  /** byte range of a length-delimited payload (wire 2) */
  start: number;
  end: number;
}

/** Iterates the fields of one message occupying bytes[start, end). */
function* fields(bytes: Uint8Array, start: number, end: number): Generator<Field> {
  let pos = start;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= end)
        throw new OnnxReadError('The model bytes end in the middle of a number: the file is cut short or not ONNX.');
      const byte = bytes[pos++];
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 128;
    }
    throw new OnnxReadError('A number in the model bytes is longer than 10 bytes: the file is not ONNX.');
  };
  while (pos < end) {
    const key = varint();
    const number = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) {
      yield { number, wire, value: varint(), start: 0, end: 0 };
    } else if (wire === 2) {
      const length = varint();
      if (pos + length > end)
        throw new OnnxReadError(
          'A field of the model runs past the end of the bytes: the file is cut short or not ONNX.',
        );
      yield { number, wire, value: 0, start: pos, end: pos + length };
      pos += length;
    } else if (wire === 1) {
      pos += 8;
    } else if (wire === 5) {
      pos += 4;
    } else {
      throw new OnnxReadError(`Unsupported protobuf wire type ${wire}: the file is not ONNX.`);
    }
    if (pos > end)
      throw new OnnxReadError('The model bytes end in the middle of a field: the file is cut short or not ONNX.');
  }
}

const text = new TextDecoder();
const str = (bytes: Uint8Array, f: Field) => text.decode(bytes.subarray(f.start, f.end));

function readValueInfo(bytes: Uint8Array, start: number, end: number): GraphValue {
  const value: GraphValue = { name: '', type: 'unknown' };
  for (const f of fields(bytes, start, end)) {
    if (f.number === 1 && f.wire === 2) value.name = str(bytes, f);
    if (f.number !== 2 || f.wire !== 2) continue;
    for (const t of fields(bytes, f.start, f.end)) {
      if (t.number !== 1 || t.wire !== 2) continue; // only tensor types carry a shape
      for (const tensor of fields(bytes, t.start, t.end)) {
        if (tensor.number === 1 && tensor.wire === 0) value.type = ELEM_TYPES[tensor.value] ?? 'unknown';
        if (tensor.number === 2 && tensor.wire === 2) {
          const dims: GraphDim[] = [];
          for (const d of fields(bytes, tensor.start, tensor.end)) {
            if (d.number !== 1 || d.wire !== 2) continue;
            let dim: GraphDim = null;
            for (const part of fields(bytes, d.start, d.end)) {
              if (part.number === 1 && part.wire === 0) dim = part.value;
              if (part.number === 2 && part.wire === 2) dim = str(bytes, part) || null;
            }
            dims.push(dim);
          }
          value.dims = dims;
        }
      }
    }
  }
  return value;
}

/**
 * The graph inputs (without initializers, which old exporters also list as inputs) and outputs.
 * @throws OnnxReadError when the bytes are not an ONNX model with a graph.
 */
export function readGraphIO(bytes: Uint8Array): GraphIO {
  let graph: Field | undefined;
  for (const f of fields(bytes, 0, bytes.length)) if (f.number === 7 && f.wire === 2) graph = f;
  if (!graph) throw new OnnxReadError(`These ${bytes.length} bytes hold no ONNX graph: the file is not an ONNX model.`);
  const inputs: GraphValue[] = [];
  const outputs: GraphValue[] = [];
  const initializers = new Set<string>();
  for (const f of fields(bytes, graph.start, graph.end)) {
    if (f.wire !== 2) continue;
    if (f.number === 11) inputs.push(readValueInfo(bytes, f.start, f.end));
    else if (f.number === 12) outputs.push(readValueInfo(bytes, f.start, f.end));
    else if (f.number === 5) {
      for (const t of fields(bytes, f.start, f.end))
        if (t.number === 8 && t.wire === 2) initializers.add(str(bytes, t));
    }
  }
  return { inputs: inputs.filter((i) => !initializers.has(i.name)), outputs };
}

/** Names of the free dimensions the graph inputs use, in first-seen order. */
export function freeDimensionNames(io: GraphIO): string[] {
  const names: string[] = [];
  for (const v of io.inputs)
    for (const d of v.dims ?? []) if (typeof d === 'string' && !names.includes(d)) names.push(d);
  return names;
}
