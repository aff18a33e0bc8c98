// One part of a large JSON export, read by whichever thread takes it (a part worker, or the main thread in
// between its other work): decode, read the messages, aggregate, and return the analyser's snapshot.
import { open } from 'node:fs/promises';
import { Analyzer } from '../core/analyzer.js';
import { JsonEventsDecoder } from '../core/decode/jsonEventsDecoder.js';
import { drainPayloads } from '../core/decode/subscriptionPayload.js';
import { partResult, type PartDone, type PartJob } from './partProtocol.js';

const READ_CHUNK = 1 << 20;

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
      if (onProgress && now - lastPost >= 100) {
        lastPost = now;
        onProgress(read, analyzer.events);
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
