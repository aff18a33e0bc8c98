import type { Analyzer, AnalyzerSnapshot, InputState } from '../core/analyzer.js';
import type { JsonEventsDecoder } from '../core/decode/jsonEventsDecoder.js';
import type { DecodeWarning } from '../core/events.js';

/** What a part worker is asked to read: bytes [start, …) of one file, up to `stopAt` when that is a boundary. */
export interface PartJob {
  path: string;
  /** The input's name in the report. */
  name: string;
  start: number;
  /** The part begins at an event inside the top-level events array (every part but the first). */
  resume: boolean;
  stopAt?: number;
  windowMs: number;
  redact: boolean;
  /** Whether the input had shown Lambda platform lines before this part (a guess, checked afterwards). */
  sawLambda: boolean;
  /** Stream for events that name none (get-log-events output). */
  stream?: string;
  /** Decode every message first instead of reading raw bytes (see AnalyzeInputOptions.engine). */
  strings?: boolean;
}

export interface PartDone {
  type: 'done';
  snapshot: AnalyzerSnapshot;
  sawLambdaAtEnd: boolean;
  events: number;
  shape: string;
  warnings: DecodeWarning[];
  stoppedAt: DecodeWarning | undefined;
  reachedSplit: boolean;
  topLevelKeys: string[];
  nonEventObjects: number;
  rowsWithoutMessage: number;
}

/** Started with a part worker (the parts come in one PartRequest message). */
export interface PartWorkerData {
  /** Decode every message first (then the warm-up of the byte-level engine is pointless). */
  strings: boolean;
  /** V8 is tuned for the read (see setV8FlagsForParts): no warm-up then either. */
  tuned: boolean;
}

/**
 * Main → part worker: the parts of one file. Each thread takes the next part it reads from `next` (the
 * index of the next part nobody took, in shared memory: `Atomics.add(new Int32Array(next), 0, 1)`), so
 * neither waits for the other between parts; the worker says when it is done with each (PartReply), and
 * `idle` when no part is left for it.
 */
export interface PartRequest {
  type: 'parts';
  jobs: PartJob[];
  next: SharedArrayBuffer;
}

/** Part worker → main. */
export type PartReply =
  | (PartDone & { index: number })
  | {
      type: 'progress';
      index: number;
      /** Bytes of the file this part has read so far, and the events it has analysed. */
      bytes: number;
      events: number;
    }
  | { type: 'error'; index: number; message: string }
  | { type: 'idle' };

export interface PartFailed {
  type: 'error';
  message: string;
}

/** Main → gzip part worker: the segments of one decompressed stream, each an analyser part of its own. */
export type SegmentMessage =
  | { type: 'segment'; index: number; start: number; resume: boolean; sawLambda: boolean }
  | { type: 'chunk'; index: number; bytes: Uint8Array }
  | { type: 'stopAt'; index: number; at: number }
  | { type: 'segmentEnd'; index: number };

/** Gzip part worker → main. */
export type SegmentReply =
  | { type: 'ack'; bytes: number }
  | (Omit<PartDone, 'type'> & { type: 'segmentDone'; index: number })
  | PartFailed;

export interface SegmentWorkerData {
  name: string;
  windowMs: number;
  redact: boolean;
  stream?: string;
  strings?: boolean;
}

/** What a part worker posts when its part is read: the analyser's snapshot and what the decoder saw. */
export function partResult(
  analyzer: Analyzer,
  input: InputState,
  decoder: JsonEventsDecoder,
): Omit<PartDone, 'type'> {
  const snapshot = analyzer.snapshot();
  // the part is read: the tracker's tables in the module are free for the next part (see dispose)
  analyzer.dispose();
  return {
    snapshot,
    sawLambdaAtEnd: input.sawLambda,
    events: decoder.events,
    shape: decoder.shape,
    warnings: decoder.warnings,
    stoppedAt: decoder.stoppedAt,
    reachedSplit: decoder.reachedSplit,
    topLevelKeys: decoder.topLevelKeys,
    nonEventObjects: decoder.nonEventObjects,
    rowsWithoutMessage: decoder.rowsWithoutMessage,
  };
}

/**
 * A part worker's young generation: what it allocates per event dies young, so a small nursery is swept
 * often and cheaply, and the process stays within its memory budget with three threads. 8 MB rather than
 * 16: a 500 MiB Lambda `.gz` (two workers) peaked at 174 MB on average instead of 186 MB over five
 * alternating runs, at the same CPU time (4.14 s against 4.18 s). 4 MB since the quiet lines (far fewer
 * objects per event): Lambda `.gz` 182 -> 170 MB, ECS `.gz` 180 -> 172 MB (means of 4 alternating runs, one
 * run at 8 MB had reached 209 MB), wall and CPU time within noise.
 */
export const PART_WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };
