/**
 * Synthetic CloudWatch Logs exports for the benchmark, with the known truth recorded while writing.
 *
 *   node --import tsx bench/generate.ts lambda|ecs OUT_FILE SIZE_MB [SEED]
 *
 * The output has the exact shape `aws logs filter-log-events` prints (Python `json.dumps(indent=4)`):
 * `{"events": [{logStreamName, timestamp, message, ingestionTime, eventId}, ...], "searchedLogStreams": []}`,
 * events sorted by timestamp with several log streams interleaved. It is streamed to disk, never built in
 * memory, and is deterministic for a given (kind, size, seed). The truth goes to `OUT_FILE.truth.json`.
 */
import { once } from 'node:events';
import { createWriteStream, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export type Kind = 'lambda' | 'ecs';
export type FailureClass = 'refused' | 'timeout' | 'dns' | 'unreachable' | 'reset' | 'tls';

/** Bump when the output for a given (kind, size, seed) changes, so bench/run.ts regenerates cached files. */
export const GENERATOR_VERSION = 2;
export const WINDOW_MS = 5 * 60_000;
export const MIB = 1024 * 1024;

export interface TruthTarget {
  host: string;
  /** null when the failure line names no port (DNS failures). */
  port: number | null;
  class: FailureClass;
  /** Number of failure events for this (host, port, class). */
  count: number;
  firstSeen: number;
  lastSeen: number;
}

export interface Truth {
  generatorVersion: number;
  kind: Kind;
  sizeMb: number;
  seed: number;
  /** Exact size of the written file. */
  bytes: number;
  events: number;
  streams: number;
  /** Streams (ECS tasks / Lambda environments) with at least one failure event. */
  streamsWithErrors: number;
  /** null when there are no events. */
  firstTimestamp: number | null;
  lastTimestamp: number | null;
  /** Events that report a connection failure (stack-trace continuation events are not counted). */
  failureEvents: number;
  windowMs: number;
  /** 5-minute windows (aligned to the epoch) holding at least one event. */
  windows: number;
  /** Windows holding at least one failure event. */
  windowsWithErrors: number;
  /** Windows from the first event's to the last event's, inclusive, whether or not they hold events. */
  windowsSpanned: number;
  lambda?: {
    invocations: number;
    /** Invocations with at least one failure event. */
    failingInvocations: number;
    /** Invocations with a `Task timed out` line. */
    timedOut: number;
    /** Sum of `Billed Duration` over all REPORT lines. */
    billedMs: number;
    /** Failing invocations that also timed out. */
    failingTimedOut: number;
    /** Sum of `Billed Duration` over the failing invocations. */
    failingBilledMs: number;
  };
  /** Sorted by descending count, then host, port, class. */
  targets: TruthTarget[];
}

export interface GenerateOptions {
  kind: Kind;
  outFile: string;
  /** Target size in MiB; the file ends at the first clean point after reaching it. */
  sizeMb: number;
  seed?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness

/** sfc32 seeded through splitmix32: fast, small state, good enough statistics for synthetic logs. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.float();
  }

  /** Uniform in [0, 1). */
  float(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Exponentially distributed with the given mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Picks from `[weight, value]` pairs. */
  weighted<T>(items: ReadonlyArray<readonly [number, T]>): T {
    let total = 0;
    for (const [w] of items) total += w;
    let r = this.float() * total;
    for (const [w, v] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return (items[items.length - 1] as readonly [number, T])[1];
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += ((this.float() * 0x10000) >>> 0).toString(16).padStart(4, '0');
    return out.slice(0, length);
  }

  uuid(): string {
    const h = this.hex(32);
    const variant = '89ab'[this.int(0, 3)] as string;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** A 56-digit CloudWatch event id. */
  eventId(): string {
    let out = String(this.int(10_000_000, 99_999_999));
    for (let i = 0; i < 6; i++) out += String(this.int(0, 99_999_999)).padStart(8, '0');
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Failure shapes

interface FailureKind {
  code: string;
  errno: number;
  class: FailureClass;
  host: string;
  /** undefined for getaddrinfo failures. */
  port?: number;
}

const errorMessage = (f: FailureKind): string =>
  f.port === undefined ? `getaddrinfo ${f.code} ${f.host}` : `connect ${f.code} ${f.host}:${f.port}`;

const stackFrame = (f: FailureKind): string =>
  f.port === undefined
    ? '    at GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:120:26)'
    : '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)';

/** Lines of `util.inspect(err)` for a Node system error (what `console.error(err)` prints). */
function inspectLines(f: FailureKind): string[] {
  const lines = [
    `Error: ${errorMessage(f)}`,
    `${stackFrame(f)} {`,
    `  errno: ${f.errno},`,
    `  code: '${f.code}',`,
  ];
  if (f.port === undefined) {
    lines.push(`  syscall: 'getaddrinfo',`, `  hostname: '${f.host}'`);
  } else {
    lines.push(`  syscall: 'connect',`, `  address: '${f.host}',`, `  port: ${f.port}`);
  }
  lines.push('}');
  return lines;
}

/** The JSON the Node.js Lambda runtime prints after `Invoke Error \t` (key order as the runtime emits it). */
function invokeErrorJson(f: FailureKind): string {
  const body: Record<string, unknown> = {
    errorType: 'Error',
    errorMessage: errorMessage(f),
    code: f.code,
    errno: f.errno,
    syscall: f.port === undefined ? 'getaddrinfo' : 'connect',
  };
  if (f.port === undefined) body.hostname = f.host;
  else {
    body.address = f.host;
    body.port = f.port;
  }
  body.stack = [`Error: ${errorMessage(f)}`, stackFrame(f)];
  return JSON.stringify(body);
}

const LAMBDA_FAILURES: ReadonlyArray<readonly [number, FailureKind]> = [
  [5, { code: 'ETIMEDOUT', errno: -110, class: 'timeout', host: '10.0.3.47', port: 5432 }],
  [3, { code: 'ECONNREFUSED', errno: -111, class: 'refused', host: '10.0.1.23', port: 6379 }],
  [2, { code: 'ENOTFOUND', errno: -3008, class: 'dns', host: 'secretsmanager.us-east-1.amazonaws.com' }],
];

const ECS_FAILURES: ReadonlyArray<readonly [number, FailureKind]> = [
  [5, { code: 'ECONNREFUSED', errno: -111, class: 'refused', host: '10.0.3.42', port: 5432 }],
  [4, { code: 'ETIMEDOUT', errno: -110, class: 'timeout', host: '10.0.5.18', port: 6379 }],
  [3, { code: 'ENOTFOUND', errno: -3008, class: 'dns', host: 'orders-service.local' }],
  [1, { code: 'EAI_AGAIN', errno: -3001, class: 'dns', host: 'orders-service.local' }],
  [1, { code: 'EHOSTUNREACH', errno: -113, class: 'unreachable', host: '10.0.7.9', port: 443 }],
];

// ---------------------------------------------------------------------------------------------------------
// Time regimes shared by all streams: normal traffic, incidents (failures cluster), quiet gaps (no events)

interface Regime {
  start: number;
  end: number;
  kind: 'normal' | 'incident' | 'quiet';
  /** Probability that a unit of work (invocation / request) fails. */
  failProb: number;
  /** The failure that dominates this regime. */
  dominant: FailureKind;
}

class Schedule {
  private readonly regimes: Regime[] = [];

  constructor(
    private readonly rng: Rng,
    start: number,
    private readonly failures: ReadonlyArray<readonly [number, FailureKind]>,
    /** Failure probability per unit of work outside incidents (sporadic failures). */
    private readonly baseFailProb: number,
  ) {
    // A short first stretch, so that even small files reach an incident.
    this.push(start, 'normal', 4);
  }

  private push(start: number, kind: Regime['kind'], fixedMinutes?: number): void {
    const r = this.rng;
    const minutes =
      fixedMinutes ?? (kind === 'normal' ? r.int(15, 90) : kind === 'incident' ? r.int(2, 25) : r.int(6, 40));
    this.regimes.push({
      start,
      end: start + minutes * 60_000 + r.int(0, 59_999),
      kind,
      failProb: kind === 'incident' ? 0.05 + r.float() * 0.35 : this.baseFailProb,
      dominant: r.weighted(this.failures),
    });
    if (this.regimes.length > 64) this.regimes.splice(0, 32);
  }

  at(t: number): Regime {
    for (;;) {
      const last = this.regimes[this.regimes.length - 1] as Regime;
      if (t < last.end) break;
      const kind = last.kind !== 'normal' ? 'normal' : this.rng.chance(0.3) ? 'quiet' : 'incident';
      this.push(last.end, kind);
    }
    for (let i = this.regimes.length - 1; i >= 0; i--) {
      const reg = this.regimes[i] as Regime;
      if (reg.start <= t) return reg;
    }
    return this.regimes[0] as Regime;
  }

  /** `t`, or the end of the quiet period holding it. */
  skipQuiet(t: number): number {
    let reg = this.at(t);
    while (reg.kind === 'quiet') reg = this.at(reg.end);
    return Math.max(t, reg.start);
  }

  failure(t: number): FailureKind | undefined {
    const reg = this.at(t);
    if (!this.rng.chance(reg.failProb)) return undefined;
    return reg.kind === 'incident' && this.rng.chance(0.85) ? reg.dominant : this.rng.weighted(this.failures);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Writer: pretty-printed JSON, byte-counted, with backpressure

class ExportWriter {
  private readonly out;
  private buf: string[] = [];
  private bufChars = 0;
  private first = true;
  /** Bytes produced so far (the output is ASCII: JSON.stringify escapes nothing else here). */
  bytes = 0;

  constructor(file: string) {
    this.out = createWriteStream(file);
  }

  private push(s: string): void {
    this.buf.push(s);
    this.bufChars += s.length;
    this.bytes += s.length;
  }

  begin(): void {
    this.push('{\n    "events": [');
  }

  async event(stream: string, timestamp: number, message: string, ingestionTime: number, eventId: string) {
    this.push(
      (this.first ? '\n' : ',\n') +
        '        {\n' +
        `            "logStreamName": ${JSON.stringify(stream)},\n` +
        `            "timestamp": ${timestamp},\n` +
        `            "message": ${JSON.stringify(message)},\n` +
        `            "ingestionTime": ${ingestionTime},\n` +
        `            "eventId": "${eventId}"\n` +
        '        }',
    );
    this.first = false;
    if (this.bufChars >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buf.length === 0) return;
    const chunk = this.buf.join('');
    this.buf = [];
    this.bufChars = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async end(): Promise<void> {
    this.push(
      this.first ? '],\n    "searchedLogStreams": []\n}\n' : '\n    ],\n    "searchedLogStreams": []\n}\n',
    );
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }
}

// ---------------------------------------------------------------------------------------------------------
// Truth bookkeeping

class TruthRecorder {
  events = 0;
  failureEvents = 0;
  first = NaN;
  last = NaN;
  private readonly windows = new Set<number>();
  private readonly errorWindows = new Set<number>();
  private readonly targets = new Map<string, TruthTarget>();
  private readonly streams = new Set<string>();
  private readonly streamsWithErrors = new Set<string>();

  event(stream: string, ts: number, failure: FailureKind | undefined): void {
    if (this.events > 0 && ts < this.last) throw new Error(`generator bug: events out of order at ${ts}`);
    this.events++;
    if (this.events === 1) this.first = ts;
    this.last = ts;
    this.streams.add(stream);
    const w = Math.floor(ts / WINDOW_MS);
    this.windows.add(w);
    if (!failure) return;
    this.failureEvents++;
    this.errorWindows.add(w);
    this.streamsWithErrors.add(stream);
    const port = failure.port ?? null;
    const key = `${failure.host}|${port}|${failure.class}`;
    const t = this.targets.get(key);
    if (t) {
      t.count++;
      t.lastSeen = ts;
    } else {
      this.targets.set(key, {
        host: failure.host,
        port,
        class: failure.class,
        count: 1,
        firstSeen: ts,
        lastSeen: ts,
      });
    }
  }

  finish(opts: Required<GenerateOptions>, bytes: number, lambda: Truth['lambda']): Truth {
    const targets = [...this.targets.values()].sort(
      (a, b) =>
        b.count - a.count ||
        a.host.localeCompare(b.host) ||
        (a.port ?? -1) - (b.port ?? -1) ||
        a.class.localeCompare(b.class),
    );
    const truth: Truth = {
      generatorVersion: GENERATOR_VERSION,
      kind: opts.kind,
      sizeMb: opts.sizeMb,
      seed: opts.seed,
      bytes,
      events: this.events,
      streams: this.streams.size,
      streamsWithErrors: this.streamsWithErrors.size,
      firstTimestamp: this.events === 0 ? null : this.first,
      lastTimestamp: this.events === 0 ? null : this.last,
      failureEvents: this.failureEvents,
      windowMs: WINDOW_MS,
      windows: this.windows.size,
      windowsWithErrors: this.errorWindows.size,
      windowsSpanned:
        this.events === 0 ? 0 : Math.floor(this.last / WINDOW_MS) - Math.floor(this.first / WINDOW_MS) + 1,
      targets,
    };
    if (lambda) truth.lambda = lambda;
    return truth;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Simulation: every stream is a slot with a queue of pending events; the earliest pending event goes next.

interface PendingEvent {
  ts: number;
  message: string;
  failure?: FailureKind;
}

interface Slot {
  stream: string;
  queue: PendingEvent[];
  head: number;
  /** When the slot may start its next unit of work. */
  free: number;
  /** Stream recycling time (Lambda environment / ECS task lifetime). */
  retireAt: number;
  fresh: boolean;
}

const START_MS = Date.UTC(2024, 4, 14, 6, 57, 12, 345);

const iso = (ms: number): string => new Date(ms).toISOString();

const utcDay = (ms: number): string => iso(ms).slice(0, 10).replaceAll('-', '/');

interface Simulator {
  slots: Slot[];
  /** Refills an empty slot with its next unit of work. */
  refill(slot: Slot): void;
}

function lambdaSimulator(rng: Rng, schedule: Schedule, stats: NonNullable<Truth['lambda']>): Simulator {
  const newStream = (t: number): string => `${utcDay(t)}/[$LATEST]${rng.hex(32)}`;
  const slots: Slot[] = [];
  for (let i = 0; i < 6; i++) {
    const t = START_MS + rng.int(0, 2000);
    slots.push({
      stream: newStream(t),
      queue: [],
      head: 0,
      free: t,
      retireAt: t + rng.int(20, 150) * 60_000,
      fresh: true,
    });
  }
  const infoLines = [
    (n: number) => `processed order ${n}`,
    (n: number) => `fetched ${n % 20} items from cache`,
    (n: number) => `received batch of ${1 + (n % 10)} messages`,
    (n: number) => `published event order.updated id=${n}`,
  ];

  const refill = (slot: Slot): void => {
    let t = schedule.skipQuiet(slot.free);
    if (t >= slot.retireAt) {
      slot.stream = newStream(t);
      slot.retireAt = t + rng.int(20, 150) * 60_000;
      slot.fresh = true;
      t += rng.int(100, 400);
    }
    const id = rng.uuid();
    const q: PendingEvent[] = [];
    const start = t;
    q.push({ ts: t, message: `START RequestId: ${id} Version: $LATEST\n` });
    const log = (ms: number, level: string, text: string, failure?: FailureKind): void => {
      t = Math.max(t, ms);
      const ev: PendingEvent = { ts: t, message: `${iso(t)}\t${id}\t${level}\t${text}\n` };
      if (failure) ev.failure = failure;
      q.push(ev);
    };
    const infos = rng.int(1, 4);
    for (let i = 0; i < infos; i++) log(t + rng.int(0, 40), 'INFO', rng.pick(infoLines)(rng.int(1, 99_999)));

    const failure = schedule.failure(start);
    // outcome: ok | error (Invoke Error, possibly after a logged failed attempt) | hang (timeout)
    let timedOut = false;
    let failed = false;
    let end: number;
    if (failure) {
      // `failed` only when a failure line is written: a connect that hangs until the timeout logs none.
      const attemptMs = failure.class === 'timeout' ? rng.int(1000, 1400) : rng.int(2, 60);
      if (rng.chance(0.35)) {
        // A caught first attempt, logged with console.error (util.inspect output, one event).
        log(
          t + attemptMs,
          'ERROR',
          `db connect failed, retrying ${inspectLines(failure).join('\n')}`,
          failure,
        );
        failed = true;
      }
      if (failure.class === 'timeout' && rng.chance(0.4)) {
        timedOut = true;
      } else {
        log(t + attemptMs, 'ERROR', `Invoke Error \t${invokeErrorJson(failure)}`, failure);
        failed = true;
      }
    } else if (rng.chance(0.004)) {
      timedOut = true; // a slow downstream, no connection failure line
    }
    let durationText: string;
    let billed: number;
    if (timedOut) {
      const d = 3000 + rng.int(1, 4000) / 100;
      end = start + Math.ceil(d);
      t = Math.max(t, end);
      q.push({ ts: t, message: `${iso(t)} ${id} Task timed out after 3.00 seconds\n\n` });
      durationText = d.toFixed(2);
      billed = 3000;
      stats.timedOut++;
    } else {
      const d = Math.max(t - start + rng.float() * 30, rng.exp(failed ? 60 : 90) + 2);
      durationText = d.toFixed(2);
      billed = Math.ceil(Number(durationText));
      end = start + Math.ceil(d);
      t = Math.max(t, end);
    }
    q.push({ ts: t, message: `END RequestId: ${id}\n` });
    let report = `REPORT RequestId: ${id}\tDuration: ${durationText} ms\tBilled Duration: ${billed} ms\tMemory Size: 128 MB\tMax Memory Used: ${rng.int(70, 110)} MB\t`;
    if (slot.fresh) report += `Init Duration: ${(rng.int(14_000, 40_000) / 100).toFixed(2)} ms\t`;
    q.push({ ts: t, message: report + '\n' });
    slot.fresh = false;

    stats.invocations++;
    stats.billedMs += billed;
    if (failed) {
      stats.failingInvocations++;
      stats.failingBilledMs += billed;
      if (timedOut) stats.failingTimedOut++;
    }
    slot.queue = q;
    slot.head = 0;
    slot.free = t + 1 + Math.round(rng.exp(700));
  };
  return { slots, refill };
}

function ecsSimulator(rng: Rng, schedule: Schedule): Simulator {
  const newStream = (): string => `ecs/orders-api/${rng.hex(32)}`;
  const slots: Slot[] = [];
  for (let i = 0; i < 3; i++) {
    const t = START_MS + rng.int(0, 5000);
    slots.push({
      stream: newStream(),
      queue: [],
      head: 0,
      free: t,
      retireAt: t + rng.int(60, 360) * 60_000,
      fresh: true,
    });
  }
  const paths = ['/orders', '/orders/{id}', '/orders/{id}/items', '/health', '/customers/{id}/orders'];

  const refill = (slot: Slot): void => {
    let t = schedule.skipQuiet(slot.free);
    const q: PendingEvent[] = [];
    if (t >= slot.retireAt) {
      slot.stream = newStream();
      slot.retireAt = t + rng.int(60, 360) * 60_000;
      slot.fresh = true;
    }
    if (slot.fresh) {
      q.push({ ts: t, message: '{"level":"info","msg":"server listening","port":8080}' });
      slot.fresh = false;
    }
    const failure = schedule.failure(t);
    if (failure) {
      // The error and its util.inspect continuation lines, each its own event (awslogs splits on newlines).
      const lines = inspectLines(failure);
      lines.forEach((line, i) => {
        const ev: PendingEvent = { ts: t, message: line };
        if (i === 0) ev.failure = failure;
        q.push(ev);
      });
      if (rng.chance(0.5)) {
        t += rng.int(0, 3);
        q.push({ ts: t, message: `GET /orders/${rng.int(1, 9999)} 503 ${rng.int(1, 3000)}ms` });
      }
    } else {
      const r = rng.float();
      if (r < 0.7) {
        const path = rng.pick(paths).replace('{id}', String(rng.int(1, 9999)));
        const method = path === '/orders' && rng.chance(0.3) ? 'POST' : 'GET';
        const status = rng.weighted<number>([
          [96, method === 'POST' ? 201 : 200],
          [3, 404],
          [1, 400],
        ]);
        q.push({ ts: t, message: `${method} ${path} ${status} ${Math.round(rng.exp(25)) + 1}ms` });
      } else if (r < 0.95) {
        q.push({ ts: t, message: `{"level":"info","msg":"order processed","id":${rng.int(1, 999_999)}}` });
      } else {
        q.push({
          ts: t,
          message: `{"level":"warn","msg":"slow query","table":"orders","ms":${rng.int(200, 2000)}}`,
        });
      }
    }
    slot.queue = q;
    slot.head = 0;
    slot.free = t + Math.round(rng.exp(150));
  };
  return { slots, refill };
}

// ---------------------------------------------------------------------------------------------------------

export async function generate(options: GenerateOptions): Promise<Truth> {
  const opts: Required<GenerateOptions> = { ...options, seed: options.seed ?? 20240514 };
  if (opts.kind !== 'lambda' && opts.kind !== 'ecs') throw new Error(`unknown kind ${String(opts.kind)}`);
  if (!(opts.sizeMb >= 0)) throw new Error(`bad size ${opts.sizeMb}`);
  const rng = new Rng(opts.seed ^ (opts.kind === 'lambda' ? 0x4c414d42 : 0x45435321));
  const target = opts.sizeMb * MIB;
  const writer = new ExportWriter(opts.outFile);
  const truth = new TruthRecorder();
  const lambdaStats = {
    invocations: 0,
    failingInvocations: 0,
    timedOut: 0,
    billedMs: 0,
    failingTimedOut: 0,
    failingBilledMs: 0,
  };
  // Sporadic failures: about one every three windows outside incidents (~2,100 invocations or ~6,000 ECS
  // requests per window), so that failures cluster and most quiet-time windows hold none.
  const schedule =
    opts.kind === 'lambda'
      ? new Schedule(rng, START_MS, LAMBDA_FAILURES, 0.00015)
      : new Schedule(rng, START_MS, ECS_FAILURES, 0.00005);
  const sim =
    opts.kind === 'lambda' ? lambdaSimulator(rng, schedule, lambdaStats) : ecsSimulator(rng, schedule);

  writer.begin();
  let producing = target > 0;
  for (;;) {
    // Refill idle slots while still producing; afterwards only drain what was started.
    let best: Slot | undefined;
    let bestTs = Infinity;
    for (const slot of sim.slots) {
      if (slot.head >= slot.queue.length) {
        if (!producing) continue;
        sim.refill(slot);
      }
      const ts = (slot.queue[slot.head] as PendingEvent).ts;
      if (ts < bestTs) {
        bestTs = ts;
        best = slot;
      }
    }
    if (!best) break;
    const ev = best.queue[best.head++] as PendingEvent;
    truth.event(best.stream, ev.ts, ev.failure);
    await writer.event(best.stream, ev.ts, ev.message, ev.ts + rng.int(150, 2500), rng.eventId());
    if (producing && writer.bytes >= target) producing = false;
  }
  await writer.end();
  const result = truth.finish(opts, writer.bytes, opts.kind === 'lambda' ? lambdaStats : undefined);
  writeFileSync(`${opts.outFile}.truth.json`, JSON.stringify(result, null, 2) + '\n');
  return result;
}

async function cli(argv: string[]): Promise<number> {
  const [kind, outFile, size, seed] = argv;
  if ((kind !== 'lambda' && kind !== 'ecs') || !outFile || !size || !(Number(size) >= 0)) {
    process.stderr.write('usage: node --import tsx bench/generate.ts lambda|ecs OUT_FILE SIZE_MB [SEED]\n');
    return 2;
  }
  const started = performance.now();
  const truth = await generate({
    kind,
    outFile,
    sizeMb: Number(size),
    seed: seed ? Number(seed) : undefined,
  });
  const secs = (performance.now() - started) / 1000;
  process.stdout.write(
    `${outFile}: ${(truth.bytes / MIB).toFixed(1)} MiB, ${truth.events} events, ${truth.failureEvents} failure events` +
      ` in ${secs.toFixed(1)} s; truth in ${outFile}.truth.json\n`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await cli(process.argv.slice(2));
}
