import { PART_WORKER_LIMITS } from './partProtocol.js';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { createGunzip, type Gunzip } from 'node:zlib';
import type { Analyzer } from '../core/analyzer.js';
import { throwIfNothingRead } from '../core/decode/decodeInput.js';
import { isGzip } from '../core/decode/sniff.js';
import { PLATFORM_MARKERS } from '../core/lambda/lambdaLine.js';
import type { InputSummary } from '../core/report.js';
import { collectGarbage } from './collectGarbage.js';
import type { SegmentMessage, SegmentReply, SegmentWorkerData } from './partProtocol.js';

/** Compressed size from which two analysing threads beat one (gzip exports compress about 6:1). */
export const GZIP_PARALLEL_MIN_BYTES = 12 * 1024 * 1024;
/** Decompressed bytes per segment: small enough that the threads take turns early, large enough to merge rarely. */
const MAX_SEGMENT_BYTES = 4 * 1024 * 1024;
const MIN_SEGMENT_BYTES = 1024 * 1024;
/**
 * Decompressed bytes a worker may have queued beyond a whole segment before this thread waits (bounds
 * memory). A worker must be able to queue a whole segment: else this thread, held back by the worker of the
 * current segment, cannot decompress on to the next one, and the two workers take turns instead of working
 * side by side (with 24 MiB segments and 8 MiB queues, a gzipped export took as long as one thread).
 */
const QUEUE_MARGIN_BYTES = 2 * 1024 * 1024;
// Where a next event object starts in a pretty-printed export: `},` newline `{` (see readInParts).
/** Bytes of a chunk first searched for an event boundary once a segment is long enough. */
const BOUNDARY_WINDOW = 64 * 1024;
const BOUNDARY = /\}[ \t\r]*,[ \t\r]*\n[ \t\r\n]*\{/;

/**
 * This thread allocates almost nothing but buffers, so V8 collects them only when they pass its
 * external-memory threshold: 40–65 MiB of spent buffers stayed resident. zlib's full 1 MiB output buffers are
 * transferred to the workers whole (see ownsItsMemory) and the compressed input is read into two buffers in
 * turn (see feedCompressed); what stays here is the pieces that had to be copied. A full collection of this
 * small heap (7 MiB live, 10–18 ms each) every SWEEP_BYTES of that garbage keeps a 500 MiB export under
 * 200 MiB in all (Lambda: 175–183 MB). Measured on that export: when every output chunk was copied and
 * counted, 63 collections took 0.8 s of this thread (taken from the two analysing threads on a two-core
 * machine); now 17 take 0.27 s.
 */
const SWEEP_BYTES = 4 * 1024 * 1024;

type Done = Extract<SegmentReply, { type: 'segmentDone' }>;

class SegmentWorker {
  readonly worker: Worker;
  private inFlight = 0;
  private waiting: (() => void) | undefined;
  private readonly done = new Map<number, (d: Done) => void>();
  failure: string | undefined;

  constructor(
    data: SegmentWorkerData,
    private readonly maxInFlight: number,
    onFailure: () => void,
  ) {
    this.worker = new Worker(new URL('./gzipPartWorker.js', import.meta.url), {
      workerData: data,
      resourceLimits: PART_WORKER_LIMITS,
    });
    this.worker.on('message', (m: SegmentReply) => {
      if (m.type === 'ack') {
        this.inFlight -= m.bytes;
        if (this.inFlight <= this.maxInFlight && this.waiting) {
          const w = this.waiting;
          this.waiting = undefined;
          w();
        }
      } else if (m.type === 'segmentDone') this.done.get(m.index)?.(m);
      else this.fail(m.message, onFailure);
    });
    this.worker.once('error', (err) => this.fail(err.message, onFailure));
    this.worker.once('exit', (code) => this.fail(`the worker thread exited with code ${code}`, onFailure));
  }

  private fail(why: string, onFailure: () => void): void {
    this.failure ??= why;
    this.waiting?.();
    for (const resolve of this.done.values()) resolve({ type: 'segmentDone', index: -1 } as Done);
    onFailure();
  }

  send(m: SegmentMessage): void {
    if (m.type === 'chunk') {
      this.inFlight += m.bytes.length;
      this.worker.postMessage(m, [m.bytes.buffer as ArrayBuffer]);
    } else this.worker.postMessage(m);
  }

  /** Bytes sent to the worker that it has not read yet. */
  get backlog(): number {
    return this.inFlight;
  }

  /** Resolves when the worker has room for more bytes. */
  room(): Promise<void> {
    if (this.inFlight <= this.maxInFlight || this.failure) return Promise.resolve();
    return new Promise((resolve) => (this.waiting = resolve));
  }

  result(index: number): Promise<Done> {
    return new Promise((resolve) => this.done.set(index, resolve));
  }
}

/** Compressed bytes per read (4 MiB reads left fewer partly filled outputs to copy, but peaked 6–10 MB higher). */
const READ_BYTES = 1024 * 1024;

/**
 * Feeds the compressed file to gunzip through two read buffers in turn: one is refilled while zlib
 * inflates the other, and only once zlib is done with it (the write's callback). A read stream allocates a
 * new buffer per read instead (75 MiB for a 500 MiB export), all of it garbage for this thread to sweep.
 * Ends gunzip at the end of the file; an open or read error destroys it with that error (the reader sees
 * it); stops when gunzip is destroyed (the reader gave up). Never rejects.
 */
export async function feedCompressed(
  path: string,
  gunzip: Gunzip,
  onRead: (bytes: number) => void,
): Promise<void> {
  const closed = new Promise<void>((resolve) => gunzip.once('close', resolve));
  let file: FileHandle | undefined;
  try {
    // (an open that fails must reach the reader too: a rejection here would go unheard, the read hang)
    file = await open(path, 'r');
    const buffers = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)];
    let position = 0;
    let inflated: Promise<unknown> = Promise.resolve();
    for (let which = 0; ; which ^= 1) {
      // this buffer's last write was waited for before the other buffer's write began
      const buffer = buffers[which] as Buffer;
      const { bytesRead } = await file.read(buffer, 0, READ_BYTES, position);
      await Promise.race([inflated, closed]);
      if (gunzip.destroyed) return;
      if (bytesRead === 0) break;
      position += bytesRead;
      onRead(bytesRead);
      inflated = new Promise<void>((resolve, reject) =>
        gunzip.write(buffer.subarray(0, bytesRead), (err) => (err ? reject(err) : resolve())),
      );
    }
    gunzip.end();
  } catch (err) {
    gunzip.destroy(err as Error);
  } finally {
    await file?.close();
  }
}

/**
 * Whether a chunk is all of its memory: a full zlib output buffer (zlib goes on in a new one, and a stream
 * never writes again into memory it has pushed). Such a chunk is this thread's to give away; any other
 * (zlib's last output for an input chunk shares its buffer with the next) must be copied to be sent.
 */
function ownsItsMemory(chunk: Buffer): boolean {
  return chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength && chunk.byteLength > 0;
}

/** A piece of a chunk as the bytes to transfer: a view of the chunk's own memory, or a copy. */
function bytesOf(piece: Buffer, owned: boolean): Uint8Array {
  return owned ? new Uint8Array(piece.buffer, piece.byteOffset, piece.byteLength) : new Uint8Array(piece);
}

/**
 * Reads one large gzipped JSON export with three threads at work: this one decompresses and cuts the stream
 * into segments at event boundaries, two workers analyse them side by side, and the segments' aggregates
 * are merged in input order, so the report is the one a single pass gives. Returns undefined, having changed
 * nothing, when the stream cannot be read that way (not a pretty-printed events export, a cut that was not a
 * boundary, a damaged gzip stream); the caller then reads the input as usual.
 */
export async function readGzipInParts(
  path: string,
  analyzer: Analyzer,
  options: { stream?: string; strings?: boolean; onProgress?: (bytes: number, events: number) => void } = {},
): Promise<InputSummary | undefined> {
  const size = (await stat(path)).size;
  // about eight segments (exports compress about 6:1), within bounds
  const SEGMENT_BYTES = Math.max(MIN_SEGMENT_BYTES, Math.min(MAX_SEGMENT_BYTES, Math.floor((size * 6) / 8)));
  const handle = await open(path, 'r');
  try {
    const magic = Buffer.alloc(2);
    await handle.read(magic, 0, 2, 0);
    if (!isGzip(magic)) return undefined;
  } finally {
    await handle.close();
  }
  const data: SegmentWorkerData = {
    name: path,
    windowMs: analyzer.windowMs,
    redact: analyzer.redactSecrets,
    ...(options.stream ? { stream: options.stream } : {}),
    ...(options.strings ? { strings: true } : {}),
  };
  let broken = false;
  const workers = [
    new SegmentWorker(data, SEGMENT_BYTES + QUEUE_MARGIN_BYTES, () => (broken = true)),
    new SegmentWorker(data, SEGMENT_BYTES + QUEUE_MARGIN_BYTES, () => (broken = true)),
  ];
  const results: Promise<Done>[] = [];
  let total = 0;
  let compressed = 0;
  try {
    let sinceSweep = 0;
    const spent = (bytes: number) => {
      sinceSweep += bytes;
      if (sinceSweep >= SWEEP_BYTES) {
        sinceSweep = 0;
        collectGarbage();
      }
    };
    const gunzip = createGunzip({ chunkSize: 1 << 20 });
    void feedCompressed(path, gunzip, (bytes) => (compressed += bytes));
    let index = -1;
    let segmentStart = 0;
    let head: Buffer | undefined;
    let sawLambda = false;
    let owner = workers[0] as SegmentWorker;
    const guesses: boolean[] = [];
    const begin = (start: number) => {
      index++;
      guesses.push(sawLambda);
      // the worker with less left to read (the other's core may be slower: another process on it), else in turn
      const [a, b] = workers as [SegmentWorker, SegmentWorker];
      owner = a.backlog < b.backlog ? a : b.backlog < a.backlog ? b : (workers[index % 2] as SegmentWorker);
      segmentStart = start;
      owner.send({ type: 'segment', index, start, resume: index > 0, sawLambda });
      results.push(owner.result(index));
    };
    begin(0);
    for await (const raw of gunzip) {
      if (broken) break;
      let chunk = raw as Buffer;
      // chunk's memory is this thread's alone: sent, it is transferred, not copied
      let owned = ownsItsMemory(chunk);
      if (!head) {
        head = chunk.subarray(0, 4096);
        // only the pretty-printed events export the aws CLI writes can be cut by bytes alone
        if (!/^\s*\{\s*"events"\s*:\s*\[/.test(head.toString('latin1', 0, 256))) return undefined;
      }
      // Whether Lambda platform lines came before a segment: a guess from the first segment, checked at the end.
      if (index === 0 && !sawLambda) sawLambda = PLATFORM_MARKERS.some((m) => chunk.includes(m));
      while (chunk.length > 0) {
        const offset = total;
        let cut = -1;
        if (offset + chunk.length - segmentStart >= SEGMENT_BYTES) {
          const from = Math.max(0, segmentStart + SEGMENT_BYTES - offset);
          // an event boundary comes within a few hundred bytes: look in a window before the rest of the chunk
          const window = Math.min(chunk.length, from + BOUNDARY_WINDOW);
          const m =
            BOUNDARY.exec(chunk.toString('latin1', from, window)) ??
            (window < chunk.length ? BOUNDARY.exec(chunk.toString('latin1', from)) : null);
          if (m) cut = from + m.index + m[0].length - 1; // the `{` of the next event
        }
        if (cut < 0) {
          await owner.room();
          if (!owned) spent(chunk.length);
          total += chunk.length;
          owner.send({ type: 'chunk', index, bytes: bytesOf(chunk, owned) }); // chunk reads as empty from here if owned
          chunk = Buffer.alloc(0);
          break;
        }
        // the segment ends at `cut`: its decoder checks, on reaching it, that it is an event boundary
        owner.send({ type: 'stopAt', index, at: offset + cut });
        await owner.room();
        // Both pieces hold the `{` at the cut. The smaller one is copied; an owned chunk's memory goes whole
        // with the larger one (when that is the rest, it is sent later, from the loop).
        const first = chunk.subarray(0, cut + 1);
        let rest = chunk.subarray(cut);
        if (owned && first.length > rest.length) {
          rest = Buffer.from(rest);
          owned = ownsItsMemory(rest); // not when the copy is small enough to come from Node's shared pool
          owner.send({ type: 'chunk', index, bytes: bytesOf(first, true) });
        } else {
          if (!owned) spent(first.length);
          owner.send({ type: 'chunk', index, bytes: bytesOf(first, false) });
        }
        owner.send({ type: 'segmentEnd', index });
        total += cut;
        chunk = rest;
        begin(offset + cut);
      }
      options.onProgress?.(compressed, 0);
    }
    if (broken) return undefined;
    owner.send({ type: 'segmentEnd', index });
    const parts = await Promise.all(results);
    if (broken || parts.some((p) => p.index < 0)) return undefined;
    // every cut must have been an event boundary, and every guess about Lambda lines right
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i] as Done;
      if (!p.reachedSplit || p.sawLambdaAtEnd !== guesses[i + 1]) return undefined;
    }
    const events = parts.reduce((a, p) => a + p.events, 0);
    if (events === 0) {
      throwIfNothingRead(path, {
        stoppedAt: parts.find((p) => p.stoppedAt)?.stoppedAt,
        nonEventObjects: parts.reduce((a, p) => a + p.nonEventObjects, 0),
        topLevelKeys: parts[0]?.topLevelKeys ?? [],
        rowsWithoutMessage: parts.reduce((a, p) => a + p.rowsWithoutMessage, 0),
      });
    }
    for (const part of parts) analyzer.mergeContinuation(part.snapshot);
    if (process.env['NETSLEUTH_DEBUG']) {
      process.stderr.write(
        `netsleuth: debug: ${path}: gzip read in ${parts.length} segment(s) on two threads\n`,
      );
    }
    options.onProgress?.(size, events);
    const shapes = parts.map((p) => p.shape);
    return {
      name: path,
      format: shapes.includes('get-log-events') ? 'get-log-events' : (shapes[0] ?? 'filter-log-events'),
      gzip: true,
      events,
      bytes: total,
      warnings: parts.flatMap((p) => p.warnings),
    };
  } catch {
    return undefined; // a damaged stream: the ordinary reader says what is wrong, and where
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}
