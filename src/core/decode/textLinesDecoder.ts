import type { DecodeWarning, LogEvent } from '../events.js';
import { parseTimestamp } from '../time.js';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  type DecoderOptions,
  type StreamDecoder,
  WarningList,
} from './decoder.js';
import { copyBytes, decodeUtf8 } from './jsonString.js';

// `2024-05-14T09:21:08.114Z`, `2024-05-14 09:21:08,114`, with an optional zone; anchored and bounded.
const LEADING_TIME =
  /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)([ \t])/;

/**
 * Plain text: one event per line. A leading ISO timestamp followed by a space (the S3 export and `tail`
 * shape) is the event time and is removed from the message; followed by a tab (the Lambda Node.js runtime
 * line) it stays part of the message. Lines without a time inherit the previous line's.
 */
export class TextLinesDecoder implements StreamDecoder {
  private readonly onEvent: (event: LogEvent) => void;
  private readonly maxMessageBytes: number;
  private readonly stream: string | undefined;
  private carry: Uint8Array | undefined;
  private skippingLongLine = false;
  private line = 0;
  private count = 0;
  private lastTime = NaN;
  private readonly warningList = new WarningList();

  /** S3 exports keep multi-line messages whole: a line without a leading time continues the event before. */
  private readonly joinContinuations: boolean;
  private pending: { timestamp: number; message: string } | undefined;

  constructor(options: DecoderOptions & { stream?: string; joinContinuations?: boolean }) {
    this.onEvent = options.onEvent;
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.stream = options.stream;
    this.joinContinuations = options.joinContinuations ?? false;
  }

  readonly shape = 'text';
  get events(): number {
    return this.count;
  }
  get warnings(): DecodeWarning[] {
    return this.warningList.items;
  }
  get stoppedAt(): DecodeWarning | undefined {
    return undefined;
  }

  push(chunk: Uint8Array): void {
    let buf = chunk;
    if (this.carry) {
      const joined = new Uint8Array(this.carry.length + chunk.length);
      joined.set(this.carry, 0);
      joined.set(chunk, this.carry.length);
      buf = joined;
      this.carry = undefined;
    }
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, start);
      if (nl === -1) break;
      if (this.skippingLongLine) {
        this.skippingLongLine = false;
      } else {
        this.emitLine(buf, start, nl);
      }
      this.line++;
      start = nl + 1;
    }
    if (start < buf.length && !this.skippingLongLine) {
      if (buf.length - start > this.maxMessageBytes) {
        this.emitLine(buf, start, start + this.maxMessageBytes);
        this.warningList.add({
          message: `line ${this.line + 1} is longer than ${this.maxMessageBytes / 1048576} MB; only its start was analysed`,
          line: this.line + 1,
        });
        this.skippingLongLine = true;
      } else {
        this.carry = copyBytes(buf, start, buf.length);
      }
    }
  }

  end(): void {
    if (this.carry) {
      this.emitLine(this.carry, 0, this.carry.length);
      this.carry = undefined;
      this.line++;
    }
    this.flushPending();
    this.warningList.finish();
  }

  private flushPending(): void {
    if (!this.pending) return;
    const { timestamp, message } = this.pending;
    this.pending = undefined;
    this.onEvent({ index: this.count++, timestamp, stream: this.stream, message });
  }

  private emitLine(buf: Uint8Array, start: number, end: number): void {
    if (end > start && buf[end - 1] === 0x0d) end--;
    if (end === start && !this.joinContinuations) return;
    let message = decodeUtf8(buf, start, end);
    let timestamp = NaN;
    const m = LEADING_TIME.exec(message);
    if (m) {
      timestamp = parseTimestamp(m[1] as string);
      if (m[2] === ' ' && Number.isFinite(timestamp)) message = message.slice(m[0].length);
    }
    if (this.joinContinuations) {
      if (!Number.isFinite(timestamp) && this.pending) {
        if (this.pending.message.length < this.maxMessageBytes) this.pending.message += '\n' + message;
        return;
      }
      this.flushPending();
      if (message.length === 0 && !Number.isFinite(timestamp)) return;
      this.pending = { timestamp: Number.isFinite(timestamp) ? timestamp : this.lastTime, message };
      if (Number.isFinite(timestamp)) this.lastTime = timestamp;
      return;
    }
    if (Number.isFinite(timestamp)) this.lastTime = timestamp;
    else timestamp = this.lastTime;
    this.onEvent({ index: this.count++, timestamp, stream: this.stream, message });
  }
}
