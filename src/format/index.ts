import type { Report } from '../core/report.js';
import { formatHtml } from './htmlReport.js';
import { formatJson } from './jsonReport.js';
import { formatMarkdown } from './markdownReport.js';
import { formatText } from './textReport.js';

export interface FormatOptions {
  /** ANSI colours (text only). */
  color: boolean;
}

/** Every report format by name: pure functions from a report to the text to write. */
export const FORMATTERS = {
  text: (report: Report, options: FormatOptions) => formatText(report, { color: options.color }),
  json: (report: Report) => formatJson(report),
  markdown: (report: Report) => formatMarkdown(report),
  html: (report: Report) => formatHtml(report),
} as const;

export type FormatName = keyof typeof FORMATTERS;
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];
