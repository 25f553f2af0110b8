// Entry of the library's Web Worker (dist: worker.js): hosts one BucketedSession for createBucketedWorker.
import { serveBucketedSession } from './worker-host';
import type { PortLike } from './worker-protocol';

// The DOM lib types `self` as a Window, whose postMessage takes (message, targetOrigin); a worker's scope
// takes (message, transfer) like a MessagePort. Both take (message, { transfer }), so the port is built on that.
const port: PortLike = {
  postMessage: (message, transfer = []) => self.postMessage(message, { transfer }),
  addEventListener: (type, listener) => self.addEventListener(type, listener),
};
serveBucketedSession(port);
