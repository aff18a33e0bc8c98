// Runs the analysis core in a Web Worker, on files the user chose: every byte stays in the browser.
import { Analyzer } from '../core/analyzer.js';
import { decodeInput } from '../core/decode/decodeInput.js';
import { isGzip } from '../core/decode/sniff.js';
import { NetsleuthError } from '../core/errors.js';
import type { DecodeWarning } from '../core/events.js';
import type { AnalyzeRequest, WorkerMessage } from './protocol.js';

const post = (m: WorkerMessage) =>
  (self as unknown as { postMessage(message: WorkerMessage): void }).postMessage(m);

/** The file's bytes, decompressed when it is gzip; counts the compressed bytes read for the progress bar. */
async function* bytesOf(file: File, progress: (read: number) => void): AsyncGenerator<Uint8Array> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  let read = 0;
  const counted = file.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.length;
        progress(read);
        controller.enqueue(chunk);
      },
    }),
  );
  const stream = isGzip(head)
    ? counted.pipeThrough(
        new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>,
      )
    : counted;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

async function analyze(request: AnalyzeRequest): Promise<void> {
  const analyzer = new Analyzer({ windowMs: request.windowMs });
  const totalBytes = request.files.reduce((a, f) => a + f.size, 0);
  let before = 0;
  let events = 0;
  let lastPost = 0;
  const errors: string[] = [];
  for (const file of request.files) {
    const state = analyzer.openInput(file.name);
    const warnings: DecodeWarning[] = [];
    try {
      const decoded = await decodeInput(
        bytesOf(file, (read) => {
          const now = Date.now();
          if (now - lastPost > 100) {
            lastPost = now;
            post({ type: 'progress', bytes: before + read, totalBytes, events, file: file.name });
          }
        }),
        {
          name: file.name,
          format: 'auto',
          onEvent: (event) => {
            events++;
            analyzer.addEvent(state, event);
          },
        },
      );
      warnings.push(...decoded.decoder.warnings);
      analyzer.closeInput({
        name: file.name,
        format: decoded.format,
        gzip: isGzip(new Uint8Array(await file.slice(0, 2).arrayBuffer())),
        events: decoded.events,
        bytes: decoded.bytes,
        warnings,
      });
    } catch (err) {
      errors.push(err instanceof NetsleuthError ? err.message : `${file.name}: ${(err as Error).message}`);
    }
    before += file.size;
  }
  if (errors.length === request.files.length) {
    post({ type: 'error', message: errors.join(' ') });
    return;
  }
  const report = analyzer.finish();
  for (const message of errors)
    report.inputs.push({
      name: message.split(':')[0] ?? '',
      format: 'unreadable',
      gzip: false,
      events: 0,
      bytes: 0,
      warnings: [{ message }],
    });
  post({ type: 'progress', bytes: totalBytes, totalBytes, events, file: '' });
  post({ type: 'done', report });
}

self.onmessage = (e: MessageEvent<AnalyzeRequest>) => {
  analyze(e.data).catch((err: unknown) => post({ type: 'error', message: (err as Error).message }));
};
