import type { TimelineBucket } from '../report.js';
import {
  compareClasses,
  type ConnectionFailure,
  type ErrorClass,
  isConnectivity,
} from '../signatures/types.js';
import { TargetTable } from './targetTable.js';

/** Windows tracked per scope: a year of 5-minute windows fits many times over. */
export const MAX_WINDOWS = 1_000_000;

/** What the patterns of one platform (ECS containers or Lambda) read: events, failures, windows, targets. */
export class ScopeAggregates {
  events = 0;
  /** Connectivity failures: every class but `pool`. */
  failures = 0;
  /** Pool-acquire timeouts: given target rows (class `pool`), but no failure count, window or severity. */
  poolEvents = 0;
  /** Certificate validation failures: not connectivity, counted apart (no target, window or severity). */
  certificateEvents = 0;
  readonly targets: TargetTable;
  readonly classes = new Map<ErrorClass, number>();
  /** Window index (floor(timestamp / windowMs)) of every window that holds ≥ 1 event. */
  readonly logWindows = new Set<number>();
  /** Failures per window and class. */
  readonly failureWindows = new Map<number, Map<ErrorClass, number>>();
  windowsDropped = 0;

  constructor(
    readonly windowMs: number,
    redactSecrets = true,
  ) {
    this.targets = new TargetTable(redactSecrets);
  }

  addEvent(timestamp: number, count = 1): number {
    this.events += count;
    if (!Number.isFinite(timestamp)) return NaN;
    const w = Math.floor(timestamp / this.windowMs);
    if (!this.logWindows.has(w)) {
      if (this.logWindows.size >= MAX_WINDOWS) this.windowsDropped++;
      else this.logWindows.add(w);
    }
    return w;
  }

  addFailure(failure: ConnectionFailure, timestamp: number, window: number, task?: string, count = 1): void {
    this.targets.add(failure, timestamp, task, count);
    this.classes.set(failure.errorClass, (this.classes.get(failure.errorClass) ?? 0) + count);
    if (!isConnectivity(failure.errorClass)) {
      this.poolEvents += count;
      return;
    }
    this.failures += count;
    if (Number.isNaN(window) || !this.logWindows.has(window)) return;
    let byClass = this.failureWindows.get(window);
    if (!byClass) {
      byClass = new Map();
      this.failureWindows.set(window, byClass);
    }
    byClass.set(failure.errorClass, (byClass.get(failure.errorClass) ?? 0) + count);
  }

  /** Adds a later part of the same input (read in parallel); every figure is a sum or a union. */
  merge(other: ScopeAggregates): void {
    this.events += other.events;
    this.failures += other.failures;
    this.poolEvents += other.poolEvents;
    this.certificateEvents += other.certificateEvents;
    this.targets.merge(
      TargetTable.revive(other.targets as unknown as Parameters<typeof TargetTable.revive>[0]),
    );
    for (const [cls, n] of other.classes) this.classes.set(cls, (this.classes.get(cls) ?? 0) + n);
    for (const w of other.logWindows) {
      if (this.logWindows.has(w)) continue;
      if (this.logWindows.size >= MAX_WINDOWS) this.windowsDropped++;
      else this.logWindows.add(w);
    }
    this.windowsDropped += other.windowsDropped;
    for (const [w, byClass] of other.failureWindows) {
      let mine = this.failureWindows.get(w);
      if (!mine) {
        mine = new Map();
        this.failureWindows.set(w, mine);
      }
      for (const [cls, n] of byClass) mine.set(cls, (mine.get(cls) ?? 0) + n);
    }
  }

  /** Start (ISO) of every log window, in time order; undefined past `cap` windows (too many to list). */
  logWindowStarts(cap = 10_000): string[] | undefined {
    if (this.logWindows.size > cap) return undefined;
    return [...this.logWindows].sort((a, b) => a - b).map((w) => new Date(w * this.windowMs).toISOString());
  }

  timeline(): TimelineBucket[] {
    return [...this.failureWindows.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([w, byClass]) => ({
        start: new Date(w * this.windowMs).toISOString(),
        failures: Object.fromEntries([...byClass.entries()].sort((a, b) => compareClasses(a[0], b[0]))),
      }));
  }
}
