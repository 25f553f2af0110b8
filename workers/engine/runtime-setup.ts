import type * as Ort from 'onnxruntime-web';
import { identityModelBytes } from '../../src/core/onnx/identity-model';

/**
 * Sets up onnxruntime-web's WebAssembly runtime (fetch, compile, start, and the first session's code
 * paths) by creating and releasing a session of a one-node model, so that it happens while the real
 * model downloads instead of inside the first real session: on a cold visit that set-up is most of the
 * wait between Run being enabled and the first entities (docs/BENCHMARKS.md).
 *
 * Always on the WASM execution provider: the WebGPU build runs it too, and a WebGPU session would
 * compile GPU pipelines that the compile ledger would count as the app's. Other sessions must wait for
 * it: onnxruntime-web starts its runtime once per execution provider name and throws "multiple calls to
 * 'initWasm()'" when a second start begins before the first ends. Never rejects: a runtime that cannot
 * start fails the first real session again, and that error names the session and has a hint.
 */
export async function setUpRuntime(ort: typeof Ort): Promise<void> {
  try {
    const session = await ort.InferenceSession.create(identityModelBytes(), { executionProviders: ['wasm'] });
    await session.release();
  } catch {
    // Reported by the first real session (above).
  }
}
