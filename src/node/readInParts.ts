import { closeSync, openSync, readSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Analyzer } from '../core/analyzer.js';
import { throwIfNothingRead } from '../core/decode/decodeInput.js';
import { NetsleuthError } from '../core/errors.js';
import { isGzip, sniffFormat } from '../core/decode/sniff.js';
import { PLATFORM_MARKERS } from '../core/lambda/lambdaLine.js';
import type { InputSummary } from '../core/report.js';
import { warmUp } from '../core/warmUp.js';
import type { PartDone, PartJob, PartReply, PartRequest } from './partProtocol.js';
import {
  launcherGuessedTuned,
  PARALLEL_MIN_BYTES,
  setV8FlagsForParts,
  takePartWorker,
  v8FlagsSet,
} from './partWorkerPool.js';
import { readPart } from './readPart.js';
const PROBE_BYTES = 256 * 1024;
const FIRST_LOOK_BYTES = 16 * 1024;

/** Threads for an input of `size` bytes: `auto` means two for large files on a machine with two cores or more. */
export function threadsFor(requested: number | 'auto', size: number): number {
  if (requested === 'auto') return size >= PARALLEL_MIN_BYTES && availableParallelism() >= 2 ? 2 : 1;
  return Math.max(1, Math.floor(requested));
}

/**
 * Parts of about an eighth of the file, within bounds: the two threads each take the next part when done
 * with one, so they finish together whatever either was slowed by (a late start, the other process on the
 * core), and the merge stays a handful of snapshots.
 */
const MAX_PART_BYTES = 24 * 1024 * 1024;
const MIN_PART_BYTES = 1024 * 1024;
// Where an event object starts in a pretty-printed export: `},` newline `{`. A raw newline never occurs
// inside a JSON string, so this byte pattern is structural; the part before still checks, when it gets
// there, that it is an event boundary of the top-level events array.
const BOUNDARY = /\}[ \t\r]*,[ \t\r]*\n[ \t\r\n]*\{/;

/**
 * Where the parts of a pretty-printed JSON export start (the first at 0), and a guess that the first part
 * shows Lambda platform lines, which the parts after it start from (checked when they are done: a wrong
 * guess reads the file again in one pass). The guess is a platform marker in the file's first 256 KiB or
 * in the first look at any later part's start: where platform lines are, they are all through the file,
 * and a Lambda function that logs more than a part between two invocations is no reason to read megabytes
 * before the first part may start. Nothing but these few looks is read here (~0.6 MiB of a 500 MiB file),
 * into one buffer, synchronously: both threads wait for the plan, and it is a few milliseconds.
 */
function planParts(path: string, size: number): { starts: number[]; sawLambda: boolean } | undefined {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(Math.min(PROBE_BYTES, size));
    const head = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
    if (isGzip(head) || sniffFormat(head.subarray(0, 4096), path) !== 'json') return undefined;
    let sawLambda = holdsPlatformMarker(head);
    const count = Math.max(
      2,
      Math.round(size / Math.min(MAX_PART_BYTES, Math.max(MIN_PART_BYTES, size / 8))),
    );
    const starts = [0];
    for (let k = 1; k < count; k++) {
      const from = Math.max(Math.floor((size * k) / count), (starts[starts.length - 1] as number) + 1);
      if (from >= size) break;
      // most events are far shorter than the first look: the whole probe is read only when needed
      let bytesRead = readSync(fd, buffer, 0, Math.min(FIRST_LOOK_BYTES, size - from), from);
      let m = BOUNDARY.exec(buffer.toString('latin1', 0, bytesRead));
      if (!m && bytesRead === FIRST_LOOK_BYTES && from + bytesRead < size) {
        bytesRead = readSync(fd, buffer, 0, Math.min(buffer.length, size - from), from);
        m = BOUNDARY.exec(buffer.toString('latin1', 0, bytesRead));
      }
      if (!sawLambda) sawLambda = holdsPlatformMarker(buffer.subarray(0, bytesRead));
      if (m) starts.push(from + m.index + m[0].length - 1);
    }
    if (starts.length < 2) return undefined;
    return { starts, sawLambda };
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether `head` holds one of PLATFORM_MARKERS: one search per word the markers share (`RequestId: ` for
 * START, END and REPORT, `INIT_` for the two INIT lines), each place it is found checked for a whole
 * marker: a look at an ECS export is read in four passes instead of seven.
 */
export function holdsPlatformMarker(head: Buffer): boolean {
  for (const [word, markers] of MARKERS_BY_WORD) {
    for (let at = head.indexOf(word); at !== -1; at = head.indexOf(word, at + 1)) {
      for (const { marker, offset } of markers) {
        if (at >= offset && head.toString('latin1', at - offset, at - offset + marker.length) === marker)
          return true;
      }
    }
  }
  return false;
}

/** The markers grouped by a word each contains, with the offset of the word in the marker. */
const MARKERS_BY_WORD: ReadonlyArray<[string, Array<{ marker: string; offset: number }>]> = (() => {
  const groups = new Map<string, Array<{ marker: string; offset: number }>>();
  for (const marker of PLATFORM_MARKERS) {
    const word = marker.includes('RequestId: ')
      ? 'RequestId: '
      : marker.startsWith('INIT_')
        ? 'INIT_'
        : marker;
    const group = groups.get(word) ?? [];
    group.push({ marker, offset: marker.indexOf(word) });
    groups.set(word, group);
  }
  return [...groups];
})();

let warmedUp = false;

/**
 * Reads one large plain JSON export in parts, on this thread and one worker thread: each takes the next
 * part when done with one, decoding and aggregating it on its own; then the parts are merged in input
 * order, so the report is the one a single pass gives. Returns undefined, having changed nothing, when the
 * file cannot be split that way; the caller then reads it whole.
 */
export async function readInParts(
  path: string,
  analyzer: Analyzer,
  options: { stream?: string; strings?: boolean; onProgress?: (bytes: number, events: number) => void } = {},
): Promise<InputSummary | undefined> {
  const size = (await stat(path)).size;
  const plan = planParts(path, size);
  if (!plan) return undefined;
  const { starts } = plan;
  const jobs: PartJob[] = starts.map((start, i) => ({
    path,
    name: path,
    windowMs: analyzer.windowMs,
    redact: analyzer.redactSecrets,
    ...(options.stream ? { stream: options.stream } : {}),
    ...(options.strings ? { strings: true } : {}),
    start,
    resume: i > 0,
    sawLambda: i > 0 && plan.sawLambda,
    ...(i + 1 < starts.length ? { stopAt: starts[i + 1] } : {}),
  }));
  const results: PartDone[] = [];
  const progress = jobs.map(() => ({ bytes: 0, events: 0 }));
  const report = (i: number, bytes: number, events: number) => {
    progress[i] = { bytes, events };
    if (!options.onProgress) return;
    let b = 0;
    let e = 0;
    for (const p of progress) {
      b += p.bytes;
      e += p.events;
    }
    options.onProgress(b, e);
  };
  const finished = (i: number, done: PartDone) => {
    results[i] = done;
    const job = jobs[i] as PartJob;
    report(i, (job.stopAt ?? size) - job.start, done.events);
  };
  const failed = (start: number, why: string) =>
    new NetsleuthError('INPUT_UNREADABLE', `${path}: reading from byte ${start} failed (${why})`);
  // the index of the next part nobody took, shared with the worker (see PartRequest)
  const next = new Int32Array(new SharedArrayBuffer(4));
  const tuned = launcherGuessedTuned(options.strings === true);
  if (tuned) setV8FlagsForParts();
  const { worker, early } = takePartWorker({ strings: options.strings === true, tuned });
  try {
    const onWorker = new Promise<void>((resolve, reject) => {
      let current = -1;
      const fail = (err: NetsleuthError) => {
        // neither thread takes another part
        Atomics.store(next, 0, jobs.length);
        reject(err);
      };
      worker.on('message', (m: PartReply) => {
        if (m.type === 'progress') {
          current = m.index;
          return report(m.index, m.bytes, m.events);
        }
        if (m.type === 'idle') return resolve();
        if (m.type === 'error') return fail(failed(jobs[m.index]?.start ?? 0, m.message));
        finished(m.index, m);
      });
      worker.once('error', (err) => fail(failed(jobs[current]?.start ?? 0, err.message)));
      // a worker that ends without a word (killed, out of memory) must not leave the read waiting forever
      worker.once('exit', (code) =>
        fail(failed(jobs[current]?.start ?? 0, `the worker thread exited with code ${code}`)),
      );
      // the worker starts in a while: this thread takes the first part, the worker most likely the second
      next[0] = 1;
      worker.postMessage({
        type: 'parts',
        jobs,
        next: next.buffer as SharedArrayBuffer,
      } satisfies PartRequest);
    });
    const onThisThread = (async () => {
      if (!options.strings && !tuned && !warmedUp) {
        warmUp();
        warmedUp = true;
      }
      for (let i = 0; i < jobs.length; i = Atomics.add(next, 0, 1)) {
        const job = jobs[i] as PartJob;
        try {
          finished(i, await readPart(job, (bytes, events) => report(i, bytes, events)));
        } catch (err) {
          Atomics.store(next, 0, jobs.length);
          throw failed(job.start, err instanceof Error ? err.message : String(err));
        }
      }
    })();
    await Promise.all([onWorker, onThisThread]);
  } finally {
    await worker.terminate();
  }
  // A part that did not reach its end read on to the end of the file (its start was no event boundary):
  // the parts after it are not needed. Each later part's guess about Lambda lines must have been right.
  const parts: PartDone[] = [];
  for (const part of results) {
    if (parts.length > 0 && (parts[parts.length - 1] as PartDone).sawLambdaAtEnd !== plan.sawLambda)
      return undefined;
    parts.push(part);
    if (!part.reachedSplit) break;
  }
  const first = parts[0] as PartDone;
  const events = parts.reduce((a, p) => a + p.events, 0);
  if (events === 0) {
    throwIfNothingRead(path, {
      stoppedAt: parts.find((p) => p.stoppedAt)?.stoppedAt,
      nonEventObjects: parts.reduce((a, p) => a + p.nonEventObjects, 0),
      topLevelKeys: first.topLevelKeys,
      rowsWithoutMessage: parts.reduce((a, p) => a + p.rowsWithoutMessage, 0),
    });
  }
  for (const part of parts) analyzer.mergeContinuation(part.snapshot);
  if (process.env['NETSLEUTH_DEBUG']) {
    process.stderr.write(
      `netsleuth: debug: ${path}: read in ${parts.length} part(s), of ${starts.length} planned` +
        `${early ? ' (the worker was started early)' : ''}` +
        `${v8FlagsSet() ? ` (V8 flags: ${v8FlagsSet()})` : ''}\n`,
    );
  }
  const shapes = parts.map((p) => p.shape);
  return {
    name: path,
    format: shapes.includes('get-log-events') ? 'get-log-events' : (shapes[0] ?? 'filter-log-events'),
    gzip: false,
    events,
    bytes: size,
    warnings: parts.flatMap((p) => p.warnings),
  };
}
