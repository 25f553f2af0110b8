import type * as Ort from 'onnxruntime-web';
import { WorkerError } from '../../src/protocol/errors';

/**
 * Workaround for onnxruntime-web's IO binding under graph capture (1.31.0-dev and 1.31.1, its WebGPU EP
 * build; see docs/graph-capture.md). `session.run` registers each GPU-buffer tensor with the WASM
 * module (an imported WGPUBuffer handle, refcounted in a record ORT stores on the GPUBuffer under a
 * private symbol) and unregisters it when the run ends, which releases the handle once the count is 0.
 * A graph-capture session binds its inputs and outputs only on the first run and keeps those bindings,
 * so the second run (the one ORT captures) reads handles that no longer exist: createBindGroup gets
 * `buffer: undefined` ("Required member is undefined"). Holding one extra count on the record keeps
 * the handle alive for as long as the buffer lives, which is what the kept binding needs.
 *
 * The record is written by a plain assignment on the buffer, so a proxy prototype sees it arrive and
 * adds the count. WebGPU's brand checks use internal slots, not the prototype, so the buffer stays a
 * GPUBuffer for createBindGroup and copies. The handle table entry outlives `destroy()` (ORT offers no
 * call that releases it): one small entry per buffer of a captured session.
 */
export function holdOrtRegistration(buffer: GPUBuffer): { held: () => boolean } {
  let held = false;
  const proto = Object.getPrototypeOf(buffer) as object;
  Object.setPrototypeOf(
    buffer,
    new Proxy(proto, {
      set(target, key, value: unknown, receiver) {
        // ORT's record: [handle, count]; a fresh registration starts at count 1.
        if (typeof key === 'symbol' && Array.isArray(value) && value.length === 2 && value[1] === 1) {
          value[1] = 2;
          held = true;
        }
        return Reflect.set(target, key, value, receiver);
      },
    }),
  );
  return { held: () => held };
}

/**
 * GPU-resident inputs and outputs for one static-shape session, as ONNX Runtime's WebGPU graph capture
 * requires: the captured graph replays against the same buffers every run, so each run only writes the
 * new ids into the input buffers and reads the logits back from the output buffer.
 */
export class GpuIo {
  private readonly inputs = new Map<string, { buffer: GPUBuffer; tensor: Ort.Tensor }>();
  private readonly output: { buffer: GPUBuffer; tensor: Ort.Tensor; staging: GPUBuffer; bytes: number };
  private readonly holds: { held: () => boolean }[] = [];
  private readonly outputName: string;
  private runs = 0;

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
      this.holds.push(holdOrtRegistration(buffer));
      this.inputs.set(name, { buffer, tensor: ort.Tensor.fromGpuBuffer(buffer, { dataType: idType, dims }) });
    }
    const bytes = dims[0] * dims[1] * numLabels * 4;
    const buffer = device.createBuffer({
      size: align16(bytes),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
    this.holds.push(holdOrtRegistration(buffer));
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
   * After the first run, every buffer must carry the extra count; when a later onnxruntime-web stores
   * its registration differently, say so precisely instead of failing later inside createBindGroup.
   */
  afterRun(): void {
    this.runs++;
    if (this.runs === 1 && !this.holds.every((h) => h.held())) {
      throw new WorkerError(
        'INTERNAL',
        'Graph capture is unavailable with this onnxruntime-web: its GPU buffer registration is not the one bucketwise knows how to keep alive between runs (see docs/graph-capture.md).',
      );
    }
  }

  async readLogits(): Promise<Float32Array> {
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(this.output.buffer, 0, this.output.staging, 0, align16(this.output.bytes));
    this.device.queue.submit([encoder.finish()]);
    await this.output.staging.mapAsync(GPUMapMode.READ);
    const copy = new Float32Array(
      this.output.staging.getMappedRange(0, align16(this.output.bytes)).slice(0, this.output.bytes),
    );
    this.output.staging.unmap();
    return copy;
  }

  destroy(): void {
    for (const { buffer } of this.inputs.values()) buffer.destroy();
    this.output.buffer.destroy();
    this.output.staging.destroy();
  }
}

function align16(n: number): number {
  return Math.ceil(n / 16) * 16;
}
