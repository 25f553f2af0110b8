import type * as Ort from 'onnxruntime-web';
import type { GraphIO } from '../core/onnx/graph-io';
import { type DenseTensor, type Feeds, type ModelAxes, overridesFor, staticDims } from '../core/shapes';
import { CapturedIo, type BoundValue } from './captured-io';
import { BucketedSessionError } from './errors';
import type { SessionSet } from './session-set';
import type { OutputTensor, SessionLayout } from './types';

/** What every model call of one bucketed session shares. */
export interface ExecutorContext {
  ort: typeof Ort;
  io: GraphIO;
  axes: ModelAxes;
  dims: readonly string[];
  sessions: SessionSet;
  modelBytes: Uint8Array;
}

/** The shape of one model call and the session it runs on. */
export interface BatchTarget {
  key: string;
  layout: SessionLayout;
  bucket: readonly number[];
  batchSize: number;
  /** A graph-captured static session (WebGPU only): inputs and outputs bound to persistent GPU buffers. */
  graphCapture: boolean;
}

export interface BatchResult {
  outputs: Record<string, OutputTensor>;
  /** Whether this call created the session (a compile of its graph, and of the shape for static ones). */
  newSession: boolean;
  /** Time to get the session: its creation when new, else about 0. */
  sessionMs: number;
  /** The run itself, outputs read back to the CPU included. */
  runMs: number;
}

/**
 * One model call: gets the target's session from the set (static sessions pinned to the shape with
 * freeDimensionOverrides, shared and dynamic ones with free dims), runs the stacked feeds through it and
 * reads every output back. Runs go through the set's serial chain: WebGPU does not run sessions concurrently.
 */
export async function executeBatch(ctx: ExecutorContext, target: BatchTarget, feeds: Feeds): Promise<BatchResult> {
  const overrides =
    target.layout === 'static' ? overridesFor(ctx.axes, ctx.dims, target.bucket, target.batchSize) : undefined;
  const newSession = !ctx.sessions.has(target.key);
  const started = performance.now();
  const session = await ctx.sessions.get({
    key: target.key,
    modelBytes: ctx.modelBytes,
    ...(overrides ? { freeDimensionOverrides: overrides } : {}),
    ...(target.graphCapture ? { graphCapture: true } : {}),
  });
  const sessionMs = performance.now() - started;
  const tensors: Record<string, Ort.Tensor> = {};
  for (const v of ctx.io.inputs) {
    const t = feeds[v.name];
    tensors[v.name] = new ctx.ort.Tensor(v.type as 'float32', t.data as Float32Array, t.dims);
  }
  const runStarted = performance.now();
  const outputs =
    target.graphCapture && overrides
      ? await runCaptured(ctx, target.key, session, tensors, feeds, overrides)
      : await ctx.sessions.serial(async () => readOutputs(await session.run(tensors)));
  return { outputs, newSession, sessionMs, runMs: performance.now() - runStarted };
}

async function readOutputs(result: Ort.InferenceSession.OnnxValueMapType): Promise<Record<string, OutputTensor>> {
  const out: Record<string, OutputTensor> = {};
  for (const [name, tensor] of Object.entries(result)) {
    out[name] = { data: (await tensor.getData()) as DenseTensor['data'], dims: [...tensor.dims], type: tensor.type };
    tensor.dispose();
  }
  return out;
}

/** A captured session's run: feeds written into its persistent GPU inputs, outputs read from where replays write. */
async function runCaptured(
  ctx: ExecutorContext,
  key: string,
  session: Ort.InferenceSession,
  tensors: Record<string, Ort.Tensor>,
  feeds: Feeds,
  overrides: Record<string, number>,
): Promise<Record<string, OutputTensor>> {
  const device = await ctx.ort.env.webgpu.device;
  const io = ctx.sessions.resourceOf(key, () => {
    const inputs: BoundValue[] = ctx.io.inputs.map((v) => ({ name: v.name, type: v.type, dims: feeds[v.name].dims }));
    const outputs: BoundValue[] = ctx.io.outputs.map((v) => {
      const dims = staticDims(v, overrides);
      if (!dims) {
        throw new BucketedSessionError(
          'GRAPH_CAPTURE_UNSUPPORTED',
          `Graph capture needs every output's shape fixed by the bucket and batch size; "${v.name}" has [${(v.dims ?? []).join(', ')}]. Leave graphCapture off for this model.`,
        );
      }
      return { name: v.name, type: v.type, dims };
    });
    return new CapturedIo(ctx.ort, device, inputs, outputs);
  });
  return ctx.sessions.serial(async () => {
    const bound = io.bind(tensors);
    await io.run(() => session.run(bound.feeds, bound.fetches));
    const read = await io.read();
    const out: Record<string, OutputTensor> = {};
    ctx.io.outputs.forEach((v, i) => (out[v.name] = read[i] as OutputTensor));
    return out;
  });
}
