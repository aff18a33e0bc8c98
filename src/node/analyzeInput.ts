import type { Analyzer, ClassifiedEvent } from '../core/analyzer.js';
import type { InputFormat, LogEvent } from '../core/events.js';
import type { InputSummary } from '../core/report.js';
import { readInput } from './readInput.js';

export interface AnalyzeInputOptions {
  format: InputFormat;
  /** Sees every event with what was concluded about it. */
  onEvent?: (event: LogEvent, classified: ClassifiedEvent) => void;
}

/** Reads one input (a path, or `-` for stdin) into the analyser and returns its summary. */
export async function analyzeInput(
  analyzer: Analyzer,
  path: string,
  options: AnalyzeInputOptions,
): Promise<InputSummary> {
  const state = analyzer.openInput(path === '-' ? '(stdin)' : path);
  const summary = await readInput(path, {
    format: options.format,
    onEvent: (event) => {
      const classified = analyzer.addEvent(state, event);
      options.onEvent?.(event, classified);
    },
  });
  analyzer.closeInput(summary);
  return summary;
}
