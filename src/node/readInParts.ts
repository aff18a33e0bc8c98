import { PART_WORKER_LIMITS } from './partProtocol.js';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Analyzer } from '../core/analyzer.js';
import { throwIfNothingRead } from '../core/decode/decodeInput.js';
import { NetsleuthError } from '../core/errors.js';
import { isGzip, sniffFormat } from '../core/decode/sniff.js';
import { PLATFORM_MARKERS } from '../core/lambda/lambdaLine.js';
import type { InputSummary } from '../core/report.js';
import type { PartDone, PartFailed, PartJob, PartProgress } from './partProtocol.js';

/** Below this size one thread is about as fast as two (starting a worker costs ~30 ms). */
export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;
const PROBE_BYTES = 256 * 1024;
const LAMBDA_PROBE_BYTES = 4 * 1024 * 1024;

/** Threads for an input of `size` bytes: `auto` means two for large files on a machine with two cores or more. */
export function threadsFor(requested: number | 'auto', size: number): number {
  if (requested === 'auto') return size >= PARALLEL_MIN_BYTES && availableParallelism() >= 2 ? 2 : 1;
  return Math.max(1, Math.floor(requested));
}

/**
 * Where the second part of a pretty-printed JSON export can start: the `{` of an event object after `},`
 * and a newline. A raw newline never occurs inside a JSON string, so this byte pattern is structural; the
 * first part still checks, when it gets there, that it is an event boundary of the top-level events array.
 */
async function planSplit(
  path: string,
  size: number,
): Promise<{ split: number; sawLambda: boolean } | undefined> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(LAMBDA_PROBE_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    if (isGzip(head) || sniffFormat(head.subarray(0, 4096), path) !== 'json') return undefined;
    const from = Math.floor(size / 2);
    const probe = Buffer.alloc(Math.min(PROBE_BYTES, size - from));
    const { bytesRead } = await handle.read(probe, 0, probe.length, from);
    const m = /\}[ \t\r]*,[ \t\r]*\n[ \t\r\n]*\{/.exec(probe.toString('latin1', 0, bytesRead));
    if (!m) return undefined;
    const split = from + m.index + m[0].length - 1;
    // Whether the first part shows Lambda platform lines: a guess from its start, checked when it is done.
    const sawLambda = PLATFORM_MARKERS.some((marker) => head.includes(marker));
    return { split, sawLambda };
  } finally {
    await handle.close();
  }
}

function runPart(job: PartJob, onProgress: (p: PartProgress) => void, workers: Worker[]): Promise<PartDone> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./partWorker.js', import.meta.url), {
      workerData: job,
      resourceLimits: PART_WORKER_LIMITS,
    });
    workers.push(worker);
    const fail = (why: string) =>
      reject(
        new NetsleuthError('INPUT_UNREADABLE', `${job.path}: reading from byte ${job.start} failed (${why})`),
      );
    worker.on('message', (m: PartDone | PartFailed | PartProgress) => {
      if (m.type === 'progress') return onProgress(m);
      if (m.type === 'done') resolve(m);
      else fail(m.message);
    });
    worker.once('error', (err) => fail(err.message));
    // a worker that ends without a word (killed, out of memory) must not leave the read waiting forever
    worker.once('exit', (code) => fail(`the worker thread exited with code ${code}`));
  });
}

/**
 * Reads one large plain JSON export in two parts on two worker threads, each decoding and aggregating its
 * half, then merges the parts in input order so the report is the one a single pass gives. Returns
 * undefined, having changed nothing, when the file cannot be split that way; the caller then reads it whole.
 */
export async function readInParts(
  path: string,
  analyzer: Analyzer,
  options: { stream?: string; strings?: boolean; onProgress?: (bytes: number, events: number) => void } = {},
): Promise<InputSummary | undefined> {
  const size = (await stat(path)).size;
  const plan = await planSplit(path, size);
  if (!plan) return undefined;
  const common = {
    path,
    name: path,
    windowMs: analyzer.windowMs,
    redact: analyzer.redactSecrets,
    ...(options.stream ? { stream: options.stream } : {}),
    ...(options.strings ? { strings: true } : {}),
  };
  const progress = [
    { bytes: 0, events: 0 },
    { bytes: 0, events: 0 },
  ];
  const report = (i: number) => (p: PartProgress) => {
    progress[i] = p;
    options.onProgress?.(progress[0]!.bytes + progress[1]!.bytes, progress[0]!.events + progress[1]!.events);
  };
  const workers: Worker[] = [];
  let first: PartDone;
  let second: PartDone;
  try {
    [first, second] = await Promise.all([
      runPart(
        { ...common, start: 0, resume: false, stopAt: plan.split, sawLambda: false },
        report(0),
        workers,
      ),
      runPart({ ...common, start: plan.split, resume: true, sawLambda: plan.sawLambda }, report(1), workers),
    ]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const parts = first.reachedSplit ? [first, second] : [first]; // else the first part read it all
  if (first.reachedSplit && first.sawLambdaAtEnd !== plan.sawLambda) return undefined;
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
      `netsleuth: debug: ${path}: read in ${parts.length} part(s), split planned at byte ${plan.split}\n`,
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
