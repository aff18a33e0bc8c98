import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Analyzer } from '../src/core/analyzer.js';
import { JsonEventsDecoder } from '../src/core/decode/jsonEventsDecoder.js';
import { layoutRunner } from '../src/core/decode/layoutRunner.js';
import { seededRandom } from './helpers.js';

// Quiet lines: the WebAssembly runs count Lambda platform lines and app lines that cannot matter (handing
// them to the invocation tracker in the module themselves), and plain ECS lines of settled streams, instead
// of handing each over (layoutRun.c, set_skip). Every report here is compared with the analyser that takes
// every line one by one (quietLines: false), and with the one whose tracker is the TypeScript one.

interface Ev {
  stream: string;
  ts: number;
  message: string;
  /** an event object laid out otherwise (an extra key): read in JavaScript, outside the runs */
  odd?: boolean;
  /** the stream name as written in the JSON string (escapes and all), when not JSON.stringify's */
  rawStream?: string;
  /** its timestamp written with a fraction: the runs stop before it, and it is read in JavaScript */
  deferred?: boolean;
}

function exportOf(events: Ev[]): Buffer {
  const objects = events.map((e, i) => {
    const fields = [
      `"logStreamName": ${e.rawStream !== undefined ? `"${e.rawStream}"` : JSON.stringify(e.stream)}`,
      `"timestamp": ${e.ts}${e.deferred ? '.5' : ''}`,
      `"message": ${JSON.stringify(e.message)}`,
      `"ingestionTime": ${e.ts + 300}`,
      `"eventId": "${37560000000000000000000000000n + BigInt(i)}"`,
      ...(e.odd ? ['"extra": true'] : []),
    ];
    return `        {\n            ${fields.join(',\n            ')}\n        }`;
  });
  return Buffer.from(`{\n    "events": [\n${objects.join(',\n')}\n    ],\n    "searchedLogStreams": []\n}\n`);
}

function reportOf(
  whole: Buffer,
  quietLines: boolean,
  chunk = 65536,
  options: { continuation?: boolean; wasmTracker?: boolean } = {},
) {
  const analyzer = new Analyzer({ quietLines, windowMs: 60_000, ...options });
  const input = analyzer.openInput('x.json');
  const decoder = new JsonEventsDecoder({
    onEvent: (e) => analyzer.addEvent(input, e),
    onRawEvent: analyzer.rawEvents(input),
  });
  for (let at = 0; at < whole.length; at += chunk) decoder.push(Buffer.from(whole.subarray(at, at + chunk)));
  decoder.end();
  const { generatedAt: _, ...report } = analyzer.finish();
  return { report, events: analyzer.events };
}

/**
 * The report with quiet lines, checked against the one without, and against the one of the TypeScript
 * tracker without; returns how many lines were quiet.
 */
function compare(events: Ev[], chunk?: number, options: { continuation?: boolean } = {}): number {
  const whole = exportOf(events);
  const runner = layoutRunner();
  assert.ok(runner, 'WebAssembly runs here');
  const before = runner.quietLines;
  const quiet = reportOf(whole, true, chunk, options);
  const quietCount = runner.quietLines - before;
  const plain = reportOf(whole, false, chunk, options);
  assert.equal(runner.quietLines - before, quietCount, 'quietLines: false counts none');
  assert.equal(quiet.events, events.length);
  assert.deepEqual(quiet.report, plain.report);
  assert.deepEqual(reportOf(whole, false, chunk, { ...options, wasmTracker: false }).report, plain.report);
  return quietCount;
}

const T0 = 1715678467114;
const id = (n: number) =>
  `${(0x1a2b3c4d + n * 7919).toString(16).padStart(8, '0')}-4b59-4161-8fd8-${(n * 104729 + 17).toString(16).padStart(12, '0')}`;
const streamOf = (n: number) => `2024/05/14/[$LATEST]${n.toString(16).padStart(32, '0')}`;
const iso = (ts: number) => new Date(ts).toISOString();
const start = (r: string) => `START RequestId: ${r} Version: $LATEST\n`;
const end = (r: string) => `END RequestId: ${r}\n`;
const report = (r: string, billed: number, extra = '') =>
  `REPORT RequestId: ${r}\tDuration: ${billed - 0.5} ms\tBilled Duration: ${billed} ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\t${extra}\n`;
const app = (ts: number, r: string, text: string) => `${iso(ts)}\t${r}\tINFO\t${text}\n`;
const failure = (ts: number, r: string) =>
  `${iso(ts)}\t${r}\tERROR\tError: connect ECONNREFUSED 10.0.1.23:6379\n`;

/**
 * Invocations of `count` ids over `streams` streams (an execution environment runs one invocation at a time),
 * interleaved by time: each START, app lines, END, REPORT.
 */
function invocations(
  count: number,
  streams: number,
  seed: number,
  shape: (n: number) => Partial<{ failing: boolean; appLines: number }> = () => ({}),
): Ev[] {
  const rand = seededRandom(seed);
  const out: Ev[] = [];
  let t = T0;
  const open: Array<{ r: string; stream: number; left: number; failing: boolean }> = [];
  const free = Array.from({ length: streams }, (_, i) => i);
  let next = 0;
  while (next < count || open.length > 0) {
    t += 1 + rand(40);
    if (next < count && free.length > 0 && (open.length === 0 || rand(3) === 0)) {
      const s = shape(next);
      const stream = free.splice(rand(free.length), 1)[0] as number;
      const inv = { r: id(next), stream, left: s.appLines ?? 1 + rand(4), failing: s.failing ?? false };
      next++;
      out.push({ stream: streamOf(stream), ts: t, message: start(inv.r) });
      open.push(inv);
      continue;
    }
    const k = rand(open.length);
    const inv = open[k] as (typeof open)[number];
    const stream = streamOf(inv.stream);
    if (inv.left > 0) {
      inv.left--;
      const message =
        inv.failing && inv.left === 0 ? failure(t, inv.r) : app(t, inv.r, `processed order ${rand(100000)}`);
      out.push({ stream, ts: t, message });
    } else {
      out.push({ stream, ts: t, message: end(inv.r) });
      out.push({ stream, ts: t, message: report(inv.r, 10 + rand(3000)) });
      open.splice(k, 1);
      free.push(inv.stream);
    }
  }
  return out;
}

/**
 * Adds 9,000 invocations, more than the tracker remembers once finished (2 x 4096), so `x` is forgotten;
 * their ids miss x's slot in the module's table of ids (a slot that takes another id forgets it is open).
 */
function forgetting(x: string, events: Ev[], stream: string, t: number): number {
  const slotOf = (r: string) =>
    Math.imul(Buffer.from(r.slice(32), 'latin1').readUInt32LE(0), 0x9e3779b1) >>> 24;
  for (let n = 1, made = 0; made < 9000; n++) {
    const y = id(100_000 + n);
    if (slotOf(y) === slotOf(x)) continue;
    made++;
    events.push({ stream, ts: (t += 1), message: start(y) }, { stream, ts: t, message: report(y, 5) });
  }
  return t;
}

const ecsStreamOf = (n: number) => `ecs/orders-api/${n.toString(16).padStart(30, '0')}00`;

/** What an ECS service prints, one line per event (awslogs): plain lines, and failures with their traces. */
const TRACES: string[][] = [
  [
    'Error: connect ECONNREFUSED 10.0.3.42:5432',
    '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {',
    '  errno: -111,',
    "  code: 'ECONNREFUSED',",
    "  syscall: 'connect',",
    "  address: '10.0.3.42',",
    '  port: 5432',
    '}',
  ],
  [
    'org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection',
    '\tat org.hibernate.exception.internal.SQLStateConversionDelegate.convert(SQLStateConversionDelegate.java:112)',
    'Caused by: java.net.ConnectException: Connection timed out (Connection timed out)',
    '\tat java.base/sun.nio.ch.Net.connect0(Native Method)',
    '\t... 42 more',
  ],
  [
    'Traceback (most recent call last):',
    '  File "/app/main.py", line 12, in handler',
    '    conn = psycopg2.connect(DSN)',
    'ConnectionRefusedError: [Errno 111] Connection refused',
    '',
    'During handling of the above exception, another exception occurred:',
    '',
    'Traceback (most recent call last):',
    '  File "/app/main.py", line 14, in handler',
    'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not connect to server: Connection refused',
  ],
  [
    'Error: getaddrinfo ENOTFOUND orders-service.local',
    "  code: 'ENOTFOUND',",
    "  hostname: 'orders-service.local'",
  ],
  ['SSL routines:tls_process_server_certificate:certificate verify failed', 'Suppressed: nothing more'],
];
const PLAIN = [
  (n: number) => `GET /orders/${n} 200 ${n % 97}ms`,
  (n: number) => `{"level":"info","msg":"order processed","id":${n}}`,
  (n: number) => `published order.updated ${n}`,
  (n: number) => `cache hit ratio 0.${n % 100}`,
];

function ecsEvents(count: number, streams: number, seed: number, stepMs: number): Ev[] {
  const rand = seededRandom(seed);
  const out: Ev[] = [];
  const pending: string[][] = Array.from({ length: streams }, () => []);
  let t = T0;
  for (let i = 0; i < count; i++) {
    const k = rand(streams);
    const stream = ecsStreamOf(k);
    t += 1 + rand(stepMs);
    const queue = pending[k] as string[];
    let message: string;
    if (queue.length > 0) message = queue.shift() as string;
    else if (rand(12) === 0) {
      const trace = TRACES[rand(TRACES.length)] as string[];
      message = trace[0] as string;
      queue.push(...trace.slice(1));
    } else message = (PLAIN[rand(PLAIN.length)] as (n: number) => string)(rand(100_000));
    out.push({ stream, ts: t, message });
  }
  return out;
}

describe('quiet lines (counted by the WebAssembly runs, not handed over one by one)', () => {
  it('give the report of every line handed over, on interleaved invocations across windows and chunk sizes', () => {
    const events = invocations(3000, 7, 1, (n) => ({ failing: n % 37 === 0 }));
    const quiet = compare(events);
    assert.ok(quiet > events.length / 3, `most app and END lines are quiet (${quiet} of ${events.length})`);
    for (const chunk of [997, 4093, 1 << 20]) compare(events, chunk);
    compare(events, 65536, { continuation: true });
  });

  it('a START of an invocation already finished (a retry with the same id) is caught and read again', () => {
    const first = invocations(40, 3, 2);
    let t = (first[first.length - 1] as Ev).ts;
    const again: Ev[] = [];
    for (let n = 0; n < 40; n += 3) {
      const r = id(n);
      const s = streamOf(9);
      t += 5;
      again.push(
        { stream: s, ts: t, message: start(r) },
        { stream: s, ts: t + 1, message: app(t + 1, r, 'again') },
      );
      again.push(
        { stream: s, ts: t + 2, message: failure(t + 2, r) },
        { stream: s, ts: t + 3, message: end(r) },
      );
      again.push({ stream: s, ts: t + 4, message: report(r, 77, 'Status: timeout') });
    }
    assert.ok(compare([...first, ...again]) > 0);
  });

  it('after a START of a finished id, its lines are not taken for an open invocation once it is forgotten', () => {
    const x = id(0);
    const a = streamOf(1);
    const b = streamOf(2);
    let t = T0;
    const events: Ev[] = [
      { stream: a, ts: (t += 1), message: start(x) },
      { stream: a, ts: (t += 1), message: app(t, x, 'work') },
      { stream: a, ts: (t += 1), message: end(x) },
      { stream: a, ts: (t += 1), message: report(x, 120) },
      { stream: a, ts: (t += 1), message: start(x) },
    ];
    t = forgetting(x, events, b, t);
    // lines of x now open an invocation of their own (finished at the end of the input)
    for (let i = 0; i < 3; i++)
      events.push({ stream: a, ts: (t += 1), message: app(t, x, 'processed order 1') });
    // one push: no event is cut by a chunk's end and read in JavaScript (which would forget the predictions)
    assert.ok(compare(events, 1 << 30) > 0);
  });

  it('an invocation finished between runs (its REPORT laid out otherwise) is forgotten before the next run', () => {
    const x = id(88_888);
    const a = streamOf(1);
    let t = T0 + 100_000;
    const events: Ev[] = [
      ...invocations(20, 2, 9),
      { stream: a, ts: (t += 1), message: start(x) },
      { stream: a, ts: (t += 1), message: app(t, x, 'processed order 1') },
      { stream: a, ts: (t += 1), message: report(x, 120), odd: true },
    ];
    t = forgetting(x, events, streamOf(2), t);
    for (let i = 0; i < 3; i++)
      events.push({ stream: a, ts: (t += 1), message: app(t, x, 'processed order 1') });
    compare(events, 1 << 30);
  });

  it('lines before their START and after their REPORT, and lines without a request id', () => {
    const events: Ev[] = [];
    let t = T0;
    const s = streamOf(1);
    for (let n = 0; n < 200; n++) {
      const r = id(n);
      t += 10;
      if (n % 5 === 0) events.push({ stream: s, ts: t, message: app(t, r, 'before its START') });
      events.push({ stream: s, ts: t + 1, message: start(r) });
      events.push({ stream: s, ts: t + 2, message: app(t + 2, r, 'work') });
      if (n % 7 === 0)
        events.push({ stream: s, ts: t + 3, message: 'a line of the function without an id\n' });
      events.push(
        { stream: s, ts: t + 4, message: end(r) },
        { stream: s, ts: t + 5, message: report(r, 100 + n) },
      );
      if (n % 3 === 0) events.push({ stream: s, ts: t + 6, message: app(t + 6, r, 'after its REPORT') });
      if (n % 4 === 0) events.push({ stream: s, ts: t + 7, message: end(r) });
    }
    assert.ok(compare(events) > 0);
  });

  it('an invocation finished in JavaScript (a REPORT the runs do not read, or laid out otherwise) is not taken for open', () => {
    const events: Ev[] = [];
    let t = T0;
    for (let n = 0; n < 300; n++) {
      const r = id(n);
      const s = streamOf(n % 3);
      t += 10;
      events.push(
        { stream: s, ts: t, message: start(r) },
        { stream: s, ts: t + 1, message: app(t + 1, r, 'work') },
      );
      if (n % 3 === 0) {
        // an escape the first read leaves to JavaScript, then an event object with another layout
        const odd = report(r, 200).replace('Duration', 'Dur\u00e9ation');
        events.push({ stream: s, ts: t + 2, message: n % 2 === 0 ? odd : report(r, 200), odd: n % 2 !== 0 });
      }
      events.push(
        { stream: s, ts: t + 3, message: app(t + 3, r, 'after') },
        { stream: s, ts: t + 4, message: end(r) },
      );
      if (n % 3 !== 0) events.push({ stream: s, ts: t + 5, message: report(r, 100) });
    }
    assert.ok(compare(events) > 0);
    compare(events, 333);
  });

  it('only in a window the analyser holds: across window edges, and with times in seconds (never quiet)', () => {
    const events = invocations(400, 4, 3).map((e, i) => ({ ...e, ts: T0 + i * 20_000 }));
    compare(events);
    const seconds = invocations(200, 2, 4).map((e, i) => ({ ...e, ts: 1715678467 + i }));
    assert.equal(compare(seconds), 0);
  });

  it('only once the input shows Lambda lines: app lines in a stream that is not a Lambda one come first', () => {
    const events: Ev[] = [];
    let t = T0;
    const ecs = 'ecs/orders-api/f2ad7dba413f45ddb4d92f7853b78469';
    for (let n = 0; n < 50; n++)
      events.push({ stream: ecs, ts: (t += 5), message: app(t, id(1), 'an app-shaped line in ECS') });
    events.push(...invocations(100, 2, 5).map((e) => ({ ...e, ts: (t += 5) })));
    compare(events);
  });

  it('two analysers reading in turns on one thread do not take each other for the owner of the open invocations', () => {
    // a opens x and leaves it open; b (its own invocations first) then has lines of x it never saw start
    const x = id(99_999);
    let t = T0;
    const a = exportOf([
      ...invocations(50, 2, 6),
      { stream: streamOf(7), ts: (t += 1), message: start(x) },
      ...invocations(50, 2, 8),
    ]);
    const b = exportOf([
      ...invocations(50, 2, 7),
      ...[1, 2, 3].map((i) => ({
        stream: streamOf(8),
        ts: T0 + 10 * i,
        message: app(T0 + 10 * i, x, 'processed order 2'),
      })),
      { stream: streamOf(8), ts: T0 + 50, message: end(x) },
    ]);
    const read = (quietLines: boolean) => {
      const analyzers = [new Analyzer({ quietLines }), new Analyzer({ quietLines })];
      const inputs = analyzers.map((z) => z.openInput('x'));
      const decoders = analyzers.map(
        (z, i) =>
          new JsonEventsDecoder({
            onEvent: (e) => z.addEvent(inputs[i] as never, e),
            onRawEvent: z.rawEvents(inputs[i] as never),
          }),
      );
      const cut = a.indexOf(x) + 200;
      decoders[0]?.push(Buffer.from(a.subarray(0, cut)));
      decoders[1]?.push(Buffer.from(b));
      decoders[0]?.push(Buffer.from(a.subarray(cut)));
      decoders.forEach((d) => d.end());
      return analyzers.map((z) => {
        const { generatedAt: _, ...r } = z.finish();
        return r;
      });
    };
    assert.deepEqual(read(true), read(false));
  });
  it('ECS: give the report of every line handed over, over stack traces of every runtime split one line per event', () => {
    const events = ecsEvents(6000, 6, 11, 700);
    const quiet = compare(events);
    assert.ok(quiet > events.length / 4, `plain lines are quiet (${quiet} of ${events.length})`);
    for (const chunk of [997, 4093, 1 << 30]) compare(events, chunk);
    compare(events, 65536, { continuation: true });
    compare(events, 4093, { continuation: true });
  });

  it('ECS: a run ends after a few lines of streams it does not know, so the next run counts their quiet lines', () => {
    // plain lines only, read in one piece: the streams are marked after the first lines the analyser reads,
    // not after a whole run of 4096 records
    const plainOnly = (count: number, streams: number, seed: number): Ev[] => {
      const rand = seededRandom(seed);
      let t = T0;
      return Array.from({ length: count }, () => ({
        stream: ecsStreamOf(rand(streams)),
        ts: (t += 1 + rand(50)),
        message: `GET /orders/${rand(100_000)} 200 ${rand(90)}ms`,
      }));
    };
    const events = plainOnly(6000, 5, 21);
    const quiet = compare(events, 1 << 30);
    assert.ok(
      quiet >= events.length - 300,
      `all but the first lines of each stream are quiet (${quiet} of 6000)`,
    );
    // a stream the analyser cannot mark yet (a later part: its lines may still join the part before) ends
    // runs early at first; the budget grows, and the report is the same
    compare(events, 1 << 30, { continuation: true });
    // streams that keep coming: every new one is learnt within a few lines
    const many = plainOnly(6000, 400, 22);
    compare(many, 1 << 30);
  });

  it('ECS: a run records at most its budget of lines of unmarked streams, then stops (budgetSpent)', () => {
    const runner = layoutRunner();
    assert.ok(runner, 'WebAssembly runs here');
    const whole = exportOf(ecsEvents(6000, 3, 23, 10).map((e) => ({ ...e, message: `GET /a ${e.ts} 200` })));
    const readWith = (budget: number) => {
      const analyzer = new Analyzer({ windowMs: 60_000 });
      const input = analyzer.openInput('x.json');
      const handler = analyzer.rawEvents(input);
      const beforeRun = handler.beforeRun as NonNullable<typeof handler.beforeRun>;
      const record = handler.record as NonNullable<typeof handler.record>;
      let records = 0;
      let spentRuns = 0;
      // the analyser's own settings for each run, with this budget instead of its own
      handler.beforeRun = (r) => {
        if (r.budgetSpent) spentRuns++;
        beforeRun(r);
        r.setSkip(true, 60_000, false, 0, budget);
      };
      handler.record = (...args) => {
        records++;
        record(...args);
      };
      const decoder = new JsonEventsDecoder({ onEvent: () => assert.fail('read raw'), onRawEvent: handler });
      decoder.push(whole);
      decoder.end();
      const { generatedAt: _, ...report } = analyzer.finish();
      return { records, spentRuns, report };
    };
    const one = readWith(1);
    const never = readWith(1 << 30);
    // one line of an unmarked stream ends a run: three streams, three runs end so
    assert.equal(one.spentRuns, 3);
    assert.equal(never.spentRuns, 0);
    // a budget never spent: the first run records 4096 events one by one
    assert.ok(never.records > 4000, `${never.records} records`);
    assert.ok(one.records < 100, `${one.records} records`);
    assert.deepEqual(one.report, never.report);
  });

  it('ECS: a frame found to change nothing is quiet the next time; a frame of other bytes is still read', () => {
    // distinct frames the prefilter lets through (`Connect`), read once, then again: the second time they
    // are quiet. Indented failures (frames that are failures) of many lengths are read either time.
    const events: Ev[] = [];
    let t = T0;
    const stream = ecsStreamOf(7);
    const push = (message: string) => events.push({ stream, ts: (t += 7), message });
    for (let i = 0; i < 3; i++) push(`GET /health 200 ${i}ms`);
    // 200 distinct frames share the table's 256 slots (frames of one slot take it in turns and stay read);
    // in the last round ten frames come twenty times each
    for (const round of [0, 1, 2]) {
      for (let i = 0; i < 200; i++) {
        const frame = round < 2 ? i : i % 10;
        push(`Error: connect ECONNREFUSED 10.0.3.42:${5000 + (i % 40)}`);
        push(`    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:${1000 + frame}:16)`);
        push(
          `${' '.repeat(1 + ((i + round) % 9))}Error: connect ECONNREFUSED 10.0.${i}.${i % 7}:${6000 + i}`,
        );
        push('}');
        push(`GET /orders/${i} 200 3ms`);
      }
    }
    // a failure of the same length and the same last bytes as a remembered frame (the same slot): read
    const inert = '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)';
    const head = '    Error: connect ECONNREFUSED 10.0.9.9:5432 ';
    const twin = `${head}${'x'.repeat(inert.length - head.length - 8)}${inert.slice(-8)}`;
    assert.equal(twin.length, inert.length);
    for (let i = 0; i < 40; i++) {
      push('Error: connect ECONNREFUSED 10.0.3.42:5432');
      push(i % 2 === 0 ? inert : twin);
      push('}');
      push(`GET /orders/${i} 200 3ms`);
    }
    // (short chunks: a stream is marked, and a frame remembered, for the runs after the one that read it)
    const quiet = compare(events, 4093);
    assert.ok(quiet >= 250, `frames read once are quiet after (${quiet} quiet lines)`);
    compare(events);
  });

  it('ECS: across window edges, and with stream names written with escapes (the same stream as without)', () => {
    compare(ecsEvents(3000, 4, 12, 20_000));
    // `ecs\/orders-api\/…` decodes to the stream `ecs/orders-api/…`: the runs must not take it for another
    const events = ecsEvents(3000, 3, 13, 700);
    const escaped = exportOf(events)
      .toString('latin1')
      .replace(/"logStreamName": "ecs\/orders-api\/([0-9a-f]{30})00"/g, (m, id: string, at: number) =>
        at % 3 === 0 ? `"logStreamName": "ecs\\/orders-api\\/${id}00"` : m,
      );
    const whole = Buffer.from(escaped, 'latin1');
    assert.deepEqual(reportOf(whole, true, 1 << 30).report, reportOf(whole, false, 1 << 30).report);
  });
  it('ECS: a line the runs did not see (read in JavaScript, or under another spelling of its stream) unsettles its stream', () => {
    const events = ecsEvents(9000, 3, 14, 50);
    let t = (events[events.length - 1] as Ev).ts;
    const s = ecsStreamOf(0);
    const plain = (n: number) => ({ stream: s, ts: (t += 10), message: `GET /orders/${n} 200 3ms` });
    const cause = () => ({
      stream: s,
      ts: (t += 10),
      message: 'Caused by: java.net.SocketTimeoutException: connect timed out',
    });
    const failing = 'java.net.ConnectException: Connection refused (Connection refused)';
    const py = (message: string) => ({ stream: s, ts: (t += 10), message });
    // Each case: a line the runs must not count quiet ends a failure's trace, and a cause within five
    // seconds comes after it, which must not be taken for the same failure's.
    // A Python traceback whose exception line is a plain line: the second plain line ends the trace.
    events.push(
      plain(1),
      plain(2),
      plain(3),
      py('Traceback (most recent call last):'),
      py('  File "/app/main.py", line 3, in handler'),
      py('ConnectionRefusedError: [Errno 111] Connection refused'),
      py('During handling of the above exception, another exception occurred:'),
      py('Traceback (most recent call last):'),
      py('  File "/app/main.py", line 9, in handler'),
      plain(4),
      plain(5),
      py('During handling of the above exception, another exception occurred:'),
      py('Traceback (most recent call last):'),
      py('  File "/app/main.py", line 12, in handler'),
      py('TimeoutError: [Errno 110] Connection timed out'),
    );
    // Frames are no plain lines: after them, the first plain line ends the trace.
    events.push(
      plain(6),
      plain(7),
      plain(8),
      py(failing),
      py('\tat java.net.Socket.connect(Socket.java:609)'),
    );
    events.push(py('    at TCPConnectWrap.afterConnect (node:net:1607:16)'), plain(9), cause());
    // A failure the runs do not read (laid out otherwise): the plain line after it ends it.
    events.push(plain(10), plain(11), plain(12), { stream: s, ts: (t += 10), message: failing, odd: true });
    events.push(plain(13), cause());
    // The same with the failure under an escaped spelling of the stream's name (last: the runs then forget
    // every stream).
    events.push(plain(14), plain(15), plain(16));
    events.push({ stream: s, rawStream: s.replaceAll('/', '\\/'), ts: (t += 10), message: failing });
    events.push(plain(17), cause());
    events.push(...ecsEvents(500, 3, 15, 700).map((e) => ({ ...e, ts: (t += 10) })));
    // one push: the stream is marked in the first run (4,095 records), the lines above come in a later one
    assert.ok(compare(events, 1 << 30) > 1000);
    compare(events, 1 << 30, { continuation: true });
  });

  it('ECS: the line after a plain line is quiet only outside a Python traceback, however the runs learn of one', () => {
    const s = ecsStreamOf(0);
    const failing = 'ConnectionRefusedError: [Errno 111] Connection refused';
    const header = 'Traceback (most recent call last):';
    const separator = 'During handling of the above exception, another exception occurred:';
    const plain = (n: number) => `GET /orders/${n} 200 3ms`;
    // Two chained tracebacks; the second one's exception line is a plain line, which goes on with the trace
    // (the failure stays open), so the plain line after it must end the trace: a cause within five seconds
    // after that is another failure, not the same one's. `shape` says how the runs meet each header and
    // separator line.
    const chain = (shape: (message: string) => Partial<Ev>): Array<Omit<Ev, 'ts'>> =>
      [
        plain(1),
        plain(2),
        plain(3),
        { message: header, ...shape(header) },
        { message: '  File "/app/main.py", line 3, in handler' },
        { message: failing },
        { message: separator, ...shape(separator) },
        { message: header, ...shape(header) },
        { message: '  File "/app/main.py", line 9, in handler' },
        plain(4),
        plain(5),
        { message: separator, ...shape(separator) },
        { message: header, ...shape(header) },
        { message: '  File "/app/main.py", line 12, in handler' },
        { message: 'TimeoutError: [Errno 110] Connection timed out' },
      ].map((e) => (typeof e === 'string' ? { stream: s, message: e } : { stream: s, ...e }));
    // the stream is marked in the first run (4,095 records); the chains come in later ones
    const base = ecsEvents(9000, 3, 14, 50);
    const check = (lines: Array<Omit<Ev, 'ts'>>) => {
      let t = (base[base.length - 1] as Ev).ts;
      assert.ok(compare([...base, ...lines.map((e) => ({ ...e, ts: (t += 10) }))], 1 << 30) > 1000);
    };
    // read outside the runs (laid out otherwise, or with a value the runs leave to the decoder): the runs
    // only learn that the analyser read a line of the stream
    check(chain(() => ({ odd: true })));
    check(chain(() => ({ deferred: true })));
    // with an escape the runs leave to the analyser (a control character): a header all the same
    check(chain((m) => ({ message: `${m}\u0001` })));
    // read by the runs as they are
    check(chain(() => ({})));
    // A stream marked while the analyser is inside a chain: the first lines of a new stream end a run (the
    // odd line of another stream after them), and the stream is marked for the runs after that one.
    const fresh = ecsStreamOf(9);
    const lines = chain(() => ({})).map((e) => ({ ...e, stream: fresh }));
    const cut = 8; // through the second traceback's frame: its exception line comes in the next run
    assert.equal(lines[cut]?.message, '  File "/app/main.py", line 9, in handler');
    check([...lines.slice(3, cut + 1), { stream: s, message: plain(6), odd: true }, ...lines.slice(cut + 1)]);
  });

  describe('cases a review found (each differed before its fix)', () => {
    /** Several inputs into one analyser, each with its own name and options; `between` runs after each. */
    function readInputs(
      inputs: Array<{ buf: Buffer; name: string; defaultStream?: string }>,
      quietLines: boolean,
      between?: (a: Analyzer, i: number) => void,
    ) {
      const analyzer = new Analyzer({ quietLines, windowMs: 60_000 });
      inputs.forEach((inp, i) => {
        const input = analyzer.openInput(inp.name);
        const decoder = new JsonEventsDecoder({
          onEvent: (e) => analyzer.addEvent(input, e),
          onRawEvent: analyzer.rawEvents(input),
          ...(inp.defaultStream !== undefined ? { defaultStream: inp.defaultStream } : {}),
        });
        for (let at = 0; at < inp.buf.length; at += 65536)
          decoder.push(Buffer.from(inp.buf.subarray(at, at + 65536)));
        decoder.end();
        between?.(analyzer, i);
      });
      const { generatedAt: _, ...report } = analyzer.finish();
      return report;
    }
    const same = (inputs: Parameters<typeof readInputs>[0], between?: (a: Analyzer, i: number) => void) =>
      assert.deepEqual(readInputs(inputs, true, between), readInputs(inputs, false, between));
    /** An export whose stream names are written as the given bytes (none: no logStreamName key). */
    function bytesExport(
      events: Array<{ stream?: Buffer; ts: number; message: string; odd?: boolean }>,
    ): Buffer {
      const parts = events.map((e, i) => {
        const fields: Buffer[] = [];
        if (e.stream)
          fields.push(Buffer.concat([Buffer.from('"logStreamName": "'), e.stream, Buffer.from('"')]));
        fields.push(
          Buffer.from(`"timestamp": ${e.ts}`),
          Buffer.from(`"message": ${JSON.stringify(e.message)}`),
        );
        fields.push(
          Buffer.from(`"ingestionTime": ${e.ts + 300}`),
          Buffer.from(`"eventId": "${1000n + BigInt(i)}"`),
        );
        if (e.odd) fields.push(Buffer.from('"extra": true'));
        const body: Buffer[] = [Buffer.from('        {\n            ')];
        fields.forEach((f, k) => body.push(...(k ? [Buffer.from(',\n            ')] : []), f));
        body.push(Buffer.from('\n        }'));
        return Buffer.concat(body);
      });
      const joined: Buffer[] = [];
      parts.forEach((p, i) => joined.push(...(i ? [Buffer.from(',\n')] : []), p));
      return Buffer.concat([Buffer.from('{\n    "events": [\n'), ...joined, Buffer.from('\n    ]\n}\n')]);
    }
    const warm = (stream: string, n: number, t: number) =>
      Array.from({ length: n }, (_, i) => ({ stream: Buffer.from(stream), ts: t + i, message: `warm ${i}` }));
    const other = 'ecs/other/' + 'f'.repeat(32);
    /**
     * Lines that get `stream` marked and settled: a first line in a run (the analyser marks it), an event
     * read in JavaScript (the run ends), then two plain lines in the next run.
     */
    const settling = (stream: string, t: number) => [
      ...warm(other, 10, t),
      { stream: Buffer.from(stream), ts: t + 10, message: 'plain a' },
      { stream: Buffer.from(other), ts: t + 11, message: 'z1', odd: true },
      { stream: Buffer.from(stream), ts: t + 12, message: 'plain b' },
      { stream: Buffer.from(stream), ts: t + 13, message: 'plain c' },
    ];
    const causedBy = 'Caused by: java.net.ConnectException: Connection refused (Connection refused)';
    const refused = 'Error: connect ECONNREFUSED 10.0.1.23:6379';

    it('a quiet END line of an invocation started in another input shows this input has Lambda lines', () => {
      const l = streamOf(1);
      const e = ecsStreamOf(1);
      const x = id(1);
      const y = id(2);
      let t = T0;
      const a = exportOf([
        ...Array.from({ length: 5 }, (_, i) => ({ stream: l, ts: t++, message: `warm ${i}\n` })),
        { stream: l, ts: t++, message: start(x) },
        { stream: l, ts: t++, message: app(t, x, 'working') },
      ]);
      const b = exportOf([
        ...Array.from({ length: 5 }, (_, i) => ({ stream: e, ts: t++, message: `container up ${i}` })),
        { stream: l, ts: t++, message: end(x) },
        { stream: e, ts: t++, message: app(t, y, 'served') },
        { stream: e, ts: t++, message: app(t, y, 'served again') },
        { stream: l, ts: t++, message: report(x, 11) },
      ]);
      same([
        { buf: a, name: 'a.json' },
        { buf: b, name: 'b.json' },
      ]);
    });

    it('Lambda lines in a stream whose name is written with escapes: tracked in input order, under its decoded name', () => {
      const name = streamOf(5);
      const plain = Buffer.from(name);
      const escaped = Buffer.from(name.replaceAll('/', '\\/'));
      const [w, x, y, z] = [id(31), id(32), id(33), id(34)];
      let t = T0;
      const line = (stream: Buffer, message: string) => ({ stream, ts: (t += 1), message });
      const events = [
        line(plain, start(w)),
        line(plain, app(t, w, 'working')),
        line(plain, report(w, 10)),
        line(plain, start(x)),
        line(plain, app(t, x, 'working')),
        // a failure without a request id goes to the invocation open in its stream: x, not y, which starts
        // right after it (its START could be tracked in the run before the analyser reads the failure)
        line(escaped, refused),
        line(plain, start(y)),
        line(plain, app(t, y, 'working')),
        line(plain, report(y, 7000)),
        line(plain, report(x, 100)),
        // a START in the stream named with escapes, then a failure without an id in the same stream
        line(escaped, start(z)),
        line(plain, refused),
        line(plain, report(z, 300)),
      ];
      same([{ buf: bytesExport(events), name: 'x.json' }]);
    });

    it('a later part merged in between inputs (gzip segments read on workers) makes the runs forget', () => {
      const st = 'ecs/app/' + '0123456789abcdef'.repeat(2);
      let t = T0;
      const a = bytesExport(settling(st, (t += 20)));
      t += 20;
      const part = bytesExport([
        { stream: Buffer.from(st), ts: t++, message: 'plain x' },
        { stream: Buffer.from(st), ts: t++, message: 'plain y' },
        { stream: Buffer.from(st), ts: t++, message: refused },
      ]);
      const c = bytesExport([
        ...warm(other, 10, (t += 20)),
        { stream: Buffer.from(st), ts: (t += 20), message: 'plain d' },
        { stream: Buffer.from(st), ts: t++, message: causedBy },
      ]);
      const snapshot = () => {
        const later = new Analyzer({ windowMs: 60_000, continuation: true });
        const input = later.openInput('b.json.gz');
        const d = new JsonEventsDecoder({
          onEvent: (e) => later.addEvent(input, e),
          onRawEvent: later.rawEvents(input),
          wasm: false,
        });
        d.push(part);
        d.end();
        return later.snapshot();
      };
      same(
        [
          { buf: a, name: 'a.json' },
          { buf: c, name: 'c.json' },
        ],
        (analyzer, i) => i === 0 && analyzer.mergeContinuation(snapshot()),
      );
    });

    it('stream names past ASCII (invalid UTF-8 decodes to U+FFFD, whatever the byte)', () => {
      const hex = '0123456789abcdef'.repeat(2);
      const named = (byte: number) =>
        Buffer.concat([Buffer.from('ecs/app/'), Buffer.from([byte]), Buffer.from('/' + hex)]);
      let t = T0;
      for (const [failing, odd] of [
        [0xff, true],
        [0xfe, false],
      ] as const) {
        const events = [
          ...warm(other, 10, (t += 20)),
          { stream: named(0xff), ts: t++, message: 'plain a' },
          { stream: Buffer.from(other), ts: t++, message: 'z1', odd: true },
          ...['plain b', 'plain c', 'plain c2'].map((message) => ({ stream: named(0xff), ts: t++, message })),
          { stream: named(failing), ts: t++, message: refused, odd },
          { stream: named(0xff), ts: t++, message: 'plain d' },
          { stream: named(0xff), ts: t++, message: causedBy },
          { stream: named(0xff), ts: t++, message: 'plain e' },
        ];
        same([{ buf: bytesExport(events), name: 'x.json' }]);
      }
    });

    it('events without a stream, filed under the input (or default stream) named like a marked stream', () => {
      const st = 'app_' + '0123456789abcdef'.repeat(2);
      let t = T0;
      const a = bytesExport(settling(st, (t += 20)));
      t += 20;
      const b = bytesExport([
        ...Array.from({ length: 10 }, (_, i) => ({ ts: t++, message: `b warm ${i}` })),
        { ts: t++, message: refused },
      ]);
      const c = bytesExport([
        ...warm(other, 10, (t += 20)),
        { stream: Buffer.from(st), ts: t++, message: 'plain d' },
        { stream: Buffer.from(st), ts: t++, message: causedBy },
      ]);
      same([
        { buf: a, name: 'group.json' },
        { buf: b, name: st },
        { buf: c, name: 'group2.json' },
      ]);
      same([
        { buf: a, name: 'group.json' },
        { buf: b, name: `${st}.json`, defaultStream: st },
        { buf: c, name: 'group2.json' },
      ]);
    });
  });
  it('give the report of every line handed over on random mixes of Lambda and ECS lines, inputs, chunks and windows', () => {
    const plain = [
      'request handled ok',
      'cache warmed 42',
      '{"level":"info","msg":"ok"}',
      'GET /health 200',
      'Done.',
    ];
    const frames = [
      '    at Object.<anonymous> (/app/index.js:10:5)',
      '\tat com.example.Foo.bar(Foo.java:42)',
      'Caused by: java.net.ConnectException: Connection refused (Connection refused)',
      '... 12 more',
      '',
      '  File "/app/x.py", line 3, in <module>',
      'Traceback (most recent call last):',
      'During handling of the above exception, another exception occurred:',
      'ConnectionRefusedError: [Errno 111] Connection refused',
      'Caused by: javax.net.ssl.SSLHandshakeException: PKIX path building failed',
      // Node's util.inspect of an error, one event per line: frames that cannot matter and ones that may
      '  errno: -111,',
      '  port: 6379',
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {',
      "  code: 'ECONNREFUSED',",
    ];
    const fails = [
      'Error: connect ECONNREFUSED 10.0.1.23:6379',
      'java.net.SocketTimeoutException: connect timed out',
      'Error: getaddrinfo ENOTFOUND db.internal',
      'x509: certificate signed by unknown authority',
      // an indented failure (a member of a Node AggregateError's [errors] dump): a frame that is a failure
      '    Error: connect ECONNREFUSED ::1:5432',
    ];
    for (let seed = 1; seed <= 40; seed++) {
      const rand = seededRandom(seed);
      const pool = [3, 20, 1000][rand(3)] as number;
      const disrupt = [2, 10, 30][rand(3)] as number;
      const lambdaStreams = rand(4);
      const ecsStreams = 1 + rand(6);
      const seconds = rand(4) === 0;
      const current: Array<number | undefined> = [];
      let next = 0;
      let t = T0;
      const events: Ev[] = [];
      for (let i = 0, n = 200 + rand(2500); i < n; i++) {
        t += rand(20) === 0 ? rand(200_000) : rand(2000);
        const ts = seconds && rand(20) === 0 ? Math.floor(t / 1000) : t;
        const odd = rand(100) < disrupt;
        let stream: string;
        let message: string;
        if (rand(lambdaStreams + ecsStreams) < lambdaStreams) {
          const k = rand(lambdaStreams);
          stream = streamOf(k);
          const c = current[k];
          if (c === undefined || (odd && rand(3) === 0)) {
            const n2 = rand(4) === 0 ? rand(Math.max(1, next)) % pool : next++ % pool;
            current[k] = n2;
            message = start(id(n2));
          } else {
            const r = id(odd && rand(2) ? rand(pool) : c);
            const x = rand(12);
            if (x < 7) message = app(t, r, plain[rand(plain.length)] as string);
            else if (x < 8) message = odd ? failure(t, r) : app(t, r, 'ok');
            else if (x < 9)
              message = odd ? `${iso(t)} ${r} Task timed out after 3.00 seconds\n` : 'no id here\n';
            else if (x < 10) message = end(r);
            else {
              message = report(r, 11 + rand(100), rand(5) ? '' : 'Status: timeout');
              current[k] = undefined;
            }
          }
        } else {
          stream = ecsStreamOf(rand(ecsStreams));
          message = !odd
            ? `${plain[rand(plain.length)] as string} ${rand(1000)}`
            : rand(2)
              ? (frames[rand(frames.length)] as string)
              : (fails[rand(fails.length)] as string);
        }
        events.push({ stream, ts, message, ...(rand(1000) < disrupt ? { odd: true } : {}) });
      }
      const windowMs = [60_000, 300_000, 1000][rand(3)] as number;
      const chunk = [1 << 30, 1 + rand(100), 1 + rand(1000), 1 + rand(100_000), 65536][rand(5)] as number;
      const inputs = 1 + rand(3);
      const continuation = rand(2) === 0;
      const read = (quietLines: boolean) => {
        const analyzer = new Analyzer({ quietLines, windowMs, continuation });
        const per = Math.ceil(events.length / inputs);
        for (let k = 0; k < inputs; k++) {
          const input = analyzer.openInput(`in${k}.json`);
          const d = new JsonEventsDecoder({
            onEvent: (e) => analyzer.addEvent(input, e),
            onRawEvent: analyzer.rawEvents(input),
          });
          const whole = exportOf(events.slice(k * per, (k + 1) * per));
          for (let at = 0; at < whole.length; at += chunk)
            d.push(Buffer.from(whole.subarray(at, at + chunk)));
          d.end();
        }
        const { generatedAt: _, ...r } = analyzer.finish();
        return r;
      };
      assert.deepEqual(read(true), read(false), `seed ${seed}`);
    }
  });
});
