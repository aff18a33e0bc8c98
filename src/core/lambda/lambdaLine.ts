/** What one Lambda log line says about its invocation. */
export interface LambdaLine {
  kind: 'start' | 'end' | 'report' | 'timeout' | 'app' | 'init' | 'other';
  requestId: string | undefined;
  report?: ReportMetrics;
  /** From `platform.initStart` records in the JSON log format. */
  functionName?: string;
}

export interface ReportMetrics {
  durationMs: number;
  billedMs: number;
  memoryMB: number;
  maxMemoryMB: number;
  initMs: number;
  timedOut: boolean;
}

function isRequestId(s: string): boolean {
  // A UUID as Lambda prints request ids (8-4-4-4-12 hex); hand-rolled because it runs on every event.
  if (s.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 0x2d) return false;
    } else if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)))
      return false;
  }
  return true;
}

function field(line: string, name: string): number {
  const at = line.indexOf(name);
  if (at === -1) return NaN;
  const from = at + name.length;
  let end = from;
  while (
    end < line.length &&
    end - from < 24 &&
    line.charCodeAt(end) !== 0x20 &&
    line.charCodeAt(end) !== 0x09
  )
    end++;
  return parseFloat(line.slice(from, end));
}

function parseReportText(line: string): ReportMetrics {
  const status = line.indexOf('\tStatus: ');
  return {
    durationMs: field(line, '\tDuration: '),
    billedMs: field(line, 'Billed Duration: '),
    memoryMB: field(line, 'Memory Size: '),
    maxMemoryMB: field(line, 'Max Memory Used: '),
    initMs: field(line, 'Init Duration: '),
    timedOut: status !== -1 && line.startsWith('timeout', status + 9),
  };
}

/** The request id that follows `prefix` up to a space, tab or newline. */
function idAfter(message: string, prefix: string): string | undefined {
  const from = prefix.length;
  const id = message.slice(from, from + 36);
  return isRequestId(id) ? id : undefined;
}

export const TIMEOUT_TEXT = 'Task timed out after ';
export const START = 'START RequestId: ';
export const END = 'END RequestId: ';
export const REPORT = 'REPORT RequestId: ';
/** The line `parseLambdaLine` gives for INIT_START / INIT_REPORT, and for lines that are none of its kinds. */
export const INIT_LINE: LambdaLine = { kind: 'init', requestId: undefined };
export const OTHER_LINE: LambdaLine = { kind: 'other', requestId: undefined };

/** Text that only Lambda's platform lines hold (raw, so it can be searched for in undecoded bytes too). */
export const PLATFORM_MARKERS: readonly string[] = [
  START,
  END,
  REPORT,
  'INIT_START',
  'INIT_REPORT',
  TIMEOUT_TEXT,
  'platform.',
];

/**
 * Parses the platform and runtime lines Lambda writes: START / END / REPORT (text), "Task timed out",
 * Node.js `<ISO>\t<requestId>\tLEVEL\t…`, Python `[LEVEL]\t<time>\t<requestId>\t…`, and the JSON log
 * format (`platform.*` records, `requestId` on application records). Cheap prefix checks first: this runs
 * on every event.
 */
export function parseLambdaLine(message: string): LambdaLine {
  const c0 = message.charCodeAt(0);
  if (c0 === 0x53 /* S */ && message.startsWith(START)) {
    return { kind: 'start', requestId: idAfter(message, START) };
  }
  if (c0 === 0x45 /* E */ && message.startsWith(END)) {
    return { kind: 'end', requestId: idAfter(message, END) };
  }
  if (c0 === 0x52 /* R */ && message.startsWith(REPORT)) {
    return {
      kind: 'report',
      requestId: idAfter(message, REPORT),
      report: parseReportText(message),
    };
  }
  if (c0 === 0x49 /* I */ && (message.startsWith('INIT_START') || message.startsWith('INIT_REPORT')))
    return INIT_LINE;
  if (c0 === 0x7b /* { */) return parseJsonLine(message);
  if (c0 === 0x5b /* [ */) {
    const at = pythonIdAt(message);
    return at === -1 ? OTHER_LINE : { kind: 'app', requestId: message.slice(at, at + 36) };
  }
  if (message.length > 37 && message.startsWith(TIMEOUT_TEXT, 37)) {
    // "<requestId> Task timed out …" once an exporter has taken the leading time off
    const id = message.slice(0, 36);
    if (isRequestId(id)) return { kind: 'timeout', requestId: id };
  }
  if (c0 >= 0x30 && c0 <= 0x39) {
    // Node.js: <ISO>\t<requestId>\tLEVEL\t…   Timeout: <ISO> <requestId> Task timed out after 3.00 seconds
    const at = nodeIdAt(message);
    if (at === -1) return OTHER_LINE;
    const id = message.slice(at, at + 36);
    if (message.startsWith(TIMEOUT_TEXT, at + 37)) return { kind: 'timeout', requestId: id };
    return { kind: 'app', requestId: id };
  }
  return OTHER_LINE;
}

/** Where the request id of a Node.js runtime line (`<time>\t<requestId>\t…`, time first) starts, or -1. */
function nodeIdAt(message: string): number {
  const sep = message.length > 25 ? message.charCodeAt(24) : 0;
  const at = sep === 0x09 || sep === 0x20 ? 25 : message.search(/[\t ]/) + 1;
  return at > 0 && at < 40 && isRequestId(message.slice(at, at + 36)) ? at : -1;
}

/** Where the request id of a Python runtime line (`[ERROR]\t2024-05-14T09:21:07.114Z\t<requestId>\t…`) starts, or -1. */
function pythonIdAt(message: string): number {
  const t1 = message.indexOf('\t');
  if (!(t1 > 0 && t1 < 12 && message.charCodeAt(t1 - 1) === 0x5d)) return -1;
  const t2 = message.indexOf('\t', t1 + 1);
  return t2 > 0 && t2 - t1 < 40 && isRequestId(message.slice(t2 + 1, t2 + 37)) ? t2 + 1 : -1;
}

/**
 * A Node.js or Python runtime line (an `app` line of parseLambdaLine's, written by the runtime) with its time
 * and request id written as zeros: every digit and hex letter from the time's first character to the id's
 * last becomes `0`, nothing else changes (not the length, not the level). Undefined for any other line. The
 * analyser classifies this text (see readMessage): the time and id name no target, and lines that differ
 * only in them are then one text.
 */
export function maskRuntimeStamp(message: string): string | undefined {
  const c0 = message.charCodeAt(0);
  let from: number;
  let idAt: number;
  if (c0 >= 0x30 && c0 <= 0x39) {
    from = 0;
    idAt = nodeIdAt(message);
    if (idAt !== -1 && message.startsWith(TIMEOUT_TEXT, idAt + 37)) return undefined;
  } else if (c0 === 0x5b /* [ */) {
    idAt = pythonIdAt(message);
    from = message.indexOf('\t') + 1;
  } else return undefined;
  if (idAt === -1) return undefined;
  const to = idAt + 36;
  return message.slice(0, from) + maskedStamp(message, from, to) + message.slice(to);
}

/** The stamp of a runtime line as the runtimes write it (ISO time, tab, id), masked. */
const USUAL_STAMP = '0000-00-00T00:00:00.000Z\t00000000-0000-0000-0000-000000000000';

/** message[from, to) with every digit and hex letter as `0`: USUAL_STAMP itself when it is one like it. */
function maskedStamp(message: string, from: number, to: number): string {
  if (to - from === USUAL_STAMP.length) {
    let usual = true;
    for (let i = 0; i < USUAL_STAMP.length && usual; i++) {
      const c = message.charCodeAt(from + i);
      const hex = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
      usual = hex ? USUAL_STAMP.charCodeAt(i) === 0x30 : USUAL_STAMP.charCodeAt(i) === c;
    }
    if (usual) return USUAL_STAMP;
  }
  return message.slice(from, to).replace(/[0-9a-fA-F]/g, '0');
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : NaN;
}

function parseJsonLine(message: string): LambdaLine {
  let record: unknown;
  try {
    record = JSON.parse(message);
  } catch {
    return OTHER_LINE;
  }
  if (typeof record !== 'object' || record === null) return OTHER_LINE;
  const r = record as Record<string, unknown>;
  const type = r['type'];
  if (typeof type === 'string' && type.startsWith('platform.')) {
    const body = (typeof r['record'] === 'object' && r['record'] !== null ? r['record'] : {}) as Record<
      string,
      unknown
    >;
    const requestId = typeof body['requestId'] === 'string' ? body['requestId'] : undefined;
    switch (type) {
      case 'platform.start':
        return { kind: 'start', requestId };
      case 'platform.runtimeDone':
        return { kind: 'end', requestId };
      case 'platform.report': {
        const m = (
          typeof body['metrics'] === 'object' && body['metrics'] !== null ? body['metrics'] : {}
        ) as Record<string, unknown>;
        return {
          kind: 'report',
          requestId,
          report: {
            durationMs: num(m['durationMs']),
            billedMs: num(m['billedDurationMs']),
            memoryMB: num(m['memorySizeMB']),
            maxMemoryMB: num(m['maxMemoryUsedMB']),
            initMs: num(m['initDurationMs']),
            timedOut: body['status'] === 'timeout',
          },
        };
      }
      case 'platform.initStart':
        return typeof body['functionName'] === 'string'
          ? { kind: 'init', requestId: undefined, functionName: body['functionName'] }
          : INIT_LINE;
      default:
        return type.startsWith('platform.init') ? INIT_LINE : { kind: 'other', requestId };
    }
  }
  const requestId = r['requestId'];
  if (
    typeof requestId === 'string' &&
    (typeof r['level'] === 'string' || typeof r['log_level'] === 'string')
  ) {
    return { kind: 'app', requestId };
  }
  return OTHER_LINE;
}

/** Lambda log streams are named `YYYY/MM/DD/[version]<32 hex>`. */
export function isLambdaStream(stream: string | undefined): boolean {
  return (
    stream !== undefined &&
    stream.length > 11 &&
    stream.charCodeAt(4) === 0x2f &&
    stream.charCodeAt(7) === 0x2f &&
    stream.charCodeAt(10) === 0x2f &&
    /^\d{4}\/\d{2}\/\d{2}\/.{0,80}\[/.test(stream)
  );
}
