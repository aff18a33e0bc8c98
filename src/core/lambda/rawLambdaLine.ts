/**
 * `parseLambdaLine` on the raw body of a JSON string, for the lines that make up most of a Lambda export
 * (START / END / REPORT, Node.js `<ISO>\t<requestId>\tLEVEL\t…`, timeouts, and lines that are none of
 * these), without decoding the message. Every answer is the one `parseLambdaLine` gives for the decoded
 * text; where that cannot be told from the bytes cheaply (JSON log format, Python lines, unusual REPORT
 * fields, non-ASCII before the request id), it answers `null` and the caller decodes.
 */
import { asciiBytes, bytesStartWith, decimalValue, latin1Text, OTHER_ESCAPES } from '../decode/rawText.js';
import {
  END,
  INIT_LINE,
  type LambdaLine,
  OTHER_LINE,
  REPORT,
  type ReportMetrics,
  START,
  TIMEOUT_TEXT,
} from './lambdaLine.js';

const START_BYTES = asciiBytes(START);
const END_BYTES = asciiBytes(END);
const REPORT_BYTES = asciiBytes(REPORT);
const TIMEOUT_BYTES = asciiBytes(TIMEOUT_TEXT);
const INIT_START_BYTES = asciiBytes('INIT_START');
const INIT_REPORT_BYTES = asciiBytes('INIT_REPORT');

const BACKSLASH = 0x5c;

// 1 for the bytes of a hexadecimal digit (either case)
const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;
// where the 32 digits of a request id are (8-4-4-4-12)
const DIGIT_AT = Array.from({ length: 36 }, (_, i) => i).filter(
  (i) => i !== 8 && i !== 13 && i !== 18 && i !== 23,
);

/** Whether 36 bytes at `at` are a request id (8-4-4-4-12 hex). Such bytes are never part of an escape. */
function isRequestIdAt(bytes: Uint8Array, at: number, end: number): boolean {
  // the dashes first: a line starting with a time (`2024-05-14T…`) fails there at once
  if (end - at < 36 || bytes[at + 8] !== 0x2d || bytes[at + 13] !== 0x2d) return false;
  if (bytes[at + 18] !== 0x2d || bytes[at + 23] !== 0x2d) return false;
  let digits = 1;
  for (const i of DIGIT_AT) digits &= HEX[bytes[at + i] as number] as number;
  return digits === 1;
}

// Request ids read lately, as bytes and text, in a table indexed by a hash of their last four bytes (the
// most random): an invocation's lines follow each other, or come between those of a few other streams, so
// most ids were read a few lines before. A hit spares checking the id's 36 bytes and making a string, and
// handing out the same string spares the tracker's maps hashing a new one. The id read last is asked first.
const ID_SLOTS = 256;
// each id as five eight-byte words read as doubles, at 0, 8, 16, 24 and 28 (the last overlaps the one
// before): an id's bytes are hex digits and dashes, so no word reads as +-0 or NaN, and two words are equal
// exactly when their bytes are
const idWords = new Float64Array(ID_SLOTS * 5);
const idTexts: (string | undefined)[] = new Array<string | undefined>(ID_SLOTS).fill(undefined);
let lastSlot = -1;
// a view of the buffer last read, for multi-byte reads
let viewOf: Uint8Array | undefined;
let view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
const ID_WORD_AT = [28, 16, 8, 0, 24]; // the most random part first

/** Whether the 36 bytes at `at` are those of the id in `slot`. */
function holdsId(slot: number, at: number): boolean {
  const base = slot * 5;
  for (let k = 0; k < 5; k++)
    if (view.getFloat64(at + (ID_WORD_AT[k] as number), true) !== idWords[base + k]) return false;
  return true;
}

/**
 * The request id at `at` as text, or undefined when the 36 bytes there are none: the id read last is
 * compared first, then the one read lately in the same slot of the table.
 */
function requestIdAt(bytes: Uint8Array, at: number, end: number): string | undefined {
  if (end - at < 36) return undefined;
  if (bytes !== viewOf) {
    viewOf = bytes;
    view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  if (lastSlot >= 0 && holdsId(lastSlot, at)) return idTexts[lastSlot];
  const slot = Math.imul(view.getUint32(at + 32, true), 0x9e3779b1) >>> 24;
  if (idTexts[slot] !== undefined && holdsId(slot, at)) {
    lastSlot = slot;
    return idTexts[slot];
  }
  if (!isRequestIdAt(bytes, at, end)) return undefined;
  const base = slot * 5;
  for (let k = 0; k < 5; k++) idWords[base + k] = view.getFloat64(at + (ID_WORD_AT[k] as number), true);
  const text = latin1Text(bytes, at, at + 36);
  idTexts[slot] = text;
  lastSlot = slot;
  return text;
}

let bodyStart = 0;

/**
 * Where the text of the line `rawLambdaLine` last read starts: after `<time>\t<requestId>\t<LEVEL>\t` (raw, tabs
 * escaped) for a Node.js runtime line exactly like that, else the line's start. No signature or certificate
 * word can lie in such a header (time characters, hex, an upper-case level) or reach across its tabs, so the
 * prefilter may skip it.
 */
export function appBodyStart(): number {
  return bodyStart;
}

/**
 * Reads a Lambda line from a JSON string body [start, end) whose escapes are `escapes` (see escapesOf).
 * Returns null when only the decoded text can tell.
 */
export function rawLambdaLine(
  bytes: Uint8Array,
  start: number,
  end: number,
  escapes: number,
): LambdaLine | null {
  bodyStart = start;
  if (escapes === OTHER_ESCAPES || start === end) return escapes === OTHER_ESCAPES ? null : OTHER_LINE;
  const c0 = bytes[start] as number;
  if (c0 === 0x53 /* S */ && bytesStartWith(bytes, start, end, START_BYTES))
    return { kind: 'start', requestId: requestIdAt(bytes, start + START_BYTES.length, end) };
  if (c0 === 0x45 /* E */ && bytesStartWith(bytes, start, end, END_BYTES))
    return { kind: 'end', requestId: requestIdAt(bytes, start + END_BYTES.length, end) };
  if (c0 === 0x52 /* R */ && bytesStartWith(bytes, start, end, REPORT_BYTES)) {
    // fields are read after a well-formed request id only (parseReportText searches the whole line)
    const idStart = start + REPORT_BYTES.length;
    const requestId = requestIdAt(bytes, idStart, end);
    if (requestId === undefined) return null;
    const report = rawReport(bytes, idStart + 36, end);
    if (report === null) return null;
    return { kind: 'report', requestId, report };
  }
  if (
    c0 === 0x49 /* I */ &&
    (bytesStartWith(bytes, start, end, INIT_START_BYTES) ||
      bytesStartWith(bytes, start, end, INIT_REPORT_BYTES))
  )
    return INIT_LINE;
  // JSON log format records and Python's `[LEVEL]\t…` lines: the decoded text decides
  if (c0 === 0x7b /* { */ || c0 === 0x5b /* [ */) return null;
  // "<requestId> Task timed out …" once an exporter has taken the leading time off
  if (isRequestIdAt(bytes, start, end)) {
    const sep = bytes[start + 36];
    if (sep !== undefined && start + 36 < end) {
      if (sep >= 0x80) return null;
      const after = start + (sep === BACKSLASH ? 38 : 37);
      if (bytesStartWith(bytes, after, end, TIMEOUT_BYTES))
        return { kind: 'timeout', requestId: requestIdAt(bytes, start, end) as string };
    }
  }
  if (c0 < 0x30 || c0 > 0x39) return OTHER_LINE;
  return rawNodeLine(bytes, start, end);
}

/**
 * Node.js: `<ISO>\t<requestId>\tLEVEL\t…`, and its timeout line `<ISO> <requestId> Task timed out after …`.
 * The request id follows the first space or tab within the first 39 characters (at 25 when character 24
 * is one); character positions are counted over the decoded text.
 */
function rawNodeLine(bytes: Uint8Array, start: number, end: number): LambdaLine | null {
  // the common line, `<24-character ISO time>\t<requestId>\t…`, needs no walk over its characters: the
  // walk would find its first gap at character 24 and only ASCII up to character 40 (the id's)
  const id =
    bytes[start + 24] === BACKSLASH && bytes[start + 25] === 0x74
      ? requestIdAt(bytes, start + 26, end)
      : undefined;
  if (id !== undefined) {
    let time = true;
    for (let i = start; i < start + 24; i++) {
      if (!isTimeByte(bytes[i] as number)) {
        time = false;
        break;
      }
    }
    if (time) return nodeLineAt(bytes, end, id, start + 26, true);
  }
  // walk the first 40 decoded characters: ASCII only (else the decoded text decides), escapes take two bytes
  let p = start;
  let chars = 0;
  let sepAt24 = false;
  let firstGap = -1; // decoded index of the first space or tab
  let firstGapEnd = -1; // raw offset just after it
  let timeOnly = true; // the characters before the first gap are those of a time
  let raw25 = -1; // raw offset of decoded character 25
  while (p < end && chars < 40) {
    const c = bytes[p] as number;
    if (c >= 0x80) return null;
    let isGap: boolean;
    if (c === BACKSLASH) {
      isGap = bytes[p + 1] === 0x74; // \t
      p += 2;
    } else {
      isGap = c === 0x20 || c === 0x09;
      p++;
    }
    if (isGap) {
      if (chars === 24) sepAt24 = true;
      if (firstGap === -1) {
        firstGap = chars;
        firstGapEnd = p;
        // only an escaped tab keeps the header apart from the text (see appBodyStart)
        if (c !== BACKSLASH) timeOnly = false;
      }
    } else if (firstGap === -1 && !isTimeByte(c)) timeOnly = false;
    chars++;
    if (chars === 25) raw25 = p;
  }
  let atRaw: number;
  // character 24 is the separator only in a text longer than 25 characters
  if (sepAt24 && chars > 25) atRaw = raw25;
  else {
    // no gap in the first 40 characters: the first one, if any, is past 39
    if (firstGap === -1 || firstGap + 1 >= 40) return OTHER_LINE;
    atRaw = rawOffsetOfChar(bytes, start, firstGap + 1);
  }
  const idAt = requestIdAt(bytes, atRaw, end);
  if (idAt === undefined) return OTHER_LINE;
  return nodeLineAt(bytes, end, idAt, atRaw, timeOnly && firstGapEnd === atRaw);
}

/**
 * A Node.js line from its request id `id`, at `atRaw`, on; `timeHeader`: only time characters and an
 * escaped tab come before the id, so a `\tLEVEL\t` after it ends a header the prefilter may skip.
 */
function nodeLineAt(
  bytes: Uint8Array,
  end: number,
  id: string,
  atRaw: number,
  timeHeader: boolean,
): LambdaLine | null {
  const sepRaw = atRaw + 36;
  if (sepRaw >= end) return appLine(id);
  const sep = bytes[sepRaw] as number;
  if (sep >= 0x80) return null;
  const after = sepRaw + (sep === BACKSLASH ? 2 : 1);
  if (bytesStartWith(bytes, after, end, TIMEOUT_BYTES)) return { kind: 'timeout', requestId: id };
  if (timeHeader && sep === BACKSLASH && bytes[sepRaw + 1] === 0x74) {
    for (const level of LEVELS) {
      if (bytesStartWith(bytes, after, end, level) && isTabEscape(bytes, after + level.length)) {
        bodyStart = after + level.length + 2;
        break;
      }
    }
  }
  return appLine(id);
}

// The app line of the request id read last: an invocation's lines share it (LambdaLine objects are never
// changed once made).
let lastAppLine: LambdaLine = { kind: 'app', requestId: undefined };

function appLine(id: string): LambdaLine {
  if (lastAppLine.requestId !== id) lastAppLine = { kind: 'app', requestId: id };
  return lastAppLine;
}

/** Raw offset of decoded character `index` (the characters before it are ASCII, escapes take two bytes). */
function rawOffsetOfChar(bytes: Uint8Array, start: number, index: number): number {
  let p = start;
  for (let i = 0; i < index; i++) p += bytes[p] === BACKSLASH ? 2 : 1;
  return p;
}

// REPORT fields, by name: which metric each one sets.
const F_DURATION = 0;
const F_BILLED = 1;
const F_MEMORY = 2;
const F_MAX_MEMORY = 3;
const F_INIT = 4;
const F_STATUS = 5;
const FIELD_NAMES: ReadonlyArray<readonly [Uint8Array, number]> = [
  [asciiBytes('Duration'), F_DURATION],
  [asciiBytes('Billed Duration'), F_BILLED],
  [asciiBytes('Memory Size'), F_MEMORY],
  [asciiBytes('Max Memory Used'), F_MAX_MEMORY],
  [asciiBytes('Init Duration'), F_INIT],
  [asciiBytes('Status'), F_STATUS],
];
const TIMEOUT_WORD = asciiBytes('timeout');

function fieldOf(bytes: Uint8Array, from: number, to: number): number {
  for (const [name, id] of FIELD_NAMES) {
    if (name.length !== to - from) continue;
    let same = true;
    for (let i = 0; i < name.length; i++) {
      if (bytes[from + i] !== name[i]) {
        same = false;
        break;
      }
    }
    if (same) return id;
  }
  return -1;
}

/**
 * The metrics of a text REPORT line from just after its request id: `\tName: value unit` fields, a
 * trailing tab and newline. Anything else (an unknown field, a control byte, a value of over 24 characters,
 * a name seen twice) answers null: parseReportText's first-occurrence searches could read it differently.
 */
function rawReport(bytes: Uint8Array, from: number, end: number): ReportMetrics | null {
  const metrics: ReportMetrics = {
    durationMs: NaN,
    billedMs: NaN,
    memoryMB: NaN,
    maxMemoryMB: NaN,
    initMs: NaN,
    timedOut: false,
  };
  let seen = 0;
  let p = from;
  while (p < end) {
    const c = bytes[p] as number;
    if (c !== BACKSLASH) return null;
    const e = bytes[p + 1];
    if (e === 0x6e /* \n */) {
      // only newlines may follow the first one
      for (let q = p; q < end; q += 2) if (bytes[q] !== BACKSLASH || bytes[q + 1] !== 0x6e) return null;
      break;
    }
    if (e !== 0x74 /* \t */) return null;
    p += 2;
    if (p === end) break;
    if (bytes[p] === BACKSLASH) continue; // the trailing tab, then the newline
    // Name: value
    const nameStart = p;
    while (p < end && p - nameStart <= 16) {
      const b = bytes[p] as number;
      if (b === 0x3a /* : */) break;
      if (!((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x20)) return null;
      p++;
    }
    if (bytes[p] !== 0x3a || bytes[p + 1] !== 0x20) return null;
    const field = fieldOf(bytes, nameStart, p);
    if (field === -1 || (seen & (1 << field)) !== 0) return null;
    seen |= 1 << field;
    p += 2;
    const valueStart = p;
    if (field === F_STATUS) {
      while (p < end && (bytes[p] as number) >= 0x61 && (bytes[p] as number) <= 0x7a) p++;
      metrics.timedOut = bytesStartWith(bytes, valueStart, p, TIMEOUT_WORD);
      continue;
    }
    while (p < end && p - valueStart < 24) {
      const b = bytes[p] as number;
      if (!((b >= 0x30 && b <= 0x39) || b === 0x2e)) break;
      p++;
    }
    if (p - valueStart >= 24) return null;
    const value = decimalValue(bytes, valueStart, p);
    // a unit, then the next field
    if (bytes[p] === 0x20) {
      const u1 = bytes[p + 1];
      const u2 = bytes[p + 2];
      if (!((u1 === 0x6d && u2 === 0x73) || (u1 === 0x4d && u2 === 0x42))) return null; // ms, MB
      p += 3;
    }
    switch (field) {
      case F_DURATION:
        metrics.durationMs = value;
        break;
      case F_BILLED:
        metrics.billedMs = value;
        break;
      case F_MEMORY:
        metrics.memoryMB = value;
        break;
      case F_MAX_MEMORY:
        metrics.maxMemoryMB = value;
        break;
      default:
        metrics.initMs = value;
    }
  }
  return metrics;
}

const LEVELS: readonly Uint8Array[] = ['INFO', 'ERROR', 'WARN', 'DEBUG', 'TRACE', 'FATAL'].map(asciiBytes);

function isTimeByte(c: number): boolean {
  // digits and - : . + T Z
  return (c >= 0x30 && c <= 0x3a) || c === 0x2d || c === 0x2e || c === 0x2b || c === 0x54 || c === 0x5a;
}

function isTabEscape(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === 0x5c && bytes[at + 1] === 0x74;
}
