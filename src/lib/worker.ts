// Entry of the library's Web Worker (dist: worker.js): hosts one BucketedSession for createBucketedWorker.
import { serveBucketedSession } from './worker-host';
import type { PortLike } from './worker-protocol';

serveBucketedSession(self as unknown as PortLike);
