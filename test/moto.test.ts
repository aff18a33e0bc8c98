/**
 * End to end: log groups built in moto_server with the real `aws` CLI, exported with the real CLI in every
 * shape a user gets (CLI-merged, pages appended by hand, get-log-events, stdin, gzip), analysed by the built
 * netsleuth CLI. The expected numbers are computed from the generated events, not copied from the output.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Finding, Report } from '../src/core/report.js';
import { runCli } from './helpers.js';
import { aws, putLogEvents, startMoto } from './moto.js';
import type { Moto } from './moto.js';

const WINDOW = 300_000;
const LAMBDA_GROUP = '/aws/lambda/orders-worker';
const ECS_GROUP = '/ecs/orders-api';

// ---------------------------------------------------------------------------------------------------------
// Generated log data
// ---------------------------------------------------------------------------------------------------------

interface GenEvent {
  stream: string;
  timestamp: number;
  message: string;
}

type ErrorClass = 'refused' | 'timeout';

interface Failure {
  stream: string;
  timestamp: number;
  message: string;
  host: string;
  port: number;
  class: ErrorClass;
}

/** Deterministic hex, so that reruns only differ by the base time. */
function hex(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const iso = (ts: number) => new Date(ts).toISOString();

// A day ago (CloudWatch rejects events older than 14 days), aligned to a window. Lambda runs an hour later
// than ECS, so that a combined analysis could not mix up their windows unnoticed.
const ECS_BASE = Math.floor((Date.now() - 24 * 3_600_000) / WINDOW) * WINDOW;
const LAMBDA_BASE = ECS_BASE + 3_600_000;

// --- Lambda: /aws/lambda/orders-worker, two execution environments -----------------------------------------

type InvocationKind =
  | 'ok' // processes the order
  | 'invokeError' // unhandled connect ETIMEDOUT: Invoke Error line
  | 'timedOutConnect' // logs connect ETIMEDOUT, then runs into its 3 s timeout
  | 'refused' // unhandled connect ECONNREFUSED
  | 'timedOutSlow'; // runs into its timeout on a slow HTTP call: a timeout, but no connection failure

interface Invocation {
  requestId: string;
  stream: string;
  kind: InvocationKind;
  billedMs: number;
  timedOut: boolean;
  events: GenEvent[];
  failures: Failure[];
}

const LAMBDA_DATE = iso(LAMBDA_BASE).slice(0, 10).replaceAll('-', '/');
const LAMBDA_STREAMS = [1, 2].map((n) => `${LAMBDA_DATE}/[$LATEST]${hex(`lambda-env-${n}`, 32)}`) as [
  string,
  string,
];
const KINDS: InvocationKind[] = [
  'ok',
  'invokeError',
  'timedOutConnect',
  'ok',
  'refused',
  'invokeError',
  'timedOutSlow',
  'timedOutConnect',
  'invokeError',
];

function invokeError(ts: number, requestId: string, code: 'ETIMEDOUT' | 'ECONNREFUSED'): string {
  const errno = code === 'ETIMEDOUT' ? -110 : -111;
  const error = {
    errorType: 'Error',
    errorMessage: `connect ${code} 10.0.3.47:5432`,
    code,
    errno,
    syscall: 'connect',
    address: '10.0.3.47',
    port: 5432,
    stack: [
      `Error: connect ${code} 10.0.3.47:5432`,
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)',
    ],
  };
  return `${iso(ts)}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify(error)}\n`;
}

function buildInvocations(): Invocation[] {
  const seenStreams = new Set<string>();
  return KINDS.map((kind, i) => {
    const stream = LAMBDA_STREAMS[i % 2] as string;
    const requestId = uuid(`invocation-${i}`);
    const start = LAMBDA_BASE + 60_000 + i * 97_000 + (i % 3) * 1_234;
    const events: GenEvent[] = [];
    const failures: Failure[] = [];
    const line = (ts: number, message: string) => events.push({ stream, timestamp: ts, message });
    const app = (ts: number, level: string, text: string) =>
      line(ts, `${iso(ts)}\t${requestId}\t${level}\t${text}\n`);
    const fail = (ts: number, message: string, cls: ErrorClass) => {
      line(ts, message);
      failures.push({ stream, timestamp: ts, message, host: '10.0.3.47', port: 5432, class: cls });
    };

    const cold = !seenStreams.has(stream);
    seenStreams.add(stream);
    if (cold) {
      line(
        start - 312,
        `INIT_START Runtime Version: nodejs:20.v22\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:${hex('runtime', 64)}\n`,
      );
    }
    line(start, `START RequestId: ${requestId} Version: $LATEST\n`);
    app(start + 4, 'INFO', `processing order ${1000 + i}`);

    let duration: number;
    switch (kind) {
      case 'ok':
        duration = 120.42 + i * 7;
        app(start + Math.floor(duration) - 5, 'INFO', `order ${1000 + i} stored`);
        break;
      case 'invokeError':
        duration = 2087.16 + i * 3;
        fail(
          start + Math.floor(duration) - 2,
          invokeError(start + Math.floor(duration) - 2, requestId, 'ETIMEDOUT'),
          'timeout',
        );
        break;
      case 'refused':
        duration = 41.37;
        fail(start + 40, invokeError(start + 40, requestId, 'ECONNREFUSED'), 'refused');
        break;
      case 'timedOutConnect': {
        duration = 3000;
        const ts = start + 1_009;
        fail(
          ts,
          `${iso(ts)}\t${requestId}\tERROR\tdatabase connect failed: Error: connect ETIMEDOUT 10.0.3.47:5432\n`,
          'timeout',
        );
        line(start + 3_000, `${iso(start + 3_000)} ${requestId} Task timed out after 3.00 seconds\n\n`);
        break;
      }
      case 'timedOutSlow':
        duration = 3000;
        app(start + 11, 'INFO', 'POST https://api.shipping-partner.example.com/v2/shipments');
        line(start + 3_000, `${iso(start + 3_000)} ${requestId} Task timed out after 3.00 seconds\n\n`);
        break;
    }
    const end = start + Math.ceil(duration);
    line(end, `END RequestId: ${requestId}\n`);
    line(
      end + 1,
      `REPORT RequestId: ${requestId}\tDuration: ${duration.toFixed(2)} ms\tBilled Duration: ${Math.ceil(duration)} ms\t` +
        `Memory Size: 128 MB\tMax Memory Used: ${81 + i} MB\t${cold ? 'Init Duration: 187.23 ms\t' : ''}\n`,
    );
    return {
      requestId,
      stream,
      kind,
      billedMs: Math.ceil(duration),
      timedOut: kind === 'timedOutConnect' || kind === 'timedOutSlow',
      events,
      failures,
    };
  });
}

const INVOCATIONS = buildInvocations();
const LAMBDA_EVENTS = INVOCATIONS.flatMap((inv) => inv.events);

// --- ECS: /ecs/orders-api, three Fargate tasks ---------------------------------------------------------------

const TASK_IDS = [1, 2, 3].map((n) => hex(`task-${n}`, 32));
const ECS_STREAMS = TASK_IDS.map((id) => `ecs/orders-api/${id}`);
const ECS_WINDOWS = 8;

/** [task, window, second in the window, target]: failures in windows 1, 2, 4 and 6, from tasks 1 and 2. */
const ECS_FAILURES: Array<[number, number, number, 'postgres' | 'redis']> = [
  [0, 1, 41, 'postgres'],
  [0, 2, 100, 'postgres'],
  [1, 2, 131, 'redis'],
  [0, 4, 22, 'postgres'],
  [1, 6, 250, 'redis'],
];

function continuation(code: 'ECONNREFUSED' | 'ETIMEDOUT', host: string, port: number): string[] {
  return [
    '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {',
    `  errno: ${code === 'ETIMEDOUT' ? -110 : -111},`,
    `  code: '${code}',`,
    "  syscall: 'connect',",
    `  address: '${host}',`,
    `  port: ${port}`,
    '}',
  ];
}

function buildEcs(): { events: GenEvent[]; failures: Failure[] } {
  const events: GenEvent[] = [];
  const failures: Failure[] = [];
  ECS_STREAMS.forEach((stream, t) => {
    events.push({ stream, timestamp: ECS_BASE + 2_000 + t * 150, message: 'orders-api listening on :8080' });
    for (let w = 0; w < ECS_WINDOWS; w++) {
      const ts = ECS_BASE + w * WINDOW + 61_000 + t * 37_000 + w * 1_003;
      events.push({ stream, timestamp: ts, message: `GET /orders/${4100 + w * 3 + t} 200 ${12 + w + t}ms` });
    }
  });
  for (const [t, w, second, target] of ECS_FAILURES) {
    const stream = ECS_STREAMS[t] as string;
    const ts = ECS_BASE + w * WINDOW + second * 1_000 + 17;
    const [code, host, port, cls]: ['ECONNREFUSED' | 'ETIMEDOUT', string, number, ErrorClass] =
      target === 'postgres'
        ? ['ECONNREFUSED', '10.0.3.42', 5432, 'refused']
        : ['ETIMEDOUT', '10.0.5.18', 6379, 'timeout'];
    const message = `Error: connect ${code} ${host}:${port}`;
    events.push({ stream, timestamp: ts, message });
    failures.push({ stream, timestamp: ts, message, host, port, class: cls });
    // awslogs splits a stack trace: every line is an event of its own, a millisecond or so apart
    continuation(code, host, port).forEach((message, k) =>
      events.push({ stream, timestamp: ts + (k < 2 ? 0 : 1), message }),
    );
  }
  return { events: events.sort((a, b) => a.timestamp - b.timestamp), failures };
}

const ECS = buildEcs();

// ---------------------------------------------------------------------------------------------------------
// Expectations, computed from the data above
// ---------------------------------------------------------------------------------------------------------

type TargetKey = [
  host: string | null,
  port: number | null,
  cls: string,
  count: number,
  first: string,
  last: string,
];

function targetsOf(failures: Failure[]): TargetKey[] {
  const rows = new Map<string, { f: Failure; count: number; first: number; last: number }>();
  for (const f of failures) {
    const key = `${f.host}|${f.port}|${f.class}`;
    const row = rows.get(key) ?? { f, count: 0, first: f.timestamp, last: f.timestamp };
    row.count++;
    row.first = Math.min(row.first, f.timestamp);
    row.last = Math.max(row.last, f.timestamp);
    rows.set(key, row);
  }
  return sortTargets(
    [...rows.values()].map((r) => [r.f.host, r.f.port, r.f.class, r.count, iso(r.first), iso(r.last)]),
  );
}

/** By count, most first; then host, class. Shapes are compared with deepEqual, so order is checked there. */
function sortTargets(rows: TargetKey[]): TargetKey[] {
  return rows.sort(
    (a, b) => b[3] - a[3] || String(a[0]).localeCompare(String(b[0])) || a[2].localeCompare(b[2]),
  );
}

function actualTargets(f: Finding): TargetKey[] {
  return sortTargets(
    f.targets.map((t) => [t.host, t.port, t.class, t.count, t.firstSeen ?? '', t.lastSeen ?? '']),
  );
}

function expectedLambda(streams: string[]) {
  const invs = INVOCATIONS.filter((inv) => streams.includes(inv.stream));
  const failing = invs.filter((inv) => inv.failures.length > 0);
  const failures = failing.flatMap((inv) => inv.failures);
  return {
    invocations: invs.length,
    failingInvocations: failing.length,
    timedOut: invs.filter((inv) => inv.timedOut).length,
    failingTimedOut: failing.filter((inv) => inv.timedOut).length,
    failingBilledMs: failing.reduce((a, inv) => a + inv.billedMs, 0),
    billedMs: invs.reduce((a, inv) => a + inv.billedMs, 0),
    events: failures.length,
    targets: targetsOf(failures),
    severity: failing.length > 5 ? 'high' : 'elevated',
  };
}

function expectedEcs(streams: string[]) {
  const events = ECS.events.filter((e) => streams.includes(e.stream));
  const failures = ECS.failures.filter((f) => streams.includes(f.stream));
  const windows = new Set(events.map((e) => Math.floor(e.timestamp / WINDOW)));
  const failWindows = [...new Set(failures.map((f) => Math.floor(f.timestamp / WINDOW)))].sort(
    (a, b) => a - b,
  );
  return {
    windows: windows.size,
    windowsWithErrors: failWindows.length,
    events: failures.length,
    tasks: new Set(events.map((e) => e.stream)).size,
    tasksWithErrors: new Set(failures.map((f) => f.stream)).size,
    targets: targetsOf(failures),
    timeline: failWindows.map((w) => {
      const byClass: Record<string, number> = {};
      for (const f of failures.filter((f) => Math.floor(f.timestamp / WINDOW) === w)) {
        byClass[f.class] = (byClass[f.class] ?? 0) + 1;
      }
      return { start: iso(w * WINDOW), failures: byClass };
    }),
    severity: failWindows.length > 2 ? 'high' : 'elevated',
  };
}

// ---------------------------------------------------------------------------------------------------------
// Building the log groups in moto, and exporting them with the aws CLI
// ---------------------------------------------------------------------------------------------------------

const tmp = mkdtempSync(join(tmpdir(), 'netsleuth-moto-'));

interface Exports {
  /** `aws logs filter-log-events` (the CLI merges all pages into one document) */
  merged: string;
  /** `aws logs filter-log-events --limit 5`, every page appended to one file (`>>`) */
  pages: string;
  /** number of pages in `pages` */
  pageCount: number;
  /** `aws logs get-log-events` for one stream */
  stream: string;
}

function putEvents(endpoint: string, group: string, events: GenEvent[]): void {
  putLogEvents(endpoint, group, events, 25); // small batches, as an application's log driver sends them
}

function exportGroup(endpoint: string, group: string, stream: string, name: string): Exports {
  const merged = join(tmp, `${name}.merged.json`);
  writeFileSync(merged, aws(endpoint, ['logs', 'filter-log-events', '--log-group-name', group]));

  const pages = join(tmp, `${name}.pages.json`);
  writeFileSync(pages, '');
  let token: string | undefined;
  let pageCount = 0;
  do {
    const out = aws(endpoint, [
      'logs',
      'filter-log-events',
      '--log-group-name',
      group,
      '--limit',
      '5',
      ...(token === undefined ? [] : ['--next-token', token]),
    ]);
    writeFileSync(pages, out, { flag: 'a' });
    token = (JSON.parse(out) as { nextToken?: string }).nextToken;
    pageCount++;
    assert.ok(pageCount < 100, 'filter-log-events keeps returning nextToken');
  } while (token !== undefined);

  const one = join(tmp, `${name}.get-log-events.json`);
  writeFileSync(
    one,
    aws(endpoint, ['logs', 'get-log-events', '--log-group-name', group, '--log-stream-name', stream]),
  );
  return { merged, pages, pageCount, stream: one };
}

// ---------------------------------------------------------------------------------------------------------
// Running netsleuth
// ---------------------------------------------------------------------------------------------------------

function analyze(args: string[], input?: string | Uint8Array): Report {
  const r = runCli(['analyze', '--format', 'json', ...args], input === undefined ? {} : { input });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '', 'no warnings');
  return JSON.parse(r.stdout) as Report;
}

function finding(report: Report, pattern: string): Finding {
  const f = report.findings.find((x) => x.pattern === pattern);
  assert.ok(f, `no ${pattern} finding in ${JSON.stringify(report.findings.map((x) => x.pattern))}`);
  return f;
}

interface ClassifyLine {
  index: number;
  timestamp: string;
  stream: string | null;
  class: string;
  host: string | null;
  port: number | null;
}

function classify(args: string[]): ClassifyLine[] {
  const r = runCli(['classify', ...args]);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ClassifyLine);
}

/** The events of an export file as the aws CLI printed them: one document or several appended. */
function exportedEvents(file: string): Array<{ logStreamName?: string; timestamp: number; message: string }> {
  const text = readFileSync(file, 'utf8');
  // pages appended back to back: `}\n{` between documents
  return text
    .split(/(?<=^\})\n(?=\{$)/m)
    .flatMap(
      (doc) =>
        (JSON.parse(doc) as { events: Array<{ logStreamName?: string; timestamp: number; message: string }> })
          .events,
    );
}

// ---------------------------------------------------------------------------------------------------------

describe('end to end: moto_server + aws CLI exports + netsleuth', { timeout: 180_000 }, () => {
  let moto: Moto | undefined;
  let lambda: Exports;
  let ecs: Exports;
  let endpoint = '';

  after(async () => {
    await moto?.stop();
    // NETSLEUTH_KEEP_MOTO_EXPORTS=1 keeps the exports for a look
    if (process.env['NETSLEUTH_KEEP_MOTO_EXPORTS']) console.log(`# exports kept in ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  });

  before(async () => {
    moto = await startMoto();
    endpoint = moto.endpoint;
    putEvents(endpoint, LAMBDA_GROUP, LAMBDA_EVENTS);
    putEvents(endpoint, ECS_GROUP, ECS.events);
    lambda = exportGroup(endpoint, LAMBDA_GROUP, LAMBDA_STREAMS[0], 'lambda');
    ecs = exportGroup(endpoint, ECS_GROUP, ECS_STREAMS[1] as string, 'ecs');
  });

  it('moto returned every event we put, in every export shape', () => {
    for (const [exp, all, one] of [
      [lambda, LAMBDA_EVENTS, LAMBDA_STREAMS[0]],
      [ecs, ECS.events, ECS_STREAMS[1]],
    ] as const) {
      const merged = exportedEvents(exp.merged);
      assert.equal(merged.length, all.length);
      assert.deepEqual(
        merged.map((e) => `${e.logStreamName}|${e.timestamp}|${e.message}`).sort(),
        all.map((e) => `${e.stream}|${e.timestamp}|${e.message}`).sort(),
      );
      assert.ok(exp.pageCount > 1, 'several pages');
      assert.deepEqual(exportedEvents(exp.pages), merged);
      assert.equal(exportedEvents(exp.stream).length, all.filter((e) => e.stream === one).length);
    }
  });

  describe('Lambda /aws/lambda/orders-worker', () => {
    it('CLI-merged filter-log-events: lambda-connection-failures, high, exact counts and targets', () => {
      const want = expectedLambda(LAMBDA_STREAMS);
      assert.equal(want.severity, 'high');
      const report = analyze([lambda.merged]);
      assert.equal(report.inputs[0]?.format, 'filter-log-events');
      assert.equal(report.inputs[0]?.events, LAMBDA_EVENTS.length);
      assert.deepEqual(
        {
          invocations: report.lambda?.invocations,
          failingInvocations: report.lambda?.failingInvocations,
          timedOut: report.lambda?.timedOut,
          billedMs: report.lambda?.billedMs,
        },
        {
          invocations: want.invocations,
          failingInvocations: want.failingInvocations,
          timedOut: want.timedOut,
          billedMs: want.billedMs,
        },
      );
      assert.deepEqual(
        report.findings.map((f) => f.pattern),
        ['lambda-connection-failures'],
      );
      const f = finding(report, 'lambda-connection-failures');
      assert.equal(f.severity, 'high');
      assert.equal(f.evidence.failingInvocations, want.failingInvocations);
      assert.equal(f.evidence.invocations, want.invocations);
      assert.equal(f.evidence.events, want.events);
      assert.equal(f.evidence.failingTimedOut, want.failingTimedOut);
      assert.equal(f.evidence.failingBilledMs, want.failingBilledMs);
      assert.deepEqual(actualTargets(f), want.targets);
      assert.deepEqual(want.targets, [
        ['10.0.3.47', 5432, 'timeout', 5, want.targets[0]?.[4], want.targets[0]?.[5]],
        ['10.0.3.47', 5432, 'refused', 1, want.targets[1]?.[4], want.targets[1]?.[5]],
      ]);
      assert.ok(f.targets.every((t) => t.service === 'PostgreSQL'));
    });

    it('pages appended back to back give the same findings as the CLI-merged export', () => {
      const merged = analyze([lambda.merged]);
      const pages = analyze([lambda.pages]);
      assert.equal(pages.inputs[0]?.events, LAMBDA_EVENTS.length);
      assert.deepEqual(pages.findings, merged.findings);
      assert.deepEqual(pages.lambda, merged.lambda);
    });

    it('get-log-events for one stream: that stream only (elevated)', () => {
      const want = expectedLambda([LAMBDA_STREAMS[0]]);
      assert.equal(want.severity, 'elevated');
      const report = analyze([lambda.stream]);
      assert.equal(report.inputs[0]?.format, 'get-log-events');
      const f = finding(report, 'lambda-connection-failures');
      assert.equal(f.severity, 'elevated');
      assert.equal(f.evidence.failingInvocations, want.failingInvocations);
      assert.equal(f.evidence.invocations, want.invocations);
      assert.equal(f.evidence.events, want.events);
      assert.deepEqual(actualTargets(f), want.targets);
    });

    it('stdin (`aws logs filter-log-events ... | netsleuth analyze -`) and gzip give the same findings', () => {
      const merged = analyze([lambda.merged]);
      const piped = analyze(
        ['-'],
        aws(endpoint, ['logs', 'filter-log-events', '--log-group-name', LAMBDA_GROUP]),
      );
      assert.equal(piped.inputs[0]?.name, '(stdin)');
      assert.deepEqual(piped.findings, merged.findings);
      const gz = join(tmp, 'lambda.merged.json.gz');
      writeFileSync(gz, gzipSync(readFileSync(lambda.merged)));
      const fromGz = analyze([gz]);
      assert.equal(fromGz.inputs[0]?.gzip, true);
      assert.deepEqual(fromGz.findings, merged.findings);
    });
  });

  describe('ECS /ecs/orders-api', () => {
    it('CLI-merged filter-log-events: ecs-network-connectivity, high, exact windows and targets', () => {
      const want = expectedEcs(ECS_STREAMS);
      assert.equal(want.severity, 'high');
      assert.equal(want.windowsWithErrors, 4);
      assert.equal(want.windows, ECS_WINDOWS);
      const report = analyze([ecs.merged]);
      assert.equal(report.inputs[0]?.events, ECS.events.length);
      assert.deepEqual(
        report.findings.map((f) => f.pattern),
        ['ecs-network-connectivity'],
      );
      const f = finding(report, 'ecs-network-connectivity');
      assert.equal(f.severity, 'high');
      assert.equal(f.evidence.windowsWithErrors, want.windowsWithErrors);
      assert.equal(f.evidence.windows, want.windows);
      // the stack continuation lines (`code: 'ECONNREFUSED'`, ...) are not failures of their own
      assert.equal(f.evidence.events, want.events);
      assert.equal(f.evidence.tasksWithErrors, want.tasksWithErrors);
      assert.equal(f.evidence.tasks, want.tasks);
      assert.deepEqual(actualTargets(f), want.targets);
      assert.deepEqual(
        want.targets.map((t) => t.slice(0, 4)),
        [
          ['10.0.3.42', 5432, 'refused', 3],
          ['10.0.5.18', 6379, 'timeout', 2],
        ],
      );
      assert.deepEqual(
        f.targets.map((t) => t.service),
        ['PostgreSQL', 'Redis'],
      );
      assert.deepEqual(f.timeline, want.timeline);
    });

    it('pages appended back to back give the same findings as the CLI-merged export', () => {
      const merged = analyze([ecs.merged]);
      const pages = analyze([ecs.pages]);
      assert.equal(pages.inputs[0]?.events, ECS.events.length);
      assert.deepEqual(pages.findings, merged.findings);
      assert.deepEqual(pages.window, merged.window);
    });

    it('get-log-events for one task: that task only (elevated)', () => {
      const want = expectedEcs([ECS_STREAMS[1] as string]);
      assert.equal(want.severity, 'elevated');
      const report = analyze([ecs.stream]);
      assert.equal(report.inputs[0]?.format, 'get-log-events');
      const f = finding(report, 'ecs-network-connectivity');
      assert.equal(f.severity, 'elevated');
      assert.equal(f.evidence.windowsWithErrors, want.windowsWithErrors);
      assert.equal(f.evidence.windows, want.windows);
      assert.equal(f.evidence.events, want.events);
      assert.deepEqual(actualTargets(f), want.targets);
    });

    it('stdin (`aws logs filter-log-events ... | netsleuth analyze -`) and gzip give the same findings', () => {
      const merged = analyze([ecs.merged]);
      const piped = analyze(
        ['-'],
        aws(endpoint, ['logs', 'filter-log-events', '--log-group-name', ECS_GROUP]),
      );
      assert.deepEqual(piped.findings, merged.findings);
      const gz = join(tmp, 'ecs.pages.json.gz');
      writeFileSync(gz, gzipSync(readFileSync(ecs.pages)));
      const fromGz = analyze([gz]);
      assert.equal(fromGz.inputs[0]?.gzip, true);
      assert.deepEqual(fromGz.findings, merged.findings);
    });

    it('classify prints exactly the failure events, not the stack continuation lines', () => {
      for (const file of [ecs.merged, ecs.pages]) {
        const exported = exportedEvents(file);
        const failureKeys = new Set(ECS.failures.map((f) => `${f.stream}|${f.timestamp}|${f.message}`));
        const want = exported
          .map((e, index) => ({ e, index }))
          .filter(({ e }) => failureKeys.has(`${e.logStreamName}|${e.timestamp}|${e.message}`))
          .map(({ e, index }) => {
            const f = ECS.failures.find((x) => x.stream === e.logStreamName && x.timestamp === e.timestamp);
            return {
              index,
              timestamp: iso(e.timestamp),
              stream: e.logStreamName,
              class: f?.class,
              host: f?.host,
              port: f?.port,
            };
          });
        assert.equal(want.length, ECS.failures.length);
        const got = classify([file]).map((l) => ({
          index: l.index,
          timestamp: l.timestamp,
          stream: l.stream,
          class: l.class,
          host: l.host,
          port: l.port,
        }));
        assert.deepEqual(got, want, file);
        const all = classify(['--all', file]);
        assert.equal(all.length, exported.length);
        assert.equal(all.filter((l) => l.class !== 'none').length, ECS.failures.length);
      }
    });
  });

  it('both exports in one run: the same two findings as apart', () => {
    const both = analyze([lambda.merged, ecs.merged]);
    assert.deepEqual(both.findings.map((f) => f.pattern).sort(), [
      'ecs-network-connectivity',
      'lambda-connection-failures',
    ]);
    assert.deepEqual(
      finding(both, 'lambda-connection-failures'),
      finding(analyze([lambda.merged]), 'lambda-connection-failures'),
    );
    assert.deepEqual(
      finding(both, 'ecs-network-connectivity'),
      finding(analyze([ecs.merged]), 'ecs-network-connectivity'),
    );
  });
});
