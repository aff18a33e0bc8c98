import { NetsleuthError } from '../errors.js';
import type { DecodeWarning, InputFormat, LogEvent } from '../events.js';
import type { StreamDecoder } from './decoder.js';
import { JsonEventsDecoder, type RawEventHandler } from './jsonEventsDecoder.js';
import { sniffFormat } from './sniff.js';
import { drainPayloads } from './subscriptionPayload.js';
import { TextLinesDecoder } from './textLinesDecoder.js';

/** Bytes looked at before deciding the format. */
const SNIFF_BYTES = 4096;

const SHAPE_HINTS: ReadonlyArray<readonly [string, string]> = [
  ['SecurityGroups', 'aws ec2 describe-security-groups output'],
  ['logGroups', 'aws logs describe-log-groups output'],
  ['logStreams', 'aws logs describe-log-streams output'],
];

/** An input that gave no events: says why in one sentence, when there is more to say than "empty". */
export function throwIfNothingRead(
  name: string,
  what: {
    stoppedAt: DecodeWarning | undefined;
    nonEventObjects: number;
    topLevelKeys: string[];
    rowsWithoutMessage?: number;
    /** What went wrong inside, e.g. a subscription payload that would not decode. */
    firstWarning?: string | undefined;
  },
): void {
  if (what.stoppedAt) throw new NetsleuthError('INPUT_INVALID_JSON', `${name}: ${what.stoppedAt.message}`);
  if (what.rowsWithoutMessage) {
    throw new NetsleuthError(
      'INPUT_WRONG_SHAPE',
      `${name}: these Logs Insights results have no @message field (a stats query?); run a query that returns @timestamp, @message and @logStream, such as: fields @timestamp, @message, @logStream`,
    );
  }
  if (what.nonEventObjects > 0) {
    const keys = what.topLevelKeys;
    const hint = SHAPE_HINTS.find(([k]) => keys.includes(k));
    throw new NetsleuthError(
      'INPUT_WRONG_SHAPE',
      `${name}: the JSON holds no CloudWatch log events` +
        (hint ? ` (it looks like ${hint[1]}, which this version does not read)` : '') +
        (keys.length > 0 ? `; top-level keys: ${keys.slice(0, 6).join(', ')}` : '') +
        (what.firstWarning
          ? ` (${what.firstWarning})`
          : '; expected the output of aws logs filter-log-events or get-log-events'),
    );
  }
}

export interface DecodedInput {
  format: string;
  events: number;
  bytes: number;
  decoder: StreamDecoder;
}

/**
 * Decodes one input's (already decompressed) bytes into events: sniffs the format from the first bytes,
 * unless `format` forces one, then streams every chunk through the decoder. Throws a NetsleuthError when
 * nothing at all could be read; otherwise problems are the decoder's warnings.
 */
export async function decodeInput(
  chunks: AsyncIterable<Uint8Array>,
  options: {
    name: string;
    format: InputFormat;
    /** Stream name for text inputs, which carry none (e.g. from an S3 export path). */
    stream?: string;
    /** Text from an S3 export: lines without a leading time continue the previous event. */
    joinContinuations?: boolean;
    onEvent: (event: LogEvent) => void;
    /** JSON events with their message undecoded go here instead of onEvent (the byte-level engine). */
    onRawEvent?: RawEventHandler;
  },
): Promise<DecodedInput> {
  let decoder: StreamDecoder | undefined;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  const start = (head: Uint8Array): StreamDecoder => {
    const sniffed = sniffFormat(head, options.name);
    if (sniffed === 'gzip') {
      throw new NetsleuthError('INPUT_UNREADABLE', `${options.name}: the input is gzip-compressed twice`);
    }
    const kind = options.format === 'auto' ? sniffed : options.format;
    return kind === 'json'
      ? new JsonEventsDecoder({
          onEvent: options.onEvent,
          defaultStream: options.stream,
          ...(options.onRawEvent ? { onRawEvent: options.onRawEvent } : {}),
        })
      : new TextLinesDecoder({
          onEvent: options.onEvent,
          stream: options.stream,
          joinContinuations: options.joinContinuations ?? false,
        });
  };
  for await (const chunk of chunks) {
    bytes += chunk.length;
    if (decoder) {
      decoder.push(chunk);
      if (decoder instanceof JsonEventsDecoder && decoder.payloads.length > 0) await drainPayloads(decoder);
      continue;
    }
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes < SNIFF_BYTES) continue;
    const head = concat(pending, pendingBytes);
    pending = [];
    decoder = start(head);
    decoder.push(head);
    if (decoder instanceof JsonEventsDecoder && decoder.payloads.length > 0) await drainPayloads(decoder);
  }
  if (!decoder) {
    const head = concat(pending, pendingBytes);
    decoder = start(head);
    decoder.push(head);
  }
  decoder.end();
  if (decoder instanceof JsonEventsDecoder && decoder.payloads.length > 0) await drainPayloads(decoder);
  if (decoder.events === 0) {
    throwIfNothingRead(options.name, {
      stoppedAt: decoder.stoppedAt,
      nonEventObjects: decoder instanceof JsonEventsDecoder ? decoder.nonEventObjects : 0,
      topLevelKeys: decoder instanceof JsonEventsDecoder ? decoder.topLevelKeys : [],
      rowsWithoutMessage: decoder instanceof JsonEventsDecoder ? decoder.rowsWithoutMessage : 0,
      firstWarning: decoder.warnings[0]?.message,
    });
  }
  return { format: decoder.shape, events: decoder.events, bytes, decoder };
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
