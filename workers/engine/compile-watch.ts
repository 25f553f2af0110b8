import { CompileLedger, type CompileKind } from '../../src/core/compiles';

/** The worker's one ledger: every GPU compile of this worker lands here (see watchCompiles). */
export const compileLedger = new CompileLedger();

const WATCHED = Symbol('bucketwise.compileWatch');

/**
 * Counts what the WebGPU device compiles: onnxruntime-web runs on the device we create and hand it
 * (`ort.env.webgpu.device`, workers/engine/backend.ts) and calls these methods on that very object, so
 * shadowing them on the instance sees every pipeline and shader module it creates, whatever the kernel.
 * The calls themselves are passed through unchanged.
 */
export function watchCompiles(device: GPUDevice, ledger: CompileLedger = compileLedger): void {
  const target = device as GPUDevice & { [WATCHED]?: true };
  if (target[WATCHED]) return;
  target[WATCHED] = true;
  const wrap = <K extends 'createComputePipeline' | 'createComputePipelineAsync' | 'createShaderModule'>(name: K, kind: CompileKind) => {
    const original = device[name].bind(device) as (...args: unknown[]) => unknown;
    Object.defineProperty(device, name, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => {
        ledger.record(kind);
        return original(...args);
      },
    });
  };
  wrap('createComputePipeline', 'pipeline');
  wrap('createComputePipelineAsync', 'pipeline');
  wrap('createShaderModule', 'shaderModule');
}
