/**
 * Lets queued messages (a cancel or abort, above all) be delivered. onnxruntime-web's WASM runs can
 * resolve without ever returning to the event loop, so a long loop of model calls would otherwise see an
 * abort only at its end. A MessageChannel round trip is a macrotask without setTimeout's clamping.
 */
export function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
