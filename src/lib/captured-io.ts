import type * as Ort from 'onnxruntime-web';
import { bytesPerElement, isElementType, type NumericArray, viewBytesAs } from '../core/shapes';
import { BucketedSessionError } from './errors';

/** A graph input or output at one static shape: what a persistent GPU buffer is sized for. */
export interface BoundValue {
  name: string;
  /** ONNX element type, e.g. 'int64' or 'float32'. */
  type: string;
  dims: readonly number[];
}

/** A tensor read back from a captured session. */
export interface CapturedOutput {
  data: NumericArray;
  dims: number[];
  type: string;
}

/** Where a captured session's output is read from after each replay. */
interface OutputSource {
  buffer: GPUBuffer;
  offset: number;
}

interface BoundOutput {
  value: BoundValue;
  buffer: GPUBuffer;
  staging: GPUBuffer;
  tensor: Ort.Tensor;
  bytes: number;
  source: OutputSource | null;
}

function byteSize(value: BoundValue): number {
  const size = isElementType(value.type) ? bytesPerElement(value.type) : undefined;
  if (size === undefined) {
    throw new BucketedSessionError(
      'GRAPH_CAPTURE_UNSUPPORTED',
      `Graph capture cannot bind "${value.name}": its element type ${value.type} has no GPU buffer layout here.`,
    );
  }
  return value.dims.reduce((a, b) => a * b, 1) * size;
}

/**
 * Persistent GPU inputs and outputs of one graph-captured session at one static shape. WebGPU graph
 * capture needs IO binding: every run writes its inputs into the same buffers and the outputs are read
 * back from fixed buffers, since a replay re-issues the recorded commands on the recorded addresses.
 *
 * Workaround for onnxruntime-web 1.31 (docs/graph-capture.md; no upstream issue found for it;
 * microsoft/onnxruntime#29594 is the closest report, replays leaving outputs unwritten): the WebGPU EP
 * captures the first run, but it fills a bound output buffer through a copy from a buffer of its own, and
 * that copy is not among the recorded commands. Replays therefore compute new outputs into the EP's buffer
 * and leave ours as the first run left it. The first run is watched for those copies, and every later read
 * takes each output from its copy's source, which the recorded commands keep alive and write on every replay.
 */
export class CapturedIo {
  private readonly inputs = new Map<string, { buffer: GPUBuffer; tensor: Ort.Tensor }>();
  private readonly outputs: BoundOutput[] = [];
  private watched = false;

  constructor(
    ort: typeof Ort,
    private readonly device: GPUDevice,
    inputs: readonly BoundValue[],
    outputs: readonly BoundValue[],
  ) {
    for (const value of inputs) {
      const buffer = device.createBuffer({
        size: align16(byteSize(value)),
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
      });
      const tensor = ort.Tensor.fromGpuBuffer(buffer, {
        dataType: value.type as 'float32',
        dims: [...value.dims],
      });
      this.inputs.set(value.name, { buffer, tensor });
    }
    for (const value of outputs) {
      const bytes = byteSize(value);
      const buffer = device.createBuffer({
        size: align16(bytes),
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      });
      const staging = device.createBuffer({
        size: align16(bytes),
        usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
      });
      const tensor = ort.Tensor.fromGpuBuffer(buffer, { dataType: value.type as 'float32', dims: [...value.dims] });
      this.outputs.push({ value, buffer, staging, tensor, bytes, source: null });
    }
  }

  /** Uploads CPU feeds into the persistent input buffers and returns the GPU feeds and fetches. */
  bind(cpuFeeds: Record<string, Ort.Tensor>): {
    feeds: Record<string, Ort.Tensor>;
    fetches: Record<string, Ort.Tensor>;
  } {
    const feeds: Record<string, Ort.Tensor> = {};
    for (const [name, { buffer, tensor }] of this.inputs) {
      const data = cpuFeeds[name]?.data as ArrayBufferView | undefined;
      if (!data) throw new BucketedSessionError('BAD_FEEDS', `Graph capture: no CPU data for the input "${name}".`);
      this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
      feeds[name] = tensor;
    }
    const fetches: Record<string, Ort.Tensor> = {};
    for (const o of this.outputs) fetches[o.value.name] = o.tensor;
    return { feeds, fetches };
  }

  /**
   * Runs the session; on the first (capturing) run, finds the EP buffer whose copy fills each output.
   * Runs are serialised by the SessionSet, so no other session encodes while the watch is installed.
   */
  async run(runSession: () => Promise<unknown>): Promise<void> {
    if (this.watched) {
      await runSession();
      return;
    }
    const found = await watchCopiesInto(
      this.outputs.map((o) => o.buffer),
      runSession,
    );
    for (const [i, o] of this.outputs.entries()) {
      const source = found[i];
      if (!source || source.buffer.size < source.offset + o.bytes) {
        throw new BucketedSessionError(
          'GRAPH_CAPTURE_UNSUPPORTED',
          `Graph capture is unavailable with this onnxruntime-web: its captured run did not fill the output "${o.value.name}" through the copy that replayed outputs are read from, so replays could return stale outputs (see docs/graph-capture.md).`,
        );
      }
      o.source = source;
    }
    this.watched = true;
  }

  /** Every output of the last run, copied back to the CPU. */
  async read(): Promise<CapturedOutput[]> {
    const encoder = this.device.createCommandEncoder();
    for (const o of this.outputs) {
      const from = o.source ?? { buffer: o.buffer, offset: 0 };
      // Copies need a multiple of 4 bytes; outputs of 1- and 2-byte types are read in whole 4-byte words.
      encoder.copyBufferToBuffer(from.buffer, from.offset, o.staging, 0, align4(o.bytes));
    }
    this.device.queue.submit([encoder.finish()]);
    const read: CapturedOutput[] = [];
    for (const o of this.outputs) {
      await o.staging.mapAsync(GPUMapMode.READ);
      const bytes = o.staging.getMappedRange(0, align16(o.bytes)).slice(0, o.bytes);
      o.staging.unmap();
      read.push({ data: viewBytesAs(o.value.type, bytes), dims: [...o.value.dims], type: o.value.type });
    }
    return read;
  }

  destroy(): void {
    for (const { buffer } of this.inputs.values()) buffer.destroy();
    for (const o of this.outputs) {
      o.buffer.destroy();
      o.staging.destroy();
      // The EP's own buffers belong to the session and go with it.
      o.source = null;
    }
  }
}

/**
 * Calls `work` while watching every buffer-to-buffer copy encoded on this thread, and returns, per
 * target, the source of the last copy into it (ORT calls the WebGPU API through the JS objects, so the
 * prototype sees its copies). Both signatures are handled: (src, srcOffset, dst, dstOffset, size) and
 * the newer (src, dst, size).
 */
async function watchCopiesInto(
  targets: readonly GPUBuffer[],
  work: () => Promise<unknown>,
): Promise<(OutputSource | null)[]> {
  const proto = GPUCommandEncoder.prototype as unknown as { copyBufferToBuffer: (...args: unknown[]) => void };
  const original = proto.copyBufferToBuffer;
  const found: (OutputSource | null)[] = targets.map(() => null);
  proto.copyBufferToBuffer = function (this: GPUCommandEncoder, ...args: unknown[]) {
    const longForm = typeof args[1] === 'number';
    const destination = longForm ? args[2] : args[1];
    const index = targets.indexOf(destination as GPUBuffer);
    if (index >= 0 && args[0] !== destination) {
      found[index] = { buffer: args[0] as GPUBuffer, offset: longForm ? (args[1] as number) : 0 };
    }
    original.apply(this, args);
  };
  try {
    await work();
  } finally {
    proto.copyBufferToBuffer = original;
  }
  return found;
}

function align16(n: number): number {
  return Math.ceil(n / 16) * 16;
}

function align4(n: number): number {
  return Math.ceil(n / 4) * 4;
}
