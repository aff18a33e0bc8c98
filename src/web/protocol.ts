import type { Report } from '../core/report.js';

/** Page → worker: analyse these files (never uploaded: they stay in this browser). */
export interface AnalyzeRequest {
  type: 'analyze';
  files: File[];
  windowMs: number;
}

/** Worker → page. */
export type WorkerMessage =
  | { type: 'progress'; bytes: number; totalBytes: number; events: number; file: string }
  /** engine: whether the byte-level engine ran its WebAssembly part here (else all of it in JavaScript) */
  | { type: 'done'; report: Report; engine: 'webassembly' | 'javascript' }
  | { type: 'error'; message: string };
