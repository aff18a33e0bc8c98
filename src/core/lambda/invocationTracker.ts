import type { LambdaLine } from './lambdaLine.js';

export interface Invocation {
  failures: number;
  timedOut: boolean;
  billedMs: number;
  memoryMB: number;
  reported: boolean;
}

/** Totals over finished invocations; every figure of the Lambda finding comes from here. */
export interface InvocationTotals {
  invocations: number;
  failingInvocations: number;
  timedOut: number;
  failingTimedOut: number;
  billedMs: number;
  failingBilledMs: number;
  failingGbSeconds: number;
  /** Failure events outside any invocation (init phase, or no request id and no open invocation). */
  unattributedFailures: number;
}

export interface TrackerSnapshot {
  totals: InvocationTotals;
  evicted: number;
  streamsForgotten: number;
  open: Map<string, Invocation>;
  orphans: Map<string, Invocation>;
  prefixFailures: Map<string, number>;
  /** The keys are the digests of ids and stream names a WebAssembly tracker keeps (wasmTracker.ts), not texts. */
  digests?: true;
}

/** What the analyser asks of an invocation tracker: this class, or the WebAssembly one (wasmTracker.ts). */
export interface Tracker {
  readonly totals: InvocationTotals;
  readonly evicted: number;
  readonly streamsForgotten: number;
  readonly finishes: number;
  onLine(streamKey: string, line: LambdaLine, failed: boolean): void;
  isOpen(requestId: string): boolean;
  snapshot(): TrackerSnapshot;
  mergeContinuation(next: TrackerSnapshot): void;
  addCounted(invocations: number, failing: number): void;
  end(): void;
}

/** Bounds on per-key state (Lambda can write millions of invocations into one export). */
export const MAX_OPEN_INVOCATIONS = 100_000;
export const MAX_TRACKED_STREAMS = 100_000;
const RECENT_FINISHED = 4096;

/**
 * Assigns every Lambda event to its invocation: by the request id the line carries, else by the invocation
 * open in the same stream (an execution environment runs one invocation at a time). An invocation is
 * finished by its REPORT line, or at the end of the input.
 */
export class InvocationTracker implements Tracker {
  readonly totals: InvocationTotals = {
    invocations: 0,
    failingInvocations: 0,
    timedOut: 0,
    failingTimedOut: 0,
    billedMs: 0,
    failingBilledMs: 0,
    failingGbSeconds: 0,
    unattributedFailures: 0,
  };
  /** Invocations finished early because the open-invocation cap was reached. */
  evicted = 0;
  /** Streams whose open invocation was forgotten because more than MAX_TRACKED_STREAMS were open. */
  streamsForgotten = 0;
  /** Invocations finished so far, by any cause (the tests compare the two trackers by it). */
  finishes = 0;
  private readonly open = new Map<string, Invocation>();
  // Invocations finished lately, for lines that come after their REPORT: the last RECENT_FINISHED at least,
  // at most twice as many (when full, the map is rebuilt with its newer half: deleting one entry per
  // invocation made every REPORT cost three map operations). An id is finished once: `set` only adds.
  private finished = new Map<string, Invocation>();
  private readonly currentByStream = new Map<string, string>();
  // the invocation the last line went to while it is open (see onLine)
  private lastId: string | undefined;
  private lastOpen: Invocation | undefined;

  /**
   * A tracker for a later part of an input read in parallel starts without knowing what was open when its
   * part began. It keeps apart what may belong to the part before (`orphans`: invocations it did not see
   * start; `prefixFailures`: failures without a request id in a stream before it saw that stream's first
   * START or REPORT), and `mergeContinuation` settles them as one pass over the whole input would have.
   */
  private readonly continuation: boolean;
  private readonly orphans = new Map<string, Invocation>();
  private readonly prefixFailures = new Map<string, number>();
  private readonly streamsSeen = new Set<string>();

  constructor(options: { continuation?: boolean } = {}) {
    this.continuation = options.continuation ?? false;
  }

  onLine(streamKey: string, line: LambdaLine, failed: boolean): void {
    // most lines are app lines of the invocation the line before named (the rest of this method would
    // find it open and count the failure, nothing else)
    if (line.kind === 'app' && line.requestId !== undefined && line.requestId === this.lastId) {
      if (failed) (this.lastOpen as Invocation).failures++;
      return;
    }
    const requestId = line.requestId ?? this.currentByStream.get(streamKey);
    if (
      this.continuation &&
      (line.kind === 'start' || line.kind === 'report') &&
      line.requestId !== undefined
    ) {
      this.streamsSeen.add(streamKey);
    }
    if (requestId === undefined) {
      if (this.continuation && !this.streamsSeen.has(streamKey)) {
        if (failed) this.prefixFailures.set(streamKey, (this.prefixFailures.get(streamKey) ?? 0) + 1);
      } else if (failed) this.totals.unattributedFailures++;
      return;
    }
    if (line.kind === 'start') this.setCurrent(streamKey, requestId);
    // An id is either open or finished, never both; open is by far the common case, so look there first.
    let inv = this.open.get(requestId);
    if (inv === undefined) {
      const late = this.finishedInvocation(requestId);
      if (late === undefined && this.continuation && line.kind !== 'start') {
        this.orphanLine(requestId, line, failed);
        if (line.kind === 'report' && this.currentByStream.get(streamKey) === requestId) {
          this.currentByStream.delete(streamKey);
        }
        return;
      }
      if (late) {
        // A line after the REPORT (rare; exports interleave streams): amend the finished invocation.
        if (line.kind === 'report') return;
        this.apply(late, -1);
        if (failed) late.failures++;
        if (line.kind === 'timeout') late.timedOut = true;
        this.apply(late, 1);
        return;
      }
      inv = this.openInvocation(requestId);
    }
    this.lastId = requestId;
    this.lastOpen = inv;
    if (failed) inv.failures++;
    if (line.kind === 'timeout') inv.timedOut = true;
    if (line.kind === 'report' && line.report) {
      inv.reported = true;
      if (Number.isFinite(line.report.billedMs)) inv.billedMs = line.report.billedMs;
      if (Number.isFinite(line.report.memoryMB)) inv.memoryMB = line.report.memoryMB;
      if (line.report.timedOut) inv.timedOut = true;
      this.finish(requestId, inv);
      if (this.currentByStream.get(streamKey) === requestId) this.currentByStream.delete(streamKey);
    }
  }

  private orphanLine(requestId: string, line: LambdaLine, failed: boolean): void {
    let o = this.orphans.get(requestId);
    if (!o) {
      o = { failures: 0, timedOut: false, billedMs: 0, memoryMB: 0, reported: false };
      this.orphans.set(requestId, o);
    }
    if (failed) o.failures++;
    if (line.kind === 'timeout') o.timedOut = true;
    if (line.kind === 'report' && line.report && !o.reported) {
      o.reported = true;
      if (Number.isFinite(line.report.billedMs)) o.billedMs = line.report.billedMs;
      if (Number.isFinite(line.report.memoryMB)) o.memoryMB = line.report.memoryMB;
      if (line.report.timedOut) o.timedOut = true;
    }
  }

  /** What a continuation part hands over (structured-clone friendly). */
  snapshot(): TrackerSnapshot {
    return {
      totals: { ...this.totals },
      evicted: this.evicted,
      streamsForgotten: this.streamsForgotten,
      open: this.open,
      orphans: this.orphans,
      prefixFailures: this.prefixFailures,
    };
  }

  /** Settles the next part of the input (read by a continuation tracker) into this one. */
  mergeContinuation(next: TrackerSnapshot): void {
    if (next.digests) throw new Error('a snapshot of a WebAssembly invocation tracker cannot be merged here');
    this.lastId = undefined; // the merge may put other objects in `open`
    // Failures without a request id at the start of a stream belong to what was open in it here.
    for (const [stream, n] of next.prefixFailures) {
      const id = this.currentByStream.get(stream);
      const inv = id === undefined ? undefined : this.open.get(id);
      if (inv) inv.failures += n;
      else this.totals.unattributedFailures += n;
    }
    for (const [id, o] of next.orphans) {
      const inv = this.open.get(id);
      if (inv) {
        inv.failures += o.failures;
        inv.timedOut ||= o.timedOut;
        if (o.reported) {
          inv.reported = true;
          inv.billedMs = o.billedMs;
          inv.memoryMB = o.memoryMB;
          this.finish(id, inv);
        }
        continue;
      }
      const late = this.finishedInvocation(id);
      if (late) {
        this.apply(late, -1);
        late.failures += o.failures;
        late.timedOut ||= o.timedOut;
        this.apply(late, 1);
        continue;
      }
      if (o.reported) this.finish(id, o);
      else this.open.set(id, o);
    }
    const t = this.totals;
    for (const key of Object.keys(t) as Array<keyof InvocationTotals>) t[key] += next.totals[key];
    this.evicted += next.evicted;
    this.streamsForgotten += next.streamsForgotten;
    for (const [id, inv] of next.open) this.open.set(id, inv);
  }

  /** Adds invocations counted elsewhere (Logs Insights' count_distinct of request ids): no cost figures. */
  addCounted(invocations: number, failing: number): void {
    this.totals.invocations += invocations;
    this.totals.failingInvocations += failing;
  }

  /** Finishes every invocation still open (the input ended before their REPORT). */
  end(): void {
    for (const [id, inv] of this.open) this.finish(id, inv);
    this.currentByStream.clear();
  }

  private setCurrent(streamKey: string, requestId: string): void {
    this.currentByStream.delete(streamKey);
    this.currentByStream.set(streamKey, requestId);
    if (this.currentByStream.size > MAX_TRACKED_STREAMS) {
      const oldest = this.currentByStream.keys().next().value as string;
      this.currentByStream.delete(oldest);
      this.streamsForgotten++;
    }
  }

  private openInvocation(requestId: string): Invocation {
    let inv = this.open.get(requestId);
    if (!inv) {
      inv = { failures: 0, timedOut: false, billedMs: 0, memoryMB: 0, reported: false };
      this.open.set(requestId, inv);
      if (this.open.size > MAX_OPEN_INVOCATIONS) {
        const [oldestId, oldest] = this.open.entries().next().value as [string, Invocation];
        this.evicted++;
        this.finish(oldestId, oldest);
      }
    }
    return inv;
  }

  /** Whether an invocation of this request id is open (started, or seen, and not finished). */
  isOpen(requestId: string): boolean {
    return this.open.has(requestId);
  }

  private finish(requestId: string, inv: Invocation): void {
    this.finishes++;
    if (requestId === this.lastId) this.lastId = undefined;
    this.open.delete(requestId);
    this.apply(inv, 1);
    if (this.finished.size >= 2 * RECENT_FINISHED) {
      const newer = new Map<string, Invocation>();
      let skip = this.finished.size - RECENT_FINISHED;
      for (const [id, done] of this.finished) if (skip-- <= 0) newer.set(id, done);
      this.finished = newer;
    }
    this.finished.set(requestId, inv);
  }

  /** A finished invocation still remembered (the last RECENT_FINISHED at least), or undefined. */
  private finishedInvocation(requestId: string): Invocation | undefined {
    return this.finished.get(requestId);
  }

  /** Adds (sign 1) or removes (sign -1) one invocation's share of the totals. */
  private apply(inv: Invocation, sign: 1 | -1): void {
    const t = this.totals;
    t.invocations += sign;
    t.billedMs += sign * inv.billedMs;
    if (inv.timedOut) t.timedOut += sign;
    if (inv.failures > 0) {
      t.failingInvocations += sign;
      t.failingBilledMs += sign * inv.billedMs;
      t.failingGbSeconds += (sign * (inv.billedMs / 1000) * inv.memoryMB) / 1024;
      if (inv.timedOut) t.failingTimedOut += sign;
    }
  }
}
