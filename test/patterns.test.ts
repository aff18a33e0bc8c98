import { groupDigits } from '../src/core/patterns/describe.js';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Analyzer } from '../src/core/analyzer.js';
import { PATTERNS } from '../src/core/patterns/registry.js';
import type { Report } from '../src/core/report.js';
import { VERSION } from '../src/core/version.js';
import { ROOT, runCli } from './helpers.js';

const PATTERN_DIR = join(ROOT, 'src', 'core', 'patterns');
const SECTIONS = [
  '## What it means',
  '## Detection criteria',
  '## Example finding',
  '## How to fix',
  '## Related patterns',
];

/** Runs the analyser over messages given as [offset seconds, stream, message]. */
function analyse(events: Array<[number, string, string]>, windowMs?: number): Report {
  const analyzer = new Analyzer(windowMs ? { windowMs } : {});
  const input = analyzer.openInput('test');
  const t0 = Date.parse('2026-11-20T08:00:00Z');
  events.forEach(([s, stream, message], index) =>
    analyzer.addEvent(input, { index, timestamp: t0 + s * 1000, stream, message }),
  );
  analyzer.closeInput({
    name: 'test',
    format: 'json-lines',
    gzip: false,
    events: events.length,
    bytes: 0,
    warnings: [],
  });
  return analyzer.finish();
}

describe('pattern catalogue', () => {
  it('folders, ids, registry and README pages agree', () => {
    const folders = readdirSync(PATTERN_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    assert.deepEqual(folders, PATTERNS.map((p) => p.id).sort());
    for (const p of PATTERNS) {
      const page = readFileSync(join(PATTERN_DIR, p.id, 'README.md'), 'utf8');
      assert.ok(page.startsWith(`# ${p.title} (\`${p.id}\`)\n`), `${p.id}: title line`);
      let at = -1;
      for (const section of SECTIONS) {
        const i = page.indexOf(`\n${section}\n`);
        assert.ok(i > at, `${p.id}: section "${section}" missing or out of order`);
        at = i;
      }
    }
  });

  it("each README's example finding is the code's real output on the bundled example", () => {
    for (const p of PATTERNS) {
      const page = readFileSync(join(PATTERN_DIR, p.id, 'README.md'), 'utf8');
      const m = /## Example finding\n\nFrom `([^`]+)`:\n\n```\n([^\n]+)\n```/.exec(page);
      assert.ok(m, `${p.id}: example block`);
      const r = runCli(['analyze', '--format', 'json', join(ROOT, m[1] as string)]);
      const report = JSON.parse(r.stdout) as Report;
      const finding = report.findings.find((f) => f.pattern === p.id);
      assert.equal(finding?.summary, m[2], `${p.id}: README example differs from real output`);
    }
  });

  it('VERSION matches package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(VERSION, pkg.version);
  });
});

const TASK = 'ecs/orders-api/f2ad7dba413f45ddb4d92f7853b78469';
const OTHER_TASK = 'ecs/orders-api/0a1b2c3d4e5f60718293a4b5c6d7e8f9';

describe('ecs-network-connectivity', () => {
  it('is high when failures fall in more than 2 log windows', () => {
    const report = analyse([
      [0, TASK, 'Error: connect ECONNREFUSED 10.0.3.42:5432'],
      [301, TASK, 'Error: connect ETIMEDOUT 10.0.5.18:6379'],
      [601, OTHER_TASK, 'Error: getaddrinfo ENOTFOUND orders-service.local'],
      [901, OTHER_TASK, 'GET /health 200 1ms'],
    ]);
    const f = report.findings[0];
    assert.equal(f?.severity, 'high');
    assert.deepEqual(f?.evidence, {
      events: 3,
      windowsWithErrors: 3,
      windows: 4,
      tasksWithErrors: 2,
      tasks: 2,
    });
    assert.equal(
      f?.summary,
      'Connection errors detected in 3 of 4 log windows. Primary targets: 10.0.3.42:5432 (connection refused), 10.0.5.18:6379 (connection timed out), orders-service.local (DNS lookup failed). Failures came from 2 of 2 tasks.',
    );
    assert.deepEqual(
      f?.fix.map((s) => s.id),
      [
        'target-listening',
        'security-groups',
        'network-acls',
        'routes-nat',
        'dns-resolution',
        'connect-timeouts',
        'eni-capacity',
      ],
    );
  });

  it('is elevated, and says it may be a blip, with failures in 1 or 2 windows', () => {
    const report = analyse([
      [0, TASK, 'Error: connect ECONNREFUSED 10.0.3.42:5432'],
      [10, TASK, 'Error: connect ECONNREFUSED 10.0.3.42:5432'],
      [400, TASK, 'Error: connect ECONNREFUSED 10.0.3.42:5432'],
      [1000, TASK, 'ok'],
    ]);
    const f = report.findings[0];
    assert.equal(f?.severity, 'elevated');
    assert.equal(f?.evidence.windowsWithErrors, 2);
    assert.equal(f?.targets[0]?.count, 3);
    assert.match(f?.summary ?? '', /one-off blip/);
    assert.deepEqual(
      f?.fix.map((s) => s.id),
      ['target-listening'],
    );
  });

  it('aligns windows to the epoch: 08:04:59 and 08:05:00 are different windows', () => {
    const report = analyse([
      [299, TASK, 'Error: connect ECONNREFUSED 10.0.3.42:5432'],
      [300, TASK, 'Error: connect ECONNREFUSED 10.0.3.42:5432'],
    ]);
    assert.equal(report.findings[0]?.evidence.windowsWithErrors, 2);
    assert.deepEqual(
      report.findings[0]?.timeline.map((b) => b.start),
      ['2026-11-20T08:00:00.000Z', '2026-11-20T08:05:00.000Z'],
    );
  });

  it('fix commands name a task that logged the failure the step is about', () => {
    const report = analyse([
      [0, TASK, 'Error: connect ECONNREFUSED 10.0.3.42:5432'],
      [400, OTHER_TASK, 'Error: connect ETIMEDOUT 10.0.5.18:6379'],
    ]);
    const f = report.findings[0];
    assert.deepEqual(
      f?.targets.map((t) => [t.host, t.tasks]),
      [
        ['10.0.3.42', ['f2ad7dba413f45ddb4d92f7853b78469']],
        ['10.0.5.18', ['0a1b2c3d4e5f60718293a4b5c6d7e8f9']],
      ],
    );
    const sg = f?.fix.find((s) => s.id === 'security-groups');
    assert.ok(sg?.commands.some((c) => c.includes('--tasks 0a1b2c3d4e5f60718293a4b5c6d7e8f9 ')));
  });

  it('reports nothing for near misses and healthy logs', () => {
    const report = analyse([
      [0, TASK, 'Connected to postgres at 10.0.3.42:5432'],
      [1, TASK, 'error: password authentication failed for user "orders"'],
      [2, TASK, "  code: 'ECONNREFUSED',"],
      [3, TASK, '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {'],
      [4, TASK, 'GET /orders/42 500 30012ms'],
    ]);
    assert.deepEqual(report.findings, []);
    assert.equal(report.ecs?.events, 5);
  });
});

const STREAM = '2026/11/20/[$LATEST]8f1e2d3c4b5a69788796a5b4c3d2e1f0';
function invocation(
  id: string,
  s: number,
  lines: string[],
  billed = 100,
  status = '',
): Array<[number, string, string]> {
  return [
    [s, STREAM, `START RequestId: ${id} Version: $LATEST\n`],
    ...lines.map((l): [number, string, string] => [s + 1, STREAM, l]),
    [s + 2, STREAM, `END RequestId: ${id}\n`],
    [
      s + 2,
      STREAM,
      `REPORT RequestId: ${id}\tDuration: ${billed - 0.5} ms\tBilled Duration: ${billed} ms\tMemory Size: 1024 MB\tMax Memory Used: 80 MB\t${status}\n`,
    ],
  ];
}
const rid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const fail = (i: number) =>
  `2026-11-20T08:00:01.000Z\t${rid(i)}\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"connect ETIMEDOUT 10.0.3.47:5432","code":"ETIMEDOUT"}\n`;

describe('lambda-connection-failures', () => {
  it('is high with more than 5 failing invocations, with cost and timeouts', () => {
    const events = [];
    for (let i = 0; i < 10; i++) {
      const failing = i < 6;
      events.push(
        ...invocation(
          rid(i),
          i * 10,
          failing ? [fail(i)] : ['ok\n'],
          failing ? 3000 : 100,
          failing && i < 2 ? 'Status: timeout\t' : '',
        ),
      );
    }
    const report = analyse(events);
    const f = report.findings[0];
    assert.equal(f?.severity, 'high');
    assert.deepEqual(
      [
        f?.evidence.failingInvocations,
        f?.evidence.invocations,
        f?.evidence.failingTimedOut,
        f?.evidence.failingBilledMs,
        f?.evidence.failingGbSeconds,
      ],
      [6, 10, 2, 18000, 18],
    );
    assert.equal(
      f?.summary,
      '6 invocations failed with connection errors (60 % of 10 invocations). Primary error: "connect ETIMEDOUT 10.0.3.47:5432" (PostgreSQL). 2 of them ran into their timeout. Cost: 18 s billed in failing invocations (18 GB-s).',
    );
    assert.deepEqual(report.lambda, {
      invocations: 10,
      failingInvocations: 6,
      timedOut: 2,
      billedMs: 18400,
      functionNames: [],
    });
  });

  it('is elevated with 1 to 5; counts an invocation once however many failures it logs', () => {
    const report = analyse([
      ...invocation(rid(1), 0, [fail(1), fail(1), `Error: connect ECONNREFUSED 10.0.1.23:6379`]),
      ...invocation(rid(2), 10, ['fine\n']),
    ]);
    const f = report.findings[0];
    assert.equal(f?.severity, 'elevated');
    assert.equal(f?.evidence.failingInvocations, 1);
    assert.equal(f?.evidence.events, 3);
    assert.deepEqual(
      f?.targets.map((t) => [t.host, t.port, t.class, t.count]),
      [
        ['10.0.3.47', 5432, 'timeout', 2],
        ['10.0.1.23', 6379, 'refused', 1],
      ],
    );
  });

  it('never counts a REPORT line (Status: timeout) or the timeout line as a connection failure', () => {
    const report = analyse([
      ...invocation(
        rid(1),
        0,
        [`2026-11-20T08:00:03.000Z ${rid(1)} Task timed out after 3.00 seconds\n\n`],
        3000,
        'Status: timeout\t',
      ),
    ]);
    assert.deepEqual(report.findings, []);
    assert.equal(report.lambda?.timedOut, 1);
  });
});

describe('caps are reported, never silent', () => {
  it('warns when more distinct targets fail than the table keeps', () => {
    const events: Array<[number, string, string]> = [];
    for (let i = 0; i < 10_050; i++) {
      events.push([
        i % 600,
        TASK,
        `Error: connect ECONNREFUSED 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:5432`,
      ]);
    }
    const report = analyse(events);
    assert.equal(report.findings[0]?.targets.length, 10_000);
    assert.equal(report.findings[0]?.evidence.events, 10_050);
    assert.match(
      report.inputs[0]?.warnings.map((w) => w.message).join('\n') ?? '',
      /ECS: 50 failure events were not given target rows/,
    );
  });
});

describe('stack traces split into one event per line (awslogs)', () => {
  const outer =
    'org.springframework.web.client.ResourceAccessException: I/O error on GET request for "http://orders.internal:8080/api": Connection refused; nested exception is java.net.ConnectException: Connection refused';
  it('a `Caused by:` line right after the failure is part of it, not a second failure', () => {
    const report = analyse([
      [0, TASK, outer],
      [0, TASK, '\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:785)'],
      [1, TASK, 'Caused by: java.net.ConnectException: Connection refused'],
      [1, TASK, '\tat java.base/sun.nio.ch.Net.connect0(Native Method)'],
    ]);
    const f = report.findings[0];
    assert.equal(f?.evidence.events, 1);
    assert.deepEqual(
      f?.targets.map((t) => [t.host, t.port, t.class, t.count]),
      [['orders.internal', 8080, 'refused', 1]],
    );
  });

  it('classify marks the stitched line instead of hiding its match', () => {
    const analyzer = new Analyzer();
    const input = analyzer.openInput('t');
    const t0 = Date.parse('2026-11-20T08:00:00Z');
    analyzer.addEvent(input, { index: 0, timestamp: t0, stream: TASK, message: outer });
    const caused = analyzer.addEvent(input, {
      index: 1,
      timestamp: t0 + 5,
      stream: TASK,
      message: 'Caused by: java.net.ConnectException: Connection refused',
    });
    assert.equal(caused.failure?.errorClass, 'refused');
    assert.equal(caused.stitched, true);
  });
  it('counts a `Caused by:` failure whose first line named no failure, and one that comes much later', () => {
    const report = analyse([
      [
        0,
        TASK,
        'org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection',
      ],
      [0, TASK, 'Caused by: java.net.ConnectException: Connection refused'],
      [60, TASK, 'Caused by: java.net.ConnectException: Connection refused'],
      [60, OTHER_TASK, 'Caused by: java.net.ConnectException: Connection refused'],
    ]);
    assert.equal(report.findings[0]?.evidence.events, 3);
  });
});

describe('groupDigits', () => {
  it('writes integers as en-US does, without ICU', () => {
    for (const n of [
      0, 1, 7, 12, 999, 1000, 1234, 12345, 123456, 1234567, 987654321012, -1234, -999, 1e21, 3.5, 1234.5,
    ])
      assert.equal(groupDigits(n), n.toLocaleString('en-US'), String(n));
  });
});
