import type { TargetRow } from '../report.js';
import { compareClasses, type ConnectionFailure, type ErrorClass } from '../signatures/types.js';
import { redact } from '../redact.js';
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
  /** The ECS tasks whose failures came first (up to 3), so fix commands name one that did. */
  tasks: Array<{ task: string; time: number }>;
}

/** Is (time a, text a) before (time b, text b)? Unknown times sort last; text breaks ties. */
function earlier(a: number, textA: string, b: number, textB: string): boolean {
  if (Number.isNaN(a)) return Number.isNaN(b) && textA < textB;
  if (Number.isNaN(b) || a < b) return true;
  return a === b && textA < textB;
}

function keepEarliestTasks(tasks: Array<{ task: string; time: number }>, task: string, time: number): void {
  const known = tasks.find((t) => t.task === task);
  if (known) {
    // a task's later failure changes nothing (the common case: events come in time order)
    if (!earlier(time, task, known.time, task)) return;
    known.time = time;
  } else if (tasks.length < TASKS_PER_TARGET) {
    tasks.push({ task, time });
  } else {
    const last = tasks[tasks.length - 1] as { task: string; time: number };
    if (!earlier(time, task, last.time, last.task)) return;
    tasks[tasks.length - 1] = { task, time };
  }
  tasks.sort((x, y) => (earlier(x.time, x.task, y.time, y.task) ? -1 : 1));
}

const TASKS_PER_TARGET = 3;

function keyOf(failure: ConnectionFailure): string {
  return `${failure.host ?? ''}|${failure.port ?? ''}|${failure.errorClass}`;
}

/** Distinct (host, port, class) rows kept; failures past the cap are counted under one overflow row. */
export const MAX_TARGETS = 10_000;

/** Failure counts per (host, port, class), with first/last time and one example each. */
export class TargetTable {
  /** Secrets in the kept error text and example line are masked unless this is turned off. */
  constructor(private readonly redactSecrets = true) {}

  private readonly rows = new Map<string, TargetState>();
  /** Failures not given their own row because the table was full. */
  overflow = 0;

  /** The failure added last and its row: repeated failures are mostly the same object (read once, memoised). */
  #lastFailure: ConnectionFailure | undefined;
  #lastRow: TargetState | undefined;

  add(failure: ConnectionFailure, timestamp: number, task?: string, count = 1): void {
    let row = failure === this.#lastFailure ? this.#lastRow : this.rows.get(keyOf(failure));
    if (!row) {
      if (this.rows.size >= MAX_TARGETS) {
        this.overflow += count;
        return;
      }
      row = {
        host: failure.host,
        port: failure.port,
        service: failure.service,
        errorClass: failure.errorClass,
        count: 0,
        first: timestamp,
        last: timestamp,
        error: this.clean(failure.error),
        example: this.clean(failure.excerpt),
        tasks: [],
      };
      this.rows.set(keyOf(failure), row);
    }
    this.#lastFailure = failure;
    this.#lastRow = row;
    row.count += count;
    // Everything kept per row depends on event times, not on input order, so every export shape of the
    // same events gives the same report: the example is the earliest failure's. A later failure cannot
    // be it, so it is not cleaned (redaction is the costly part of this).
    if (!(timestamp > row.first)) {
      const example = this.clean(failure.excerpt);
      if (earlier(timestamp, example, row.first, row.example)) {
        row.first = timestamp;
        row.error = this.clean(failure.error);
        row.example = example;
      }
    }
    if (timestamp > row.last || Number.isNaN(row.last)) row.last = timestamp;
    if (task !== undefined) keepEarliestTasks(row.tasks, task, timestamp);
  }

  private clean(text: string): string {
    return this.redactSecrets ? redact(text) : text;
  }

  /** Adds another table's rows (a later part of the same input, read in parallel). */
  merge(other: TargetTable): void {
    this.overflow += other.overflow;
    for (const [key, theirs] of other.rows) {
      const row = this.rows.get(key);
      if (!row) {
        if (this.rows.size >= MAX_TARGETS) this.overflow += theirs.count;
        else this.rows.set(key, { ...theirs, tasks: [...theirs.tasks] });
        continue;
      }
      row.count += theirs.count;
      if (earlier(theirs.first, theirs.example, row.first, row.example)) {
        row.first = theirs.first;
        row.error = theirs.error;
        row.example = theirs.example;
      }
      if (theirs.last > row.last || Number.isNaN(row.last)) row.last = theirs.last;
      for (const t of theirs.tasks) keepEarliestTasks(row.tasks, t.task, t.time);
    }
  }

  /** Rebuilds a table from its structured clone (what a worker thread posts). */
  static revive(data: { rows: Map<string, TargetState>; overflow: number }): TargetTable {
    const table = new TargetTable(false); // rows were cleaned where they were made
    for (const [k, v] of data.rows) table.rows.set(k, v);
    table.overflow = data.overflow;
    return table;
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
          compareClasses(a.errorClass, b.errorClass),
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
        ...(r.tasks.length > 0 ? { tasks: r.tasks.map((t) => t.task) } : {}),
      }));
  }
}
