// Worker thread for a gzipped export: the main thread decompresses and hands over segments of the stream,
// each cut at an event boundary; this thread analyses each segment as a part of its own and posts its
// snapshot, which the main thread merges in input order.
import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer, type InputState } from '../core/analyzer.js';
import { JsonEventsDecoder } from '../core/decode/jsonEventsDecoder.js';
import { warmUp } from '../core/warmUp.js';
import { collectGarbage } from './collectGarbage.js';
import {
  partResult,
  type SegmentMessage,
  type SegmentReply,
  type SegmentWorkerData,
} from './partProtocol.js';

const data = workerData as SegmentWorkerData;
// a rehearsal on a small made-up export first (segments queue meanwhile): each hot function is then
// compiled once (see warmUp)
if (!data.strings) warmUp();
const post = (m: SegmentReply) => parentPort?.postMessage(m);
// The chunks come transferred from the main thread and are spent once read. This thread makes few other
// objects (the invocation tracker lives in WebAssembly), so young collections are rare and spent chunks
// would pile up to V8's external-memory threshold (~30 MiB more per worker): a young collection every
// SWEEP_BYTES frees them.
const SWEEP_BYTES = 8 * 1024 * 1024;
let sinceSweep = 0;

let current: { index: number; analyzer: Analyzer; input: InputState; decoder: JsonEventsDecoder } | undefined;

parentPort?.on('message', (m: SegmentMessage) => {
  try {
    switch (m.type) {
      case 'segment': {
        const analyzer = new Analyzer({ windowMs: data.windowMs, continuation: true, redact: data.redact });
        const input = analyzer.openInput(data.name);
        input.sawLambda = m.sawLambda;
        const decoder = new JsonEventsDecoder({
          onEvent: (event) => analyzer.addEvent(input, event),
          ...(data.strings
            ? {}
            : {
                onRawEvent: analyzer.rawEvents(input),
              }),
          ...(m.resume ? { resumeAt: m.start } : {}),
          ...(data.stream !== undefined ? { defaultStream: data.stream } : {}),
        });
        current = { index: m.index, analyzer, input, decoder };
        return;
      }
      case 'stopAt':
        current?.decoder.setStopAt(m.at);
        return;
      case 'chunk':
        if (current && !current.decoder.reachedSplit && !current.decoder.stoppedAt)
          // a Buffer over the transferred bytes: Node's native string slicing, no copy
          current.decoder.push(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.length));
        post({ type: 'ack', bytes: m.bytes.length });
        sinceSweep += m.bytes.length;
        if (sinceSweep >= SWEEP_BYTES) {
          sinceSweep = 0;
          collectGarbage(true);
        }
        return;
      case 'segmentEnd': {
        if (!current) return;
        const { analyzer, input, decoder, index } = current;
        current = undefined;
        decoder.end();
        post({ type: 'segmentDone', index, ...partResult(analyzer, input, decoder) });
        return;
      }
    }
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
