import type { DecodeWarning } from '../core/events.js';
import { NUMERIC_FLOW_LOG_FIELDS } from './flowLogFields.js';
import { DEFAULT_FLOW_LOG_FORMAT, type FlowLogFormat, headerFormat } from './flowLogFormat.js';
import type { FlowRecord } from './flowRecord.js';

/** Bad lines listed one by one per input; the rest are only counted. */
const MAX_LISTED_BAD_LINES = 20;
const EXPORT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
/** Distinct formats remembered per input. */
const MAX_FORMATS = 20;
/** Without these a record cannot be matched to a connection. */
const CORRELATION_FIELDS = ['srcaddr', 'dstaddr', 'srcport', 'dstport', 'action'];
/** A flow log record is a few hundred bytes; a longer line is not one and is not kept whole. */
const MAX_LINE_BYTES = 64 * 1024;

export interface FlowLogParserOptions {
  /** Name of the input, used in warnings (`file:line`). */
  source: string;
  /** An explicit format (`--flow-log-format`, describe-flow-logs `LogFormat`); a header line still wins. */
  format?: FlowLogFormat;
  onRecord: (record: FlowRecord) => void;
}

/** What parsing one input found besides its records. */
export interface FlowLogParseSummary {
  source: string;
  records: number;
  /** Records with log-status NODATA / SKIPDATA (counted in `records` too). */
  nodata: number;
  skipdata: number;
  badLines: number;
  /** Lines that could not be read because no format was known for them. */
  unformattedLines: number;
  /** Formats seen (several when files with different headers were concatenated). */
  formats: FlowLogFormat[];
  warnings: DecodeWarning[];
}

type Setter = (r: FlowRecord, value: string) => boolean;

const num =
  (key: 'version' | 'srcport' | 'dstport' | 'protocol' | 'packets' | 'bytes' | 'tcpFlags'): Setter =>
  (r, v) => {
    const n = toInt(v);
    if (n === undefined) return false;
    r[key] = n;
    return true;
  };
const seconds =
  (key: 'startMs' | 'endMs'): Setter =>
  (r, v) => {
    const n = toInt(v);
    if (n === undefined) return false;
    r[key] = n === null ? null : n * 1000;
    return true;
  };
const text =
  (
    key:
      | 'accountId'
      | 'interfaceId'
      | 'srcaddr'
      | 'dstaddr'
      | 'vpcId'
      | 'subnetId'
      | 'instanceId'
      | 'pktSrcaddr'
      | 'pktDstaddr'
      | 'azId'
      | 'ecsTaskId'
      | 'ecsTaskArn'
      | 'rejectReason',
  ): Setter =>
  (r, v) => {
    r[key] = v === '-' ? null : v;
    return true;
  };

/** How each typed field is read; a false return makes the line bad. */
const SETTERS: Record<string, Setter> = {
  version: num('version'),
  'account-id': text('accountId'),
  'interface-id': text('interfaceId'),
  srcaddr: text('srcaddr'),
  dstaddr: text('dstaddr'),
  srcport: num('srcport'),
  dstport: num('dstport'),
  protocol: num('protocol'),
  packets: num('packets'),
  bytes: num('bytes'),
  start: seconds('startMs'),
  end: seconds('endMs'),
  action: (r, v) => {
    if (v === '-') return true;
    if (v !== 'ACCEPT' && v !== 'REJECT') return false;
    r.action = v;
    return true;
  },
  'log-status': (r, v) => {
    if (v === '-') return true;
    if (v !== 'OK' && v !== 'NODATA' && v !== 'SKIPDATA') return false;
    r.logStatus = v;
    return true;
  },
  'vpc-id': text('vpcId'),
  'subnet-id': text('subnetId'),
  'instance-id': text('instanceId'),
  'tcp-flags': num('tcpFlags'),
  'pkt-srcaddr': text('pktSrcaddr'),
  'pkt-dstaddr': text('pktDstaddr'),
  'az-id': text('azId'),
  'flow-direction': (r, v) => {
    if (v === '-') return true;
    if (v !== 'ingress' && v !== 'egress') return false;
    r.flowDirection = v;
    return true;
  },
  'ecs-task-id': text('ecsTaskId'),
  'ecs-task-arn': text('ecsTaskArn'),
  'reject-reason': text('rejectReason'),
};

/** A numeric field kept as text (traffic-path): still checked, so a shifted line is caught. */
function numericExtra(name: string): Setter {
  return (r, v) => {
    if (v === '-') return true;
    if (toInt(v) === undefined) return false;
    r.extra[name] = v;
    return true;
  };
}

/** `-` is null; undefined means not an integer. */
function toInt(v: string): number | null | undefined {
  if (v === '-') return null;
  if (!/^\d{1,19}$/.test(v)) return undefined;
  return Number(v);
}

function emptyRecord(source: string, line: number): FlowRecord {
  return {
    version: null,
    accountId: null,
    interfaceId: null,
    srcaddr: null,
    dstaddr: null,
    srcport: null,
    dstport: null,
    protocol: null,
    packets: null,
    bytes: null,
    startMs: null,
    endMs: null,
    action: null,
    logStatus: null,
    vpcId: null,
    subnetId: null,
    instanceId: null,
    tcpFlags: null,
    pktSrcaddr: null,
    pktDstaddr: null,
    azId: null,
    flowDirection: null,
    ecsTaskId: null,
    ecsTaskArn: null,
    rejectReason: null,
    extra: {},
    source,
    line,
  };
}

/**
 * Parses flow log records line by line, from bytes (`push`/`end`) or from whole lines (`pushLine`, for
 * CloudWatch events whose message is one record). A header line sets the format for the lines after it,
 * so concatenated S3 files with different headers parse. Without header or given format, a line is read
 * as the default version 2 format only when it has its 14 fields and its shape (`2 … OK|NODATA|SKIPDATA`);
 * other lines are counted as unformatted and one warning says what to pass. Bad lines never throw.
 */
export class FlowLogParser {
  private readonly source: string;
  private readonly onRecord: (record: FlowRecord) => void;
  private readonly given: FlowLogFormat | undefined;
  private format: FlowLogFormat | undefined;
  private setters: Array<Setter | undefined> = [];
  private carry: Uint8Array | undefined;
  private skippingLongLine = false;
  private lineNo = 0;
  private readonly decoder = new TextDecoder();
  private listedBad = 0;
  private warnedUnformatted = false;
  private readonly seenFormats = new Set<string>();
  private readonly summary: FlowLogParseSummary;

  constructor(options: FlowLogParserOptions) {
    this.source = options.source;
    this.onRecord = options.onRecord;
    this.given = options.format;
    this.summary = {
      source: options.source,
      records: 0,
      nodata: 0,
      skipdata: 0,
      badLines: 0,
      unformattedLines: 0,
      formats: [],
      warnings: [],
    };
    if (options.format) this.useFormat(options.format, 0);
  }

  /** Bytes of a text input (already decompressed). */
  push(chunk: Uint8Array): void {
    let buf = chunk;
    if (this.carry) {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry, 0);
      buf.set(chunk, this.carry.length);
      this.carry = undefined;
    }
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, start);
      if (nl === -1) break;
      this.lineNo++;
      if (this.skippingLongLine) this.skippingLongLine = false;
      else this.readLine(this.decoder.decode(buf.subarray(start, nl)), this.lineNo);
      start = nl + 1;
    }
    if (start >= buf.length || this.skippingLongLine) return;
    if (buf.length - start > MAX_LINE_BYTES) {
      // far longer than any record: count it bad and drop bytes until its end
      this.bad(this.lineNo + 1, `longer than ${MAX_LINE_BYTES} bytes`);
      this.skippingLongLine = true;
      return;
    }
    this.carry = buf.slice(start);
  }

  end(): FlowLogParseSummary {
    if (this.carry) {
      this.lineNo++;
      this.readLine(this.decoder.decode(this.carry), this.lineNo);
      this.carry = undefined;
    } else if (this.skippingLongLine) {
      this.lineNo++;
    }
    const s = this.summary;
    if (s.badLines > this.listedBad) {
      s.warnings.push({ message: `${s.source}: ${s.badLines - this.listedBad} more bad lines not listed` });
    }
    return s;
  }

  /**
   * One record line, e.g. a CloudWatch event message; `line` is its position for warnings. `timestamp`
   * (epoch ms; CloudWatch delivery sets the event time to the record's start) stands in for `start` when
   * the format has none.
   */
  pushLine(text: string, line: number, stream?: string, timestamp?: number): void {
    this.readLine(text, line, stream, timestamp);
  }

  private useFormat(format: FlowLogFormat, line: number): void {
    this.format = format;
    this.setters = format.fields.map(
      (f) => SETTERS[f] ?? (NUMERIC_FLOW_LOG_FIELDS.has(f) ? numericExtra(f) : undefined),
    );
    // said once per distinct format: concatenated files repeat their header
    const key = format.fields.join(' ');
    if (this.seenFormats.has(key) || this.seenFormats.size >= MAX_FORMATS) return;
    this.seenFormats.add(key);
    this.summary.formats.push(format);
    const where = line > 0 ? line : 1;
    if (format.unknownFields.length > 0) {
      this.warn(
        where,
        `the format names fields this version does not know (${format.unknownFields.join(', ')}); they are kept as text`,
      );
    }
    const missing = CORRELATION_FIELDS.filter((f) => !format.fields.includes(f));
    if (missing.length > 0) {
      this.warn(
        where,
        `the format has no ${missing.join(', ')}: its records cannot all be matched to connections${format.fields.includes('start') || format.fields.includes('end') ? '' : ' or placed in time'}`,
      );
    }
  }

  private readLine(raw: string, line: number, stream?: string, timestamp?: number): void {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const trimmed = text.trim();
    if (trimmed.length === 0) return;
    let tokens = trimmed.split(/\s+/);
    // an S3 export of a CloudWatch flow log group (CreateExportTask) puts the event time before each record
    if (EXPORT_TIME.test(tokens[0] as string)) {
      const t = Date.parse(tokens[0] as string);
      tokens = tokens.slice(1);
      if (timestamp === undefined && Number.isFinite(t)) timestamp = t;
    }
    const header = headerFormat(tokens);
    if (header) {
      this.useFormat(header, line);
      return;
    }
    let format = this.format;
    if (!format) {
      if (!looksLikeDefaultV2(tokens)) {
        this.unformatted(line, tokens.length);
        return;
      }
      this.useFormat(DEFAULT_FLOW_LOG_FORMAT, line);
      format = DEFAULT_FLOW_LOG_FORMAT;
    }
    if (tokens.length !== format.fields.length) {
      this.bad(
        line,
        `${tokens.length} fields where the ${format.origin === 'header' ? 'header' : format.origin === 'option' ? 'given format' : 'default format'} has ${format.fields.length}`,
      );
      return;
    }
    const record = emptyRecord(this.source, line);
    if (stream !== undefined) record.stream = stream;
    for (let i = 0; i < tokens.length; i++) {
      const value = tokens[i] as string;
      const set = this.setters[i];
      if (set) {
        if (!set(record, value)) {
          this.bad(line, `${format.fields[i]} is "${value.slice(0, 40)}"`);
          return;
        }
      } else if (value !== '-') {
        record.extra[format.fields[i] as string] = value;
      }
    }
    if (
      record.startMs === null &&
      record.endMs === null &&
      timestamp !== undefined &&
      Number.isFinite(timestamp)
    ) {
      record.startMs = timestamp;
    }
    this.summary.records++;
    if (record.logStatus === 'NODATA') this.summary.nodata++;
    else if (record.logStatus === 'SKIPDATA') this.summary.skipdata++;
    this.onRecord(record);
  }

  private unformatted(line: number, count: number): void {
    this.summary.unformattedLines++;
    if (this.warnedUnformatted) return;
    this.warnedUnformatted = true;
    this.warn(
      line,
      `${count} fields and no header line, so the record format is unknown (only a 14-field version 2 line is read without one); pass the flow log's format as describe-flow-logs prints its LogFormat, e.g. --flow-log-format '\${version} \${account-id} \${interface-id} …'`,
    );
  }

  private bad(line: number, why: string): void {
    this.summary.badLines++;
    if (this.listedBad >= MAX_LISTED_BAD_LINES) return;
    this.listedBad++;
    this.warn(line, `bad record (${why}); skipped`);
  }

  private warn(line: number, message: string): void {
    this.summary.warnings.push({ message: `${this.source}:${line}: ${message}`, line });
  }

  /** The format in force (given, from a header, or the default once assumed). */
  get currentFormat(): FlowLogFormat | undefined {
    return this.format ?? this.given;
  }
}

/** The default format's shape: 14 fields, version 2 first, a log-status last. */
function looksLikeDefaultV2(tokens: readonly string[]): boolean {
  if (tokens.length !== 14 || tokens[0] !== '2') return false;
  const status = tokens[13];
  return status === 'OK' || status === 'NODATA' || status === 'SKIPDATA';
}
