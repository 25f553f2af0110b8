import { CompileLedger, type CompileKind } from '../../src/core/compiles';

/** The worker's one ledger: every GPU compile of this worker lands here (see watchCompiles). */
export const compileLedger = new CompileLedger();

/** Prototypes already wrapped: wrapping twice would count every compile twice. */
const watched = new WeakSet<object>();

type CompileMethod = 'createComputePipeline' | 'createComputePipelineAsync' | 'createShaderModule';

/**
 * Counts what WebGPU compiles in this worker. onnxruntime-web's WebGPU EP may request a device of its own
 * from the adapter (its glue calls `adapter.requestDevice` itself) rather than use the one we hand it in
 * `ort.env.webgpu.device`: wrapping our instance counted nothing (e2e/compiles.spec.ts). So the methods
 * are wrapped on `GPUDevice.prototype`, which every device in this dedicated worker shares; the glue looks
 * them up at call time. The calls themselves are passed through unchanged.
 */
export function watchCompiles(ledger: CompileLedger = compileLedger): void {
  // A browser without WebGPU has no GPUDevice at all (the type declarations assume one).
  const proto = typeof GPUDevice === 'undefined' ? undefined : GPUDevice.prototype;
  if (!proto || watched.has(proto)) return;
  watched.add(proto);
  const wrap = (name: CompileMethod, kind: CompileKind) => {
    const original = proto[name];
    Object.defineProperty(proto, name, {
      configurable: true,
      writable: true,
      value: function (this: GPUDevice, ...args: unknown[]) {
        ledger.record(kind);
        return Reflect.apply(original, this, args);
      },
    });
  };
  wrap('createComputePipeline', 'pipeline');
  wrap('createComputePipelineAsync', 'pipeline');
  wrap('createShaderModule', 'shaderModule');
}
