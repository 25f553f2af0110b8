import type * as Ort from 'onnxruntime-web';
import { BucketedSession } from './bucketed-session';
import { BucketedSessionError } from './errors';
import type { BatchEvent, BucketKernel, RunOutputs } from './types';
import { buffersOf, type PortLike, type WorkerRequest, type WorkerResponse } from './worker-protocol';

/**
 * Serves one BucketedSession on a port (a worker's global scope, or a MessagePort): requests are
 * answered in order, one at a time; input buffers arrive transferred and output buffers leave transferred.
 * @param host.ort the onnxruntime module for a host that has one already (a request's `ortUrl` wins).
 */
export function serveBucketedSession(port: PortLike, host: { ort?: typeof Ort } = {}): void {
  let session: BucketedSession | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs queued or in flight, by request id: an abort message reaches them past the queue. */
  const aborts = new Map<number, AbortController>();
  const reply = (message: WorkerResponse, transfer: Transferable[] = []) => port.postMessage(message, transfer);

  const handle = async (request: WorkerRequest): Promise<void> => {
    try {
      if (request.op === 'create') {
        if (session)
          throw new BucketedSessionError(
            'BAD_OPTIONS',
            'This worker already hosts a session; create another worker for another model.',
          );
        const { kernelUrl, ortUrl, ...options } = request.options;
        const ort = ortUrl ? ((await import(/* @vite-ignore */ ortUrl)) as typeof Ort) : host.ort;
        let kernel: BucketKernel | undefined;
        if (kernelUrl) {
          const module = (await import(/* @vite-ignore */ kernelUrl)) as {
            kernel?: BucketKernel;
            default?: BucketKernel;
          };
          kernel = module.kernel ?? module.default;
          if (typeof kernel !== 'function')
            throw new BucketedSessionError(
              'BAD_KERNEL',
              `The module ${kernelUrl} exports no \`kernel\` function (named or default).`,
            );
        }
        session = await BucketedSession.create({
          ...options,
          ...(ort ? { ort } : {}),
          ...(kernel ? { kernel } : {}),
          onProgress: (progress) => reply({ id: request.id, progress }),
        });
        reply({ id: request.id, ok: true, value: { buckets: session.bucketList } });
        return;
      }
      if (!session) throw new BucketedSessionError('BAD_OPTIONS', 'No session yet: the first request must be create.');
      switch (request.op) {
        case 'run': {
          const value = await session.run(request.feeds, { signal: aborts.get(request.id)!.signal });
          reply({ id: request.id, ok: true, value }, buffersOf(Object.values(value)));
          return;
        }
        case 'runMany': {
          const value: RunOutputs[] = await session.runMany(request.items, {
            signal: aborts.get(request.id)!.signal,
            ...(request.batchEvents ? { onBatch: (batch: BatchEvent) => reply({ id: request.id, batch }) } : {}),
          });
          reply({ id: request.id, ok: true, value }, buffersOf(value.flatMap((v) => Object.values(v))));
          return;
        }
        case 'warmup':
          await session.warmup();
          reply({ id: request.id, ok: true, value: undefined });
          return;
        case 'stats':
          reply({ id: request.id, ok: true, value: session.stats() });
          return;
        case 'rebucket':
          reply({
            id: request.id,
            ok: true,
            value: { ...(await session.rebucket(request.sizes)), buckets: session.bucketList },
          });
          return;
        case 'dispose':
          await session.dispose();
          session = null;
          reply({ id: request.id, ok: true, value: undefined });
          return;
        default:
          throw new BucketedSessionError(
            'BAD_OPTIONS',
            `Unknown request ${JSON.stringify((request as { op?: unknown }).op)}.`,
          );
      }
    } catch (err) {
      const e = err as Error & { code?: string };
      aborts.delete(request.id);
      reply({
        id: request.id,
        ok: false,
        error: { name: e?.name ?? 'Error', message: e?.message ?? String(err), ...(e?.code ? { code: e.code } : {}) },
      });
    }
  };

  port.addEventListener('message', (event: MessageEvent) => {
    const request = event.data as WorkerRequest;
    if (request.op === 'abort') {
      aborts
        .get(request.target)
        ?.abort(new BucketedSessionError('ABORTED', request.reason ?? 'The run was aborted by its caller.'));
      return;
    }
    if (request.op === 'run' || request.op === 'runMany') aborts.set(request.id, new AbortController());
    queue = queue.then(() => handle(request)).finally(() => aborts.delete(request.id));
  });
  port.start?.();
}
