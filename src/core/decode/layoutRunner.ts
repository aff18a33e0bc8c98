/**
 * The WebAssembly side of the JSON events decoder's layout runs (the C source and why: wasm/layoutRun.c).
 * One instance per thread, shared by the decoders of that thread: a decoder loads its buffer and its layout
 * before each run and reads the records before anything else can run, so they never see each other's.
 *
 * Where WebAssembly or its SIMD instructions are missing, `layoutRunner()` returns undefined and the
 * decoder reads every event in JavaScript, with the same results.
 */
import { latin1Text } from './rawText.js';
import { LAYOUT_RUN_WASM } from './wasm/layoutRunWasm.js';

export const ROLE_OTHER = 0;
export const ROLE_STREAM = 1;
export const ROLE_MESSAGE = 2;
export const ROLE_TIMESTAMP = 3;

/** Why a run ended (see run in layoutRun.c). */
export const RUN_MISS = 1;
export const RUN_DEFER = 2;
export const RUN_END = 3;

export const RECORD_INTS = 12;
/** Per record: a REPORT line's five metrics, then the stamp of its request id's slot (see requestIdOf). */
export const RECORD_METRICS = 6;

/** What the first read of a message (lambdaLine.c) found: record[7]. LINE_UNKNOWN: read it yourself. */
export const LINE_UNKNOWN = 0;
export const LINE_START = 1;
export const LINE_END = 2;
export const LINE_REPORT = 3;
export const LINE_INIT = 4;
export const LINE_TIMEOUT = 5;
export const LINE_APP = 6;
export const LINE_OTHER = 7;
/**
 * A stretch of quiet Lambda lines (see setSkip): record[8] lines, the first and last of their times in
 * `times` and `metrics` (the record's first metric), its end in record[5]; no stream, no message.
 */
export const LINE_SKIP = 8;
/** A stretch of quiet ECS lines (see markStream), recorded as LINE_SKIP is. */
export const LINE_SKIP_ECS = 9;
/** record[11] */
export const FLAG_MAY_MATTER = 1;
export const FLAG_TIMED_OUT = 2;
/** The event's stream is marked as an ECS container's (see markStream). */
export const FLAG_STREAM_MARKED = 4;
const MAX_VALUES = 12;
/** The longest stream name the runs mark (layoutRun.c). */
const STREAM_MAX = 128;
const streamNameBytes = new TextEncoder();
const MAX_SEP_BYTES = 4096;

/** A layout as the runner takes it: separators, and each value's role, type and cap. */
export interface RunLayout {
  seps: Uint8Array[];
  roles: Int32Array;
  strings: Uint8Array;
  /** 1 when the value's length is capped at the decoder's maximum (every key but unknown ones). */
  capped: Uint8Array;
}

/** The invocation tracker's part of the module (wasm/tracker.c; used by lambda/wasmTracker.ts). */
export interface TrackerExports {
  memory: WebAssembly.Memory;
  trackerNew(continuation: number): number;
  trackerFree(tracker: number): void;
  memoryGrew(): number;
  keyScratch(): number;
  keyScratchBytes(): number;
  walkOut(): number;
  trackLine(
    tracker: number,
    kind: number,
    idLength: number,
    streamLength: number,
    failed: number,
    hasReport: number,
    billedMs: number,
    memoryMB: number,
    reportTimedOut: number,
  ): number;
  trackRecord(
    tracker: number,
    index: number,
    useId: number,
    kind: number,
    streamLength: number,
    failed: number,
    reportTimedOut: number,
  ): number;
  trackerIsOpen(tracker: number, idLength: number): number;
  trackerAddCounted(tracker: number, invocations: number, failing: number): void;
  trackerEnd(tracker: number): void;
  trackerWalk(tracker: number, which: number, from: number): number;
  keyToWalk(length: number): void;
  mergeStart(tracker: number): void;
  mergePrefix(tracker: number, n: number): void;
  mergeOrphan(tracker: number): void;
  mergeOpen(tracker: number): void;
}

interface Exports extends TrackerExports {
  memory: WebAssembly.Memory;
  sepBytes(): number;
  sepStart(): number;
  sepLen(): number;
  roles(): number;
  isString(): number;
  capped(): number;
  records(): number;
  times(): number;
  metrics(): number;
  trigramBits(): number;
  setClassify(on: number): void;
  setSkip(on: number, windowMs: number, sawLambda: number, tracker: number, budget: number): void;
  budgetSpent(): number;
  clearOpen(): void;
  markStream(start: number, end: number): void;
  nameScratch(): number;
  unsettleStream(length: number): void;
  rememberFrame(start: number, end: number): void;
  status(): number;
  maxRecords(): number;
  input(length: number): number;
  setValueCount(count: number): void;
  run(p: number, n: number, limit: number, maxValueBytes: number): number;
}

export class LayoutRunner {
  private readonly x: Exports;
  /** The records of the last run: RECORD_INTS per event (see layoutRun.c), and their timestamp values. */
  records: Int32Array;
  times: Float64Array;
  /** With classification: a REPORT line's five metrics per record (see lambdaLine.c). */
  metrics: Float64Array;
  readonly maxRecords: number;
  /** Events read by runs so far on this thread (for tests and debugging). */
  eventsRead = 0;
  /** Who loaded what last: a decoder reloads when it is not its buffer or its layout. */
  loadedBy: object | undefined;
  /** Whose Lambda window and streams the module knows (see setSkip): another owner clears them first. */
  skipOwner: object | undefined;
  /** Quiet lines counted instead of recorded so far on this thread (for tests and debugging). */
  quietLines = 0;
  layout: RunLayout | undefined;
  private memoryBuffer: ArrayBuffer;
  private classifying = 0;
  private trigramsFrom: Uint8Array | undefined;
  // the text of the request id each slot of the module's table holds, and the slot's stamp then
  private readonly idTexts: string[] = new Array<string>(256).fill('');
  private readonly idStamps = new Float64Array(256);

  constructor(exports: Exports) {
    this.x = exports;
    this.maxRecords = exports.maxRecords();
    this.memoryBuffer = exports.memory.buffer;
    this.records = new Int32Array(this.memoryBuffer, exports.records(), this.maxRecords * RECORD_INTS);
    this.times = new Float64Array(this.memoryBuffer, exports.times(), this.maxRecords);
    this.metrics = new Float64Array(this.memoryBuffer, exports.metrics(), this.maxRecords * RECORD_METRICS);
  }

  /**
   * Whether runs also read each message (records[6..11]); with it, the prefilter's trigram bits (copied
   * into the module when they are not the ones it has).
   */
  setClassify(trigramBits: Uint8Array | undefined): void {
    const on = trigramBits ? 1 : 0;
    if (trigramBits && trigramBits !== this.trigramsFrom) {
      new Uint8Array(this.x.memory.buffer, this.x.trigramBits(), trigramBits.length).set(trigramBits);
      this.trigramsFrom = trigramBits;
    }
    if (on !== this.classifying) {
      this.x.setClassify(on);
      this.classifying = on;
    }
  }

  /**
   * Whether the next runs count quiet lines instead of recording them (layoutRun.c, set_skip): Lambda
   * platform lines, and app lines that cannot matter, handed to the analyser's invocation tracker in the
   * module (`tracker`, its handle; 0: no Lambda line is quiet), in a window the analyser holds; ECS lines
   * of marked streams (markStream). Needs the classification on. `sawLambda`: the analyser already takes
   * app lines for Lambda's. `budget`: with quiet lines on, the run ends once it has recorded that many
   * ECS lines of streams not marked (budgetSpent then says so).
   */
  setSkip(on: boolean, windowMs: number, sawLambda: boolean, tracker = 0, budget = this.maxRecords): void {
    this.x.setSkip(on ? 1 : 0, windowMs, sawLambda ? 1 : 0, tracker, budget);
  }

  /** Whether the last run ended because it used up its budget of lines of unmarked streams (see setSkip). */
  get budgetSpent(): boolean {
    return this.x.budgetSpent() !== 0;
  }

  /** Forgets the known Lambda window and the marked streams: nothing is counted quiet until they are known again. */
  clearOpen(): void {
    this.x.clearOpen();
  }

  /**
   * The analyser reads the stream of record `index` as an ECS container's, with its task known (and, for
   * a later part of an input, its lines no longer joined to the part before): from the next run on, its
   * plain lines that cannot matter are counted quiet once two in a row were read, and after that once one
   * was, unless a Python traceback may have begun (layoutRun.c).
   */
  markStream(index: number): void {
    const r = index * RECORD_INTS;
    this.x.markStream(this.records[r] as number, this.records[r + 1] as number);
  }

  /**
   * The analyser read a line of `stream` itself (not from a record): the runs count its lines quiet again
   * only after two plain lines in a row.
   */
  unsettleStream(stream: string): void {
    const name = streamNameBytes.encode(stream);
    if (name.length === 0 || name.length > STREAM_MAX) return;
    new Uint8Array(this.x.memory.buffer, this.x.nameScratch(), name.length).set(name);
    this.x.unsettleStream(name.length);
  }

  /**
   * The message of record `index` is a stack frame the analyser found no failure in: the runs take a frame
   * of the same bytes in a marked stream for one that cannot matter (layoutRun.c, rememberFrame).
   */
  rememberFrame(index: number): void {
    const r = index * RECORD_INTS;
    this.x.rememberFrame(this.records[r + 3] as number, this.records[r + 4] as number);
  }

  /**
   * The request id of record `index` as text, or undefined when its line named none. The module's table
   * stamps a slot whenever it takes another id (a count over all slots, exact as a double): a slot's text is
   * made again, from the record's bytes, only when its stamp differs from the one kept with the text.
   */
  requestIdOf(bytes: Uint8Array, index: number): string | undefined {
    const at = this.records[index * RECORD_INTS + 8] as number;
    if (at < 0) return undefined;
    const slot = this.records[index * RECORD_INTS + 9] as number;
    const stamp = this.metrics[index * RECORD_METRICS + 5] as number;
    if (this.idStamps[slot] !== stamp) {
      this.idTexts[slot] = latin1Text(bytes, at, at + 36);
      this.idStamps[slot] = stamp;
    }
    return this.idTexts[slot];
  }

  /** Whether the runner can take this layout (else the decoder reads its events itself). */
  static fits(layout: RunLayout): boolean {
    if (layout.roles.length > MAX_VALUES) return false;
    let bytes = 0;
    for (const sep of layout.seps) bytes += sep.length;
    return bytes <= MAX_SEP_BYTES;
  }

  setLayout(layout: RunLayout): void {
    const x = this.x;
    const mem = new Uint8Array(x.memory.buffer);
    const starts = new Int32Array(x.memory.buffer, x.sepStart(), MAX_VALUES + 1);
    const lengths = new Int32Array(x.memory.buffer, x.sepLen(), MAX_VALUES + 1);
    let at = 0;
    layout.seps.forEach((sep, k) => {
      mem.set(sep, x.sepBytes() + at);
      starts[k] = at;
      lengths[k] = sep.length;
      at += sep.length;
    });
    const count = layout.roles.length;
    new Int32Array(x.memory.buffer, x.roles(), MAX_VALUES).set(layout.roles);
    new Int32Array(x.memory.buffer, x.isString(), MAX_VALUES).set(layout.strings);
    new Int32Array(x.memory.buffer, x.capped(), MAX_VALUES).set(layout.capped);
    x.setValueCount(count);
    this.layout = layout;
  }

  /** The module's invocation tracker functions (one module per thread holds every tracker of the thread). */
  get trackerExports(): TrackerExports {
    return this.x;
  }

  /** Makes the views of the module's memory again when it grew (views of the old buffer are detached). */
  refreshViews(): void {
    if (this.x.memory.buffer === this.memoryBuffer) return;
    this.memoryBuffer = this.x.memory.buffer;
    this.records = new Int32Array(this.memoryBuffer, this.x.records(), this.maxRecords * RECORD_INTS);
    this.times = new Float64Array(this.memoryBuffer, this.x.times(), this.maxRecords);
    this.metrics = new Float64Array(this.memoryBuffer, this.x.metrics(), this.maxRecords * RECORD_METRICS);
  }

  /** Copies `buf` into the runner's memory (false when the memory cannot grow to hold it). */
  load(buf: Uint8Array): boolean {
    const at = this.x.input(buf.length);
    if (at === 0) return false;
    this.refreshViews();
    new Uint8Array(this.memoryBuffer, at, buf.length).set(buf);
    return true;
  }

  /**
   * Reads events from `p` (an event's `{`) of the loaded buffer of length n, none starting at or after
   * `limit`; returns how many were recorded (see `records`, `times`, `status`).
   */
  run(p: number, n: number, limit: number, maxValueBytes: number): number {
    // the module takes 32-bit integers: larger bounds are the same as the largest (no buffer is longer)
    const count = this.x.run(p, n, Math.min(limit, 0x7fffffff), Math.min(maxValueBytes, 0x7fffffff));
    // the tracker may have grown the memory during the run (see tracker.c)
    this.refreshViews();
    this.eventsRead += count;
    return count;
  }

  /** The number of quiet lines record `index` stands for (a LINE_SKIP record). */
  quietCountOf(index: number): number {
    const n = this.records[index * RECORD_INTS + 8] as number;
    this.quietLines += n;
    return n;
  }

  /** The size of the module's memory (it grows with the largest window loaded, and never shrinks). */
  get memoryBytes(): number {
    return this.x.memory.buffer.byteLength;
  }

  get status(): number {
    return this.x.status();
  }
}

let runner: LayoutRunner | null | undefined;

function bytesOfBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** This thread's runner, made on first use; undefined where WebAssembly (with SIMD) cannot run it. */
export function layoutRunner(): LayoutRunner | undefined {
  if (runner === undefined) {
    try {
      const module = new WebAssembly.Module(bytesOfBase64(LAYOUT_RUN_WASM));
      runner = new LayoutRunner(new WebAssembly.Instance(module, {}).exports as unknown as Exports);
    } catch {
      runner = null;
    }
  }
  return runner ?? undefined;
}
