// One part of a large JSON export, read by whichever thread takes it (a part worker, or the main thread in
// between its other work): decode, read the messages, aggregate, and return the analyser's snapshot.
import { closeSync, openSync, readSync } from 'node:fs';
import { Analyzer } from '../core/analyzer.js';
import { JsonEventsDecoder } from '../core/decode/jsonEventsDecoder.js';
import { drainPayloads } from '../core/decode/subscriptionPayload.js';
import { partResult, type PartDone, type PartJob } from './partProtocol.js';

const READ_CHUNK = 1 << 20;
/**
 * The read buffer of the last part this thread finished, for its next: a new one per part is fresh
 * memory per part (the allocator returns a freed megabyte to the system), a page fault for each of its
 * 256 pages, ~5 µs each on a virtual machine.
 */
let spareBuffer: Buffer | undefined;
/** Chunks read between two turns of the event loop (a few milliseconds of work). */
const YIELD_CHUNKS = 4;

export async function readPart(
  job: PartJob,
  onProgress?: (bytes: number, events: number) => void,
): Promise<PartDone> {
  const analyzer = new Analyzer({ windowMs: job.windowMs, continuation: true, redact: job.redact });
  const input = analyzer.openInput(job.name);
  input.sawLambda = job.sawLambda;
  const decoder = new JsonEventsDecoder({
    onEvent: (event) => analyzer.addEvent(input, event),
    ...(job.strings ? {} : { onRawEvent: analyzer.rawEvents(input) }),
    ...(job.resume ? { resumeAt: job.start } : {}),
    ...(job.stopAt !== undefined ? { stopAt: job.stopAt } : {}),
    ...(job.stream !== undefined ? { defaultStream: job.stream } : {}),
  });
  // One buffer, read into synchronously: the copy from the page cache is this thread's work either way,
  // and a thread that waits for the thread pool's read waits for a core the two readers keep busy (on
  // two cores, reads in the pool cost each thread 40-110 ms of waiting on a 500 MiB export). The decoder
  // keeps nothing of a chunk past its push: flat memory, no garbage.
  const fd = openSync(job.path, 'r');
  // a part read while another is (the main thread interleaves its work) takes a buffer of its own
  const buffer = spareBuffer ?? Buffer.allocUnsafe(READ_CHUNK);
  spareBuffer = undefined;
  let read = 0;
  let lastPost = 0;
  let chunks = 0;
  try {
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, READ_CHUNK, job.start + read);
      if (bytesRead === 0) break;
      read += bytesRead;
      const now = Date.now();
      if (onProgress && now - lastPost >= 100) {
        lastPost = now;
        onProgress(read, analyzer.events);
      }
      decoder.push(buffer.subarray(0, bytesRead));
      if (decoder.payloads.length > 0) await drainPayloads(decoder);
      if (decoder.reachedSplit || decoder.stoppedAt) break;
      // the main thread takes the worker's finished parts and progress from its event loop: let it run
      // now and then (parts themselves come from the shared index, see PartRequest)
      if (++chunks % YIELD_CHUNKS === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    closeSync(fd);
    spareBuffer = buffer;
  }
  decoder.end();
  if (decoder.payloads.length > 0) await drainPayloads(decoder);
  return { type: 'done', ...partResult(analyzer, input, decoder) };
}
