import type * as Ort from 'onnxruntime-web';
import { WorkerError } from '../../src/protocol/errors';

/** Where a captured session's logits are read from after each run. */
interface LogitsSource {
  buffer: GPUBuffer;
  offset: number;
}

/**
 * GPU-resident inputs and outputs for one static-shape session with WebGPU graph capture, which needs
 * IO binding: every run writes the new ids into the same input buffers and reads the logits back.
 *
 * Workaround for onnxruntime-web 1.31 (docs/graph-capture.md; no upstream issue found for it; #29594 is
 * the closest report, replays leaving outputs unwritten): the WebGPU EP captures the first run, but it
 * fills the bound output buffer through a copy from a buffer of its own, and that copy is not among the
 * recorded commands. Replays therefore compute the new logits into the EP's buffer and leave ours as the
 * first run left it. The first run is watched for that copy, and every later read takes the logits from
 * its source, which the recorded commands keep alive and write on every replay.
 */
export class GpuIo {
  private readonly inputs = new Map<string, { buffer: GPUBuffer; tensor: Ort.Tensor }>();
  private readonly output: { buffer: GPUBuffer; tensor: Ort.Tensor; staging: GPUBuffer; bytes: number };
  private readonly outputName: string;
  private source: LogitsSource | null = null;

  constructor(
    ort: typeof Ort,
    private readonly device: GPUDevice,
    inputNames: string[],
    idType: 'int64' | 'int32',
    dims: [number, number],
    outputName: string,
    numLabels: number,
  ) {
    const idBytes = idType === 'int64' ? 8 : 4;
    const inputBytes = align16(dims[0] * dims[1] * idBytes);
    for (const name of inputNames) {
      const buffer = device.createBuffer({
        size: inputBytes,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
      });
      this.inputs.set(name, { buffer, tensor: ort.Tensor.fromGpuBuffer(buffer, { dataType: idType, dims }) });
    }
    const bytes = dims[0] * dims[1] * numLabels * 4;
    const buffer = device.createBuffer({
      size: align16(bytes),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
    const staging = device.createBuffer({
      size: align16(bytes),
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    this.output = {
      buffer,
      staging,
      bytes,
      tensor: ort.Tensor.fromGpuBuffer(buffer, { dataType: 'float32', dims: [dims[0], dims[1], numLabels] }),
    };
    this.outputName = outputName;
  }

  /** Uploads CPU feeds into the persistent input buffers and returns the GPU feeds and fetches. */
  bind(cpuFeeds: Record<string, Ort.Tensor>): {
    feeds: Record<string, Ort.Tensor>;
    fetches: Record<string, Ort.Tensor>;
  } {
    const feeds: Record<string, Ort.Tensor> = {};
    for (const [name, { buffer, tensor }] of this.inputs) {
      const data = cpuFeeds[name]!.data as BigInt64Array | Int32Array;
      this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
      feeds[name] = tensor;
    }
    return { feeds, fetches: { [this.outputName]: this.output.tensor } };
  }

  /**
   * Runs the session; on the first (capturing) run, finds the EP buffer whose copy fills our output.
   * Runs are serialised by the SessionSet, so no other session encodes while the watch is installed.
   */
  async run(runSession: () => Promise<unknown>): Promise<void> {
    if (this.source) {
      await runSession();
      return;
    }
    const found = await watchCopiesInto(this.output.buffer, runSession);
    if (!found || found.buffer.size < found.offset + this.output.bytes) {
      throw new WorkerError(
        'INTERNAL',
        'Graph capture is unavailable with this onnxruntime-web: its captured run did not fill the output through the copy bucketwise reads replayed logits from, so replays could return stale logits (see docs/graph-capture.md).',
      );
    }
    this.source = found;
  }

  async readLogits(): Promise<Float32Array> {
    const from = this.source ?? { buffer: this.output.buffer, offset: 0 };
    // Float32 logits, so the size is a multiple of 4 as copies require; the EP's buffer may end right there.
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(from.buffer, from.offset, this.output.staging, 0, this.output.bytes);
    this.device.queue.submit([encoder.finish()]);
    await this.output.staging.mapAsync(GPUMapMode.READ);
    const mapped = this.output.staging.getMappedRange(0, align16(this.output.bytes));
    const copy = new Float32Array(mapped.slice(0, this.output.bytes));
    this.output.staging.unmap();
    return copy;
  }

  destroy(): void {
    for (const { buffer } of this.inputs.values()) buffer.destroy();
    this.output.buffer.destroy();
    this.output.staging.destroy();
    // The EP's own buffer belongs to the session and goes with it.
    this.source = null;
  }
}

/**
 * Calls `work` while watching every buffer-to-buffer copy encoded on this thread, and returns the source
 * of the last copy whose destination is `target` (ORT calls the WebGPU API through the JS objects, so the
 * prototype sees its copies). Both signatures are handled: (src, srcOffset, dst, dstOffset, size) and
 * the newer (src, dst, size).
 */
async function watchCopiesInto(target: GPUBuffer, work: () => Promise<unknown>): Promise<LogitsSource | null> {
  const proto = GPUCommandEncoder.prototype as unknown as { copyBufferToBuffer: (...args: unknown[]) => void };
  const original = proto.copyBufferToBuffer;
  let found: LogitsSource | null = null;
  proto.copyBufferToBuffer = function (this: GPUCommandEncoder, ...args: unknown[]) {
    const longForm = typeof args[1] === 'number';
    const destination = longForm ? args[2] : args[1];
    if (destination === target && args[0] !== target) {
      found = { buffer: args[0] as GPUBuffer, offset: longForm ? (args[1] as number) : 0 };
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
