import type { Finding, Report } from '../core/report.js';
import type { ErrorClass } from '../core/signatures/types.js';

export interface TimelineColumn {
  /** Start of the first window the column covers, epoch ms. */
  start: number;
  failures: Partial<Record<ErrorClass, number>>;
  total: number;
  /** At least one of the column's windows holds events (a log window), known when the report lists them. */
  logged: boolean;
}

/**
 * The finding's failures over the report's whole time range, one column per window, or per group of
 * windows when there are more than `maxColumns`. Windows without failures are columns of zero.
 */
export function timelineColumns(report: Report, finding: Finding, maxColumns: number): TimelineColumn[] {
  const { start } = report.timeRange;
  const total = report.window.total;
  if (!start || total <= 0) return [];
  const ms = report.window.ms;
  const firstWindow = Math.floor(Date.parse(start) / ms);
  const group = Math.ceil(total / maxColumns);
  const columns: TimelineColumn[] = [];
  for (let i = 0; i < Math.ceil(total / group); i++) {
    columns.push({ start: (firstWindow + i * group) * ms, failures: {}, total: 0, logged: false });
  }
  for (const start of finding.logWindows ?? []) {
    const column = columns[Math.floor((Date.parse(start) / ms - firstWindow) / group)];
    if (column) column.logged = true;
  }
  for (const bucket of finding.timeline) {
    const i = Math.floor((Date.parse(bucket.start) / ms - firstWindow) / group);
    const column = columns[i];
    if (!column) continue;
    column.logged = true;
    for (const [cls, n] of Object.entries(bucket.failures) as Array<[ErrorClass, number]>) {
      column.failures[cls] = (column.failures[cls] ?? 0) + n;
      column.total += n;
    }
  }
  return columns;
}
