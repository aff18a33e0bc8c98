// Worker thread: reads the parts of a large export the main thread hands it, one at a time (decode, read
// messages, aggregate), and posts each part's snapshot; the main thread merges the parts in input order.
import { parentPort, workerData } from 'node:worker_threads';
import { warmUp } from '../core/warmUp.js';
import type { PartReply, PartRequest, PartWorkerData } from './partProtocol.js';
import { readPart } from './readPart.js';

const post = (m: PartReply) => parentPort?.postMessage(m);

// a rehearsal on a small made-up export first (the first part waits in the queue): each hot function is
// then compiled once (see warmUp); not when the launcher tuned V8 for the read (see v8FlagsForParts)
const data = workerData as PartWorkerData;
if (!data.strings && !data.tuned) warmUp();

parentPort?.on('message', ({ index, job }: PartRequest) => {
  readPart(job, (bytes, events) => post({ type: 'progress', index, bytes, events })).then(
    (done) => post({ ...done, index }),
    (err: unknown) =>
      post({ type: 'error', index, message: err instanceof Error ? err.message : String(err) }),
  );
});
