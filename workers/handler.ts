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

  // One generic call instead of a switch: `engine[type]` is that request kind's handler, so its params,
  // progress and result types line up without casts (a request kind the engine lacks fails to compile).
  const dispatch = <K extends RequestType>(
    type: K,
    params: RequestMap[K]['params'],
    ctx: RequestContext<RequestMap[K]['progress']>,
  ): Promise<Reply<RequestMap[K]['result']>> => {
    const handler: Handler<K> = engine[type];
    return handler(params, ctx);
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
      const reply = await dispatch(req.type, req.params, ctx);
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
      dispatch(message.type, message.params, { signal: new AbortController().signal, progress: () => undefined }).then(
        (reply) => post({ kind: 'result', id: message.id, value: reply.value }),
        (err: unknown) => replyError(message.id, err),
      );
      return;
    }
    queue.push(message);
    void pump();
  };
}
