import type { Analyzer, ClassifiedEvent } from '../core/analyzer.js';
import type { InputFormat, LogEvent } from '../core/events.js';
import type { InputSummary } from '../core/report.js';
import { stat } from 'node:fs/promises';
import { readInParts, threadsFor } from './readInParts.js';
import { readInput, streamFromFileName } from './readInput.js';
import { GZIP_PARALLEL_MIN_BYTES, readGzipInParts } from './readGzipInParts.js';

export interface AnalyzeInputOptions {
  format: InputFormat;
  /** Threads for one large plain JSON file: `auto` (default) uses two above 64 MiB on a multi-core machine. */
  threads?: number | 'auto';
  /** Progress of this input: bytes read of the file's size (compressed bytes for gzip), events analysed. */
  onProgress?: (p: { bytes: number; totalBytes: number; events: number }) => void;
  /** Sees every event with what was concluded about it (every message is then decoded). */
  onEvent?: (event: LogEvent, classified: ClassifiedEvent) => void;
  /**
   * `bytes` (default): JSON events are read by the byte-level engine, which decodes a message only when it
   * may matter; `strings`: every message is decoded first. Both give the same report.
   */
  engine?: 'bytes' | 'strings';
}

/** Reads one input (a path, or `-` for stdin) into the analyser and returns its summary. */
export async function analyzeInput(
  analyzer: Analyzer,
  path: string,
  options: AnalyzeInputOptions,
): Promise<InputSummary> {
  const state = analyzer.openInput(path === '-' ? '(stdin)' : path);
  let summary: InputSummary | undefined;
  const size =
    path === '-'
      ? 0
      : await stat(path).then(
          (s) => (s.isFile() ? s.size : 0),
          () => 0,
        );
  const eventsBefore = analyzer.events;
  const progress = options.onProgress;
  if (
    path !== '-' &&
    !options.onEvent &&
    options.format !== 'text' &&
    threadsFor(options.threads ?? 'auto', size) > 1
  ) {
    const stream = streamFromFileName(path);
    summary = await readInParts(path, analyzer, {
      ...(stream !== undefined ? { stream } : {}),
      ...(options.engine === 'strings' ? { strings: true } : {}),
      ...(progress
        ? {
            onProgress: (bytes, events) =>
              progress({ bytes, totalBytes: size, events: eventsBefore + events }),
          }
        : {}),
    });
  }
  if (
    !summary &&
    path !== '-' &&
    !options.onEvent &&
    options.format !== 'text' &&
    (options.threads === 2 ||
      ((options.threads ?? 'auto') === 'auto' &&
        threadsFor('auto', size * 6) > 1 &&
        size >= GZIP_PARALLEL_MIN_BYTES))
  ) {
    const stream = streamFromFileName(path);
    summary = await readGzipInParts(path, analyzer, {
      ...(stream !== undefined ? { stream } : {}),
      ...(options.engine === 'strings' ? { strings: true } : {}),
      ...(progress
        ? {
            onProgress: (bytes, events) =>
              progress({ bytes, totalBytes: size, events: eventsBefore + events }),
          }
        : {}),
    });
  }
  let read = 0;
  summary ??= await readInput(path, {
    ...(progress
      ? {
          onRead: (n: number) => {
            read += n;
            progress({ bytes: read, totalBytes: size, events: analyzer.events });
          },
        }
      : {}),
    format: options.format,
    onEvent: (event) => {
      const classified = analyzer.addEvent(state, event);
      options.onEvent?.(event, classified);
    },
    ...(!options.onEvent && options.engine !== 'strings'
      ? {
          onRawEvent: analyzer.rawEvents(state),
        }
      : {}),
  });
  analyzer.closeInput(summary);
  return summary;
}
