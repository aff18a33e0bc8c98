import { MAX_WINDOWS, ScopeAggregates } from './aggregate/scopeAggregates.js';
import { MAX_TARGETS } from './aggregate/targetTable.js';
import type { DecodeWarning, LogEvent } from './events.js';
import {
  InvocationTracker,
  MAX_TRACKED_STREAMS,
  type Tracker,
  type TrackerSnapshot,
} from './lambda/invocationTracker.js';
import { WasmInvocationTracker } from './lambda/wasmTracker.js';
import {
  INIT_LINE,
  isLambdaStream,
  maskRuntimeStamp,
  OTHER_LINE,
  parseLambdaLine,
  type LambdaLine,
  type ReportMetrics,
} from './lambda/lambdaLine.js';
import type { PatternContext } from './patterns/context.js';
import { PATTERNS } from './patterns/registry.js';
import { type InputSummary, type Report, SCHEMA_VERSION, severityRank } from './report.js';
import type { RawEventHandler } from './decode/jsonEventsDecoder.js';
import {
  FLAG_MAY_MATTER,
  FLAG_STREAM_MARKED,
  FLAG_TIMED_OUT,
  LINE_APP,
  LINE_END,
  LINE_INIT,
  LINE_OTHER,
  LINE_REPORT,
  LINE_SKIP,
  LINE_SKIP_ECS,
  LINE_START,
  LINE_TIMEOUT,
  LINE_UNKNOWN,
  RECORD_INTS,
  RECORD_METRICS,
  type LayoutRunner,
  layoutRunner,
} from './decode/layoutRunner.js';
import { BytesMemo, hashBytes } from './decode/bytesMemo.js';
import { decodeJsonStringBody } from './decode/jsonString.js';
import { escapesOf, latin1Text, OTHER_ESCAPES } from './decode/rawText.js';
import { appBodyStart, rawLambdaLine } from './lambda/rawLambdaLine.js';
import { isCertificateFailure } from './signatures/certificates.js';
import {
  classifyMessage,
  classifyWithSpan,
  combineCause,
  failureAt,
  type MatchSpan,
  MAY_MATTER_BYTES,
  mayMatter,
  mayMatterBytes,
} from './signatures/matcher.js';
import { type ConnectionFailure, isConnectivity } from './signatures/types.js';
import { isoOrNull, parseTimestamp } from './time.js';
import { VERSION } from './version.js';

export const DEFAULT_WINDOW_MS = 5 * 60_000;
/** Distinct ECS tasks remembered; past it, tasks are still analysed but not counted apart. */
export const MAX_TASKS = 100_000;

export interface AnalyzerOptions {
  /** Mask passwords, tokens and keys in the log text the report quotes (default true). */
  redact?: boolean;
  /** This analyser reads a later part of one input (parallel reads): see InvocationTracker. */
  continuation?: boolean;
  windowMs?: number;
  /**
   * Let the WebAssembly runs count quiet lines (Lambda and ECS lines that can change nothing but the counts)
   * instead of handing each over (default true; false for comparison: the report is the same).
   */
  quietLines?: boolean;
  /**
   * Track Lambda invocations in the decoder's WebAssembly module where it runs (default true; false: the
   * TypeScript tracker, for comparison: the report is the same).
   */
  wasmTracker?: boolean;
}

export interface AggregatedInput {
  platform: 'lambda' | 'ecs';
  /** Events per window (window start, epoch ms) and distinct Lambda request ids in it. */
  windows: Array<{ start: number; events: number; requests: number }>;
  failures: Array<{ start: number; failure: ConnectionFailure; count: number }>;
  /** Distinct request ids among failure events. */
  failingRequests: number;
}

export interface AnalyzerSnapshot {
  events: number;
  minTime: number;
  maxTime: number;
  lambda: ScopeAggregates;
  ecs: ScopeAggregates & {
    tasks: ReadonlySet<string>;
    tasksWithErrors: ReadonlySet<string>;
    failuresByTask: ReadonlyMap<string, number>;
  };
  functionNames: ReadonlySet<string>;
  tasksDropped: number;
  tracker: TrackerSnapshot;
  traces: Map<string, StreamTrace>;
  streamsSeen: Set<string>;
  pendingLines: PendingLine[];
}

/** How a line of an ECS stream relates to the line before it, when each line is its own event. */
export type LineKind = 'frame' | 'pyHeader' | 'pySeparator' | 'other';

/** Where a stream is in a Python traceback: none, in its frames, just after its exception line, between two. */
type Py = 'none' | 'frames' | 'done' | 'between';

/** A failure whose stack trace may still go on in later events of its stream; counted when it ends. */
interface OpenTrace {
  failure: ConnectionFailure;
  ts: number;
  w: number;
  task: string | undefined;
}

interface StreamTrace {
  open?: OpenTrace;
  py: Py;
  /** A certificate failure was counted in this trace (a chained Python traceback repeats it). */
  certificate?: boolean;
}

/** A line of a stream whose earlier lines are in the part before (parallel reads): the merge replays it. */
interface PendingLine {
  key: string;
  ts: number;
  kind: LineKind;
  failure: ConnectionFailure | null;
  w: number;
  task: string | undefined;
  certificate: boolean;
}

/** Per-input state the analyser keeps while that input streams. */
export interface InputState {
  name: string;
  /** Set once a Lambda platform line is seen, so stream-less lines of the input count as Lambda. */
  sawLambda: boolean;
}

/** What the analyser concluded about one event; `classify` prints it. */
export interface ClassifiedEvent {
  platform: 'lambda' | 'ecs';
  line: LambdaLine;
  failure: ConnectionFailure | null;
  /** The failure continues the one just before it in its stream (a split stack trace): not counted again. */
  stitched?: boolean;
}

/**
 * A line that continues the event before it when each line is its own event: stack frames, causes, blank
 * lines, and the second line of exception messages known to span two (MySQL Connector/J's packet note).
 */
export const CONTINUATION =
  /^(?:[ \t]|Caused by: |\.\.\. \d{1,9} more|Suppressed: |$|The last packet (?:sent successfully to|successfully received from) the server was)/;
const PY_SEPARATOR =
  /^(?:During handling of the above exception, another exception occurred|The above exception was the direct cause of the following exception)/;

export function lineKind(message: string): LineKind {
  if (CONTINUATION.test(message)) return 'frame';
  if (message.startsWith('Traceback (most recent call last):')) return 'pyHeader';
  if (PY_SEPARATOR.test(message)) return 'pySeparator';
  return 'other';
}

/** lineKind's patterns look at most this far into a line (the longest is 72 characters). */
const LINE_KIND_CHARS = 96;

/**
 * lineKind of a raw JSON string body bytes[start, end) whose escapes are only \n \t \r \" \\: its start
 * is enough, so only that becomes a string, and only when its first byte can begin a continuation line.
 */
export function rawLineKind(bytes: Uint8Array, start: number, end: number): LineKind {
  if (start === end) return 'frame'; // an empty line
  switch (bytes[start]) {
    case 0x5c: // an escape: a decoded tab is a frame; a newline, quote or backslash is none of the kinds
      return bytes[start + 1] === 0x74 ? 'frame' : 'other';
    case 0x20: // space
    case 0x09: // tab
      return 'frame'; // CONTINUATION's first alternative: no string needed
    case 0x43: // Caused by
    case 0x2e: // ... N more
    case 0x53: // Suppressed
    case 0x54: // The last packet, Traceback, The above exception
    case 0x44: // During handling
      return lineKind(latin1Text(bytes, start, Math.min(end, start + LINE_KIND_CHARS)));
    default:
      return 'other';
  }
}

/** Streams read outside the runs between two runs, past which the runs forget every stream instead. */
const MAX_OUTSIDE_STREAMS = 64;
/**
 * A run ends after this many lines of streams the runs do not know as marked (see setSkip's budget): the
 * analyser marks them as it reads them, and from the next run on their quiet lines are counted, not handed
 * over one by one. A part's first run of 4096 records would hand over every one of them: on the ECS bench
 * export a quarter of the records JavaScript read were such lines, with the budget 1 %. A budget spent with
 * nothing marked (streams that cannot be marked yet) doubles, up to a whole run, so such streams cost no
 * flood of short runs.
 */
const MIN_UNMARKED_BUDGET = 64;

// where Analyzer.place put an event: a Lambda line, an ECS line, an ECS line stitched to the failure before
const PLACED_LAMBDA = 0;
const PLACED_ECS = 1;
const PLACED_STITCHED = 2;

/** How close a continuation line must follow a failure in its stream to be part of it. */
export const STITCH_MS = 5000;
const MAX_PENDING = 10_000;

/** START/END/REPORT/INIT and timeout lines: the platform's own bookkeeping. */
function isPlatformLine(line: LambdaLine): boolean {
  const k = line.kind;
  return k !== 'app' && k !== 'other';
}

/**
 * FireLens (Fluent Bit / Fluentd) ships each container line as a JSON record whose `log` field is the line
 * itself, beside container and task metadata: analyse the line, not the wrapper.
 */
export function unwrapFireLens(message: string): string {
  if (message.charCodeAt(0) !== 0x7b || !message.includes('"log":')) return message;
  if (
    !message.includes('"container_id"') &&
    !message.includes('"ecs_task_arn"') &&
    !message.includes('"source":')
  ) {
    return message;
  }
  try {
    const record = JSON.parse(message) as { log?: unknown };
    return typeof record.log === 'string' ? record.log : message;
  } catch {
    return message;
  }
}

/**
 * The per-message work, pure and independent of every other event, so it can run in parallel: the Lambda
 * line it is, and the connection failure it reports.
 */
export function readMessage(
  raw: string,
  /**
   * The message probably matters (the byte-level engine decodes little else): only the order of the memo
   * lookup and the prefilter depends on it, not the answer.
   */
  likely = false,
): {
  line: LambdaLine;
  failure: ConnectionFailure | null;
  /** A certificate the client refused: not a connection failure, counted apart. */
  certificate: boolean;
} {
  const message = unwrapFireLens(raw);
  const line = parseLambdaLine(message);
  // Platform lines (START/END/REPORT…) are bookkeeping, never failures: REPORT holds "Status: timeout".
  if (isPlatformLine(line)) return { line, failure: null, certificate: false };
  if (line.requestId === undefined) return { line, ...classified(message, likely, true) };
  // a runtime line is read without its time and request id (see classifiedStamped); any other line that
  // names its request id will not come again: not memoised
  const masked = line.kind === 'app' ? maskRuntimeStamp(message) : undefined;
  const { failure, certificate } =
    masked === undefined ? classified(message, likely, false) : classifiedStamped(message, masked, likely);
  return { line, failure, certificate };
}

interface Classified {
  failure: ConnectionFailure | null;
  certificate: boolean;
}
const NOTHING: Classified = { failure: null, certificate: false };
/** Candidates up to this length are remembered: failures and their stack lines repeat word for word. */
const MEMO_MAX_CHARS = 512;
const MEMO_ENTRIES = 2048;
const memo = new Map<string, Classified>();

/**
 * The failure and certificate verdict of a message, remembered for short candidates (the same
 * `Error: connect ECONNREFUSED 10.0.3.42:5432` and its `  code: 'ECONNREFUSED',` line come thousands of
 * times in an incident, and each costs a pass over the signature table). Both verdicts depend on the text
 * alone; the failure objects are never changed after they are made.
 */
function classified(message: string, likely: boolean, remember: boolean): Classified {
  // Most messages fail the regex prefilter: it goes first, unless the byte-level one has just let this
  // message through; then the memo goes first. (classifyNow runs the same prefilters itself, in two parts,
  // and finds nothing where mayMatter is false: a likely message is not given the combined one as well.)
  if (!likely && !mayMatter(message)) return NOTHING;
  const remembered = remember && message.length <= MEMO_MAX_CHARS;
  let known = remembered ? memo.get(message) : undefined;
  if (known === undefined) {
    known = classifyNow(message);
    if (remembered) {
      if (memo.size >= MEMO_ENTRIES) memo.clear();
      memo.set(message, known);
    }
  }
  return known;
}

/**
 * What readMessage and lineKind concluded about a raw message body, by its bytes: the same bytes always
 * decode to the same message, and both answers depend on the message alone (nothing in them is changed
 * later), so equal bytes need not be decoded again.
 */
interface RawVerdict {
  line: LambdaLine;
  failure: ConnectionFailure | null;
  certificate: boolean;
  kind: LineKind;
}
const rawVerdicts = new BytesMemo<RawVerdict>(MEMO_MAX_CHARS, MEMO_ENTRIES);

interface Stamped extends Classified {
  /** where the failure's error text and excerpt are in the line */
  span: MatchSpan;
}
/** Runtime lines up to this length are remembered (an `Invoke Error` with its stack runs to a few KB). */
const STAMPED_MAX_CHARS = 4096;
const STAMPED_ENTRIES = 512;
const stampedMemo = new Map<string, Stamped>();

/**
 * The verdict on a Lambda runtime line (`<time>\t<request id>\tERROR\t…`), whose time and request id are
 * read as zeros (`masked`, see maskRuntimeStamp): they name no target, so the signatures, the certificate
 * check and the search for a target near the error see the same text on every line that reports the same
 * failure, and the verdict is remembered by it, as `classified` remembers other lines. Only the failure's
 * error text and excerpt are the line's own (failureAt): the report's example line keeps its real time and
 * request id.
 */
function classifiedStamped(message: string, masked: string, likely: boolean): Classified {
  if (!likely && !mayMatter(masked)) return NOTHING;
  const remembered = masked.length <= STAMPED_MAX_CHARS;
  let known = remembered ? stampedMemo.get(masked) : undefined;
  if (known === undefined) {
    const span: MatchSpan = { partStart: 0, partEnd: 0, at: 0, length: 0 };
    const failure = classifyWithSpan(masked, span);
    known = { failure, certificate: failure === null && isCertificateFailure(masked), span };
    if (remembered) {
      if (stampedMemo.size >= STAMPED_ENTRIES) stampedMemo.clear();
      stampedMemo.set(masked, known);
    }
  }
  if (known.failure === null) return known;
  return { failure: failureAt(known.failure, known.span, message), certificate: false };
}

function classifyNow(message: string): Classified {
  const failure = classifyMessage(message);
  return { failure, certificate: failure === null && isCertificateFailure(message) };
}

/** ECS task id from an awslogs stream (`prefix/container/<task id>`) or a FireLens stream (`…-firelens-<task id>`). */
export function taskIdOfStream(stream: string | undefined): string | undefined {
  if (!stream) return undefined;
  // awslogs `prefix/container/<id>`, FireLens `…-firelens-<id>`, a file named `…_<id>`; moto's dashed UUIDs too
  const m = /(?:^|[/_-])([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(
    stream,
  );
  return m?.[1];
}

/**
 * The pipeline's middle: takes events from any number of inputs, assembles Lambda invocations and ECS
 * windows, matches signatures, and at the end runs the patterns over the aggregates. Pure: no I/O.
 */
export class Analyzer {
  readonly windowMs: number;
  readonly redactSecrets: boolean;
  /** Events added so far, over every input (progress displays read it). */
  events = 0;
  private readonly inputs: InputSummary[] = [];
  private readonly lambda: PatternContext['lambda'];
  private readonly ecs: ScopeAggregates & {
    tasks: Set<string>;
    tasksWithErrors: Set<string>;
    failuresByTask: Map<string, number>;
  };
  private readonly tracker: Tracker;
  // the tracker when it is the WebAssembly one, and the record of the run whose line it is given (see place)
  private readonly wasmTracker: WasmInvocationTracker | undefined;
  private lineRecord = -1;
  private readonly functionNames = new Set<string>();
  private minTime = Infinity;
  private maxTime = -Infinity;
  private tasksDropped = 0;
  private readonly continuation: boolean;
  // per ECS stream: the failure whose stack trace may go on, and where a Python traceback is (see stitch)
  private readonly traces = new Map<string, StreamTrace>();
  // parallel parts: streams whose own lines this part has seen, and earlier lines the merge replays
  private readonly streamsSeen = new Set<string>();
  // parallel parts: streams whose last line that was not a frame was a plain line (see settles)
  private readonly plainLast = new Set<string>();
  private readonly pendingLines: PendingLine[] = [];
  // Consecutive events mostly share a stream: remember the last answer.
  private lastStream: string | undefined;
  private lastStreamIsLambda = false;
  // stream → its ECS task id ('' for none)
  private readonly taskByStream = new Map<string, string>();
  private readonly streamKinds = new Map<string, boolean>();
  // addRecord's lines, filled anew for each record: `place` and the tracker read a line and keep nothing of
  // it, so these need not be new objects (one fewer per app line, ~4 per invocation, to collect)
  private readonly recordAppLine: LambdaLine = { kind: 'app', requestId: undefined };
  private readonly recordLine: LambdaLine = { kind: 'start', requestId: undefined };
  // quiet lines (see beforeRun): allowed, and on for the current run
  private readonly quietLines: boolean;
  private skipping = false;
  // streams of events read in JavaScript, not from a record, since the last run (see beforeRun); inRecord
  // is true while a record is read
  private readonly outsideStreams: string[] = [];
  private inRecord = false;
  /** The line addDecoded read last is a stack frame with no failure (see LayoutRunner.rememberFrame). */
  private inertFrame = false;
  // a later part was merged in since the last run (its traces, invocations and pending lines)
  private merged = false;
  // streams marked during the records of the current run (once each: the flag shows from the next run)
  private readonly marking = new Set<string>();
  /** How many lines of unmarked streams the next run may record before it ends (see setSkip). */
  private unmarkedBudget = MIN_UNMARKED_BUDGET;
  private readonly recordReport: ReportMetrics = {
    durationMs: 0,
    billedMs: 0,
    memoryMB: 0,
    maxMemoryMB: 0,
    initMs: 0,
    timedOut: false,
  };
  private readonly recordReportLine: LambdaLine = {
    kind: 'report',
    requestId: undefined,
    report: this.recordReport,
  };

  constructor(options: AnalyzerOptions = {}) {
    this.continuation = options.continuation ?? false;
    this.quietLines = options.quietLines ?? true;
    const runner = (options.wasmTracker ?? true) ? layoutRunner() : undefined;
    this.wasmTracker = runner && new WasmInvocationTracker(runner, { continuation: this.continuation });
    this.tracker = this.wasmTracker ?? new InvocationTracker({ continuation: this.continuation });
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    if (!(this.windowMs > 0)) throw new RangeError('window must be a positive number of milliseconds');
    const redactSecrets = options.redact ?? true;
    this.redactSecrets = redactSecrets;
    this.lambda = Object.assign(new ScopeAggregates(this.windowMs, redactSecrets), {
      totals: this.tracker.totals,
      functionNames: this.functionNames,
    });
    this.ecs = Object.assign(new ScopeAggregates(this.windowMs, redactSecrets), {
      tasks: new Set<string>(),
      tasksWithErrors: new Set<string>(),
      failuresByTask: new Map<string, number>(),
    });
  }

  openInput(name: string): InputState {
    return { name, sawLambda: false };
  }

  /** Feeds one event; returns what was concluded about it. */
  addEvent(input: InputState, event: LogEvent, likely = false): ClassifiedEvent {
    const { line, failure, certificate } = readMessage(event.message, likely);
    return this.addRead(
      input,
      event.timestamp,
      event.stream,
      line,
      failure,
      lineKind(event.message),
      certificate,
    );
  }

  /** The decoder's onRawEvent for one input: its events go to addRaw. */
  rawEvents(input: InputState): RawEventHandler {
    const handler: RawEventHandler = (ts, stream, bytes, start, end) =>
      this.addRaw(input, ts, stream, bytes, start, end);
    handler.record = (ts, stream, bytes, start, end, runner, index) =>
      this.addRecord(input, ts, stream, bytes, start, end, runner, index);
    handler.trigramBits = MAY_MATTER_BYTES.bitSet;
    handler.beforeRun = (runner) => this.beforeRun(input, runner);
    return handler;
  }

  /**
   * Before each WebAssembly run: whether it may count quiet lines (see setSkip and markStream in
   * layoutRun.c; Lambda lines only with the tracker in the module, which the run then hands them to), and
   * after how many lines of unmarked streams it ends (MIN_UNMARKED_BUDGET). What the run knows of this
   * analyser (its Lambda window, which streams are settled) starts afresh when another analyser used the
   * runner or a later part was merged in; a stream with an event read outside the records (in JavaScript,
   * or without a stream of its own) must be settled again.
   */
  private beforeRun(input: InputState, runner: LayoutRunner): void {
    if (runner.skipOwner !== this || this.outsideStreams.length >= MAX_OUTSIDE_STREAMS || this.merged) {
      runner.clearOpen();
      runner.skipOwner = this;
      this.merged = false;
      this.unmarkedBudget = MIN_UNMARKED_BUDGET;
    } else {
      if (this.marking.size > 0) this.unmarkedBudget = MIN_UNMARKED_BUDGET;
      else if (runner.budgetSpent) this.unmarkedBudget = Math.min(this.unmarkedBudget * 2, runner.maxRecords);
      for (const stream of this.outsideStreams) runner.unsettleStream(stream);
    }
    this.outsideStreams.length = 0;
    this.marking.clear();
    // a run adds at most one window per record: the cap on windows is never reached by a quiet line
    this.skipping =
      this.quietLines &&
      this.lambda.logWindows.size + runner.maxRecords < MAX_WINDOWS &&
      this.ecs.logWindows.size + runner.maxRecords < MAX_WINDOWS;
    runner.setSkip(
      this.skipping,
      this.windowMs,
      input.sawLambda,
      this.wasmTracker?.handle ?? 0,
      this.unmarkedBudget,
    );
  }

  /**
   * A stretch of quiet lines (LINE_SKIP, LINE_SKIP_ECS): their counts, in the scope they belong to; the
   * run handed the Lambda lines to the tracker, and the ECS lines change nothing else.
   */
  private addQuiet(first: number, runner: LayoutRunner, index: number, scope: ScopeAggregates): void {
    const n = runner.records[index * RECORD_INTS + 8] as number;
    const last = parseTimestamp(runner.metrics[index * RECORD_METRICS] as number);
    this.events += n;
    if (first < this.minTime) this.minTime = first;
    if (last > this.maxTime) this.maxTime = last;
    scope.addEvent(first, n);
  }

  /**
   * After an ECS line of a record whose stream the run did not know as settled: marks it for the next runs
   * once it can be (its task known; in a later part of an input, its lines no longer joined to the part
   * before).
   */
  private markEcsStream(stream: string, runner: LayoutRunner, index: number): void {
    if (this.marking.has(stream) || !this.taskByStream.has(stream)) return;
    if (this.continuation && !this.streamsSeen.has(stream)) return;
    this.marking.add(stream);
    runner.markStream(index);
  }

  /**
   * addRaw for an event whose message the WebAssembly layout run has read first (escapes, Lambda line,
   * prefilter: layoutRun.c): the same answers, taken from its record instead of the bytes.
   */
  private addRecord(
    input: InputState,
    ts: number,
    stream: string | undefined,
    bytes: Uint8Array,
    start: number,
    end: number,
    runner: LayoutRunner,
    index: number,
  ): void {
    const records = runner.records;
    const r = index * RECORD_INTS;
    const kind = records[r + 7] as number;
    let line: LambdaLine;
    switch (kind) {
      case LINE_SKIP:
        // quiet Lambda lines (the run handed them to the tracker): a platform line among them shows the input
        // has Lambda lines (quiet app lines need that already)
        input.sawLambda = true;
        this.addQuiet(ts, runner, index, this.lambda);
        return;
      case LINE_SKIP_ECS:
        this.addQuiet(ts, runner, index, this.ecs);
        return;
      case LINE_UNKNOWN:
        this.inRecord = (records[r] as number) >= 0;
        this.addRaw(input, ts, stream, bytes, start, end);
        this.inRecord = false;
        return;
      case LINE_START:
      case LINE_END:
      case LINE_TIMEOUT:
        line = this.recordLine;
        line.kind = kind === LINE_START ? 'start' : kind === LINE_END ? 'end' : 'timeout';
        line.requestId = runner.requestIdOf(bytes, index);
        break;
      case LINE_REPORT: {
        const m = runner.metrics;
        const at = index * RECORD_METRICS;
        const report = this.recordReport;
        report.durationMs = m[at] as number;
        report.billedMs = m[at + 1] as number;
        report.memoryMB = m[at + 2] as number;
        report.maxMemoryMB = m[at + 3] as number;
        report.initMs = m[at + 4] as number;
        report.timedOut = ((records[r + 11] as number) & FLAG_TIMED_OUT) !== 0;
        line = this.recordReportLine;
        line.requestId = runner.requestIdOf(bytes, index);
        break;
      }
      case LINE_INIT:
        line = INIT_LINE;
        break;
      case LINE_APP: {
        const id = runner.requestIdOf(bytes, index);
        line = this.recordAppLine;
        line.requestId = id;
        break;
      }
      default:
        line = OTHER_LINE;
    }
    this.inRecord = (records[r] as number) >= 0;
    // the line is the record's: the tracker reads its request id and stream name from the run's input
    this.lineRecord = index;
    if (isPlatformLine(line)) {
      this.place(input, ts, stream, line, null);
    } else {
      const flags = records[r + 11] as number;
      const cannotMatter = (flags & FLAG_MAY_MATTER) === 0;
      this.inertFrame = false;
      const placed = this.addPlainLine(
        input,
        ts,
        stream,
        bytes,
        start,
        end,
        line,
        records[r + 10] as number,
        cannotMatter,
      );
      if (
        this.skipping &&
        placed !== PLACED_LAMBDA &&
        kind === LINE_OTHER &&
        stream !== undefined &&
        (flags & FLAG_STREAM_MARKED) === 0
      )
        this.markEcsStream(stream, runner, index);
      // a frame of a marked stream that may have mattered and did not: the runs take it as quiet next time
      if (this.inertFrame && placed === PLACED_ECS && (flags & FLAG_STREAM_MARKED) !== 0)
        runner.rememberFrame(index);
    }
    this.lineRecord = -1;
    this.inRecord = false;
  }

  /**
   * Feeds one event whose message is still the raw body of a JSON string, bytes[start, end): the byte-level
   * engine. A message that cannot matter (a Lambda platform or runtime line, or a line without any word a
   * signature needs) is read from its bytes without being decoded; any other is decoded and read as
   * `addEvent` reads it. Both ways give the same result (test/rawEngine.test.ts compares them).
   */
  addRaw(
    input: InputState,
    ts: number,
    stream: string | undefined,
    bytes: Uint8Array,
    start: number,
    end: number,
  ): void {
    const escapes = escapesOf(bytes, start, end);
    if (escapes !== OTHER_ESCAPES) {
      let line = rawLambdaLine(bytes, start, end, escapes);
      let text: string | undefined;
      if (line === null && bytes[start] === 0x7b) {
        // a JSON log line: a Lambda record names its type or request id, a FireLens record its `log` field
        text = latin1Text(bytes, start, end);
        if (!text.includes('platform.') && !text.includes('requestId') && !text.includes('log\\":'))
          line = OTHER_LINE;
      }
      if (line !== null) {
        if (isPlatformLine(line)) {
          this.place(input, ts, stream, line, null);
          return;
        }
        // the prefilter skips the header of a Node.js runtime line (see appBodyStart)
        const from = line.kind === 'app' && text === undefined ? appBodyStart() : start;
        // Most lines fail the prefilter on their bytes: no string is made for them. The others are decoded
        // and read as addEvent reads them (the regex then runs only if the classification memo misses).
        const cannotMatter = !mayMatterBytes(bytes, from, end) || (text !== undefined && !mayMatter(text));
        this.addPlainLine(input, ts, stream, bytes, start, end, line, from, cannotMatter);
        return;
      }
    }
    this.addDecoded(input, ts, stream, bytes, start, end);
  }

  /**
   * The end of addRaw and addRecord for a message that is no platform line: read from its bytes when the
   * prefilter (looking from `from` on) stopped it, else decoded and read as addEvent reads it.
   */
  private addPlainLine(
    input: InputState,
    ts: number,
    stream: string | undefined,
    bytes: Uint8Array,
    start: number,
    end: number,
    line: LambdaLine,
    from: number,
    cannotMatter: boolean,
  ): number {
    if (!cannotMatter) {
      // read again from its text (not the record's line)
      this.lineRecord = -1;
      // a line that names its request id (and the time, in a runtime's header) will not come again
      return this.addDecoded(input, ts, stream, bytes, start, end, line.requestId === undefined);
    }
    // a prefilter that started after a Node.js runtime header: the line starts with a digit, so it is no
    // continuation line (lineKind's answer for it)
    return this.place(
      input,
      ts,
      stream,
      line,
      null,
      from !== start ? 'other' : rawLineKind(bytes, start, end),
    );
  }

  /**
   * A message that may matter: decoded and read as addEvent reads it, unless its bytes were read before
   * (`remember` false: they are neither looked up nor kept).
   */
  private addDecoded(
    input: InputState,
    ts: number,
    stream: string | undefined,
    bytes: Uint8Array,
    start: number,
    end: number,
    remember = true,
  ): number {
    if (!remember || end - start > rawVerdicts.maxBytes) {
      const message = decodeJsonStringBody(bytes, start, end);
      const read = this.addEvent(input, { index: -1, timestamp: ts, stream, message }, true);
      return read.platform === 'lambda' ? PLACED_LAMBDA : PLACED_ECS;
    }
    const hash = hashBytes(bytes, start, end);
    let known = rawVerdicts.get(bytes, start, end, hash);
    if (known === undefined) {
      const message = decodeJsonStringBody(bytes, start, end);
      const { line, failure, certificate } = readMessage(message, true);
      known = { line, failure, certificate, kind: lineKind(message) };
      rawVerdicts.set(bytes, start, end, known, hash);
    }
    this.inertFrame = known.kind === 'frame' && known.failure === null && known.line.kind === 'other';
    return this.place(input, ts, stream, known.line, known.failure, known.kind, known.certificate);
  }

  /**
   * Feeds one event whose message was already read by `readMessage` (possibly in a worker thread). Events
   * must arrive in input order: the Lambda model depends on it.
   */
  addRead(
    input: InputState,
    ts: number,
    stream: string | undefined,
    line: LambdaLine,
    failure: ConnectionFailure | null,
    kind: LineKind = 'other',
    certificate = false,
  ): ClassifiedEvent {
    const placed = this.place(input, ts, stream, line, failure, kind, certificate);
    if (placed === PLACED_LAMBDA) return { platform: 'lambda', line, failure };
    return placed === PLACED_ECS
      ? { platform: 'ecs', line, failure }
      : { platform: 'ecs', line, failure, stitched: true };
  }

  /** addRead without its answer's object: where the event went (a PLACED_ value). */
  private place(
    input: InputState,
    ts: number,
    stream: string | undefined,
    line: LambdaLine,
    failure: ConnectionFailure | null,
    kind: LineKind = 'other',
    certificate = false,
  ): number {
    this.events++;
    // an event the runs did not see, or saw without a stream (the analyser files it under the input's name
    // or the default stream): what they predict for a stream of that name may no longer hold
    if (!this.inRecord) {
      const key = stream ?? input.name;
      const outside = this.outsideStreams;
      if (outside[outside.length - 1] !== key && outside.length < MAX_OUTSIDE_STREAMS) outside.push(key);
    }
    if (ts < this.minTime) this.minTime = ts;
    if (ts > this.maxTime) this.maxTime = ts;
    const platformLine = isPlatformLine(line);
    if (platformLine) input.sawLambda = true;
    if (line.functionName) this.functionNames.add(line.functionName);
    if (stream !== this.lastStream) {
      this.lastStream = stream;
      let known = stream === undefined ? false : this.streamKinds.get(stream);
      if (known === undefined) {
        known = isLambdaStream(stream);
        if (this.streamKinds.size < 10_000) this.streamKinds.set(stream as string, known);
      }
      this.lastStreamIsLambda = known;
    }
    const isLambda =
      platformLine ||
      this.lastStreamIsLambda ||
      (input.sawLambda && (stream === undefined || line.kind === 'app'));
    if (isLambda) {
      const w = this.lambda.addEvent(ts);
      const wasm = this.wasmTracker;
      if (wasm) wasm.record = this.lineRecord;
      this.tracker.onLine(stream ?? input.name, line, failure !== null && isConnectivity(failure.errorClass));
      if (wasm) wasm.record = -1;
      if (failure) this.lambda.addFailure(failure, ts, w);
      if (certificate) this.lambda.certificateEvents++;
      return PLACED_LAMBDA;
    }
    const w = this.ecs.addEvent(ts);
    // A stream's task id (a regex) and its bookkeeping once per stream, not once per event.
    let task: string | undefined;
    const known = stream === undefined ? null : this.taskByStream.get(stream);
    if (known !== undefined && known !== null) task = known === '' ? undefined : known;
    else {
      task = taskIdOfStream(stream);
      if (task !== undefined) this.rememberTask(this.ecs.tasks, task);
      if (stream !== undefined && this.taskByStream.size < MAX_TRACKED_STREAMS)
        this.taskByStream.set(stream, task ?? '');
    }
    const key = stream ?? input.name;
    if (this.continuation && !this.streamsSeen.has(key)) {
      // what came before this part in the stream decides how these lines join: the merge replays them
      if (!this.settles(key, kind) && this.pendingLines.length < MAX_PENDING) {
        if (failure || certificate || kind !== 'frame')
          this.pendingLines.push({ key, ts, kind, failure, w, task, certificate });
        return PLACED_ECS;
      }
      this.markSeen(key);
    }
    return this.stitch(key, ts, kind, failure, w, task, certificate) ? PLACED_STITCHED : PLACED_ECS;
  }

  /**
   * awslogs sends each line of a stack trace as its own event, so `Caused by: java.net.ConnectException …`
   * or the last line of a Python traceback repeats a failure an earlier line of the trace reported. A
   * failure stays open while its trace goes on (continuation lines: indented, `Caused by:`, `... N more`;
   * a Python traceback's frames, exception line and chained tracebacks); a failure on a continuation line
   * within STITCH_MS of the open one is the same failure, and the innermost cause decides its class and
   * target. The open failure is counted when its trace ends. Returns whether this line's failure was stitched.
   */
  private stitch(
    key: string,
    ts: number,
    kind: LineKind,
    failure: ConnectionFailure | null,
    w: number,
    task: string | undefined,
    certificate = false,
  ): boolean {
    let trace = this.traces.get(key);
    if (!trace) {
      if (!failure && kind !== 'pyHeader') {
        // a certificate failure on a line of its own (its `Caused by:` lines repeat it)
        if (certificate && kind !== 'frame') this.ecs.certificateEvents++;
        return false;
      }
      trace = { py: 'none' };
      this.setTrace(key, trace);
    }
    let continues: boolean;
    let pythonCause = false;
    switch (kind) {
      case 'frame':
        continues = true;
        break;
      case 'pyHeader':
        continues = trace.py === 'between';
        trace.py = 'frames';
        break;
      case 'pySeparator':
        continues = trace.py === 'done';
        trace.py = continues ? 'between' : 'none';
        break;
      default:
        continues = trace.py === 'frames';
        pythonCause = continues;
        trace.py = continues ? 'done' : 'none';
    }
    if (!continues) trace.certificate = false;
    if (certificate && kind !== 'frame') {
      if (!trace.certificate) this.ecs.certificateEvents++;
      trace.certificate = true;
    }
    const open = trace.open;
    if (failure && continues && open && Math.abs(ts - open.ts) <= STITCH_MS) {
      // Java, .NET and Node print the cause after its wrapper; a chained Python traceback prints it first
      open.failure = pythonCause ? combineCause(open.failure, failure) : combineCause(failure, open.failure);
      return true;
    }
    if (!continues || failure) {
      if (open) this.countEcsFailure(open);
      trace.open = failure ? { failure, ts, w, task } : undefined;
    }
    if (!trace.open && trace.py === 'none') this.traces.delete(key);
    return false;
  }

  /** Remembers a stream's trace state; past the cap, the oldest stream's open failure is counted now. */
  private setTrace(key: string, trace: StreamTrace): void {
    if (this.traces.size >= MAX_TRACKED_STREAMS) {
      const oldest = this.traces.keys().next().value as string;
      const dropped = this.traces.get(oldest);
      this.traces.delete(oldest);
      if (dropped?.open) this.countEcsFailure(dropped.open);
    }
    this.traces.set(key, trace);
  }

  /**
   * Parallel parts: a stream's lines join the part before until one whose handling cannot depend on it: a
   * plain line (neither a continuation nor Python traceback structure) right after another plain line, frames
   * aside. After a plain line no Python traceback is between its frames and its exception line, so the next
   * plain line ends whatever was open and starts afresh, the same in one pass as in parts.
   */
  private settles(key: string, kind: LineKind): boolean {
    // frames change nothing a later line depends on; traceback structure keeps the stream undecided
    if (kind === 'frame') return false;
    if (kind !== 'other') {
      this.plainLast.delete(key);
      return false;
    }
    if (this.plainLast.has(key)) return true;
    if (this.plainLast.size < MAX_TRACKED_STREAMS) this.plainLast.add(key);
    return false;
  }

  private countEcsFailure(open: OpenTrace): void {
    this.ecs.addFailure(open.failure, open.ts, open.w, open.task);
    if (open.task !== undefined && isConnectivity(open.failure.errorClass))
      this.countTaskFailures(open.task, 1);
  }

  /** Counts every failure whose trace is still open (the end of the input ends them). */
  private closeTraces(): void {
    for (const trace of this.traces.values()) if (trace.open) this.countEcsFailure(trace.open);
    this.traces.clear();
  }

  /** Parallel parts after the first: a stream whose own lines this part has begun to see. */
  private markSeen(key: string): void {
    if (this.streamsSeen.size < MAX_TRACKED_STREAMS) this.streamsSeen.add(key);
  }

  /**
   * Adds counts aggregated server-side (Logs Insights rows, see src/core/insights) for one log group:
   * events per window, failures per window and target, and for Lambda distinct request ids. Invocation
   * costs and per-task figures cannot be had this way.
   */
  addAggregates(input: AggregatedInput): void {
    const scope = input.platform === 'lambda' ? this.lambda : this.ecs;
    let requests = 0;
    for (const w of input.windows) {
      this.events += w.events;
      if (w.start < this.minTime) this.minTime = w.start;
      if (w.start > this.maxTime) this.maxTime = w.start;
      scope.addEvent(w.start, w.events);
      requests += w.requests;
    }
    for (const f of input.failures) {
      const window = Math.floor(f.start / this.windowMs);
      if (!scope.logWindows.has(window)) scope.addEvent(f.start, 0);
      scope.addFailure(f.failure, f.start, window, undefined, f.count);
    }
    if (input.platform === 'lambda') this.tracker.addCounted(requests, input.failingRequests);
  }

  /** Failure events per ECS task (the task is remembered among those with errors too). */
  private countTaskFailures(task: string, n: number): void {
    this.rememberTask(this.ecs.tasksWithErrors, task);
    if (!this.ecs.tasksWithErrors.has(task)) return;
    this.ecs.failuresByTask.set(task, (this.ecs.failuresByTask.get(task) ?? 0) + n);
  }

  /** Every ECS task seen, with its failure events (0 for tasks that only logged other lines). */
  taskFailureCounts(): { taskId: string; failures: number }[] {
    return [...this.ecs.tasks].map((taskId) => ({
      taskId,
      failures: this.ecs.failuresByTask.get(taskId) ?? 0,
    }));
  }

  private rememberTask(set: Set<string>, task: string): void {
    if (set.has(task)) return;
    if (set.size >= MAX_TASKS) this.tasksDropped++;
    else set.add(task);
  }

  /** Everything a part's analyser learned, for `mergeContinuation` (structured-clone friendly). */
  snapshot(): AnalyzerSnapshot {
    return {
      events: this.events,
      minTime: this.minTime,
      maxTime: this.maxTime,
      lambda: this.lambda,
      ecs: this.ecs,
      functionNames: this.functionNames,
      tasksDropped: this.tasksDropped,
      tracker: this.tracker.snapshot(),
      traces: this.traces,
      streamsSeen: this.streamsSeen,
      pendingLines: this.pendingLines,
    };
  }

  /**
   * Frees what the analyser keeps outside the JavaScript heap (its tracker's tables in the WebAssembly
   * module) once it reads nothing more: after `finish` (which calls it) or a part's `snapshot`. Its figures
   * stay readable; left undone, a finalizer does it when the analyser is collected.
   */
  dispose(): void {
    this.wasmTracker?.dispose();
  }

  /**
   * Adds what the analyser of the next part of the same input learned (it ran with `continuation`), so the
   * result is the one a single pass over the whole input gives.
   */
  mergeContinuation(next: AnalyzerSnapshot): void {
    this.merged = true;
    this.events += next.events;
    this.minTime = Math.min(this.minTime, next.minTime);
    this.maxTime = Math.max(this.maxTime, next.maxTime);
    this.lambda.merge(next.lambda);
    this.ecs.merge(next.ecs);
    for (const name of next.functionNames) this.functionNames.add(name);
    for (const task of next.ecs.tasks) this.rememberTask(this.ecs.tasks, task);
    for (const [task, n] of next.ecs.failuresByTask) this.countTaskFailures(task, n);
    this.tasksDropped += next.tasksDropped;
    this.tracker.mergeContinuation(next.tracker);
    // the next part's leading lines of streams that began before it, joined now that what came before is known
    for (const p of next.pendingLines)
      this.stitch(p.key, p.ts, p.kind, p.failure, p.w, p.task, p.certificate);
    // a stream the next part saw for itself: its trace there began with a line that ended this part's one
    for (const key of next.streamsSeen) {
      const mine = this.traces.get(key);
      if (mine?.open) this.countEcsFailure(mine.open);
      this.traces.delete(key);
      const theirs = next.traces.get(key);
      if (theirs) this.setTrace(key, theirs);
    }
    // past the cap of streams seen, a part's traces carry on as they are
    for (const [key, theirs] of next.traces) if (!next.streamsSeen.has(key)) this.setTrace(key, theirs);
  }

  closeInput(summary: InputSummary): void {
    this.inputs.push(summary);
  }

  /** Runs the patterns and builds the report. Call once, after every input is closed. */
  finish(): Report {
    this.tracker.end();
    this.closeTraces();
    const ctx: PatternContext = { windowMs: this.windowMs, lambda: this.lambda, ecs: this.ecs };
    const findings = PATTERNS.map((p) => p.evaluate(ctx))
      .filter((f) => f !== null)
      .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    const hasTime = Number.isFinite(this.minTime) && Number.isFinite(this.maxTime);
    const extra: DecodeWarning[] = [];
    if (this.tracker.evicted > 0) {
      extra.push({
        message: `${this.tracker.evicted} invocations were closed before their REPORT line because more than 100,000 were open at once`,
      });
    }
    if (this.tracker.streamsForgotten > 0) {
      extra.push({
        message: `more than ${MAX_TRACKED_STREAMS.toLocaleString('en-US')} Lambda streams had an invocation open at once: lines without a request id in ${this.tracker.streamsForgotten} of them could not be assigned`,
      });
    }
    if (this.tasksDropped > 0)
      extra.push({ message: `more than ${MAX_TASKS} ECS tasks: the rest were not counted apart` });
    for (const [name, scope] of [
      ['Lambda', this.lambda],
      ['ECS', this.ecs],
    ] as const) {
      if (scope.targets.overflow > 0) {
        extra.push({
          message: `${name}: ${scope.targets.overflow} failure events were not given target rows: more than ${MAX_TARGETS.toLocaleString('en-US')} distinct targets (they still count in the totals)`,
        });
      }
      if (scope.windowsDropped > 0) {
        extra.push({
          message: `${name}: the time range spans more than ${MAX_WINDOWS.toLocaleString('en-US')} windows; widen --window (${scope.windowsDropped} windows not tracked)`,
        });
      }
    }
    if (extra.length > 0 && this.inputs[0]) this.inputs[0].warnings.push(...extra);
    const report: Report = {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: 'netsleuth', version: VERSION },
      generatedAt: new Date().toISOString(),
      inputs: this.inputs,
      timeRange: { start: isoOrNull(this.minTime), end: isoOrNull(this.maxTime) },
      window: {
        ms: this.windowMs,
        total: hasTime
          ? Math.floor(this.maxTime / this.windowMs) - Math.floor(this.minTime / this.windowMs) + 1
          : 0,
        withEvents: unionSize(this.lambda.logWindows, this.ecs.logWindows),
      },
      findings,
    };
    if (this.lambda.events > 0) {
      const t = this.tracker.totals;
      report.lambda = {
        invocations: t.invocations,
        failingInvocations: t.failingInvocations,
        timedOut: t.timedOut,
        billedMs: t.billedMs,
        functionNames: [...this.functionNames].sort(),
      };
    }
    if (this.ecs.events > 0) {
      report.ecs = { events: this.ecs.events, tasks: this.ecs.tasks.size, windows: this.ecs.logWindows.size };
    }
    this.dispose();
    return report;
  }
}

function unionSize(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  let n = a.size;
  for (const w of b) if (!a.has(w)) n++;
  return n;
}
