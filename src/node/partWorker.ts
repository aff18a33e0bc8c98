// Worker thread: analyses one part of a large export (decode, read messages, aggregate) and posts the
// analyser's snapshot; the main thread merges the parts in input order.
import { open } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer } from '../core/analyzer.js';
import { JsonEventsDecoder } from '../core/decode/jsonEventsDecoder.js';
import { drainPayloads } from '../core/decode/subscriptionPayload.js';
import { warmUp } from '../core/warmUp.js';
import { partResult, type PartDone, type PartJob, type PartProgress } from './partProtocol.js';

const READ_CHUNK = 1 << 20;

async function run(job: PartJob): Promise<PartDone> {
  // a rehearsal on a small made-up export first: each hot function is then compiled once (see warmUp)
  if (!job.strings) warmUp();
  const analyzer = new Analyzer({ windowMs: job.windowMs, continuation: true, redact: job.redact });
  const input = analyzer.openInput(job.name);
  input.sawLambda = job.sawLambda;
  const decoder = new JsonEventsDecoder({
    onEvent: (event) => analyzer.addEvent(input, event),
    ...(job.strings
      ? {}
      : {
          onRawEvent: analyzer.rawEvents(input),
        }),
    ...(job.resume ? { resumeAt: job.start } : {}),
    ...(job.stopAt !== undefined ? { stopAt: job.stopAt } : {}),
    ...(job.stream !== undefined ? { defaultStream: job.stream } : {}),
  });
  // Two buffers, refilled in turn: the next chunk is read while the decoder reads this one (it keeps
  // nothing of a chunk past its push: flat memory, no garbage).
  const file = await open(job.path, 'r');
  const buffers = [Buffer.allocUnsafe(READ_CHUNK), Buffer.allocUnsafe(READ_CHUNK)];
  let which = 0;
  let reading = file.read(buffers[0] as Buffer, 0, READ_CHUNK, job.start);
  let read = 0;
  let lastPost = 0;
  try {
    for (;;) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) break;
      const chunk = (buffers[which] as Buffer).subarray(0, bytesRead);
      read += bytesRead;
      which ^= 1;
      reading = file.read(buffers[which] as Buffer, 0, READ_CHUNK, job.start + read);
      const now = Date.now();
      if (now - lastPost >= 100) {
        lastPost = now;
        parentPort?.postMessage({
          type: 'progress',
          bytes: read,
          events: analyzer.events,
        } satisfies PartProgress);
      }
      decoder.push(chunk);
      if (decoder.payloads.length > 0) await drainPayloads(decoder);
      if (decoder.reachedSplit || decoder.stoppedAt) break;
    }
  } finally {
    // a read still under way must end before the file closes
    await reading.catch(() => undefined);
    await file.close();
  }
  decoder.end();
  if (decoder.payloads.length > 0) await drainPayloads(decoder);
  return { type: 'done', ...partResult(analyzer, input, decoder) };
}

run(workerData as PartJob).then(
  (done) => parentPort?.postMessage(done),
  (err: unknown) =>
    parentPort?.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
);
