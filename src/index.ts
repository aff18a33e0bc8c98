export * from './core/index.js';
export { readInput } from './node/readInput.js';
export { formatJson } from './format/jsonReport.js';
export { formatText } from './format/textReport.js';
export { main } from './cli/main.js';

import { Analyzer, type AnalyzerOptions } from './core/analyzer.js';
import type { InputFormat } from './core/events.js';
import type { Report } from './core/report.js';
import { analyzeInput } from './node/analyzeInput.js';

/** Analyses files (or `-` for stdin) and returns the report. Throws NetsleuthError for an unreadable input. */
export async function analyzeFiles(
  files: string[],
  options: AnalyzerOptions & { inputFormat?: InputFormat; threads?: number | 'auto' } = {},
): Promise<Report> {
  const analyzer = new Analyzer(options);
  for (const file of files) {
    await analyzeInput(analyzer, file, {
      format: options.inputFormat ?? 'auto',
      threads: options.threads ?? 'auto',
    });
  }
  return analyzer.finish();
}
