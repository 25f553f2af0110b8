import type { FromWorker, ToWorker } from '../src/protocol/messages';
import { createEngine, installWorkerGuards } from './engine/engine';
import { createHandler } from './handler';

// The worker entry point: the page's WorkerClient is the only thing that talks to it.
// The project compiles against the DOM lib, where `self` is a Window; the two worker-scope members used
// here are typed locally, in forms that a Window and a dedicated worker's scope both have, so no cast.
interface WorkerScope {
  postMessage(message: unknown, options: { transfer: Transferable[] }): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope: WorkerScope = self;
let testHooks = false;

const post = (message: FromWorker, transfer: Transferable[] = []) => scope.postMessage(message, { transfer });
const network = installWorkerGuards();
const engine = createEngine({
  network,
  allowTestHooks: () => testHooks,
  // Throwing outside any promise chain is what a real crash looks like to the page (an `error` event).
  crash: () =>
    setTimeout(() => {
      throw new Error('Simulated worker crash (test hook)');
    }, 0),
});
const handle = createHandler(engine, post);

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.kind === 'request' && message.type === 'init') {
    testHooks = message.params.testHooks === true;
  }
  handle(message);
};
post({ kind: 'ready' });
