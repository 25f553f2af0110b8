// Per-bucket static sessions against one dynamic-shape session fed the same padded shapes, on
// onnxruntime-web directly (the app's build: the asyncify runtime, WebGPU EP), to find out where a
// difference between the two layouts comes from (issue 16 item 5). Driven by
// scripts/session-layout-probe.ts; query parameters:
//   model=tiny-bert-ner|bucketwise-ner  backend=webgpu|wasm  shapes=1x16,1x32,1x64  reps=N
//   variants=static:all,shared:all,...  (layout:graphOptimizationLevel)  phase=cold|steady  log=0..4
// cold: the variants' sessions are created one after another in this page and each first run is timed
// (use one variant per page for a fresh GPU program cache). steady: every variant's sessions, every shape
// warmed, then `reps` rounds with the variants interleaved.
import * as ort from '../../node_modules/onnxruntime-web/dist/ort.webgpu.min.mjs';

const q = new URLSearchParams(location.search);
const MODEL = q.get('model') ?? 'tiny-bert-ner';
const BACKEND = q.get('backend') ?? 'webgpu';
const SHAPES = (q.get('shapes') ?? '1x16,1x32,1x64').split(',').map((s) => s.split('x').map(Number));
const REPS = Number(q.get('reps') ?? 5);
const VARIANTS = (q.get('variants') ?? 'static:all,shared:all').split(',');
const PHASE = q.get('phase') ?? 'steady';
const LOG_LEVEL = Number(q.get('log') ?? 3);

ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = {
  mjs: new URL('../../node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.mjs', location.href).href,
  wasm: new URL('../../node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm', location.href).href,
};

// What the GPU is asked to do, counted by wrapping the WebGPU API (as workers/engine/compile-watch.ts does).
const tally = { pipelines: 0, dispatches: 0, submits: 0, buffers: 0, bufferBytes: 0, writes: 0, maps: 0, kernels: {} };
const reset = () => {
  Object.assign(tally, { pipelines: 0, dispatches: 0, submits: 0, buffers: 0, bufferBytes: 0, writes: 0, maps: 0 });
  tally.kernels = {};
};
const snapshot = () => ({ ...tally, kernels: { ...tally.kernels } });
function wrap(proto, name, before) {
  const original = proto?.[name];
  if (typeof original !== 'function') return;
  proto[name] = function (...args) {
    before.apply(this, args);
    return original.apply(this, args);
  };
}
if (globalThis.GPUDevice) {
  wrap(GPUDevice.prototype, 'createComputePipeline', () => tally.pipelines++);
  wrap(GPUDevice.prototype, 'createComputePipelineAsync', () => tally.pipelines++);
  wrap(GPUDevice.prototype, 'createBuffer', (d) => {
    tally.buffers++;
    tally.bufferBytes += d.size;
  });
  wrap(GPUQueue.prototype, 'submit', () => tally.submits++);
  wrap(GPUQueue.prototype, 'writeBuffer', () => tally.writes++);
  wrap(GPUBuffer.prototype, 'mapAsync', () => tally.maps++);
  // ORT leaves its pipelines unlabelled: name each by its shader's entry code, recorded at creation.
  const codeOf = new WeakMap();
  const kernelOf = new WeakMap();
  const createModule = GPUDevice.prototype.createShaderModule;
  GPUDevice.prototype.createShaderModule = function (d) {
    const module = createModule.call(this, d);
    codeOf.set(module, d.code);
    return module;
  };
  for (const name of ['createComputePipeline', 'createComputePipelineAsync']) {
    const create = GPUDevice.prototype[name];
    GPUDevice.prototype[name] = function (d) {
      const out = create.call(this, d);
      const name = kernelName(codeOf.get(d.compute?.module) ?? '');
      if (out instanceof Promise) return out.then((p) => (kernelOf.set(p, name), p));
      kernelOf.set(out, name);
      return out;
    };
  }
  wrap(GPUComputePassEncoder.prototype, 'setPipeline', function (p) {
    const label = p.label || kernelOf.get(p) || '(unknown)';
    tally.kernels[label] = (tally.kernels[label] ?? 0) + 1;
  });
  wrap(GPUComputePassEncoder.prototype, 'dispatchWorkgroups', () => tally.dispatches++);
}

// A short name for a WGSL kernel (ORT's carry none): its storage bindings and a hash of the code.
function kernelName(code) {
  if (DUMP) dumped.push(code);
  let h = 0;
  for (let i = 0; i < code.length; i++) h = (h * 31 + code.charCodeAt(i)) | 0;
  const bindings = [...code.matchAll(/var<storage, [a-z_]+> (\w+)/g)].map((m) => m[1]).join(',');
  return `${bindings} #${(h >>> 0).toString(16)}`;
}
const DUMP = q.has('dump');
const dumped = [];

const feeds = (rows, length, seed) => {
  const ids = BigInt64Array.from({ length: rows * length }, (_, i) =>
    BigInt(i % length === 0 ? 101 : 1000 + ((seed * 31 + i * 7) % 5000)),
  );
  return {
    input_ids: new ort.Tensor('int64', ids, [rows, length]),
    attention_mask: new ort.Tensor(
      'int64',
      BigInt64Array.from(ids, () => 1n),
      [rows, length],
    ),
    token_type_ids: new ort.Tensor('int64', new BigInt64Array(rows * length), [rows, length]),
  };
};

async function timedRun(session, rows, length, seed) {
  const t0 = performance.now();
  const out = await session.run(feeds(rows, length, seed));
  const data = await out.logits.getData();
  const ms = performance.now() - t0;
  for (const t of Object.values(out)) t.dispose();
  return { ms, data };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function makeVariant(bytes, name) {
  const [layout, level] = name.split(':');
  const options = (shape) => ({
    executionProviders: [BACKEND],
    graphOptimizationLevel: level,
    logSeverityLevel: LOG_LEVEL,
    ...(shape ? { freeDimensionOverrides: { batch_size: shape[0], sequence_length: shape[1] } } : {}),
  });
  const sessions = new Map();
  const created = [];
  if (layout === 'static') {
    for (const shape of SHAPES) {
      reset();
      const t0 = performance.now();
      sessions.set(shape.join('x'), await ort.InferenceSession.create(bytes, options(shape)));
      created.push({ shape: shape.join('x'), ms: performance.now() - t0, ...snapshot() });
    }
  } else {
    reset();
    const t0 = performance.now();
    const one = await ort.InferenceSession.create(bytes, options(null));
    created.push({ shape: 'any', ms: performance.now() - t0, ...snapshot() });
    for (const shape of SHAPES) sessions.set(shape.join('x'), one);
  }
  return { name, sessions, created };
}

async function main() {
  const bytes = new Uint8Array(await (await fetch(`../../public/models/${MODEL}/onnx/model.onnx`)).arrayBuffer());
  const variants = [];
  const firstRuns = {};
  for (const name of VARIANTS) {
    const v = await makeVariant(bytes, name);
    variants.push(v);
    firstRuns[name] = [];
    for (const [rows, length] of SHAPES) {
      reset();
      const { ms } = await timedRun(v.sessions.get(`${rows}x${length}`), rows, length, 0);
      firstRuns[name].push({ shape: `${rows}x${length}`, ms, pipelines: tally.pipelines, buffers: tally.buffers });
    }
  }
  const result = {
    dumped,
    ort: ort.env.versions,
    backend: BACKEND,
    model: MODEL,
    phase: PHASE,
    created: {},
    firstRuns,
  };
  for (const v of variants) result.created[v.name] = v.created;
  if (PHASE === 'cold') return result;

  // Steady: per variant and shape, the run times of `reps` interleaved rounds and the work of one run.
  const steady = {};
  const reference = {};
  for (const v of variants) steady[v.name] = {};
  for (let rep = 0; rep < REPS; rep++) {
    const order = variants.map((_, i) => variants[(i + rep) % variants.length]);
    for (const v of order) {
      for (const [rows, length] of SHAPES) {
        const key = `${rows}x${length}`;
        reset();
        const { ms, data } = await timedRun(v.sessions.get(key), rows, length, rep + 1);
        const entry = (steady[v.name][key] ??= { ms: [], work: null, maxAbsDiff: 0 });
        entry.ms.push(ms);
        entry.work ??= snapshot();
        const ref = (reference[`${key}:${rep}`] ??= data);
        entry.maxAbsDiff = Math.max(entry.maxAbsDiff, ...data.map((x, i) => Math.abs(x - ref[i])));
      }
    }
  }
  result.steady = {};
  for (const v of variants) {
    result.steady[v.name] = Object.fromEntries(
      Object.entries(steady[v.name]).map(([key, e]) => [
        key,
        { medianMs: median(e.ms), ms: e.ms.map((x) => Math.round(x * 10) / 10), maxAbsDiff: e.maxAbsDiff, ...e.work },
      ]),
    );
  }
  return result;
}

window.probeResult = main().catch((err) => ({ error: String(err?.stack ?? err) }));
