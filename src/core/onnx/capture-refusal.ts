/**
 * Why onnxruntime refused to create a graph-captured session, in words a user can act on, or null when
 * the message is some other failure. ORT refuses capture at session creation when a node of the model is
 * placed outside the capturing EP (an operator or type the WebGPU EP lacks runs on the CPU, and a replay
 * would skip it and reuse whatever it produced at capture), when the graph needs memory copies between
 * devices, or when it has control-flow nodes. Those are properties of the model, so the reason names the
 * model, not the machine.
 */
export function captureRefusalReason(ortMessage: string): string | null {
  if (!/cannot use the graph capture feature/i.test(ortMessage)) return null;
  if (/control flow/i.test(ortMessage)) {
    return 'This model has control-flow nodes (If, Loop or Scan), which graph capture cannot record.';
  }
  if (/partitioned|assigned/i.test(ortMessage)) {
    return (
      'Some nodes of this model cannot run on the WebGPU execution provider and would run on the CPU, ' +
      'outside the recorded GPU commands: replays would reuse their results from the captured run.'
    );
  }
  return 'onnxruntime refused graph capture for this model: ' + ortMessage.replace(/\s+/g, ' ').trim();
}
