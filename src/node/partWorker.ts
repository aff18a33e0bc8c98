// Worker thread: reads parts of a large export, taking the next one nobody took when done with one (decode,
// read messages, aggregate), and posts each part's snapshot; the main thread merges the parts in input order.
import { parentPort, workerData } from 'node:worker_threads';
import { warmUp } from '../core/warmUp.js';
import type { PartJob, PartReply, PartRequest, PartWorkerData } from './partProtocol.js';
import { readPart } from './readPart.js';

const post = (m: PartReply) => parentPort?.postMessage(m);

// a rehearsal on a small made-up export first (the parts wait in the queue): each hot function is
// then compiled once (see warmUp); not for a read V8 is tuned for (see v8FlagsForParts)
const data = workerData as PartWorkerData;
if (!data.strings && !data.tuned) warmUp();

parentPort?.on('message', ({ jobs, next }: PartRequest) => {
  void readParts(jobs, new Int32Array(next));
});

async function readParts(jobs: PartJob[], next: Int32Array): Promise<void> {
  for (let index = Atomics.add(next, 0, 1); index < jobs.length; index = Atomics.add(next, 0, 1)) {
    try {
      const done = await readPart(jobs[index] as PartJob, (bytes, events) =>
        post({ type: 'progress', index, bytes, events }),
      );
      post({ ...done, index });
    } catch (err) {
      return post({ type: 'error', index, message: err instanceof Error ? err.message : String(err) });
    }
  }
  post({ type: 'idle' });
}
