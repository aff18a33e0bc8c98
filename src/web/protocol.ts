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
  | { type: 'done'; report: Report }
  | { type: 'error'; message: string };
