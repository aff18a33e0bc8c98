import type { LogEvent } from '../events.js';
import { JsonEventsDecoder } from './jsonEventsDecoder.js';
import { isGzip } from './sniff.js';
import { chunksOf, gunzipStream } from './webStreams.js';

/** Base64 to bytes with the platform's `atob` (Node and browsers). Throws on invalid base64. */
export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Decodes the subscription payloads an outer decoder collected (base64 of gzip of a DATA_MESSAGE, as
 * CloudWatch Logs sends to Lambda, Kinesis and Firehose) and emits their events through it, in order.
 * CONTROL_MESSAGE health checks are skipped by the inner decoder; a broken payload becomes a warning.
 */
export async function drainPayloads(outer: JsonEventsDecoder): Promise<void> {
  while (outer.payloads.length > 0) {
    const payload = outer.payloads.shift() as string;
    const inner = new JsonEventsDecoder({ onEvent: (e: LogEvent) => outer.emitFromPayload(e) });
    try {
      const bytes = base64ToBytes(payload);
      if (isGzip(bytes)) {
        for await (const chunk of chunksOf(gunzipStream(new Blob([bytes as BlobPart]).stream())))
          inner.push(chunk);
      } else inner.push(bytes);
      inner.end();
      if (inner.stoppedAt)
        outer.warnPayload(`a subscription payload holds invalid JSON: ${inner.stoppedAt.message}`);
    } catch (err) {
      outer.warnPayload(`a subscription payload could not be decoded (${(err as Error).message})`);
    }
  }
}
