/**
 * The invocation tracker kept in the decoder's WebAssembly module (decode/wasm/tracker.c): the same
 * answers as InvocationTracker, without a string or a map entry per invocation on the JavaScript side. A
 * line the layout run read is tracked from the run's record (its request id and stream name are read from
 * the input's bytes in the module); any other line hands its keys over as bytes (see writeKey).
 */
import type { LayoutRunner, TrackerExports } from '../decode/layoutRunner.js';
import type { Invocation, InvocationTotals, Tracker, TrackerSnapshot } from './invocationTracker.js';
import type { LambdaLine } from './lambdaLine.js';

const KIND: Record<LambdaLine['kind'], number> = {
  start: 1,
  end: 2,
  report: 3,
  init: 4,
  timeout: 5,
  app: 6,
  other: 7,
};

const TOTAL_KEYS: ReadonlyArray<keyof InvocationTotals> = [
  'invocations',
  'failingInvocations',
  'timedOut',
  'failingTimedOut',
  'billedMs',
  'failingBilledMs',
  'failingGbSeconds',
  'unattributedFailures',
];
const EVICTED = 8;
const STREAMS_FORGOTTEN = 9;
const FINISHES = 10;
const FIGURES = 11;

const WALK_OPEN = 0;
const WALK_ORPHANS = 1;
const WALK_PREFIX = 2;

/** The longest key written as its bytes; a longer one is written as a digest made here (see writeKey). */
const KEY_BYTES_MAX = 16_384;

/**
 * Writes a key's bytes at `at`: a string of ASCII characters as its bytes (what the module reads from a
 * record's stream name), any other as 0xff and its UTF-16 code units, a very long one as 0xfe and two
 * 32-bit FNV-1a hashes of its code units. Returns the length.
 */
function writeKey(s: string, out: Uint8Array, at: number): number {
  const n = s.length;
  if (n <= KEY_BYTES_MAX) {
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      out[at + i] = c;
    }
    if (i === n) return n;
    if (1 + 2 * n <= KEY_BYTES_MAX) {
      out[at] = 0xff;
      for (let k = 0; k < n; k++) {
        const c = s.charCodeAt(k);
        out[at + 1 + 2 * k] = c & 0xff;
        out[at + 2 + 2 * k] = c >>> 8;
      }
      return 1 + 2 * n;
    }
  }
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ n;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(k);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  out[at] = 0xfe;
  for (let k = 0; k < 4; k++) {
    out[at + 1 + k] = (h1 >>> (8 * k)) & 0xff;
    out[at + 5 + k] = (h2 >>> (8 * k)) & 0xff;
    out[at + 9 + k] = (n >>> (8 * k)) & 0xff;
  }
  return 13;
}

function keyText(w: Float64Array): string {
  let s = '';
  for (let k = 0; k < 4; k++) s += (w[k] as number).toString(16).padStart(8, '0');
  return s;
}

function readKeyText(s: string, w: Float64Array): void {
  for (let k = 0; k < 4; k++) w[k] = parseInt(s.slice(8 * k, 8 * k + 8), 16);
}

const finalizer = new FinalizationRegistry<{ x: TrackerExports; handle: number }>(({ x, handle }) =>
  x.trackerFree(handle),
);

export class WasmInvocationTracker implements Tracker {
  readonly totals: InvocationTotals;
  /**
   * The record of the last layout run the next onLine's line comes from (its request id, if the line has
   * one, is the record's), or -1: set by the analyser just before the call, cleared by it.
   */
  record = -1;
  private readonly runner: LayoutRunner;
  private readonly x: TrackerExports;
  private at: number;
  private memory: ArrayBuffer;
  private f64: Float64Array;
  private scratch: Uint8Array;
  private walk: Float64Array;
  // after dispose: the figures as they were
  private frozen: Float64Array | undefined;
  private readonly token = {};

  constructor(runner: LayoutRunner, options: { continuation?: boolean } = {}) {
    this.runner = runner;
    this.x = runner.trackerExports;
    // an address past 2 GiB comes back as a negative i32
    this.at = this.x.trackerNew(options.continuation ? 1 : 0) >>> 0;
    this.memory = this.x.memory.buffer;
    this.f64 = new Float64Array(this.memory);
    this.scratch = new Uint8Array(this.memory, this.x.keyScratch(), this.x.keyScratchBytes());
    this.walk = new Float64Array(this.memory, this.x.walkOut(), 9);
    if (this.x.memoryGrew()) runner.refreshViews();
    finalizer.register(this, { x: this.x, handle: this.at }, this.token);
    const totals = {} as InvocationTotals;
    TOTAL_KEYS.forEach((key, k) => {
      Object.defineProperty(totals, key, { enumerable: true, get: () => this.figure(k) });
    });
    this.totals = totals;
  }

  get evicted(): number {
    return this.figure(EVICTED);
  }

  get streamsForgotten(): number {
    return this.figure(STREAMS_FORGOTTEN);
  }

  get finishes(): number {
    return this.figure(FINISHES);
  }

  private figure(k: number): number {
    if (this.frozen) return this.frozen[k] as number;
    if (this.f64.length === 0) this.views();
    return this.f64[this.at / 8 + k] as number;
  }

  /** The views of the module's memory (and the runner's), made again once it grew: the old ones are detached. */
  private views(): void {
    const x = this.x;
    this.memory = x.memory.buffer;
    this.f64 = new Float64Array(this.memory);
    this.scratch = new Uint8Array(this.memory, x.keyScratch(), x.keyScratchBytes());
    this.walk = new Float64Array(this.memory, x.walkOut(), 9);
    this.runner.refreshViews();
  }

  private live(): number {
    if (this.frozen) throw new Error('the invocation tracker was disposed');
    if (this.f64.length === 0) this.views();
    return this.at;
  }

  /** The tracker's address in the module (for the layout runs: see setSkip). */
  get handle(): number {
    return this.live();
  }

  onLine(streamKey: string, line: LambdaLine, failed: boolean): void {
    const h = this.live();
    const x = this.x;
    const kind = KIND[line.kind];
    const record = this.record;
    const report = line.report;
    if (record >= 0) {
      const useId = line.requestId === undefined ? 0 : 1;
      const timedOut = report?.timedOut ? 1 : 0;
      let done = x.trackRecord(h, record, useId, kind, -1, failed ? 1 : 0, timedOut);
      if (done === 0) {
        const n = writeKey(streamKey, this.scratch, 0);
        done = x.trackRecord(h, record, useId, kind, n, failed ? 1 : 0, timedOut);
      }
      if (done === 3) this.views();
      return;
    }
    const id = line.requestId;
    const idLength = id === undefined ? -1 : writeKey(id, this.scratch, 0);
    const streamLength = writeKey(streamKey, this.scratch, Math.max(idLength, 0));
    const grew = x.trackLine(
      h,
      kind,
      idLength,
      streamLength,
      failed ? 1 : 0,
      report ? 1 : 0,
      report ? report.billedMs : 0,
      report ? report.memoryMB : 0,
      report?.timedOut ? 1 : 0,
    );
    if (grew) this.views();
  }

  isOpen(requestId: string): boolean {
    const h = this.live();
    return this.x.trackerIsOpen(h, writeKey(requestId, this.scratch, 0)) !== 0;
  }

  addCounted(invocations: number, failing: number): void {
    this.x.trackerAddCounted(this.live(), invocations, failing);
  }

  end(): void {
    // a disposed tracker was ended before (finish disposes: a second finish reads the same figures)
    if (this.frozen) return;
    this.x.trackerEnd(this.live());
  }

  snapshot(): TrackerSnapshot {
    const h = this.live();
    const x = this.x;
    const w = this.walk;
    const totals = { ...this.totals };
    const entries = (which: number): Map<string, Invocation> => {
      const map = new Map<string, Invocation>();
      for (let i = x.trackerWalk(h, which, -1); i >= 0; i = x.trackerWalk(h, which, i)) {
        map.set(keyText(w), {
          failures: w[4] as number,
          timedOut: w[5] !== 0,
          reported: w[6] !== 0,
          billedMs: w[7] as number,
          memoryMB: w[8] as number,
        });
      }
      return map;
    };
    const prefixFailures = new Map<string, number>();
    for (let i = x.trackerWalk(h, WALK_PREFIX, -1); i >= 0; i = x.trackerWalk(h, WALK_PREFIX, i))
      prefixFailures.set(keyText(w), w[4] as number);
    return {
      totals,
      evicted: this.evicted,
      streamsForgotten: this.streamsForgotten,
      open: entries(WALK_OPEN),
      orphans: entries(WALK_ORPHANS),
      prefixFailures,
      digests: true,
    };
  }

  /** Puts a snapshot's key at walkOut: a digest as it is, a text as the module digests it. */
  private keyIn(key: string, digests: boolean): void {
    if (digests) readKeyText(key, this.walk);
    else this.x.keyToWalk(writeKey(key, this.scratch, 0));
  }

  private invocationIn(inv: Invocation): void {
    const w = this.walk;
    w[4] = inv.failures;
    w[5] = inv.timedOut ? 1 : 0;
    w[6] = inv.reported ? 1 : 0;
    w[7] = inv.billedMs;
    w[8] = inv.memoryMB;
  }

  mergeContinuation(next: TrackerSnapshot): void {
    const h = this.live();
    const x = this.x;
    const digests = next.digests === true;
    x.mergeStart(h);
    for (const [stream, n] of next.prefixFailures) {
      this.keyIn(stream, digests);
      x.mergePrefix(h, n);
    }
    for (const [id, o] of next.orphans) {
      this.keyIn(id, digests);
      this.invocationIn(o);
      x.mergeOrphan(h);
      if (x.memoryGrew()) this.views();
    }
    const base = h / 8;
    TOTAL_KEYS.forEach((key, k) => {
      this.f64[base + k] = (this.f64[base + k] as number) + next.totals[key];
    });
    this.f64[base + EVICTED] = (this.f64[base + EVICTED] as number) + next.evicted;
    this.f64[base + STREAMS_FORGOTTEN] =
      (this.f64[base + STREAMS_FORGOTTEN] as number) + next.streamsForgotten;
    for (const [id, inv] of next.open) {
      this.keyIn(id, digests);
      this.invocationIn(inv);
      x.mergeOpen(h);
      if (x.memoryGrew()) this.views();
    }
  }

  /** Frees the module's memory for this tracker; its figures stay readable. */
  dispose(): void {
    if (this.frozen) return;
    const h = this.live();
    this.frozen = this.f64.slice(h / 8, h / 8 + FIGURES);
    finalizer.unregister(this.token);
    this.x.trackerFree(h);
    this.at = 0;
  }
}
