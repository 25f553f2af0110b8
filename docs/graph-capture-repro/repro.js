// The tiny BERT token classifier (int64 input_ids, attention_mask, token_type_ids -> float32 logits)
// in one static-shape session with graph capture, fed from GPU buffers the page owns. Six runs: full
// rows, then rows padded to different lengths (the attention mask changes), then full rows again. Each
// run's logits are compared with WASM's on the real (unpadded) positions.
import * as ort from '../../node_modules/onnxruntime-web/dist/ort.webgpu.min.mjs';

const MODEL = new URL('../../public/models/tiny-bert-ner/onnx/model.onnx', location.href).href;
const ROWS = 2;
const LENGTH = 8;
const LABELS = 9;
const RUN_LENGTHS = [
  [8, 8],
  [8, 8],
  [5, 3],
  [8, 2],
  [3, 8],
  [8, 8],
];
const query = new URLSearchParams(location.search);
const hold = query.has('hold');
const epAsObject = query.get('ep') === 'object';
const readSource = query.has('source');

ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = new URL('../../node_modules/onnxruntime-web/dist/', location.href).href;

function cpuFeeds(lengths, seed) {
  const ids = new BigInt64Array(ROWS * LENGTH);
  const mask = new BigInt64Array(ROWS * LENGTH);
  for (let row = 0; row < ROWS; row++) {
    for (let i = 0; i < lengths[row]; i++) {
      const k = row * LENGTH + i;
      ids[k] = BigInt(i === 0 ? 101 : i === lengths[row] - 1 ? 102 : 1000 + ((seed * 31 + k * 7) % 5000));
      mask[k] = 1n;
    }
  }
  const dims = [ROWS, LENGTH];
  return {
    input_ids: new ort.Tensor('int64', ids, dims),
    attention_mask: new ort.Tensor('int64', mask, dims),
    token_type_ids: new ort.Tensor('int64', new BigInt64Array(ROWS * LENGTH), dims),
  };
}

// One extra count on the registration record ORT keeps on each GPUBuffer, so that the unregistration at
// the end of a run does not release the handle the session's kept IO binding still uses.
function holdRegistration(buffer) {
  Object.setPrototypeOf(
    buffer,
    new Proxy(Object.getPrototypeOf(buffer), {
      set(target, key, value, receiver) {
        if (typeof key === 'symbol' && Array.isArray(value) && value[1] === 1) value[1] = 2;
        return Reflect.set(target, key, value, receiver);
      },
    }),
  );
}

// Notes the source of any copy into `target` encoded while `work` runs.
async function watchCopiesInto(target, work) {
  const proto = GPUCommandEncoder.prototype;
  const original = proto.copyBufferToBuffer;
  let source = null;
  proto.copyBufferToBuffer = function (...args) {
    const longForm = typeof args[1] === 'number';
    if ((longForm ? args[2] : args[1]) === target) source = { buffer: args[0], offset: longForm ? args[1] : 0 };
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    proto.copyBufferToBuffer = original;
  }
  return source;
}

async function readBack(device, buffer, offset, floats) {
  const staging = device.createBuffer({ size: floats * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(buffer, offset, staging, 0, floats * 4);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const data = new Float32Array(staging.getMappedRange().slice(0));
  staging.destroy();
  return data;
}

function maxDiffOnRealTokens(logits, expected, lengths) {
  let max = 0;
  for (let row = 0; row < ROWS; row++)
    for (let i = 0; i < lengths[row]; i++)
      for (let c = 0; c < LABELS; c++) {
        const k = (row * LENGTH + i) * LABELS + c;
        max = Math.max(max, Math.abs(logits[k] - expected[k]));
      }
  return max;
}

async function main() {
  const bytes = new Uint8Array(await (await fetch(MODEL)).arrayBuffer());
  const reference = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const expected = [];
  for (const [run, lengths] of RUN_LENGTHS.entries())
    expected.push((await reference.run(cpuFeeds(lengths, run))).logits.data);
  await reference.release();

  const session = await ort.InferenceSession.create(bytes, {
    // onnxruntime-web passes enableGraphCapture on to the WebGPU EP only when the EP is an object.
    executionProviders: [epAsObject ? { name: 'webgpu' } : 'webgpu'],
    enableGraphCapture: true,
    freeDimensionOverrides: { batch_size: ROWS, sequence_length: LENGTH },
  });
  const device = ort.env.webgpu.device;
  const storage = (size) =>
    device.createBuffer({ size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC });
  const inputs = {
    input_ids: storage(ROWS * LENGTH * 8),
    attention_mask: storage(ROWS * LENGTH * 8),
    token_type_ids: storage(ROWS * LENGTH * 8),
  };
  const output = storage(ROWS * LENGTH * LABELS * 4);
  if (hold) [...Object.values(inputs), output].forEach(holdRegistration);
  const feeds = Object.fromEntries(
    Object.entries(inputs).map(([name, buffer]) => [
      name,
      ort.Tensor.fromGpuBuffer(buffer, { dataType: 'int64', dims: [ROWS, LENGTH] }),
    ]),
  );
  const fetches = { logits: ort.Tensor.fromGpuBuffer(output, { dataType: 'float32', dims: [ROWS, LENGTH, LABELS] }) };

  const results = [];
  let source = null;
  // Stop at the first failure: after it, the next run of this session never settles.
  for (const [run, lengths] of RUN_LENGTHS.entries()) {
    const data = cpuFeeds(lengths, run);
    for (const name of Object.keys(inputs)) device.queue.writeBuffer(inputs[name], 0, data[name].data);
    // Zeroed before each run, so that a run that does not write the output shows as zeros, not as old logits.
    device.queue.writeBuffer(output, 0, new Float32Array(ROWS * LENGTH * LABELS));
    try {
      const found = await watchCopiesInto(output, () => session.run(feeds, fetches));
      source ??= found;
      const from = readSource && source ? source : { buffer: output, offset: 0 };
      const logits = await readBack(device, from.buffer, from.offset, ROWS * LENGTH * LABELS);
      const maxAbsDiff = maxDiffOnRealTokens(logits, expected[run], lengths);
      const outputWritten = logits.some((x) => x !== 0);
      results.push({ run, lengths, ok: maxAbsDiff <= 1e-4, maxAbsDiff, outputWritten, copiedIntoOutput: !!found });
    } catch (err) {
      results.push({ run, lengths, ok: false, error: String(err?.message ?? err) });
      break;
    }
  }
  return { ortVersion: ort.env.versions?.web ?? 'unknown', epAsObject, hold, readSource, results };
}

window.reproResult = main().then(
  (result) => {
    document.getElementById('out').textContent = JSON.stringify(result, null, 2);
    return result;
  },
  (err) => {
    document.getElementById('out').textContent = String(err?.stack ?? err);
    return { error: String(err?.message ?? err) };
  },
);
