import type { Report } from '../core/report.js';

/** The JSON report: one object, two-space indented, newline-terminated. */
export function formatJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
