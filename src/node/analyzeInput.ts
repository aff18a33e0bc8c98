import type { Analyzer, ClassifiedEvent } from '../core/analyzer.js';
import type { InputFormat, LogEvent } from '../core/events.js';
import type { InputSummary } from '../core/report.js';
import { stat } from 'node:fs/promises';
import { readInParts, threadsFor } from './readInParts.js';
import { readInput, streamFromFileName } from './readInput.js';

export interface AnalyzeInputOptions {
  format: InputFormat;
  /** Threads for one large plain JSON file: `auto` (default) uses two above 64 MiB on a multi-core machine. */
  threads?: number | 'auto';
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
  let summary: InputSummary | undefined;
  if (path !== '-' && !options.onEvent && options.format !== 'text') {
    const size = await stat(path).then(
      (s) => (s.isFile() ? s.size : 0),
      () => 0,
    );
    if (threadsFor(options.threads ?? 'auto', size) > 1) {
      const stream = streamFromFileName(path);
      summary = await readInParts(path, analyzer, stream !== undefined ? { stream } : {});
    }
  }
  summary ??= await readInput(path, {
    format: options.format,
    onEvent: (event) => {
      const classified = analyzer.addEvent(state, event);
      options.onEvent?.(event, classified);
    },
  });
  analyzer.closeInput(summary);
  return summary;
}
