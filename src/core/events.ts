/** One CloudWatch Logs event, as every decoder hands it to the pipeline. */
export interface LogEvent {
  /** 0-based position of the event in its input. */
  index: number;
  /** Event time in epoch milliseconds, or NaN when the input does not say. */
  timestamp: number;
  /** Log stream name, when the input carries one. */
  stream: string | undefined;
  /** The message exactly as CloudWatch stored it (trailing newline included). */
  message: string;
}

/** Input formats the decoders recognise; `auto` sniffs. */
export const INPUT_FORMATS = ['auto', 'json', 'text'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** What a decoder reports about one input besides its events. */
export interface DecodeWarning {
  message: string;
  /** Byte offset in the (decompressed) input where the problem was seen. */
  byte?: number;
  /** 1-based line number, for line-oriented inputs. */
  line?: number;
}
