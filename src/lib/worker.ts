/// <reference lib="webworker" />
// Entry of the library's Web Worker (dist: worker.js): hosts one BucketedSession for createBucketedWorker.
import { serveBucketedSession } from './worker-host';

serveBucketedSession(self as unknown as DedicatedWorkerGlobalScope);
