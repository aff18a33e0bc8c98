import type { DecodeWarning, LogEvent } from '../events.js';

/** Largest message kept per event; CloudWatch itself caps events at 1 MB, so more means a damaged input. */
export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

export interface DecoderOptions {
  onEvent: (event: LogEvent) => void;
  maxMessageBytes?: number;
}

/**
 * A push decoder over the bytes of one input. It never holds the whole input: it keeps at most the
 * unfinished token at the end of a chunk (bounded by `maxMessageBytes`).
 */
export interface StreamDecoder {
  push(chunk: Uint8Array): void;
  end(): void;
  /** Events emitted so far. */
  readonly events: number;
  /** Name of the shape recognised, e.g. `filter-log-events`, `get-log-events`, `text`. */
  readonly shape: string;
  readonly warnings: DecodeWarning[];
  /** Set when decoding had to stop early; the events before it stand. */
  readonly stoppedAt: DecodeWarning | undefined;
}

/** Maximum warnings of one kind kept per input; the rest are counted. */
export const MAX_WARNINGS = 20;

export class WarningList {
  readonly items: DecodeWarning[] = [];
  private dropped = 0;
  add(w: DecodeWarning): void {
    if (this.items.length < MAX_WARNINGS) this.items.push(w);
    else this.dropped++;
  }
  finish(): DecodeWarning[] {
    if (this.dropped > 0) {
      this.items.push({ message: `${this.dropped} more warnings of the same kinds were not listed` });
      this.dropped = 0;
    }
    return this.items;
  }
}
