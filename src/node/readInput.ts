import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { decodeInput } from '../core/decode/decodeInput.js';
import { isGzip } from '../core/decode/sniff.js';
import { NetsleuthError } from '../core/errors.js';
import type { DecodeWarning, InputFormat, LogEvent } from '../core/events.js';
import type { InputSummary } from '../core/report.js';
import type { RawEventHandler } from '../core/decode/jsonEventsDecoder.js';
import { readDirectory } from './readDirectory.js';

const READ_CHUNK = 1 << 20;

/** Opens a path (or `-` for standard input) as a byte stream, with a clear error for what cannot be read. */
async function openSource(path: string): Promise<Readable> {
  if (path === '-') return process.stdin;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new NetsleuthError(
        'INPUT_UNREADABLE',
        `${path}: is a directory; give the export files themselves`,
      );
    }
  } catch (err) {
    if (err instanceof NetsleuthError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : `cannot read it (${code ?? 'error'})`;
    throw new NetsleuthError('INPUT_UNREADABLE', `${path}: ${why}`);
  }
  return createReadStream(path, { highWaterMark: READ_CHUNK });
}

/**
 * Yields the decompressed bytes of a source: the first chunk tells whether it is gzip. A gzip stream that
 * ends early or is corrupt stops the input with a warning; what was decompressed before stands.
 */
async function* bytesOf(
  source: Readable,
  name: string,
  info: { gzip: boolean; warnings: DecodeWarning[]; onRead?: ((bytes: number) => void) | undefined },
) {
  const raw = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  // every chunk read from the source (compressed, for gzip) moves the progress bar
  const iterator: AsyncIterator<Buffer> = {
    next: async () => {
      const r = await raw.next();
      if (!r.done) info.onRead?.(r.value.length);
      return r;
    },
  };
  const first = await iterator.next();
  if (first.done) return;
  const head = first.value;
  if (!isGzip(head)) {
    yield head as Uint8Array;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value as Uint8Array;
    }
  }
  info.gzip = true;
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  let compressedBytes = 0;
  let decompressed = 0;
  const feed = (async () => {
    let chunk: Buffer | undefined = head;
    while (chunk) {
      compressedBytes += chunk.length;
      if (gunzip.destroyed) return; // the gzip data was bad: the reader below says so
      if (!gunzip.write(chunk)) {
        // wait for room, unless gunzip fails meanwhile (a corrupt file never drains)
        await new Promise<void>((resolve) => {
          const done = () => {
            gunzip.off('drain', done).off('close', done);
            resolve();
          };
          gunzip.once('drain', done).once('close', done);
        });
      }
      const next = await iterator.next();
      chunk = next.done ? undefined : next.value;
    }
    if (!gunzip.destroyed) gunzip.end();
  })();
  feed.catch((err: unknown) => gunzip.destroy(err as Error));
  try {
    for await (const out of gunzip) {
      decompressed += (out as Uint8Array).length;
      yield out as Uint8Array;
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const what =
      code === 'Z_BUF_ERROR'
        ? 'the gzip stream ends early'
        : `the gzip data is corrupt (${(err as Error).message})`;
    info.warnings.push({
      message: `${what} after ${compressedBytes} compressed bytes: the events before that point were analysed`,
      byte: compressedBytes,
    });
    if (decompressed === 0) {
      throw new NetsleuthError(
        'INPUT_UNREADABLE',
        `${name}: ${what} after ${compressedBytes} compressed bytes`,
      );
    }
  }
  await feed.catch(() => undefined);
}

export interface ReadOptions {
  format: InputFormat;
  onEvent: (event: LogEvent) => void;
  /** JSON events with their message undecoded (see Analyzer.addRaw); onEvent still gets the rest. */
  onRawEvent?: RawEventHandler;
  /** Called with the size of every chunk read from the file (compressed bytes for gzip). */
  onRead?: (bytes: number) => void;
  /** For text: the stream the lines belong to, and whether continuation lines join the event before. */
  stream?: string;
  joinContinuations?: boolean;
}

/** Reads and decodes one input, calling `onEvent` for each event; returns the input's summary. */
export async function readInput(path: string, options: ReadOptions): Promise<InputSummary> {
  if (path !== '-' && (await isDirectory(path))) return readDirectory(path, options);
  return readFile(path, options);
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false; // openSource says why
  }
}

/**
 * get-log-events output names no stream: when the file is named after one (it holds an ECS task id, as in
 * `orders-api_f2ad7dba413f45ddb4d92f7853b78469.json`), that name stands in for it.
 */
export function streamFromFileName(path: string): string | undefined {
  if (path === '-') return undefined;
  const name = basename(path).replace(/(\.(json|jsonl|txt|log|gz))+$/i, '');
  return /(?:^|[/_.-])[0-9a-f]{32}$/.test(name) ? name : undefined;
}

/** Reads one file (or stdin). */
export async function readFile(path: string, options: ReadOptions): Promise<InputSummary> {
  const name = path === '-' ? '(stdin)' : path;
  const source = await openSource(path);
  const info = { gzip: false, warnings: [] as DecodeWarning[], onRead: options.onRead };
  const stream = options.stream ?? streamFromFileName(path);
  try {
    const decoded = await decodeInput(bytesOf(source, name, info), {
      name,
      format: options.format,
      onEvent: options.onEvent,
      ...(options.onRawEvent ? { onRawEvent: options.onRawEvent } : {}),
      ...(stream !== undefined ? { stream } : {}),
      ...(options.joinContinuations ? { joinContinuations: true } : {}),
    });
    return {
      name,
      format: decoded.format,
      gzip: info.gzip,
      events: decoded.events,
      bytes: decoded.bytes,
      warnings: [...decoded.decoder.warnings, ...info.warnings],
    };
  } catch (err) {
    if (err instanceof NetsleuthError) {
      if (info.warnings.length > 0 && err.code !== 'INPUT_UNREADABLE') {
        throw new NetsleuthError(err.code, `${err.message} (${info.warnings[0]?.message})`);
      }
      throw err;
    }
    const e = err as NodeJS.ErrnoException;
    throw new NetsleuthError('INPUT_UNREADABLE', `${name}: ${e.code ? `${e.code}: ` : ''}${e.message}`);
  } finally {
    if (source !== process.stdin) source.destroy();
  }
}
