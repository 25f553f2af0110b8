import { describe, expect, it } from 'vitest';
import { captureRefusalReason } from './capture-refusal';

// The messages as onnxruntime-web 1.31 (inference_session.cc) reports them through session creation.
const PARTITION =
  "Can't create a session. ERROR_CODE: 1, ERROR_MESSAGE: This session cannot use the graph capture feature as requested by the user  as all compute graph nodes have not been partitioned to the WebGpuExecutionProvider";
const CONTROL_FLOW =
  "Can't create a session. ERROR_CODE: 1, ERROR_MESSAGE: This session cannot use the graph capture feature as requested by the user as the model has control flow nodes which can't be supported by WebGpuExecutionProvider";

describe('captureRefusalReason', () => {
  it('names CPU-placed nodes when not every node went to the WebGPU EP', () => {
    expect(captureRefusalReason(PARTITION)).toMatch(/would run on the CPU, outside the recorded GPU commands/);
  });

  it('names control flow', () => {
    expect(captureRefusalReason(CONTROL_FLOW)).toMatch(/control-flow nodes/);
  });

  it('passes an unknown capture refusal through in one line', () => {
    const reason = captureRefusalReason(
      'This session cannot use the graph capture feature as requested by the user\n because of X',
    );
    expect(reason).toBe(
      'onnxruntime refused graph capture for this model: This session cannot use the graph capture feature as requested by the user because of X',
    );
  });

  it('is null for failures that are not about graph capture', () => {
    expect(
      captureRefusalReason("Can't create a session. ERROR_CODE: 7, ERROR_MESSAGE: protobuf parsing failed"),
    ).toBeNull();
  });
});
