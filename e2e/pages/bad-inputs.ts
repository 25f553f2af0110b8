import { crc32 } from 'node:zlib';

/**
 * Bytes of the bad inputs the reliability and OCR suites feed the app, generated here so no odd binary
 * fixture has to live in the repository. Each builder says what is wrong with what it makes.
 */

/** Text as UTF-16 little-endian, with or without the byte-order mark a Windows editor writes. */
export function utf16le(text: string, withBom: boolean): Buffer {
  const body = Buffer.from(text, 'utf16le');
  return withBom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

/**
 * Text as Windows-1252, for the Latin-1 range plus the euro sign: enough for the accented names the
 * tests use. Bytes such as 0xE9 alone are invalid UTF-8, which is what makes the app fall back.
 */
export function windows1252(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20ac) out[i] = 0x80;
    else if (code <= 0xff) out[i] = code;
    else throw new Error(`windows1252: U+${code.toString(16)} is outside this helper's range`);
  }
  return out;
}

/** A PNG that claims `width` x `height` in its header and has no pixel data: nothing of that size is made. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- A minimal ONNX writer: just the protobuf fields a one-node graph needs (onnx.proto3 field numbers). ---

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  while (v > 0x7f) {
    bytes.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

function field(number: number, payload: Buffer | string): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return Buffer.concat([varint((number << 3) | 2), varint(data.length), data]);
}

function intField(number: number, value: number): Buffer {
  return Buffer.concat([varint(number << 3), varint(value)]);
}

const FLOAT = 1;

/** ValueInfoProto of a float tensor with a dynamic first dimension and a fixed second one. */
function floatTensor(name: string, width: number): Buffer {
  const dims = Buffer.concat([field(1, field(2, 'batch')), field(1, intField(1, width))]);
  const tensorType = Buffer.concat([intField(1, FLOAT), field(2, dims)]);
  return Buffer.concat([field(1, name), field(2, field(1, tensorType))]);
}

/**
 * A valid ONNX model (IR 8, opset 13) whose only node copies float input `inputName` to output "logits".
 * ONNX Runtime loads it; a token-classification app must then refuse it for lacking input_ids.
 */
export function onnxIdentityModel(inputName: string): Buffer {
  const node = Buffer.concat([field(1, inputName), field(2, 'logits'), field(3, 'copy'), field(4, 'Identity')]);
  const graph = Buffer.concat([
    field(1, node),
    field(2, 'not-a-token-classifier'),
    field(11, floatTensor(inputName, 4)),
    field(12, floatTensor('logits', 4)),
  ]);
  const opset = Buffer.concat([field(1, ''), intField(2, 13)]);
  return Buffer.concat([intField(1, 8), field(2, 'bucketwise-e2e'), field(7, graph), field(8, opset)]);
}
