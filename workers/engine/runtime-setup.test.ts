// The runtime set-up on real onnxruntime-web in Node (WASM): the one-node model is one onnxruntime
// accepts and runs. That the set-up happens during the download of a cold visit is measured by
// scripts/first-entities.ts; that sessions of the real model work after it, by the e2e specs.
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { identityModelBytes } from '../../src/core/onnx/identity-model';
import { setUpRuntime } from './runtime-setup';

ort.env.wasm.numThreads = 1;

describe('setUpRuntime', () => {
  it('resolves once its session is created and released, and sessions created afterwards work', async () => {
    await expect(setUpRuntime(ort)).resolves.toBeUndefined();
    const session = await ort.InferenceSession.create(identityModelBytes(), { executionProviders: ['wasm'] });
    expect(session.inputNames).toEqual(['x']);
    expect(session.outputNames).toEqual(['y']);
    await session.release();
  });
  it('builds a model onnxruntime runs: y is x', async () => {
    const session = await ort.InferenceSession.create(identityModelBytes(), { executionProviders: ['wasm'] });
    const { y } = await session.run({ x: new ort.Tensor('float32', Float32Array.from([4.5]), [1]) });
    expect(Array.from(y!.data as Float32Array)).toEqual([4.5]);
    expect(y!.dims).toEqual([1]);
    await session.release();
  });
});
