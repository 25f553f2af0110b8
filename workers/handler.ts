import { CancelledError, serializeError } from '../src/protocol/errors';
import type { FromWorker, Request, RequestMap, RequestType, ToWorker } from '../src/protocol/messages';

export interface RequestContext<P> {
  /** Aborted when the page cancels this request; long work checks it between batches. */
  signal: AbortSignal;
  progress: (progress: P) => void;
}

export interface Reply<R> {
  value: R;
  transfer?: Transferable[];
}

type Handler<K extends RequestType> = (
  params: RequestMap[K]['params'],
  ctx: RequestContext<RequestMap[K]['progress']>,
) => Promise<Reply<RequestMap[K]['result']>>;

/** Everything the worker can do; the real one wraps onnxruntime-web, tests pass a fake. */
export type Engine = { [K in RequestType]: Handler<K> };

export type PostMessage = (message: FromWorker, transfer?: Transferable[]) => void;

/**
 * Routes requests to the engine one at a time, in arrival order. WebGPU sessions must not run
 * concurrently, and a strict queue also gives the page answers in the order it asked. Every request is
 * answered exactly once: with its result, its error, or a cancellation.
 */
export function createHandler(engine: Engine, post: PostMessage): (message: ToWorker) => void {
  const queue: Request[] = [];
  let running: { id: number; controller: AbortController } | null = null;

  const replyError = (id: number, err: unknown) => post({ kind: 'error', id, error: serializeError(err) });

  const dispatch = (req: Request, ctx: RequestContext<unknown>): Promise<Reply<unknown>> => {
    switch (req.type) {
      case 'init':
        return engine.init(req.params, ctx as RequestContext<never>);
      case 'loadModel':
        return engine.loadModel(req.params, ctx as RequestContext<RequestMap['loadModel']['progress']>);
      case 'configure':
        return engine.configure(req.params, ctx as RequestContext<RequestMap['configure']['progress']>);
      case 'tokenize':
        return engine.tokenize(req.params, ctx as RequestContext<never>);
      case 'classify':
        return engine.classify(req.params, ctx as RequestContext<RequestMap['classify']['progress']>);
      case 'logits':
        return engine.logits(req.params, ctx as RequestContext<never>);
      case 'benchmark':
        return engine.benchmark(req.params, ctx as RequestContext<RequestMap['benchmark']['progress']>);
      case 'memory':
        return engine.memory(req.params, ctx as RequestContext<never>);
      case 'ocrConfigure':
        return engine.ocrConfigure(req.params, ctx as RequestContext<RequestMap['ocrConfigure']['progress']>);
      case 'ocr':
        return engine.ocr(req.params, ctx as RequestContext<RequestMap['ocr']['progress']>);
      case 'testHook':
        return engine.testHook(req.params, ctx as RequestContext<never>);
      default: {
        const unhandled: never = req;
        return Promise.reject(new Error(`Unknown request ${JSON.stringify(unhandled)}`));
      }
    }
  };

  const pump = async (): Promise<void> => {
    if (running) return;
    const req = queue.shift();
    if (!req) return;
    const controller = new AbortController();
    running = { id: req.id, controller };
    const ctx: RequestContext<unknown> = {
      signal: controller.signal,
      progress: (progress) => {
        if (!controller.signal.aborted) post({ kind: 'progress', id: req.id, progress });
      },
    };
    try {
      const reply = await dispatch(req, ctx);
      if (controller.signal.aborted) replyError(req.id, new CancelledError());
      else post({ kind: 'result', id: req.id, value: reply.value }, reply.transfer ?? []);
    } catch (err) {
      replyError(req.id, controller.signal.aborted ? new CancelledError() : err);
    } finally {
      running = null;
      void pump();
    }
  };

  return (message: ToWorker) => {
    if (message.kind === 'cancel') {
      const queuedAt = queue.findIndex((r) => r.id === message.targetId);
      if (queuedAt >= 0) {
        queue.splice(queuedAt, 1);
        replyError(message.targetId, new CancelledError());
      } else if (running?.id === message.targetId) {
        running.controller.abort();
      }
      return;
    }
    // Test hooks act at once, like a real fault would: a device loss or crash in the middle of a run.
    if (message.type === 'testHook') {
      dispatch(message, { signal: new AbortController().signal, progress: () => undefined }).then(
        (reply) => post({ kind: 'result', id: message.id, value: reply.value }),
        (err: unknown) => replyError(message.id, err),
      );
      return;
    }
    queue.push(message);
    void pump();
  };
}

/** Throws a CancelledError when the request was cancelled; call it between units of work. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError();
}

/**
 * Lets queued messages (a cancel, above all) be delivered. ORT's WASM runs can resolve without ever
 * returning to the event loop, so a long loop of batches would otherwise only see a cancel at its end.
 * A MessageChannel round trip is a macrotask without setTimeout's clamping.
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
