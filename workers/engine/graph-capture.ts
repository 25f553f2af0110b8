import type * as Ort from 'onnxruntime-web';

/**
 * GPU-resident inputs and outputs for one static-shape session, as ONNX Runtime's WebGPU graph capture
 * requires: the captured graph replays against the same buffers every run, so each run only writes the
 * new ids into the input buffers and reads the logits back from the output buffer.
 */
export class GpuIo {
  private readonly inputs = new Map<string, { buffer: GPUBuffer; tensor: Ort.Tensor }>();
  private readonly output: { buffer: GPUBuffer; tensor: Ort.Tensor; staging: GPUBuffer; bytes: number };

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
      const buffer = device.createBuffer({ size: inputBytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC });
      this.inputs.set(name, { buffer, tensor: ort.Tensor.fromGpuBuffer(buffer, { dataType: idType, dims }) });
    }
    const bytes = dims[0] * dims[1] * numLabels * 4;
    const buffer = device.createBuffer({ size: align16(bytes), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    const staging = device.createBuffer({ size: align16(bytes), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    this.output = { buffer, staging, bytes, tensor: ort.Tensor.fromGpuBuffer(buffer, { dataType: 'float32', dims: [dims[0], dims[1], numLabels] }) };
    this.outputName = outputName;
  }

  private readonly outputName: string;

  /** Uploads CPU feeds into the persistent input buffers and returns the GPU feeds and fetches. */
  bind(cpuFeeds: Record<string, Ort.Tensor>): { feeds: Record<string, Ort.Tensor>; fetches: Record<string, Ort.Tensor> } {
    const feeds: Record<string, Ort.Tensor> = {};
    for (const [name, { buffer, tensor }] of this.inputs) {
      const data = cpuFeeds[name]!.data as BigInt64Array | Int32Array;
      this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
      feeds[name] = tensor;
    }
    return { feeds, fetches: { [this.outputName]: this.output.tensor } };
  }

  async readLogits(): Promise<Float32Array> {
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(this.output.buffer, 0, this.output.staging, 0, align16(this.output.bytes));
    this.device.queue.submit([encoder.finish()]);
    await this.output.staging.mapAsync(GPUMapMode.READ);
    const copy = new Float32Array(this.output.staging.getMappedRange(0, align16(this.output.bytes)).slice(0, this.output.bytes));
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
