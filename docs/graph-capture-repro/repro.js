// The tiny BERT token classifier (int64 input_ids, attention_mask, token_type_ids -> float32 logits)
// in one static-shape session with graph capture, fed from GPU buffers the page owns, three runs.
import * as ort from '../../node_modules/onnxruntime-web/dist/ort.webgpu.min.mjs';

const MODEL = new URL('../../public/models/tiny-bert-ner/onnx/model.onnx', location.href).href;
const ROWS = 2;
const LENGTH = 8;
const LABELS = 9;
const hold = new URLSearchParams(location.search).has('hold');

ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = new URL('../../node_modules/onnxruntime-web/dist/', location.href).href;

const ids = (seed) =>
  BigInt64Array.from({ length: ROWS * LENGTH }, (_, i) =>
    BigInt(i % LENGTH === 0 ? 101 : 1000 + ((seed * 31 + i * 7) % 5000)),
  );
const ones = () => BigInt64Array.from({ length: ROWS * LENGTH }, () => 1n);
const zeros = () => new BigInt64Array(ROWS * LENGTH);
const cpuFeeds = (seed) => ({
  input_ids: new ort.Tensor('int64', ids(seed), [ROWS, LENGTH]),
  attention_mask: new ort.Tensor('int64', ones(), [ROWS, LENGTH]),
  token_type_ids: new ort.Tensor('int64', zeros(), [ROWS, LENGTH]),
});

// The workaround: one extra count on the registration record ORT keeps on each GPUBuffer, so that the
// unregistration at the end of a run does not release the handle the session's IO binding still uses.
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

async function readBack(device, buffer, floats) {
  const staging = device.createBuffer({ size: floats * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(buffer, 0, staging, 0, floats * 4);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const data = new Float32Array(staging.getMappedRange().slice(0));
  staging.destroy();
  return data;
}

async function main() {
  const bytes = new Uint8Array(await (await fetch(MODEL)).arrayBuffer());
  // Reference logits from the WASM backend.
  const reference = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const expected = [];
  for (let run = 0; run < 3; run++) expected.push((await reference.run(cpuFeeds(run))).logits.data);
  await reference.release();

  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['webgpu'],
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
  // Stop at the first failure: after it, the next run of this session never settles.
  for (let run = 0; run < 3; run++) {
    const data = cpuFeeds(run);
    for (const name of Object.keys(inputs)) device.queue.writeBuffer(inputs[name], 0, data[name].data);
    try {
      await session.run(feeds, fetches);
      const logits = await readBack(device, output, ROWS * LENGTH * LABELS);
      const maxAbsDiff = Math.max(...logits.map((x, i) => Math.abs(x - expected[run][i])));
      results.push({ run, ok: true, maxAbsDiff });
    } catch (err) {
      results.push({ run, ok: false, error: String(err?.message ?? err) });
      break;
    }
  }
  return { ortVersion: ort.env.versions?.web ?? 'unknown', hold, results };
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
