import { CancelledError, serializeError } from '../src/protocol/errors';
import type { FromWorker, Request, RequestMap, RequestType, ToWorker } from '../src/protocol/messages';

export interface RequestContext<P> {
  /** Aborted when the page cancels this request; long work checks it between batches. */
  signal: AbortSignal;
  progress: (progress: P) => void;
  /**
   * Serves the requests queued meanwhile that only read the configured state (see SERVED_BETWEEN_STEPS),
   * in arrival order, as long as `isReady` accepts the first one; returns the first it did not accept
   * (still queued), if any. Long work made of steps (the bucket warm-up) calls it between steps, so that
   * a run does not wait for steps it does not need, and learns which run waits for what.
   */
  serveQueued?: (isReady: (request: Request) => boolean) => Promise<Request | undefined>;
}

export interface Reply<R> {
  value: R;
  transfer?: Transferable[];
}

/** The engine's method for one request kind, typed by that kind's params, progress and result. */
export type Handler<K extends RequestType> = (
  params: RequestMap[K]['params'],
  ctx: RequestContext<RequestMap[K]['progress']>,
) => Promise<Reply<RequestMap[K]['result']>>;

/** Everything the worker can do; the real one wraps onnxruntime-web, tests pass a fake. */
export type Engine = { [K in RequestType]: Handler<K> };

export type PostMessage = (message: FromWorker, transfer?: Transferable[]) => void;

/**
 * Requests that may run between the steps of another request: they use the sessions and buckets as
 * configured and change neither. Anything else (a new configuration, a model load, a benchmark that
 * rebuilds sessions) waits for the request in progress to end, so it never changes state under it.
 */
const SERVED_BETWEEN_STEPS: ReadonlySet<RequestType> = new Set(['tokenize', 'classify', 'logits', 'memory']);

/**
 * Routes requests to the engine one at a time, in arrival order. WebGPU sessions must not run
 * concurrently, and a strict queue also gives the page answers in the order it asked. One exception: a
 * request made of steps may serve the reads queued meanwhile between its steps (`ctx.serveQueued`), so a
 * run is answered while the warm-up that was asked before it goes on. Every request is answered exactly
 * once: with its result, its error, or a cancellation.
 */
export function createHandler(engine: Engine, post: PostMessage): (message: ToWorker) => void {
  const queue: Request[] = [];
  /** Requests being served, by id: the one the queue started and any served between its steps. */
  const running = new Map<number, AbortController>();
  let busy = false;

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

  const serveQueued = async (isReady: (request: Request) => boolean): Promise<Request | undefined> => {
    while (queue[0] && SERVED_BETWEEN_STEPS.has(queue[0].type)) {
      if (!isReady(queue[0])) return queue[0];
      await serve(queue.shift()!);
    }
    return undefined;
  };

  const serve = async (req: Request): Promise<void> => {
    const controller = new AbortController();
    running.set(req.id, controller);
    const ctx: RequestContext<unknown> = {
      signal: controller.signal,
      progress: (progress) => {
        if (!controller.signal.aborted) post({ kind: 'progress', id: req.id, progress });
      },
      serveQueued,
    };
    try {
      const reply = await dispatch(req.type, req.params, ctx);
      if (controller.signal.aborted) replyError(req.id, new CancelledError());
      else post({ kind: 'result', id: req.id, value: reply.value }, reply.transfer ?? []);
    } catch (err) {
      replyError(req.id, controller.signal.aborted ? new CancelledError() : err);
    } finally {
      running.delete(req.id);
    }
  };

  const pump = async (): Promise<void> => {
    if (busy) return;
    const req = queue.shift();
    if (!req) return;
    busy = true;
    try {
      await serve(req);
    } finally {
      busy = false;
      void pump();
    }
  };

  return (message: ToWorker) => {
    if (message.kind === 'cancel') {
      const queuedAt = queue.findIndex((r) => r.id === message.targetId);
      if (queuedAt >= 0) {
        queue.splice(queuedAt, 1);
        replyError(message.targetId, new CancelledError());
      } else {
        running.get(message.targetId)?.abort();
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
