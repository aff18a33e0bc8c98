import type { TargetRow } from '../report.js';
import type { ConnectionFailure, ErrorClass } from '../signatures/types.js';
import { isoOrNull } from '../time.js';

interface TargetState {
  host: string | null;
  port: number | null;
  service: string | null;
  errorClass: ErrorClass;
  count: number;
  first: number;
  last: number;
  error: string;
  example: string;
  /** A few ECS tasks that logged this failure, so fix commands name one that did. */
  tasks: string[];
}

const TASKS_PER_TARGET = 3;

/** Distinct (host, port, class) rows kept; failures past the cap are counted under one overflow row. */
export const MAX_TARGETS = 10_000;

/** Failure counts per (host, port, class), with first/last time and one example each. */
export class TargetTable {
  private readonly rows = new Map<string, TargetState>();
  /** Failures not given their own row because the table was full. */
  overflow = 0;

  add(failure: ConnectionFailure, timestamp: number, task?: string): void {
    const key = `${failure.host ?? ''}|${failure.port ?? ''}|${failure.errorClass}`;
    const row = this.rows.get(key);
    if (row) {
      row.count++;
      if (timestamp < row.first || Number.isNaN(row.first)) row.first = timestamp;
      if (timestamp > row.last || Number.isNaN(row.last)) row.last = timestamp;
      if (task !== undefined && row.tasks.length < TASKS_PER_TARGET && !row.tasks.includes(task))
        row.tasks.push(task);
      return;
    }
    if (this.rows.size >= MAX_TARGETS) {
      this.overflow++;
      return;
    }
    this.rows.set(key, {
      host: failure.host,
      port: failure.port,
      service: failure.service,
      errorClass: failure.errorClass,
      count: 1,
      first: timestamp,
      last: timestamp,
      error: failure.error,
      example: failure.excerpt,
      tasks: task === undefined ? [] : [task],
    });
  }

  get size(): number {
    return this.rows.size;
  }

  /** Rows by count (most first), then host and port, so output is deterministic. */
  toRows(): TargetRow[] {
    return [...this.rows.values()]
      .sort(
        (a, b) =>
          b.count - a.count ||
          Number(a.host === null) - Number(b.host === null) ||
          (a.host ?? '').localeCompare(b.host ?? '') ||
          (a.port ?? 0) - (b.port ?? 0) ||
          a.errorClass.localeCompare(b.errorClass),
      )
      .map((r) => ({
        host: r.host,
        port: r.port,
        service: r.service,
        class: r.errorClass,
        count: r.count,
        firstSeen: isoOrNull(r.first),
        lastSeen: isoOrNull(r.last),
        error: r.error,
        example: r.example,
        ...(r.tasks.length > 0 ? { tasks: [...r.tasks] } : {}),
      }));
  }
}
