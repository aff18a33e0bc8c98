/**
 * Writes events as the JSON that `aws logs filter-log-events` prints (CLI-merged pages: one document, no
 * `nextToken`, 4-space indentation), streamed with backpressure and gzip-compressed when the path ends in
 * `.gz`, so that `netsleuth fetch` saves exports any tool (netsleuth included) reads like the CLI's.
 */
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { NetsleuthError } from '../core/errors.js';
import type { LogEvent } from '../core/events.js';

/** Text gathered before it is handed to the stream. */
const CHUNK_CHARS = 64 * 1024;

const INDENT_EVENT = ' '.repeat(8);
const INDENT_FIELD = ' '.repeat(12);

/** One event as the aws CLI prints it inside `events` (keys in the service's order). */
function eventJson(event: LogEvent): string {
  const fields: string[] = [];
  if (event.stream !== undefined) fields.push(`"logStreamName": ${JSON.stringify(event.stream)}`);
  if (Number.isFinite(event.timestamp)) fields.push(`"timestamp": ${event.timestamp}`);
  fields.push(`"message": ${JSON.stringify(event.message)}`);
  return `${INDENT_EVENT}{\n` + fields.map((f) => INDENT_FIELD + f).join(',\n') + `\n${INDENT_EVENT}}`;
}

/** The document's text, in chunks of about CHUNK_CHARS, pulled as the destination asks for more. */
async function* documentText(
  events: AsyncIterable<LogEvent>,
  counts: { events: number; bytes: number },
): AsyncGenerator<string> {
  let buffer = '{\n    "events": [';
  for await (const event of events) {
    buffer += (counts.events === 0 ? '\n' : ',\n') + eventJson(event);
    counts.events++;
    if (buffer.length >= CHUNK_CHARS) {
      counts.bytes += Buffer.byteLength(buffer);
      yield buffer;
      buffer = '';
    }
  }
  buffer += counts.events === 0 ? '],\n' : '\n    ],\n';
  buffer += '    "searchedLogStreams": []\n}\n';
  counts.bytes += Buffer.byteLength(buffer);
  yield buffer;
}

/**
 * Streams `events` to `outPath` (`-` for standard output) in the shape `aws logs filter-log-events`
 * prints, gzip-compressed when `outPath` ends with `.gz`. Events are never all held in memory. A file is
 * written under a temporary name and renamed when complete, so a failed read leaves no partial export.
 * Returns the number of events and the bytes written (compressed bytes for `.gz`).
 */
export async function writeFilterLogEventsExport(
  events: AsyncIterable<LogEvent>,
  outPath: string,
): Promise<{ events: number; bytes: number }> {
  const counts = { events: 0, bytes: 0 };
  const gzip = outPath !== '-' && outPath.toLowerCase().endsWith('.gz');
  const source = Readable.from(documentText(events, counts), { objectMode: false });

  if (outPath === '-') {
    await pipeline(source, process.stdout as Writable, { end: false });
    return { events: counts.events, bytes: counts.bytes };
  }

  const temp = `${outPath}.partial-${process.pid}`;
  const file = createWriteStream(temp);
  try {
    if (gzip) await pipeline(source, createGzip(), file);
    else await pipeline(source, file);
    await rename(temp, outPath);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    const e = err as NodeJS.ErrnoException;
    // errors of the events themselves (a failed live read) pass through; file system errors are worded
    if (err instanceof NetsleuthError || e.syscall === undefined) throw err;
    const why =
      e.code === 'ENOENT'
        ? 'no such directory'
        : e.code === 'EACCES'
          ? 'permission denied'
          : e.code === 'ENOSPC'
            ? 'no space left on the device'
            : `${e.code ? `${e.code}: ` : ''}${e.message}`;
    throw new NetsleuthError('OUTPUT_UNWRITABLE', `cannot write ${outPath}: ${why}`);
  }
  return { events: counts.events, bytes: file.bytesWritten };
}
