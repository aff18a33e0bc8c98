import type { AggregatedInput } from '../analyzer.js';
import { CLASS_PHRASES, ERRNO_CLASSES } from '../signatures/phrases.js';
import { serviceName } from '../signatures/services.js';
import { parseTimestamp } from '../time.js';
import type { ErrorClass } from '../signatures/types.js';

/**
 * Logs Insights queries that find connection failures server-side, for log volumes too large to download.
 * They are built from the same tables as the client-side matcher, but only what Logs Insights can do is
 * pushed down: a keyword filter (the error codes and phrases of the signature tables), a `parse` of the
 * keyword and of the first host:port, and `stats` per 5-minute bin. What stays client-side: the per-runtime
 * signatures (host named by the error, not the first host:port printed), stitching, and near-miss rules.
 */

/** Error codes and phrases pushed down, most specific first (a regex alternation takes the first). */
export function pushedDownKeywords(): string[] {
  const codes = Object.keys(ERRNO_CLASSES).filter((c) => c !== 'ENODATA' && c !== 'ETIMEOUT');
  const phrases = CLASS_PHRASES.map(([phrase]) => phrase).filter((p) => p !== 'timed out');
  return [...codes.sort((a, b) => b.length - a.length), ...phrases, 'socket hang up'];
}

/** The class of a keyword the failures query extracted. */
export function classOfKeyword(keyword: string): ErrorClass | undefined {
  const upper = keyword.toUpperCase();
  if (ERRNO_CLASSES[upper]) return ERRNO_CLASSES[upper];
  const lower = keyword.toLowerCase();
  if (lower === 'socket hang up') return 'reset';
  return CLASS_PHRASES.find(([phrase]) => phrase === lower)?.[1];
}

function escapeForRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export interface InsightsQueries {
  /** Failure events per bin, keyword and first host:port (and distinct Lambda request ids). */
  failures: string;
  /** Distinct Lambda request ids among failure events: the failing invocations. */
  failingInvocations: string;
  /** Events and distinct Lambda request ids per bin: the log windows and the invocations. */
  windows: string;
}

/** The two queries, for `windowMinutes`-minute bins. */
export function buildInsightsQueries(windowMinutes = 5): InsightsQueries {
  const alternation = pushedDownKeywords().map(escapeForRegex).join('|');
  const bin = `bin(${windowMinutes}m)`;
  const filters = [
    'fields @timestamp, @message',
    `| filter @message like /(?i)(${alternation})/`,
    // awslogs sends each line of a Node.js error dump as its own event: `  code: 'ECONNREFUSED',` is not a new failure
    `| filter @message not like /^\\s*(code|errno|syscall): /`,
  ];
  const failures = [
    ...filters,
    `| parse @message /(?i)(?<keyword>${alternation})/`,
    `| parse @message /(?<target>(\\d{1,3}\\.){3}\\d{1,3}:\\d{1,5}|[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63}){1,8}:\\d{1,5})/`,
    `| stats count(*) as failures, count_distinct(@requestId) as requests by ${bin}, keyword, target`,
    '| limit 10000',
  ].join('\n');
  const windows = [
    'fields @timestamp',
    `| stats count(*) as events, count_distinct(@requestId) as requests by ${bin}`,
    '| limit 10000',
  ].join('\n');
  const failingInvocations = [...filters, '| stats count_distinct(@requestId) as requests'].join('\n');
  return { failures, failingInvocations, windows };
}

/** One row of GetQueryResults: `[{field, value}]`, every value a string. */
export type InsightsRow = Array<{ field?: string; value?: string }>;

export function rowValue(row: InsightsRow, field: string): string | undefined {
  return row.find((c) => c.field === field)?.value;
}

function num(v: string | undefined): number {
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
}

/** Splits `host:port` at its last colon (IPv6 in brackets too). */
function splitTarget(target: string | undefined): { host: string | null; port: number | null } {
  if (!target) return { host: null, port: null };
  const at = target.lastIndexOf(':');
  const port = Number(target.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) return { host: target, port: null };
  return { host: target.slice(0, at).replace(/^\[|\]$/g, ''), port };
}

/** The analyser's aggregated input from the three queries' rows (see Analyzer.addAggregates). */
export function aggregatesFromRows(
  platform: 'lambda' | 'ecs',
  rows: { windows: InsightsRow[]; failures: InsightsRow[]; failingInvocations: InsightsRow[] },
  windowMinutes = 5,
): AggregatedInput {
  const bin = `bin(${windowMinutes}m)`;
  const windows = rows.windows
    .map((r) => ({
      start: parseTimestamp(rowValue(r, bin) ?? ''),
      events: num(rowValue(r, 'events')),
      requests: num(rowValue(r, 'requests')),
    }))
    .filter((w) => Number.isFinite(w.start));
  const failures: AggregatedInput['failures'] = [];
  for (const r of rows.failures) {
    const keyword = rowValue(r, 'keyword') ?? '';
    const errorClass = classOfKeyword(keyword);
    const start = parseTimestamp(rowValue(r, bin) ?? '');
    if (!errorClass || !Number.isFinite(start)) continue;
    const { host, port } = splitTarget(rowValue(r, 'target'));
    failures.push({
      start,
      count: num(rowValue(r, 'failures')),
      failure: {
        errorClass,
        host,
        port,
        service: serviceName(host, port),
        runtime: 'generic',
        signature: 'insights.keyword',
        error: keyword,
        excerpt: `${keyword}${host ? ` ${rowValue(r, 'target')}` : ''} (counted by Logs Insights)`,
      },
    });
  }
  const failingRequests = num(rowValue(rows.failingInvocations[0] ?? [], 'requests'));
  return { platform, windows, failures, failingRequests };
}
