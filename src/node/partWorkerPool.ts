// The worker thread that reads parts of a large export beside the main thread, started as early as possible.
//
// A worker takes ~80-150 ms to be ready (Node.js sets up its realm, the analyser's modules load, warmUp
// may rehearse), and the CLI takes about as long to load its own modules before it reads anything. Started
// from the launcher, before the CLI loads, the worker gets ready while the main thread does: on a 500 MiB
// export it starts reading 10-25 ms after the main thread instead of ~150 ms. The launcher's guess is only
// a guess: a worker nobody takes is never waited for (unref) and ends with the process.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { PART_WORKER_LIMITS, type PartWorkerData } from './partProtocol.js';

/** Below this size one thread is about as fast as two (starting a worker costs ~30 ms). */
export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;

interface Early {
  worker: Worker;
  data: PartWorkerData;
  /** It failed or ended before anyone took it. */
  gone: boolean;
}

let early: Early | undefined;
/** The data the launcher started a worker for (see guessPartWorker), kept after the worker is taken. */
let guessed: PartWorkerData | undefined;

function newWorker(data: PartWorkerData): Worker {
  return new Worker(new URL('./partWorker.js', import.meta.url), {
    workerData: data,
    resourceLimits: PART_WORKER_LIMITS,
  });
}

/** Starts a part worker now, for `takePartWorker` to hand out later; it does not keep the process alive. */
export function prestartPartWorker(data: PartWorkerData): void {
  if (early) return;
  guessed = data;
  const worker = newWorker(data);
  const entry: Early = { worker, data, gone: false };
  // nobody listens yet: an error must not become an uncaught exception (the taker would start another)
  worker.on('error', () => (entry.gone = true));
  worker.on('exit', () => (entry.gone = true));
  worker.unref();
  early = entry;
}

/**
 * A part worker for `data`: the one started early when it matches and is alive (`early` true), else a new
 * one (a worker started early for other data is ended).
 */
export function takePartWorker(data: PartWorkerData): { worker: Worker; early: boolean } {
  const entry = early;
  early = undefined;
  if (entry && !entry.gone && entry.data.strings === data.strings && entry.data.tuned === data.tuned) {
    entry.worker.removeAllListeners('error').removeAllListeners('exit');
    entry.worker.ref();
    return { worker: entry.worker, early: true };
  }
  if (entry && !entry.gone) void entry.worker.terminate();
  return { worker: newWorker(data), early: false };
}

const PARTS_FLAGS = '--always-sparkplug --interrupt-budget=1000000 --no-regexp-tier-up';

/**
 * V8's flags for a process about to read a large export in parts with the byte-level engine (`strings`
 * false), on the V8 they were measured on (Node.js 20's, 11.x); undefined for any other read or V8. Each of
 * the two threads compiles its own code while both cores read, and most of what runs in JavaScript runs a
 * few thousand times: baseline code at once (`--always-sparkplug`), and optimised code only for what stays
 * hot (an interrupt budget ~15 times V8's default) cost less than optimising everything early, and the
 * warm-up (see warmUp), there to make the early optimisations good ones, is then left out. Measured on the
 * 500 MiB bench exports in alternating pairs of runs: the flags, Lambda 50–75 ms less wall time and
 * 105–155 ms less CPU, ECS the same (14–20 pairs); without the warm-up too, Lambda 25–45 ms and ECS 10–25 ms
 * less again (34 pairs). Each thread compiles the signature table's ~100 regular expressions on its first
 * candidates; V8 compiles a regular expression to bytecode first and again to machine code on its second
 * run, and once to machine code with `--no-regexp-tier-up`: the first classifications of a fresh thread
 * took half the time (21.7 → 10.8 ms for four messages), the CLI on 100 MiB of ECS 20 ms less wall time
 * (lower in 19 of 30 pairs). On a small export the flags cost ~15 ms (baseline compiles of code that runs
 * once), so they are set only for a large read.
 */
export function v8FlagsForParts(strings: boolean, v8Version = process.versions.v8): string | undefined {
  return strings || !v8Version.startsWith('11.') ? undefined : PARTS_FLAGS;
}

let flagsSet: string | undefined;

/**
 * Whether the launcher started a worker for a read with V8's flags set (see guessPartWorker): the reader
 * of a large export in parts then sets them (setV8FlagsForParts) and takes that worker.
 */
export function launcherGuessedTuned(strings: boolean): boolean {
  return guessed?.tuned === true && guessed.strings === strings;
}

/**
 * Sets V8's flags for a tuned read in parts (see v8FlagsForParts), before the code they are for first
 * runs: the main thread sets them once the CLI has loaded, just before it reads its first part and hands
 * the worker the others. Not earlier, in the launcher: V8's flags are the process's, and with them set before the worker
 * starts, V8 compiles Node.js's own start-up code in the worker to baseline code as well; the worker then
 * started reading 60-100 ms after the main thread instead of 10-25 ms (500 MiB exports: wall time 32 ms
 * less for ECS, 10 of 14 alternating pairs, 42 ms less for Lambda, 12 of 14). What the worker compiles
 * while the main thread sets them is compiled either way, with the same results.
 */
export function setV8FlagsForParts(): void {
  if (flagsSet) return;
  setFlagsFromString(PARTS_FLAGS);
  flagsSet = PARTS_FLAGS;
}

/** The flags setV8FlagsForParts set in this process, if any. */
export function v8FlagsSet(): string | undefined {
  return flagsSet;
}

/** Ends a worker started early that nobody took, and forgets the guess (tests; the CLI just exits). */
export async function dropPrestartedWorker(): Promise<void> {
  const entry = early;
  early = undefined;
  guessed = undefined;
  if (entry && !entry.gone) await entry.worker.terminate();
}

const OPTIONS_WITH_VALUES = new Set([
  '-f',
  '--format',
  '-o',
  '--output',
  '--input-format',
  '-w',
  '--window',
  '--fail-on',
  '--threads',
  '--decode',
  '--engine',
  '--config',
  '--source',
  '--function',
  '--flow-logs',
  '--flow-log-format',
  '--log-group',
  '--log-stream-prefix',
  '--since',
  '--start',
  '--end',
  '--region',
  '--profile',
  '--endpoint-url',
]);

/**
 * What the launcher guesses from the command line: `analyze` of a plain (not gzipped) file of at least
 * PARALLEL_MIN_BYTES, with threads left to `auto` or 2, on a machine with two cores or more, is read in
 * parts by a worker thread started with this data (`tuned` when V8's flags are to be set for the read: see
 * v8FlagsForParts). Undefined when that is unlikely. Reads no more than two bytes of a file; never throws.
 */
export function guessPartWorker(
  argv: readonly string[],
  cores = availableParallelism(),
  v8Version = process.versions.v8,
): PartWorkerData | undefined {
  if (argv[0] !== 'analyze' || cores < 2) return undefined;
  let strings = false;
  let large = false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (OPTIONS_WITH_VALUES.has(name)) value = argv[++i];
    if (name === '--threads' && value !== 'auto' && value !== '2') return undefined;
    if (name === '--input-format' && value === 'text') return undefined;
    if (name === '--decode' && value === 'strings') strings = true;
    if (name === '--engine' && value === 'insights') return undefined;
    if (name === '--') continue;
    if (!large && value === undefined && !arg.startsWith('-')) large = isLargePlainFile(arg);
  }
  return large ? { strings, tuned: v8FlagsForParts(strings, v8Version) !== undefined } : undefined;
}

function isLargePlainFile(path: string): boolean {
  try {
    const s = statSync(path);
    if (!s.isFile() || s.size < PARALLEL_MIN_BYTES) return false;
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(2);
      readSync(fd, head, 0, 2, 0);
      return !(head[0] === 0x1f && head[1] === 0x8b);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}
