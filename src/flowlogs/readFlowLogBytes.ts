import { JsonEventsDecoder } from '../core/decode/jsonEventsDecoder.js';
import type { FlowLogFormat } from './flowLogFormat.js';
import { FlowLogParser, type FlowLogParseSummary } from './flowLogParser.js';
import type { FlowRecord } from './flowRecord.js';

export interface ReadFlowLogBytesOptions {
  /** Input name for warnings. */
  source: string;
  format?: FlowLogFormat;
  onRecord: (record: FlowRecord) => void;
}

export interface FlowLogInputSummary extends FlowLogParseSummary {
  /** `text` (plain or S3 delivery file) or `cloudwatch-export` (filter-log-events JSON of the flow log group). */
  shape: 'text' | 'cloudwatch-export';
}

/**
 * Reads one flow log input from its (decompressed) bytes, streaming: plain text records (S3 delivery
 * files, with their header line) or a CloudWatch Logs export of the flow log group, where each event's
 * message is one record and its stream names the ENI. Which one is decided by the first non-blank byte.
 */
export async function readFlowLogBytes(
  chunks: AsyncIterable<Uint8Array>,
  options: ReadFlowLogBytesOptions,
): Promise<FlowLogInputSummary> {
  const parser = new FlowLogParser(options);
  let json: JsonEventsDecoder | undefined;
  let decided = false;
  let lead: Uint8Array[] = [];
  for await (const chunk of chunks) {
    if (!decided) {
      // blanks and a UTF-8 byte order mark do not decide
      const first = chunk.findIndex(
        (b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf,
      );
      if (first === -1) {
        lead.push(chunk);
        continue;
      }
      decided = true;
      const c = chunk[first];
      if (c === 0x7b || c === 0x5b) {
        json = new JsonEventsDecoder({
          // the event number stands in for a line: CloudWatch exports have no record lines
          onEvent: (event) => parser.pushLine(event.message, event.index + 1, event.stream, event.timestamp),
        });
      }
      for (const l of lead) (json ?? parser).push(l);
      lead = [];
    }
    (json ?? parser).push(chunk);
  }
  if (json) json.end();
  const summary = parser.end();
  if (json) {
    if (json.events === 0) {
      const keys = json.topLevelKeys.slice(0, 5).join(', ');
      summary.warnings.push({
        message: `${options.source}: no log events in this JSON${keys ? ` (its keys: ${keys})` : ''}; expected aws logs filter-log-events output of the flow log group`,
      });
    }
    for (const w of json.warnings)
      summary.warnings.push({ ...w, message: `${options.source}: ${w.message}` });
    if (json.stoppedAt) {
      summary.warnings.push({
        ...json.stoppedAt,
        message: `${options.source}: ${json.stoppedAt.message}`,
      });
    }
  }
  return { ...summary, shape: json ? 'cloudwatch-export' : 'text' };
}
