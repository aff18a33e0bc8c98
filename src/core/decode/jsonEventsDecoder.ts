import type { DecodeWarning, LogEvent } from '../events.js';
import { parseTimestamp } from '../time.js';
import {
  layoutRunner,
  LayoutRunner,
  LINE_SKIP,
  LINE_SKIP_ECS,
  RECORD_INTS,
  ROLE_MESSAGE,
  ROLE_OTHER,
  ROLE_STREAM,
  ROLE_TIMESTAMP,
  RUN_DEFER,
  type RunLayout,
} from './layoutRunner.js';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  type DecoderOptions,
  type StreamDecoder,
  WarningList,
} from './decoder.js';
import {
  copyBytes,
  decodeJsonStringBody,
  decodeUtf8,
  firstBackslash,
  forgetBackslashSearch,
  unescapeTolerant,
} from './jsonString.js';

// Structural states of the scanner.
const S_TOP = 0; // between top-level values
const S_KEY_OR_END = 1; // just after `{`
const S_KEY = 2; // after `,` in an object
const S_COLON = 3;
const S_VALUE = 4; // after `:` or after `,` in an array
const S_VALUE_OR_END = 5; // just after `[`
const S_COMMA_OR_END = 6;

// What a container means to us.
const R_OTHER = 0; // contents are skipped
const R_CANDIDATE = 1; // an object that may be a log event: its scalar fields are collected
const R_EVENT_LIST = 2; // an array whose objects are candidate events
const R_INSIGHTS_ROWS = 3; // Logs Insights `results`: an array of rows
const R_INSIGHTS_ROW = 4; // one row: an array of {field, value} cells, collected like an event
const R_INSIGHTS_CELL = 5; // one {field, value} cell
const R_SUBSCRIPTION_EVENTS = 6; // `logEvents` of a subscription message: events held until the message closes
const R_PAYLOAD_HOLDER = 7; // `awslogs` of a Lambda event, or one Kinesis record: holds a base64 gzip payload
const R_RECORDS = 8; // Kinesis `Records`

// Keys we act on.
const K_OTHER = 0;
const K_MESSAGE = 1;
const K_TIMESTAMP = 2;
const K_STREAM = 3;
const K_EVENTS = 4;
const K_FORWARD_TOKEN = 5;
const K_RESULTS = 6;
const K_LOG_EVENTS = 7;
const K_LOG_STREAM = 8;
const K_MESSAGE_TYPE = 9;
const K_FIELD = 10;
const K_VALUE = 11;
const K_AWSLOGS = 12;
const K_DATA = 13;
const K_RECORDS = 14;
const K_LOG = 15;

/** Subscription events held while waiting for their message's `logStream` (it may come after them). */
const MAX_HELD_EVENTS = 100_000;

const MAX_DEPTH = 256;

interface Frame {
  isArray: boolean;
  role: number;
  isTop: boolean;
  state: number;
  key: number;
  timestamp: number;
  message: string | undefined;
  stream: string | undefined;
  /** Insights cell being read. */
  cellField: string | undefined;
  cellValue: string | undefined;
  /** Subscription message: its stream, whether it is a CONTROL_MESSAGE, its events so far. */
  pageStream: string | undefined;
  pageControl: boolean;
  held: LogEvent[];
  /** The event's message still as the raw body of a JSON string in `rawBytes` (see onRawEvent). */
  rawBytes: Uint8Array | undefined;
  rawStart: number;
  rawEnd: number;
}

function newFrame(): Frame {
  return {
    isArray: false,
    role: R_OTHER,
    isTop: false,
    state: S_TOP,
    key: K_OTHER,
    timestamp: NaN,
    message: undefined,
    stream: undefined,
    cellField: undefined,
    cellValue: undefined,
    pageStream: undefined,
    pageControl: false,
    held: [],
    rawBytes: undefined,
    rawStart: 0,
    rawEnd: 0,
  };
}

const encoder = new TextEncoder();
const MESSAGE = encoder.encode('message');
const TIMESTAMP = encoder.encode('timestamp');
const LOG_STREAM_NAME = encoder.encode('logStreamName');
const EVENTS = encoder.encode('events');
const NEXT_FORWARD_TOKEN = encoder.encode('nextForwardToken');
const RESULTS = encoder.encode('results');
const LOG_EVENTS = encoder.encode('logEvents');
const LOG_STREAM = encoder.encode('logStream');
const MESSAGE_TYPE = encoder.encode('messageType');
const FIELD = encoder.encode('field');
const VALUE = encoder.encode('value');
const AWSLOGS = encoder.encode('awslogs');
const DATA_LOWER = encoder.encode('data');
const DATA_UPPER = encoder.encode('Data');
const RECORDS = encoder.encode('Records');
const LOG = encoder.encode('log');

function sameBytes(buf: Uint8Array, start: number, word: Uint8Array): boolean {
  for (let i = 0; i < word.length; i++) if (buf[start + i] !== word[i]) return false;
  return true;
}

/** Which key this is, by length and first byte first: it runs for every key of every event. */
function keyId(buf: Uint8Array, start: number, end: number): number {
  const first = buf[start];
  switch (end - start) {
    case 7:
      if (first === 0x6d) return sameBytes(buf, start, MESSAGE) ? K_MESSAGE : K_OTHER;
      if (first === 0x61) return sameBytes(buf, start, AWSLOGS) ? K_AWSLOGS : K_OTHER;
      if (first === 0x52) return sameBytes(buf, start, RECORDS) ? K_RECORDS : K_OTHER;
      return first === 0x72 && sameBytes(buf, start, RESULTS) ? K_RESULTS : K_OTHER;
    case 3:
      return first === 0x6c && sameBytes(buf, start, LOG) ? K_LOG : K_OTHER;
    case 4:
      return sameBytes(buf, start, DATA_LOWER) || sameBytes(buf, start, DATA_UPPER) ? K_DATA : K_OTHER;
    case 9:
      if (first === 0x74) return sameBytes(buf, start, TIMESTAMP) ? K_TIMESTAMP : K_OTHER;
      if (first !== 0x6c) return K_OTHER;
      if (sameBytes(buf, start, LOG_EVENTS)) return K_LOG_EVENTS;
      return sameBytes(buf, start, LOG_STREAM) ? K_LOG_STREAM : K_OTHER;
    case 11:
      return first === 0x6d && sameBytes(buf, start, MESSAGE_TYPE) ? K_MESSAGE_TYPE : K_OTHER;
    case 5:
      if (first === 0x66) return sameBytes(buf, start, FIELD) ? K_FIELD : K_OTHER;
      return first === 0x76 && sameBytes(buf, start, VALUE) ? K_VALUE : K_OTHER;
    case 13:
      return first === 0x6c && sameBytes(buf, start, LOG_STREAM_NAME) ? K_STREAM : K_OTHER;
    case 6:
      return first === 0x65 && sameBytes(buf, start, EVENTS) ? K_EVENTS : K_OTHER;
    case 16:
      return first === 0x6e && sameBytes(buf, start, NEXT_FORWARD_TOKEN) ? K_FORWARD_TOKEN : K_OTHER;
    default:
      return K_OTHER;
  }
}

/** Index of the closing quote of a string whose body starts at `from`, or -1 if it is not in `buf`. */
function findStringEnd(buf: Uint8Array, from: number): number {
  // Keys and short values end within a few bytes: a plain loop beats the native call's overhead there.
  const shortEnd = Math.min(buf.length, from + 48);
  for (let i = from; i < shortEnd; i++) {
    const c = buf[i];
    if (c === 0x22) return i;
    if (c === 0x5c) break;
  }
  return findLongStringEnd(buf, from);
}

/** The first offset from `i` that is not JSON whitespace (or `n`). */
function skipSpace(buf: Uint8Array, i: number, n: number): number {
  while (i < n) {
    const c = buf[i] as number;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
  return n;
}

/**
 * findStringEnd four bytes at a time (a word with no quote and no backslash is passed over whole), for the
 * first stretch of a string; the native search takes over for longer ones.
 */
function findStringEndInWords(view: DataView, buf: Uint8Array, from: number): number {
  const n = buf.length;
  const stop = Math.min(n - 3, from + 128);
  let i = from;
  while (i < stop) {
    const w = view.getUint32(i, true);
    const q = w ^ 0x22222222; // a zero byte where a quote was
    const b = w ^ 0x5c5c5c5c; // where a backslash was
    if (((((q - 0x01010101) & ~q) | ((b - 0x01010101) & ~b)) & 0x80808080) === 0) {
      i += 4;
      continue;
    }
    // a quote or a backslash is in this word (the test has no false alarm in a word without one)
    while (buf[i] !== 0x22 && buf[i] !== 0x5c) i++;
    if (buf[i] === 0x22) return i;
    // an escape (\n, \t, \", \\, \uXXXX): the byte after the backslash never ends the string
    i += 2;
  }
  if (i >= stop && i + 4 <= n) return findLongStringEnd(buf, from, i);
  for (; i < n; i++) {
    const c = buf[i];
    if (c === 0x22) return i;
    if (c === 0x5c) return findLongStringEnd(buf, from, i);
  }
  return -1;
}

/** findStringEnd for strings expected to be long: no byte loop before the native search (from `at` on). */
function findLongStringEnd(buf: Uint8Array, from: number, at = from): number {
  for (;;) {
    const q = buf.indexOf(0x22, at);
    if (q === -1) return -1;
    let slashes = 0;
    let b = q - 1;
    while (b >= from && buf[b] === 0x5c) {
      slashes++;
      b--;
    }
    if ((slashes & 1) === 0) return q;
    at = q + 1;
  }
}

/** Node's Buffer when present (its native UTF-8 slicing is much faster), else a plain Uint8Array. */
const allocBytes: (size: number) => Uint8Array =
  (globalThis as { Buffer?: { allocUnsafe(size: number): Uint8Array } }).Buffer?.allocUnsafe ??
  ((size: number) => new Uint8Array(size));

/** How much of a chunk a carried token is first joined to (see push). */
const JOIN_BYTES = 64 * 1024;

function concatBytes(a: Uint8Array, b: Uint8Array, into?: Uint8Array): Uint8Array {
  const joined = into ? into.subarray(0, a.length + b.length) : allocBytes(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

function isScalarByte(c: number): boolean {
  // digits, sign, decimal point, exponent and the letters of true/false/null
  return (
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2d ||
    c === 0x2b ||
    c === 0x2e ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x45
  );
}

const LITERAL = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;

/**
 * The value of a JSON number or literal token (NaN for true/false/null), or undefined when the token is not
 * valid JSON. Plain integers, by far the most common (timestamps), are parsed without making a string.
 */
function scalarValue(buf: Uint8Array, start: number, end: number): number | undefined {
  if (end - start <= 15) {
    let n = 0;
    let i = start;
    for (; i < end; i++) {
      const d = (buf[i] as number) - 0x30;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    if (i === end && (buf[start] !== 0x30 || end - start === 1)) return n;
  }
  const text = decodeUtf8(buf, start, end);
  if (!LITERAL.test(text)) return undefined;
  return text === 'true' || text === 'false' || text === 'null' ? NaN : Number(text);
}

function describeByte(c: number): string {
  if (c >= 0x21 && c <= 0x7e) return `'${String.fromCharCode(c)}'`;
  return `byte 0x${c.toString(16).padStart(2, '0')}`;
}

/**
 * An event handed over before its message is decoded: the message is bytes[start, end), the body of a JSON
 * string, valid only during the call. The byte-level engine (Analyzer.addRaw) decodes it only if it may matter.
 */
export type RawEventHandler = ((
  timestamp: number,
  stream: string | undefined,
  bytes: Uint8Array,
  start: number,
  end: number,
) => void) & {
  /**
   * Takes the events the WebAssembly layout runs read, with what their first read of each message found
   * (record `index` of `runner`, valid only during the call; see layoutRun.c), when set: `trigramBits`
   * are the prefilter's (TrigramFilter). Without it those events go to the handler itself.
   */
  record?: RawRecordHandler;
  trigramBits?: Uint8Array;
  /** Called before each layout run with `record`: the handler sets the runner's quiet lines (setSkip). */
  beforeRun?: (runner: LayoutRunner) => void;
};

export type RawRecordHandler = (
  timestamp: number,
  stream: string | undefined,
  bytes: Uint8Array,
  start: number,
  end: number,
  runner: LayoutRunner,
  index: number,
) => void;

/** Distinct stream names kept decoded, so the stream of each event is a lookup, not a new string. */
const MAX_INTERNED_STREAMS = 4096;
const MAX_INTERNED_BYTES = 512;

/** For reading one large export in parts, in parallel: where a part starts and where it hands over. */
export interface SplitOptions {
  /** Absolute offset of an event object inside the top-level events array, where this part starts. */
  resumeAt?: number;
  /** Absolute offset where this part stops if it is an event boundary (else it reads on to the end). */
  stopAt?: number;
}

/** A stream name seen before: its bytes (and their eight-byte words, see wordsOf) and its text. */
interface InternedName {
  bytes: Uint8Array;
  words: Float64Array;
  text: string;
}

/** The most bytes of a buffer the WebAssembly runner holds at once (see layoutRun). */
const RUN_WINDOW_BYTES = 4 << 20;

/** Event objects with more values than this are not given a layout (see layoutEvent). */
const MAX_LAYOUT_VALUES = 12;

/**
 * What the event objects of an export look like between their values: the exact bytes from the `{` to the
 * first value, between values (closing quote, comma, indentation, key, colon, opening quote) and from the
 * last value to the `}`; each value's key and whether it is a string.
 */
interface Layout {
  seps: Uint8Array[];
  /** Each separator's eight-byte words (see wordsOf), compared a word at a time. */
  words: Float64Array[];
  keys: Int32Array;
  strings: Uint8Array;
  /** The layout for the WebAssembly layout runs, or null when they cannot read it (see layoutRun). */
  run: RunLayout | null;
}

/**
 * The bytes' eight-byte words read as doubles (little-endian), the last one ending at the last byte
 * (overlapping the one before when the length is no multiple of eight), for holdsAt. Two doubles are equal
 * exactly when their bits are, but for +0 and -0, and NaN (never equal): bytes with such a word, and those
 * shorter than eight, get no words and are compared byte by byte.
 */
function wordsOf(bytes: Uint8Array): Float64Array {
  const n = bytes.length;
  if (n < 8) return new Float64Array(0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, n);
  const count = Math.ceil(n / 8);
  const words = new Float64Array(count);
  for (let k = 0; k < count - 1; k++) words[k] = view.getFloat64(8 * k, true);
  words[count - 1] = view.getFloat64(n - 8, true);
  return words.some((w) => w === 0 || Number.isNaN(w)) ? new Float64Array(0) : words;
}

/**
 * A layout in the form the WebAssembly runner takes, or null where it would defer every event to
 * layoutEvent (a timestamp written as a string) or the layout is too large for it.
 */
function runLayoutOf(seps: Uint8Array[], keys: Int32Array, strings: Uint8Array): RunLayout | null {
  const roles = new Int32Array(keys.length);
  const capped = new Uint8Array(keys.length);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    if (key === K_TIMESTAMP && strings[k] === 1) return null;
    roles[k] =
      key === K_STREAM
        ? ROLE_STREAM
        : key === K_MESSAGE
          ? ROLE_MESSAGE
          : key === K_TIMESTAMP
            ? ROLE_TIMESTAMP
            : ROLE_OTHER;
    capped[k] = key === K_OTHER ? 0 : 1;
  }
  const layout = { seps, roles, strings, capped };
  return LayoutRunner.fits(layout) ? layout : null;
}

/** Whether buf holds exactly `sep` at `at` (words: wordsOf(sep)). */
function holdsAt(view: DataView, buf: Uint8Array, at: number, sep: Uint8Array, words: Float64Array): boolean {
  const len = sep.length;
  if (at + len > buf.length) return false;
  const count = words.length;
  if (count === 0) {
    for (let i = 0; i < len; i++) if (buf[at + i] !== sep[i]) return false;
    return true;
  }
  for (let k = 0; k < count - 1; k++) if (view.getFloat64(at + 8 * k, true) !== words[k]) return false;
  return view.getFloat64(at + len - 8, true) === words[count - 1];
}

/**
 * Streams CloudWatch Logs JSON: `filter-log-events` / `get-log-events` pages (one, CLI-merged, or appended
 * back to back), a bare array of events, or JSON Lines of events. A single pass over bytes: strings are
 * skipped with `indexOf`, and only the fields of event objects are decoded.
 */
export class JsonEventsDecoder implements StreamDecoder {
  private readonly onEvent: (event: LogEvent) => void;
  private readonly maxMessageBytes: number;
  private readonly frames: Frame[] = [];
  private depth = 0;
  private carry: Uint8Array | undefined;
  /**
   * Where a carried token is joined to a chunk's start (see push), kept from push to push: a fresh
   * allocation each time is fresh memory each time (the allocator gives it back to the system), and a
   * page fault per page touched. Like the chunk, nothing of it is kept past the push.
   */
  private joinBytes: Uint8Array | undefined;
  /** Absolute byte offset of the first byte of the buffer being scanned. */
  private base = 0;
  private count = 0;
  private stopped: DecodeWarning | undefined;
  private readonly warningList = new WarningList();
  private pages = 0;
  private insightsRows = 0;
  private insightsRowsWithoutMessage = 0;
  private subscriptionMessages = 0;
  private controlMessages = 0;
  private payloadEvents = 0;
  private sawForwardToken = false;
  private sawTopArray = false;
  private objectsWithoutMessage = 0;
  private readonly topKeys = new Set<string>();
  private started = false;
  // A string longer than the cap: its end is searched for without keeping it whole.
  private longString:
    { start: number; kept: Uint8Array; trailingSlashes: number; length: number } | undefined;

  /** Stream for events that name none (get-log-events output), e.g. taken from the file name. */
  private readonly defaultStream: string | undefined;

  /** Where a part of a split read hands over to the next one (absolute byte offset), or -1. */
  private stopAt: number;
  /** True once decoding stopped at `stopAt`, an event boundary inside the top-level `events` array. */
  reachedSplit = false;

  /** Takes events with their message undecoded, when set (filter-log-events / get-log-events events). */
  private readonly onRaw: RawEventHandler | undefined;
  private readonly onRecord: RawRecordHandler | undefined;
  private readonly streams = new Map<number, InternedName>();
  private lastStream: InternedName | undefined;
  /** The layout of the event objects read last (see layoutEvent), and how often it failed in a row. */
  private layout: Layout | undefined;
  private layoutMisses = 0;
  /** The buffer being scanned, for four-byte reads. */
  private view: DataView | undefined;
  /** This thread's WebAssembly layout runner (undefined: every event is read in JavaScript). */
  private readonly runner: LayoutRunner | undefined;
  /** The buffer of this scan once it is in the runner's memory, and which part of it is there. */
  private loadedBuf: Uint8Array | undefined;
  private loadedFrom = 0;
  private loadedTo = 0;
  // where fastEvent found the separators and values of the event it read (for learning its layout)
  private readonly seen = {
    seps: new Int32Array(2 * MAX_LAYOUT_VALUES + 2),
    keys: new Int32Array(MAX_LAYOUT_VALUES),
    strings: new Uint8Array(MAX_LAYOUT_VALUES),
    count: 0,
  };

  constructor(
    options: DecoderOptions &
      SplitOptions & {
        defaultStream?: string;
        onRawEvent?: RawEventHandler;
        /** false: read every event in JavaScript, without the WebAssembly layout runs (for comparisons). */
        wasm?: boolean;
      },
  ) {
    this.defaultStream = options.defaultStream;
    this.onEvent = options.onEvent;
    this.onRaw = options.onRawEvent;
    this.runner = this.onRaw && options.wasm !== false ? layoutRunner() : undefined;
    this.onRecord = this.runner && this.onRaw?.trigramBits ? this.onRaw.record : undefined;
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.stopAt = options.stopAt ?? -1;
    if (options.resumeAt !== undefined) {
      // This part starts at an event object inside `{"events": [ …, ` of a filter-log-events page.
      const page = newFrame();
      page.role = R_CANDIDATE;
      page.isTop = true;
      page.state = S_VALUE;
      page.key = K_EVENTS;
      const list = newFrame();
      list.isArray = true;
      list.role = R_EVENT_LIST;
      list.state = S_VALUE;
      this.frames.push(page, list);
      this.depth = 2;
      this.pages = 1;
      this.started = true;
      this.base = options.resumeAt;
    }
  }

  /** Sets where to stop (an absolute offset, checked to be an event boundary), before the bytes reach it. */
  setStopAt(at: number): void {
    this.stopAt = at;
  }

  /** At `stopAt`: expecting the next event of the top-level events array, right after a comma. */
  private atEventBoundary(): boolean {
    const page = this.frames[0];
    const list = this.frames[1];
    return (
      this.depth === 2 &&
      page !== undefined &&
      page.isTop &&
      page.key === K_EVENTS &&
      list !== undefined &&
      list.role === R_EVENT_LIST &&
      list.state === S_VALUE
    );
  }

  get events(): number {
    return this.count;
  }
  get stoppedAt(): DecodeWarning | undefined {
    return this.stopped;
  }
  get warnings(): DecodeWarning[] {
    return this.warningList.items;
  }
  get shape(): string {
    if (this.insightsRows > 0) return 'logs-insights';
    if (this.subscriptionMessages > 0 || this.payloadEvents > 0) return 'subscription';
    if (this.pages > 0) return this.sawForwardToken ? 'get-log-events' : 'filter-log-events';
    if (this.sawTopArray) return 'events-array';
    return 'json-lines';
  }

  /** Top-level keys seen, for a helpful message when the JSON is not a log export. */
  get topLevelKeys(): string[] {
    return [...this.topKeys];
  }
  get nonEventObjects(): number {
    return this.objectsWithoutMessage + this.insightsRowsWithoutMessage;
  }
  /** Logs Insights rows that had no `@message` (a `stats` query, say). */
  get rowsWithoutMessage(): number {
    return this.insightsRowsWithoutMessage;
  }
  /** Subscription CONTROL_MESSAGE health checks skipped. */
  get skippedControlMessages(): number {
    return this.controlMessages;
  }

  push(chunk: Uint8Array): void {
    if (this.stopped || this.reachedSplit || chunk.length === 0) return;
    forgetBackslashSearch();
    let buf = chunk;
    if (!this.started) {
      if (this.carry) {
        buf = concatBytes(this.carry, chunk);
        this.carry = undefined;
      }
      // A UTF-8 byte order mark, possibly split across the first chunks.
      if (buf[0] === 0xef && buf.length < 3) {
        this.carry = copyBytes(buf, 0, buf.length);
        return;
      }
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        buf = buf.subarray(3);
        this.base = 3;
      }
    }
    if (this.longString) {
      const consumed = this.continueLongString(buf);
      if (consumed < 0) {
        this.base += buf.length;
        return;
      }
      this.base += consumed;
      buf = buf.subarray(consumed);
    } else if (this.carry) {
      const carry = this.carry;
      this.carry = undefined;
      if (
        carry.length > JOIN_BYTES ||
        buf.length <= 2 * JOIN_BYTES ||
        this.maxMessageBytes < 4 * JOIN_BYTES
      ) {
        buf = concatBytes(carry, buf);
      } else {
        // The carried token (mostly a few hundred bytes) ends early in the chunk: scan it joined to the
        // chunk's start only, then the chunk in place; joining it to all of the chunk copied the input.
        // the carry is at most JOIN_BYTES here
        this.joinBytes ??= allocBytes(2 * JOIN_BYTES);
        const head = concatBytes(carry, buf.subarray(0, JOIN_BYTES), this.joinBytes);
        const stop = this.scan(head, false);
        if (this.stopped || this.reachedSplit) {
          if (this.onRaw) this.decodeHeldRaw();
          return;
        }
        this.base += stop;
        buf =
          stop >= carry.length
            ? buf.subarray(stop - carry.length)
            : concatBytes(head.subarray(stop), buf.subarray(JOIN_BYTES));
      }
    }
    const stop = this.scan(buf, false);
    if (this.onRaw) this.decodeHeldRaw();
    if (stop < buf.length && !this.stopped && !this.longString) {
      this.carry = copyBytes(buf, stop, buf.length);
      this.base += stop;
    } else {
      this.base += buf.length;
    }
  }

  /** An event open across the end of a chunk: its raw message is decoded before the chunk goes. */
  private decodeHeldRaw(): void {
    for (let i = 0; i < this.depth; i++) {
      const frame = this.frames[i] as Frame;
      if (frame.rawBytes === undefined) continue;
      frame.message = decodeJsonStringBody(frame.rawBytes, frame.rawStart, frame.rawEnd);
      frame.rawBytes = undefined;
    }
  }

  /** The stream name bytes[start, end) as a string, the same string for the same name. */
  private streamName(bytes: Uint8Array, start: number, end: number): string {
    const n = end - start;
    // most events are in the stream of the event before
    const last = this.lastStream;
    if (
      last !== undefined &&
      last.bytes.length === n &&
      holdsAt(this.view as DataView, bytes, start, last.bytes, last.words)
    )
      return last.text;
    if (n > MAX_INTERNED_BYTES || n === 0 || firstBackslash(bytes, start, end) !== -1)
      return decodeJsonStringBody(bytes, start, end);
    // names differ mostly at their end (task ids, environment ids): hash the length and the last bytes
    let h = n;
    for (let i = Math.max(start, end - 12); i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 16777619);
    h &= 0x3fffffff; // a small integer: no boxed number for the map key
    const known = this.streams.get(h);
    if (
      known !== undefined &&
      known.bytes.length === n &&
      holdsAt(this.view as DataView, bytes, start, known.bytes, known.words)
    ) {
      this.lastStream = known;
      return known.text;
    }
    const text = decodeUtf8(bytes, start, end);
    if (known === undefined && this.streams.size < MAX_INTERNED_STREAMS) {
      const name = copyBytes(bytes, start, end);
      const entry = { bytes: name, words: wordsOf(name), text };
      this.streams.set(h, entry);
      this.lastStream = entry;
    }
    return text;
  }

  end(): void {
    if (this.stopped) return;
    if (this.reachedSplit) {
      this.warningList.finish();
      return;
    }
    if (this.longString) {
      this.stop({
        message: `the input ends at byte ${this.base} inside a string that starts at byte ${this.longString.start}: it looks truncated; the complete events before the cut were analysed`,
        byte: this.base,
      });
      return;
    }
    if (this.carry) {
      const buf = this.carry;
      this.carry = undefined;
      const stop = this.scan(buf, true);
      if (this.stopped) return;
      if (stop < buf.length) {
        const end = this.base + buf.length;
        this.stop({
          message: `the input ends at byte ${end} inside a value that starts at byte ${this.base + stop}: it looks truncated; the complete events before the cut were analysed`,
          byte: end,
        });
        return;
      }
      this.base += buf.length;
    }
    if (this.depth > 0) {
      this.stop({
        message: `the JSON ends at byte ${this.base} with ${this.depth} unclosed ${this.depth === 1 ? 'bracket' : 'brackets'}: the file looks truncated; the complete events before the cut were analysed`,
        byte: this.base,
      });
    }
    this.warningList.finish();
  }

  private stop(w: DecodeWarning): void {
    this.stopped = w;
    this.warningList.add(w);
    this.warningList.finish();
  }

  private syntaxError(buf: Uint8Array, p: number): number {
    const at = this.base + p;
    this.stop({ message: `invalid JSON at byte ${at}: unexpected ${describeByte(buf[p] ?? 0)}`, byte: at });
    return buf.length;
  }

  private pushFrame(isArray: boolean, at: number, buf: Uint8Array): boolean {
    if (this.depth >= MAX_DEPTH) {
      this.stop({
        message: `JSON nested deeper than ${MAX_DEPTH} levels at byte ${this.base + at}`,
        byte: this.base + at,
      });
      void buf;
      return false;
    }
    const parent = this.depth > 0 ? this.frames[this.depth - 1] : undefined;
    let frame = this.frames[this.depth];
    if (!frame) {
      frame = newFrame();
      this.frames[this.depth] = frame;
    }
    this.depth++;
    frame.isArray = isArray;
    frame.state = isArray ? S_VALUE_OR_END : S_KEY_OR_END;
    frame.key = K_OTHER;
    frame.timestamp = NaN;
    frame.message = undefined;
    frame.stream = undefined;
    frame.cellField = undefined;
    frame.cellValue = undefined;
    frame.pageStream = undefined;
    frame.pageControl = false;
    frame.rawBytes = undefined;
    if (frame.held.length > 0) frame.held = [];
    frame.isTop = parent === undefined;
    frame.role = this.roleOf(parent, isArray);
    return true;
  }

  /** What a new container means, from its parent's role and the key it is the value of. */
  private roleOf(parent: Frame | undefined, isArray: boolean): number {
    if (parent?.role === R_CANDIDATE && parent.isTop && parent.key === K_AWSLOGS && !isArray)
      return R_PAYLOAD_HOLDER;
    if (parent?.role === R_RECORDS) return isArray ? R_OTHER : R_PAYLOAD_HOLDER;
    if (parent === undefined) {
      if (isArray) this.sawTopArray = true;
      return isArray ? R_EVENT_LIST : R_CANDIDATE;
    }
    switch (parent.role) {
      case R_EVENT_LIST:
        // a bare array of Insights rows (the `results` value saved on its own) holds arrays
        if (isArray) this.insightsRows++;
        return isArray ? R_INSIGHTS_ROW : R_CANDIDATE;
      case R_INSIGHTS_ROWS:
        if (isArray) this.insightsRows++;
        return isArray ? R_INSIGHTS_ROW : R_OTHER;
      case R_INSIGHTS_ROW:
        return isArray ? R_OTHER : R_INSIGHTS_CELL;
      case R_SUBSCRIPTION_EVENTS:
        return isArray ? R_OTHER : R_CANDIDATE;
      case R_CANDIDATE:
        if (!parent.isTop || !isArray) return R_OTHER;
        if (parent.key === K_EVENTS) {
          this.pages++;
          return R_EVENT_LIST;
        }
        if (parent.key === K_RESULTS) return R_INSIGHTS_ROWS;
        if (parent.key === K_RECORDS) return R_RECORDS;
        if (parent.key === K_LOG_EVENTS) {
          this.subscriptionMessages++;
          return R_SUBSCRIPTION_EVENTS;
        }
        return R_OTHER;
      default:
        return R_OTHER;
    }
  }

  /** Base64 subscription payloads (`awslogs.data`, Kinesis `Data`) read so far and not yet taken. */
  readonly payloads: string[] = [];

  /** Emits an event decoded from a payload, numbered in input order with the rest. */
  emitFromPayload(event: LogEvent): void {
    this.payloadEvents++;
    this.emit(event.timestamp, event.stream, event.message);
  }

  /** Records a payload that could not be decoded; the rest of the input goes on. */
  warnPayload(message: string): void {
    this.warningList.add({ message, byte: this.base });
  }

  private emit(timestamp: number, stream: string | undefined, message: string): void {
    this.onEvent({ index: this.count++, timestamp, stream: stream ?? this.defaultStream, message });
  }

  private closeObject(frame: Frame): void {
    if (frame.role === R_INSIGHTS_CELL) {
      const row = this.frames[this.depth - 1];
      if (!row || frame.cellValue === undefined) return;
      if (frame.cellField === '@message') row.message = frame.cellValue;
      else if (frame.cellField === '@timestamp') row.timestamp = parseTimestamp(frame.cellValue);
      else if (frame.cellField === '@logStream') row.stream = frame.cellValue;
      return;
    }
    if (frame.role !== R_CANDIDATE) return;
    if (frame.rawBytes !== undefined) {
      const bytes = frame.rawBytes;
      frame.rawBytes = undefined;
      this.emitRaw(frame.timestamp, frame.stream, bytes, frame.rawStart, frame.rawEnd);
      return;
    }
    const parent = this.frames[this.depth - 1];
    if (frame.message !== undefined) {
      if (parent?.role === R_SUBSCRIPTION_EVENTS) {
        const page = this.frames[0] as Frame;
        page.held.push({ index: -1, timestamp: frame.timestamp, stream: undefined, message: frame.message });
        if (page.held.length >= MAX_HELD_EVENTS) this.releaseHeld(page);
      } else {
        this.emit(frame.timestamp, frame.stream, frame.message);
      }
    } else if (frame.isTop && frame.held.length > 0) {
      this.releaseHeld(frame);
    } else if (!frame.isTop || (this.pages === 0 && this.subscriptionMessages === 0)) {
      this.objectsWithoutMessage++;
    }
  }

  /** Emits a subscription message's events with its stream; CONTROL_MESSAGE health checks are dropped. */
  private releaseHeld(page: Frame): void {
    const held = page.held;
    page.held = [];
    if (page.pageControl) {
      this.controlMessages++;
      return;
    }
    for (const e of held) this.emit(e.timestamp, page.pageStream, e.message);
  }

  private closeArray(frame: Frame): void {
    if (frame.role === R_INSIGHTS_ROW) {
      if (frame.message !== undefined) this.emit(frame.timestamp, frame.stream, frame.message);
      else this.insightsRowsWithoutMessage++;
    }
  }

  private valueDone(): void {
    if (this.depth > 0) (this.frames[this.depth - 1] as Frame).state = S_COMMA_OR_END;
  }

  private stringValue(frame: Frame | undefined, value: string): void {
    if (!frame) return;
    if (frame.role === R_INSIGHTS_CELL) {
      if (frame.key === K_FIELD) frame.cellField = value;
      else if (frame.key === K_VALUE) frame.cellValue = value;
      return;
    }
    if (frame.role === R_PAYLOAD_HOLDER) {
      if (frame.key === K_DATA) this.payloads.push(value);
      return;
    }
    if (frame.role !== R_CANDIDATE) return;
    switch (frame.key) {
      case K_LOG_STREAM:
        if (frame.isTop) frame.pageStream = value;
        break;
      case K_MESSAGE_TYPE:
        if (frame.isTop) frame.pageControl = value === 'CONTROL_MESSAGE';
        break;
      case K_MESSAGE:
        frame.message = value;
        frame.rawBytes = undefined;
        break;
      case K_LOG:
        // a FireLens record saved as is: its `log` field is the line
        frame.message ??= value;
        break;
      case K_TIMESTAMP:
        frame.timestamp = parseTimestamp(value);
        break;
      case K_STREAM:
        frame.stream = value;
        break;
      case K_FORWARD_TOKEN:
        if (frame.isTop) this.sawForwardToken = true;
        break;
    }
  }

  /** Scans `buf`; returns the offset of an unfinished token to carry over, or `buf.length`. */
  private scan(buf: Uint8Array, final: boolean): number {
    const n = buf.length;
    let p = 0;
    if (this.onRaw) this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.loadedBuf = undefined;
    while (p < n) {
      const c = buf[p] as number;
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        // pretty-printed exports are mostly indentation: skip the run in a tight loop
        p++;
        while (p < n) {
          const w = buf[p] as number;
          if (w !== 0x20 && w !== 0x0a && w !== 0x0d && w !== 0x09) break;
          p++;
        }
        continue;
      }
      if (this.stopAt >= 0 && this.base + p >= this.stopAt) {
        if (this.base + p === this.stopAt && this.atEventBoundary()) {
          this.reachedSplit = true;
          return n;
        }
        this.stopAt = -1; // not a boundary after all: read on to the end
      }
      const frame = this.depth > 0 ? (this.frames[this.depth - 1] as Frame) : undefined;
      const state = frame ? frame.state : S_TOP;
      const wantsValue = state === S_TOP || state === S_VALUE || state === S_VALUE_OR_END;
      switch (c) {
        case 0x22: {
          const q = findStringEnd(buf, p + 1);
          if (q === -1) {
            if (final) return p;
            if (n - p > this.maxMessageBytes + 1024) {
              if (!wantsValue) return this.syntaxError(buf, p);
              this.beginLongString(buf, p);
              return n;
            }
            return p;
          }
          if (state === S_KEY_OR_END || state === S_KEY) {
            (frame as Frame).key = keyId(buf, p + 1, q);
            if (frame?.isTop && this.topKeys.size < 12)
              this.topKeys.add(decodeUtf8(buf, p + 1, Math.min(q, p + 41)));
            (frame as Frame).state = S_COLON;
          } else if (wantsValue) {
            if (frame && this.onRaw && this.takeRaw(frame, buf, p + 1, q)) {
              // kept raw (a message) or looked up (a stream name)
            } else if (frame && frame.role !== R_OTHER && frame.key !== K_OTHER) {
              let end = q;
              if (q - (p + 1) > this.maxMessageBytes) {
                end = p + 1 + this.maxMessageBytes;
                this.warnLong(this.base + p, q - p - 1);
              }
              this.stringValue(frame, decodeJsonStringBody(buf, p + 1, end));
            }
            this.valueDone();
          } else {
            return this.syntaxError(buf, p);
          }
          p = q + 1;
          break;
        }
        case 0x7b: // {
        case 0x5b: // [
          if (!wantsValue) return this.syntaxError(buf, p);
          if (c === 0x7b && this.onRaw && frame?.role === R_EVENT_LIST) {
            const layout = this.layout;
            let after = -1;
            if (layout) after = layout.run && this.runner ? this.layoutRun(buf, p) : this.layoutEvent(buf, p);
            if (after === -1) after = this.fastEvent(buf, p);
            if (after !== -1) {
              this.valueDone();
              p = after;
              break;
            }
          }
          if (!this.pushFrame(c === 0x5b, p, buf)) return n;
          p++;
          break;
        case 0x7d: // }
          if (!frame || frame.isArray || (state !== S_KEY_OR_END && state !== S_COMMA_OR_END)) {
            return this.syntaxError(buf, p);
          }
          this.depth--;
          this.closeObject(frame);
          this.valueDone();
          p++;
          break;
        case 0x5d: // ]
          if (!frame || !frame.isArray || (state !== S_VALUE_OR_END && state !== S_COMMA_OR_END)) {
            return this.syntaxError(buf, p);
          }
          this.depth--;
          this.closeArray(frame);
          this.valueDone();
          p++;
          break;
        case 0x2c: // ,
          if (!frame || state !== S_COMMA_OR_END) return this.syntaxError(buf, p);
          frame.state = frame.isArray ? S_VALUE : S_KEY;
          p++;
          break;
        case 0x3a: // :
          if (!frame || state !== S_COLON) return this.syntaxError(buf, p);
          frame.state = S_VALUE;
          p++;
          break;
        default: {
          if (!wantsValue || !isScalarByte(c)) return this.syntaxError(buf, p);
          let e = p + 1;
          while (e < n && isScalarByte(buf[e] as number)) e++;
          if (e === n && !final) {
            // a number may go on in the next chunk (a chunk end is anywhere): carried, up to a bound
            if (e - p > this.maxMessageBytes) return this.syntaxError(buf, p);
            return p;
          }
          const value = scalarValue(buf, p, e);
          if (value === undefined) return this.syntaxError(buf, p);
          if (frame && frame.role === R_CANDIDATE && frame.key === K_TIMESTAMP)
            frame.timestamp = parseTimestamp(value);
          this.valueDone();
          p = e;
        }
      }
    }
    return n;
  }

  /**
   * With onRawEvent, an event object of an events array read in one go: its keys and scalar values without
   * the general state machine, its message handed over raw. Returns the offset after its `}`, or -1 to
   * leave it to the general path (it does not end in this buffer, holds a nested value, a `log` field, no
   * message, an over-long message, or anything unexpected, which the general path then reports).
   */
  private fastEvent(buf: Uint8Array, open: number): number {
    const n = buf.length;
    let i = skipSpace(buf, open + 1, n);
    let timestamp = NaN;
    let stream: string | undefined;
    let messageStart = -1;
    let messageEnd = -1;
    // the layout as it is read: where each separator starts and ends, each value's key and type
    const rec = this.seen;
    let values = 0;
    let sepStart = open;
    for (;;) {
      if (i >= n || buf[i] !== 0x22) return -1;
      const keyEnd = findStringEnd(buf, i + 1);
      if (keyEnd === -1) return -1;
      const key = keyId(buf, i + 1, keyEnd);
      i = skipSpace(buf, keyEnd + 1, n);
      if (i >= n || buf[i] !== 0x3a) return -1;
      i = skipSpace(buf, i + 1, n);
      if (i >= n) return -1;
      const c = buf[i] as number;
      const isString = c === 0x22;
      if (values < MAX_LAYOUT_VALUES) {
        rec.seps[2 * values] = sepStart;
        rec.seps[2 * values + 1] = isString ? i + 1 : i;
        rec.keys[values] = key;
        rec.strings[values] = isString ? 1 : 0;
      }
      values++;
      if (isString) {
        // values of other keys (eventId) are long digit strings: straight to the native search
        const valueEnd = key === K_OTHER ? findLongStringEnd(buf, i + 1) : findStringEnd(buf, i + 1);
        if (valueEnd === -1) return -1;
        // a value over the cap (the general path cuts it and says so)
        if (key !== K_OTHER && valueEnd - i - 1 > this.maxMessageBytes) return -1;
        if (key === K_MESSAGE) {
          messageStart = i + 1;
          messageEnd = valueEnd;
        } else if (key === K_STREAM) stream = this.streamName(buf, i + 1, valueEnd);
        else if (key === K_TIMESTAMP) timestamp = parseTimestamp(decodeJsonStringBody(buf, i + 1, valueEnd));
        else if (key === K_LOG) return -1;
        sepStart = valueEnd;
        i = valueEnd + 1;
      } else if (isScalarByte(c)) {
        let e = i + 1;
        while (e < n && isScalarByte(buf[e] as number)) e++;
        if (e === n) return -1;
        const value = scalarValue(buf, i, e);
        if (value === undefined) return -1;
        if (key === K_TIMESTAMP) timestamp = parseTimestamp(value);
        sepStart = e;
        i = e;
      } else return -1;
      i = skipSpace(buf, i, n);
      if (i >= n) return -1;
      const next = buf[i];
      if (next === 0x2c) {
        i = skipSpace(buf, i + 1, n);
        continue;
      }
      if (next !== 0x7d || messageStart === -1) return -1;
      if (values <= MAX_LAYOUT_VALUES && (this.layout === undefined || this.layoutMisses >= 2)) {
        rec.seps[2 * values] = sepStart;
        rec.seps[2 * values + 1] = i + 1;
        rec.count = values;
        this.learnLayout(buf);
      }
      this.emitRaw(timestamp, stream, buf, messageStart, messageEnd);
      return i + 1;
    }
  }

  /** Keeps the layout fastEvent just read (its separators copied: the buffer is the caller's). */
  private learnLayout(buf: Uint8Array): void {
    const rec = this.seen;
    const seps: Uint8Array[] = [];
    for (let k = 0; k <= rec.count; k++) {
      seps.push(copyBytes(buf, rec.seps[2 * k] as number, rec.seps[2 * k + 1] as number));
    }
    const keys = rec.keys.slice(0, rec.count);
    const strings = rec.strings.slice(0, rec.count);
    this.layout = { seps, words: seps.map(wordsOf), keys, strings, run: runLayoutOf(seps, keys, strings) };
    this.layoutMisses = 0;
  }

  /**
   * fastEvent for an event object laid out exactly as the last one (the aws CLI prints every event the same
   * way): its separators are compared four bytes at a time instead of being parsed, and only its values
   * are read, each as fastEvent reads it. Returns the offset after its `}`, or -1 when anything differs
   * (then fastEvent reads it, and learns the new layout if it keeps coming).
   */
  private layoutEvent(buf: Uint8Array, open: number): number {
    const layout = this.layout as Layout;
    const view = this.view as DataView;
    const n = buf.length;
    const { seps, words, keys, strings } = layout;
    let timestamp = NaN;
    let stream: string | undefined;
    let messageStart = -1;
    let messageEnd = -1;
    let p = open;
    const count = keys.length;
    for (let k = 0; k < count; k++) {
      const sep = seps[k] as Uint8Array;
      if (!holdsAt(view, buf, p, sep, words[k] as Float64Array)) return this.layoutMissed();
      p += sep.length;
      const key = keys[k] as number;
      if (strings[k] === 1) {
        if (key === K_STREAM) {
          // the stream of the event before, followed by the closing quote (an interned name has no backslash)
          const last = this.lastStream;
          if (
            last !== undefined &&
            p + last.bytes.length < n && // (a read past the end made optimised code fall back, "out of bounds")
            buf[p + last.bytes.length] === 0x22 &&
            holdsAt(view, buf, p, last.bytes, last.words)
          ) {
            stream = last.text;
            p += last.bytes.length;
            continue;
          }
        }
        const q = findStringEndInWords(view, buf, p);
        if (q === -1 || (key !== K_OTHER && q - p > this.maxMessageBytes)) return this.layoutMissed();
        if (key === K_MESSAGE) {
          messageStart = p;
          messageEnd = q;
        } else if (key === K_STREAM) stream = this.streamName(buf, p, q);
        else if (key === K_TIMESTAMP) timestamp = parseTimestamp(decodeJsonStringBody(buf, p, q));
        p = q;
      } else {
        // a plain integer (a time) in one pass; anything else as fastEvent reads it
        let e = p;
        let value: number | undefined = 0;
        while (e < n) {
          const d = (buf[e] as number) - 0x30;
          if (d < 0 || d > 9) break;
          value = value * 10 + d;
          e++;
        }
        if (
          e === n ||
          e === p ||
          e - p > 15 ||
          isScalarByte(buf[e] as number) ||
          (buf[p] === 0x30 && e - p > 1)
        ) {
          e = p;
          while (e < n && isScalarByte(buf[e] as number)) e++;
          if (e === p || e === n) return this.layoutMissed();
          value = scalarValue(buf, p, e);
          if (value === undefined) return this.layoutMissed();
        }
        if (key === K_TIMESTAMP) timestamp = parseTimestamp(value);
        p = e;
      }
    }
    const last = seps[count] as Uint8Array;
    if (!holdsAt(view, buf, p, last, words[count] as Float64Array)) return this.layoutMissed();
    this.layoutMisses = 0;
    this.emitRaw(timestamp, stream, buf, messageStart, messageEnd);
    return p + last.length;
  }

  /**
   * layoutEvent for the events from `open` on, as many in a row as have the layout, read by the
   * WebAssembly runner in one call (layoutRun.c): each record becomes the event layoutEvent would have
   * made. The event the run stops at is left to the caller's next look, as layoutEvent would leave it: a
   * miss is counted, an unusual value is read by layoutEvent. Returns the offset after the last event
   * read, or -1.
   */
  private layoutRun(buf: Uint8Array, open: number): number {
    const runner = this.runner as LayoutRunner;
    const layout = this.layout as Layout;
    let count = 0;
    for (let attempt = 0; attempt < 2; attempt++) {
      if (
        runner.loadedBy !== this ||
        this.loadedBuf !== buf ||
        open < this.loadedFrom ||
        open >= this.loadedTo ||
        attempt === 1
      ) {
        // a large buffer goes to the runner a window at a time: its memory stays small (it never shrinks)
        const from = buf.length <= RUN_WINDOW_BYTES ? 0 : open;
        const to = Math.min(buf.length, from + RUN_WINDOW_BYTES);
        if (!runner.load(from === 0 && to === buf.length ? buf : buf.subarray(from, to)))
          return this.layoutEvent(buf, open);
        runner.loadedBy = this;
        this.loadedBuf = buf;
        this.loadedFrom = from;
        this.loadedTo = to;
      }
      if (runner.layout !== layout.run) runner.setLayout(layout.run as RunLayout);
      runner.setClassify(this.onRecord ? (this.onRaw as RawEventHandler).trigramBits : undefined);
      // the runner is the thread's: what a run may count quiet is set before each run, for this handler
      const beforeRun = this.onRecord ? (this.onRaw as RawEventHandler).beforeRun : undefined;
      if (beforeRun) beforeRun(runner);
      else runner.setSkip(false, 0, false);
      const from = this.loadedFrom;
      const limit = (this.stopAt >= 0 ? this.stopAt - this.base : buf.length) - from;
      count = runner.run(open - from, this.loadedTo - from, limit, this.maxMessageBytes);
      // an event that may have been cut by the end of a window is read again from a window that starts with
      // it (at most once per half a window: the copies stay linear in the buffer's size)
      if (
        count > 0 ||
        runner.status === RUN_DEFER ||
        this.loadedTo === buf.length ||
        this.loadedTo - open >= RUN_WINDOW_BYTES / 2
      )
        break;
    }
    if (count === 0) return runner.status === RUN_DEFER ? this.layoutEvent(buf, open) : this.layoutMissed();
    const from = this.loadedFrom;
    // records are offsets into the window: the events are handed over in it
    const win = from === 0 && this.loadedTo === buf.length ? buf : buf.subarray(from, this.loadedTo);
    const onRecord = this.onRecord;
    let stream: string | undefined;
    for (let i = 0, r = 0; i < count; i++, r += RECORD_INTS) {
      // the views of the runner's memory, taken anew for each record: a handler's invocation tracker in the
      // module may grow the memory (which detaches the views the runner had; it makes new ones)
      const records = runner.records;
      const times = runner.times;
      // (record[7] is the first read's, made only with onRecord)
      if (onRecord && (records[r + 7] === LINE_SKIP || records[r + 7] === LINE_SKIP_ECS)) {
        // a stretch of quiet lines: counted, without a stream of its own (the next record's is the last's)
        this.count += runner.quietCountOf(i);
        (onRecord as RawRecordHandler)(parseTimestamp(times[i] as number), undefined, win, 0, 0, runner, i);
        continue;
      }
      const streamStart = records[r] as number;
      if (streamStart < 0) stream = undefined;
      else if (records[r + 2] === 0)
        stream = this.streamName(buf, from + streamStart, from + (records[r + 1] as number));
      const timestamp = parseTimestamp(times[i] as number);
      if (onRecord) {
        this.count++;
        onRecord(
          timestamp,
          stream ?? this.defaultStream,
          win,
          records[r + 3] as number,
          records[r + 4] as number,
          runner,
          i,
        );
      } else this.emitRaw(timestamp, stream, win, records[r + 3] as number, records[r + 4] as number);
    }
    this.layoutMisses = 0;
    return from + (runner.records[(count - 1) * RECORD_INTS + 5] as number);
  }

  private layoutMissed(): number {
    this.layoutMisses++;
    return -1;
  }

  /**
   * With onRawEvent: the message of an event that is emitted when it closes is kept as raw bytes, and a
   * stream name is looked up among those seen. Returns false for anything else (an over-long message, one
   * held for a subscription message's stream, other keys), which the general path decodes.
   */
  private takeRaw(frame: Frame, buf: Uint8Array, start: number, end: number): boolean {
    if (frame.role !== R_CANDIDATE) return false;
    if (frame.key === K_STREAM && end - start <= this.maxMessageBytes) {
      frame.stream = this.streamName(buf, start, end);
      return true;
    }
    if (
      frame.key !== K_MESSAGE ||
      end - start > this.maxMessageBytes ||
      this.frames[this.depth - 2]?.role === R_SUBSCRIPTION_EVENTS
    )
      return false;
    frame.message = undefined;
    frame.rawBytes = buf;
    frame.rawStart = start;
    frame.rawEnd = end;
    return true;
  }

  /** Hands an event over with its message undecoded (see onRawEvent). */
  private emitRaw(
    timestamp: number,
    stream: string | undefined,
    bytes: Uint8Array,
    start: number,
    end: number,
  ): void {
    this.count++;
    (this.onRaw as RawEventHandler)(timestamp, stream ?? this.defaultStream, bytes, start, end);
  }

  private warnLong(at: number, bytes: number): void {
    this.warningList.add({
      message: `a value of ${(bytes / 1048576).toFixed(1)} MB at byte ${at} exceeds the ${(this.maxMessageBytes / 1048576).toFixed(0)} MB event limit; only its start was analysed`,
      byte: at,
    });
  }

  private beginLongString(buf: Uint8Array, p: number): void {
    let trailing = 0;
    for (let b = buf.length - 1; b > p && buf[b] === 0x5c; b--) trailing++;
    this.longString = {
      start: this.base + p,
      kept: copyBytes(buf, p + 1, Math.min(buf.length, p + 1 + this.maxMessageBytes)),
      trailingSlashes: trailing,
      length: buf.length - p - 1,
    };
  }

  /** Looks for the end of a long string in `buf`; returns bytes consumed (through the quote) or -1. */
  private continueLongString(buf: Uint8Array): number {
    const long = this.longString as NonNullable<typeof this.longString>;
    let at = 0;
    for (;;) {
      const q = buf.indexOf(0x22, at);
      if (q === -1) break;
      let slashes = 0;
      let b = q - 1;
      while (b >= 0 && buf[b] === 0x5c) {
        slashes++;
        b--;
      }
      if (b < 0) slashes += long.trailingSlashes;
      if ((slashes & 1) === 0) {
        long.length += q;
        this.longString = undefined;
        this.warnLong(long.start, long.length);
        const frame = this.depth > 0 ? (this.frames[this.depth - 1] as Frame) : undefined;
        if (frame && frame.role !== R_OTHER && frame.key !== K_OTHER) {
          this.stringValue(frame, unescapeTolerant(decodeUtf8(long.kept, 0, long.kept.length)));
        }
        this.valueDone();
        return q + 1;
      }
      at = q + 1;
    }
    let trailing = 0;
    for (let b = buf.length - 1; b >= 0 && buf[b] === 0x5c; b--) trailing++;
    long.trailingSlashes = trailing === buf.length ? long.trailingSlashes + trailing : trailing;
    long.length += buf.length;
    return -1;
  }
}
