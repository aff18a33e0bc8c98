// Runs the analysis core in a Web Worker, on files the user chose: every byte stays in the browser.
import { Analyzer } from '../core/analyzer.js';
import { decodeInput } from '../core/decode/decodeInput.js';
import { layoutRunner } from '../core/decode/layoutRunner.js';
import { isGzip } from '../core/decode/sniff.js';
import { chunksOf, gunzipStream } from '../core/decode/webStreams.js';
import { NetsleuthError } from '../core/errors.js';
import type { DecodeWarning } from '../core/events.js';
import { attachEcsAttribution } from '../network/flowJoin.js';
import { emptyModel } from '../network/model.js';
import { attachRootCauses } from '../network/rootCauses.js';
import { addDocument } from '../network/buildModel.js';
import { addJsonFile, isSnapshot, looksLikeConfiguration } from '../network/snapshot.js';
import type { AnalyzeRequest, WorkerMessage } from './protocol.js';

const post = (m: WorkerMessage) =>
  (self as unknown as { postMessage(message: WorkerMessage): void }).postMessage(m);

/**
 * The file's bytes, decompressed when it is gzip; counts the compressed bytes read for the progress bar. A
 * gzip stream that breaks off (a truncated download) ends the input with a warning, as in the CLI.
 */
async function* bytesOf(
  file: File,
  gzip: boolean,
  progress: (read: number) => void,
  warnings: DecodeWarning[],
): AsyncGenerator<Uint8Array> {
  let read = 0;
  let produced = 0;
  const counted = file.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.length;
        progress(read);
        controller.enqueue(chunk);
      },
    }),
  );
  const chunks = chunksOf(gzip ? gunzipStream(counted) : counted);
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await chunks.next();
    } catch (err) {
      if (!gzip || produced === 0) throw err;
      warnings.push({
        message: `the gzip stream ends early or is corrupt after ${read} compressed bytes (${(err as Error).message}): the events before that point were analysed`,
        byte: read,
      });
      return;
    }
    if (next.done) return;
    produced += next.value.length;
    yield next.value;
  }
}

const MAX_CONFIG_BYTES = 64 * 1024 * 1024;

/** A dropped file that is a configuration document (by its first key), parsed; undefined for logs. */
async function configDocument(file: File, gzip: boolean): Promise<unknown> {
  if (gzip || file.size > MAX_CONFIG_BYTES) return undefined;
  const head = await file.slice(0, 512).text();
  // Small JSON files are tried whatever their first key (key order varies); large ones must start like one.
  if (!looksLikeConfiguration(head) && (file.size > 1024 * 1024 || !/^\uFEFF?\s*[[{]/.test(head)))
    return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(await file.text()) as unknown;
  } catch {
    return undefined; // not whole JSON: let the log decoders say what is wrong with it
  }
  // A small log export is JSON too: only what the configuration model recognises counts as configuration.
  return addDocument(
    emptyModel(),
    Array.isArray(doc) ? doc[0] : isSnapshot(doc) ? { Vpcs: [] } : doc,
    file.name,
  ).length > 0
    ? doc
    : undefined;
}

async function analyze(request: AnalyzeRequest): Promise<void> {
  const analyzer = new Analyzer({ windowMs: request.windowMs });
  const model = emptyModel();
  const configFiles: string[] = [];
  const totalBytes = request.files.reduce((a, f) => a + f.size, 0);
  let before = 0;
  let events = 0;
  let lastPost = 0;
  const errors: string[] = [];
  const unreadable: Array<{ name: string; message: string }> = [];
  for (const file of request.files) {
    const state = analyzer.openInput(file.name);
    const warnings: DecodeWarning[] = [];
    const gzip = isGzip(new Uint8Array(await file.slice(0, 2).arrayBuffer()));
    const config = await configDocument(file, gzip);
    if (config !== undefined) {
      addJsonFile(model, config, file.name);
      configFiles.push(file.name);
      before += file.size;
      continue;
    }
    try {
      const decoded = await decodeInput(
        bytesOf(
          file,
          gzip,
          (read) => {
            const now = Date.now();
            if (now - lastPost > 100) {
              lastPost = now;
              post({ type: 'progress', bytes: before + read, totalBytes, events, file: file.name });
            }
          },
          warnings,
        ),
        {
          name: file.name,
          format: 'auto',
          onEvent: (event) => {
            events++;
            analyzer.addEvent(state, event);
          },
        },
      );
      analyzer.closeInput({
        name: file.name,
        format: decoded.format,
        gzip,
        events: decoded.events,
        bytes: decoded.bytes,
        warnings: [...decoded.decoder.warnings, ...warnings],
      });
    } catch (err) {
      const message = err instanceof NetsleuthError ? err.message : `${file.name}: ${(err as Error).message}`;
      unreadable.push({ name: file.name, message });
      errors.push(message);
    }
    before += file.size;
  }
  if (configFiles.length === request.files.length) {
    post({
      type: 'error',
      message: 'These are configuration files (aws … describe-* output): drop a log export with them.',
    });
    return;
  }
  if (errors.length === request.files.length - configFiles.length) {
    post({ type: 'error', message: errors.join(' ') });
    return;
  }
  const report = analyzer.finish();
  if (configFiles.length > 0) {
    attachRootCauses(report, model);
    attachEcsAttribution(report, model, analyzer.taskFailureCounts());
    report.configuration = { ...(report.configuration ?? { present: [], warnings: [] }), files: configFiles };
  }
  for (const u of unreadable) {
    report.inputs.push({
      name: u.name,
      format: 'unreadable',
      gzip: false,
      events: 0,
      bytes: 0,
      warnings: [{ message: u.message }],
    });
  }
  post({ type: 'progress', bytes: totalBytes, totalBytes, events, file: '' });
  post({ type: 'done', report, engine: layoutRunner() ? 'webassembly' : 'javascript' });
}

self.onmessage = (e: MessageEvent<AnalyzeRequest>) => {
  analyze(e.data).catch((err: unknown) => post({ type: 'error', message: (err as Error).message }));
};
