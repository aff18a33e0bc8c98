import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { createGunzip, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { generate } from '../bench/generate.js';
import type { Report } from '../src/core/report.js';
import { PLATFORM_MARKERS } from '../src/core/lambda/lambdaLine.js';
import { feedCompressed } from '../src/node/readGzipInParts.js';
import { holdsPlatformMarker } from '../src/node/readInParts.js';
import { ROOT, runCli, seededRandom } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'netsleuth-parallel-'));

/** The report without the one field that differs between any two runs. */
function analyse(threads: 1 | 2, files: string[]): { report: Omit<Report, 'generatedAt'>; stderr: string } {
  const r = runCli(['analyze', '--format', 'json', '--threads', String(threads), ...files]);
  assert.equal(r.status, 0, r.stderr);
  const { generatedAt: _, ...report } = JSON.parse(r.stdout) as Report;
  return { report, stderr: r.stderr };
}

function assertSameAsOneThread(files: string[]): Omit<Report, 'generatedAt'> {
  const one = analyse(1, files);
  const two = analyse(2, files);
  assert.deepEqual(two.report, one.report);
  assert.equal(two.stderr, one.stderr);
  return two.report;
}

describe('two threads give exactly the report of one', () => {
  const lambda = join(tmp, 'lambda.json');
  const ecs = join(tmp, 'ecs.json');
  before(async () => {
    await generate({ kind: 'lambda', outFile: lambda, sizeMb: 6, seed: 7 });
    await generate({ kind: 'ecs', outFile: ecs, sizeMb: 4, seed: 11 });
  });

  it('on a Lambda export (invocations cut by the parts are stitched back)', () => {
    // about eight parts, taken in turn by this thread and the worker
    const debug = runCli(['analyze', '--threads', '2', lambda], { env: { NETSLEUTH_DEBUG: '1' } });
    assert.match(debug.stderr, /read in 6 part\(s\), of 6 planned/);
    const report = assertSameAsOneThread([lambda]);
    assert.ok((report.lambda?.failingInvocations ?? 0) > 5);
  });

  it('on a large export, with the worker the launcher started before the CLI loaded', async () => {
    const big = join(tmp, 'big.json');
    await generate({ kind: 'lambda', outFile: big, sizeMb: 65, seed: 3 });
    const run = (threads: string[], env: NodeJS.ProcessEnv = {}) => {
      const r = runCli(['analyze', '--format', 'json', ...threads, big], { env });
      assert.equal(r.status, 0, r.stderr);
      const { generatedAt: _, ...report } = JSON.parse(r.stdout) as Report;
      return { report, stderr: r.stderr };
    };
    const early = run([], { NETSLEUTH_DEBUG: '1' });
    assert.match(early.stderr, /part\(s\), of \d+ planned \(the worker was started early\)/);
    // on Node.js 20 the launcher also tuned V8 for the read (see v8FlagsForParts): the report is the same
    if (process.versions.v8.startsWith('11.'))
      assert.match(
        early.stderr,
        /\(V8 flags: --always-sparkplug --interrupt-budget=1000000 --no-regexp-tier-up\)/,
      );
    assert.deepEqual(early.report, run(['--threads', '1']).report);
    const small = runCli(['analyze', '--threads', '2', lambda], { env: { NETSLEUTH_DEBUG: '1' } });
    assert.doesNotMatch(small.stderr, /V8 flags/, 'an export read in parts, too small for the launcher');
  });

  it('on an ECS export', () => {
    const report = assertSameAsOneThread([ecs]);
    assert.equal(report.findings[0]?.pattern, 'ecs-network-connectivity');
  });

  it('on several inputs, a stream that goes on from one file into the next included', () => {
    const text = readFileSync(lambda, 'utf8');
    const doc = JSON.parse(text) as { events: unknown[] };
    const half = Math.floor(doc.events.length / 2);
    const a = join(tmp, 'a.json');
    const b = join(tmp, 'b.json');
    writeFileSync(a, JSON.stringify({ events: doc.events.slice(0, half) }, null, 4));
    writeFileSync(b, JSON.stringify({ events: doc.events.slice(half) }, null, 4));
    assertSameAsOneThread([a, b, ecs]);
  });

  it('on get-log-events output (no stream names: Lambda lines are known from the platform lines)', () => {
    const doc = JSON.parse(readFileSync(lambda, 'utf8')) as { events: Array<{ logStreamName: string }> };
    const stream = doc.events[0]?.logStreamName;
    const events = doc.events
      .filter((e) => e.logStreamName === stream)
      .map(({ logStreamName: _, ...e }) => e);
    const file = join(tmp, 'get-log-events.json');
    writeFileSync(
      file,
      JSON.stringify({ events, nextForwardToken: 'f/1', nextBackwardToken: 'b/1' }, null, 4),
    );
    const report = assertSameAsOneThread([file]);
    assert.equal(report.inputs[0]?.format, 'get-log-events');
  });

  it('on Java stack traces split into one event per line, wherever the split falls', () => {
    const events = [];
    const t0 = Date.parse('2026-11-20T08:00:00Z');
    for (let i = 0; i < 4000; i++) {
      const stream = `ecs/api/${i % 2 ? 'f2ad7dba413f45ddb4d92f7853b78469' : '0a1b2c3d4e5f60718293a4b5c6d7e8f9'}`;
      const t = t0 + i * 700;
      // every third trace starts with a line that names no failure, so its `Caused by:` must count
      const first =
        i % 3 === 0
          ? 'DataAccessResourceFailureException: Unable to acquire JDBC Connection'
          : `Error: connect ECONNREFUSED 10.0.${i % 250}.7:5432`;
      events.push({ logStreamName: stream, timestamp: t, message: first });
      events.push({
        logStreamName: stream,
        timestamp: t + 1,
        message: 'Caused by: java.net.ConnectException: Connection refused',
      });
      events.push({
        logStreamName: stream,
        timestamp: t + 2,
        message: '\tat java.base/sun.nio.ch.Net.connect0(Native Method)',
      });
    }
    const file = join(tmp, 'java.json');
    writeFileSync(file, JSON.stringify({ events }, null, 4));
    const report = assertSameAsOneThread([file]);
    // 4000 traces: 2666 counted by their first line (the Caused-by is stitched), 1334 by their Caused-by line
    assert.equal(report.findings[0]?.evidence.events, 4000);
  });

  it('on Python tracebacks, certificate and pool lines split one per event, wherever the split falls', () => {
    const events = [];
    const t0 = Date.parse('2026-11-20T08:00:00Z');
    const chained = [
      'Traceback (most recent call last):',
      '  File "/usr/local/lib/python3.11/site-packages/urllib3/connection.py", line 203, in _new_conn',
      'socket.gaierror: [Errno -2] Name or service not known',
      'The above exception was the direct cause of the following exception:',
      'Traceback (most recent call last):',
      '  File "/app/main.py", line 12, in handler',
      "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='orders.internal', port=443): Max retries exceeded with url: /v1 (Caused by NameResolutionError(\"Failed to resolve 'orders.internal' ([Errno -2] Name or service not known)\"))",
    ];
    const certificate = [
      'Traceback (most recent call last):',
      '  File "/app/main.py", line 9, in handler',
      'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)',
      'During handling of the above exception, another exception occurred:',
      'Traceback (most recent call last):',
      "requests.exceptions.SSLError: HTTPSConnectionPool(host='api.example.com', port=443): Max retries exceeded with url: /v1 (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed')))",
    ];
    for (let i = 0; i < 3000; i++) {
      const stream = `ecs/worker/${i % 3 === 0 ? 'f2ad7dba413f45ddb4d92f7853b78469' : '0a1b2c3d4e5f60718293a4b5c6d7e8f9'}`;
      const t = t0 + i * 900;
      const lines =
        i % 5 === 0
          ? certificate
          : i % 7 === 0
            ? [
                'sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30',
              ]
            : chained;
      lines.forEach((message, j) => events.push({ logStreamName: stream, timestamp: t + j, message }));
      events.push({ logStreamName: stream, timestamp: t + 20, message: 'INFO request done' });
    }
    const file = join(tmp, 'python.json');
    writeFileSync(file, JSON.stringify({ events }, null, 4));
    const report = assertSameAsOneThread([file]);
    const evidence = report.findings[0]?.evidence;
    // 3000 traces: 600 certificate ones, 343 pool timeouts, the rest one DNS failure each
    assert.equal(evidence?.certificateEvents, 600);
    assert.equal(evidence?.poolEvents, 343);
    assert.equal(evidence?.events, 3000 - 600 - 343);
  });

  it('on a truncated export (the warning says where, in both)', () => {
    const file = join(tmp, 'cut.json');
    writeFileSync(file, readFileSync(ecs));
    truncateSync(file, Math.floor(readFileSync(ecs).length * 0.8));
    const report = assertSameAsOneThread([file]);
    assert.match(report.inputs[0]?.warnings[0]?.message ?? '', /truncated/);
  });

  it('on an export broken in its middle (the parts after the break are dropped, as one pass stops there)', () => {
    const file = join(tmp, 'broken.json');
    const bytes = readFileSync(lambda);
    // a stray `]` between two events, three fifths in: a syntax error in one of the later parts
    const at = bytes.indexOf('},\n', Math.floor(bytes.length * 0.6)) + 2;
    writeFileSync(file, Buffer.concat([bytes.subarray(0, at), Buffer.from(' ]'), bytes.subarray(at)]));
    const debug = runCli(['analyze', '--threads', '2', file], { env: { NETSLEUTH_DEBUG: '1' } });
    const read = /read in (\d+) part\(s\), of (\d+) planned/.exec(debug.stderr);
    assert.ok(read && Number(read[1]) < Number(read[2]), debug.stderr);
    const report = assertSameAsOneThread([file]);
    assert.ok((report.inputs[0]?.warnings.length ?? 0) > 0);
  });

  it('on events longer than the first look for a split point (16 KiB)', () => {
    const file = join(tmp, 'long-events.json');
    const events = Array.from({ length: 200 }, (_, i) => ({
      logStreamName: `ecs/orders-api/${(i % 3).toString(16).padStart(32, 'c')}`,
      timestamp: 1715678467114 + i * 1000,
      message:
        i % 4 === 0
          ? `Error: connect ECONNREFUSED 10.0.3.42:5432 ${'x'.repeat(50_000)}`
          : `GET /orders/${i} 200 ${'y'.repeat(45_000 + i * 50)}`,
      ingestionTime: 1715678467200 + i * 1000,
      eventId: String(37560000000000000000000000000000000000000000000000000000n + BigInt(i)),
    }));
    writeFileSync(file, JSON.stringify({ events, searchedLogStreams: [] }, null, 4));
    const debug = runCli(['analyze', '--threads', '2', file], { env: { NETSLEUTH_DEBUG: '1' } });
    const parts = /read in (\d+) part\(s\), of (\d+) planned/.exec(debug.stderr);
    assert.ok(parts, debug.stderr);
    // ~10 MiB in 8 planned parts: every split point is found, though most need more than the first look
    assert.equal(parts[2], '8', debug.stderr);
    assert.equal(parts[1], parts[2]);
    const report = assertSameAsOneThread([file]);
    assert.equal(report.inputs[0]?.events, 200);
  });

  it('on a Lambda export whose first platform line comes after the first look at the file (256 KiB)', () => {
    // the guess that the first part shows Lambda lines comes from the looks at the later parts' starts
    const doc = JSON.parse(readFileSync(lambda, 'utf8')) as {
      events: Array<{ logStreamName: string; timestamp: number; message: string }>;
    };
    const first = doc.events[0] as { logStreamName: string; timestamp: number };
    const verbose = Array.from({ length: 1000 }, (_, i) => ({
      logStreamName: first.logStreamName,
      timestamp: first.timestamp - 1000 + i,
      message: `loading fixture ${i} of 1000 from s3://orders-fixtures/batch-${i % 17}.json ${'.'.repeat(120)}`,
    }));
    const file = join(tmp, 'verbose-lambda.json');
    writeFileSync(file, JSON.stringify({ events: [...verbose, ...doc.events] }, null, 4));
    // past the first look, inside the first of about eight parts
    const bytes = readFileSync(file);
    const at = bytes.indexOf('START RequestId: ');
    assert.ok(at > 256 * 1024 && at < bytes.length / 10, String(at));
    const debug = runCli(['analyze', '--threads', '2', file], { env: { NETSLEUTH_DEBUG: '1' } });
    const parts = /read in (\d+) part\(s\), of (\d+) planned/.exec(debug.stderr);
    assert.ok(parts && parts[1] === parts[2] && Number(parts[1]) > 2, debug.stderr);
    const report = assertSameAsOneThread([file]);
    assert.ok((report.lambda?.invocations ?? 0) > 1000);
  });

  it('when the guess about Lambda lines is wrong (ECS first, Lambda after): it reads the file again in one pass', () => {
    const ecsEvents = (JSON.parse(readFileSync(ecs, 'utf8')) as { events: unknown[] }).events;
    const lambdaEvents = (JSON.parse(readFileSync(lambda, 'utf8')) as { events: unknown[] }).events;
    const file = join(tmp, 'ecs-then-lambda.json');
    writeFileSync(file, JSON.stringify({ events: [...ecsEvents, ...lambdaEvents] }, null, 4));
    const debug = runCli(['analyze', '--threads', '2', file], { env: { NETSLEUTH_DEBUG: '1' } });
    assert.equal(debug.status, 0, debug.stderr);
    assert.doesNotMatch(debug.stderr, /read in \d+ part\(s\)/);
    assertSameAsOneThread([file]);
  });

  it('when the middle of the file is not inside an events array (it falls back to one pass)', () => {
    const file = join(tmp, 'examples-array.json');
    const events = (
      JSON.parse(readFileSync(join(ROOT, 'examples', 'ecs-orders-api.json'), 'utf8')) as { events: unknown[] }
    ).events;
    // a bare array of events: `},\n{` occurs in the middle, but not in a page's events array
    writeFileSync(file, JSON.stringify(events, null, 4));
    const debug = runCli(['analyze', '--threads', '2', file], { env: { NETSLEUTH_DEBUG: '1' } });
    assert.match(debug.stderr, /read in 1 part\(s\)/);
    assertSameAsOneThread([file]);
  });
});

describe('gzipped exports: this thread decompresses, two analyse the segments in turn', () => {
  const lambda = join(tmp, 'gz-lambda.json');
  const ecs = join(tmp, 'gz-ecs.json');
  before(async () => {
    await generate({ kind: 'lambda', outFile: lambda, sizeMb: 6, seed: 7 });
    await generate({ kind: 'ecs', outFile: ecs, sizeMb: 4, seed: 11 });
    for (const f of [lambda, ecs]) writeFileSync(`${f}.gz`, gzipSync(readFileSync(f)));
  });

  it('on a Lambda export: invocations cut by the segments are stitched back', () => {
    const debug = runCli(['analyze', '--threads', '2', `${lambda}.gz`], { env: { NETSLEUTH_DEBUG: '1' } });
    const segments = Number(/gzip read in (\d+) segment\(s\)/.exec(debug.stderr)?.[1]);
    assert.ok(segments >= 4, debug.stderr);
    const report = assertSameAsOneThread([`${lambda}.gz`]);
    assert.ok((report.lambda?.failingInvocations ?? 0) > 5);
    assert.equal(report.inputs[0]?.gzip, true);
  });

  it('feeds the compressed file through two reused buffers; a file it cannot open is an error the reader sees', async () => {
    const gz = `${ecs}.gz`;
    let read = 0;
    const gunzip = createGunzip({ chunkSize: 1 << 20 });
    const fed = feedCompressed(gz, gunzip, (bytes) => (read += bytes));
    const out: Buffer[] = [];
    for await (const chunk of gunzip) out.push(Buffer.from(chunk as Buffer));
    await fed;
    assert.equal(read, readFileSync(gz).length);
    assert.ok(Buffer.concat(out).equals(readFileSync(ecs)));
    const missing = createGunzip();
    const none = feedCompressed(join(tmp, 'no-such.json.gz'), missing, () => undefined);
    await assert.rejects(async () => {
      for await (const _ of missing) void _;
    }, /ENOENT/);
    await none; // resolves: the error went to the reader
  });

  it('on an ECS export', () => {
    // zlib's full output buffers are transferred to the workers, pieces at cuts copied: the segments must
    // still come out whole (else the parallel read gives up and one thread reads it all)
    const debug = runCli(['analyze', '--threads', '2', `${ecs}.gz`], { env: { NETSLEUTH_DEBUG: '1' } });
    assert.ok(Number(/gzip read in (\d+) segment\(s\)/.exec(debug.stderr)?.[1]) >= 3, debug.stderr);
    const report = assertSameAsOneThread([`${ecs}.gz`]);
    assert.equal(report.findings[0]?.pattern, 'ecs-network-connectivity');
  });

  it('a minified export (no newline to cut at) and a truncated gzip file give the report of one thread', () => {
    const doc = JSON.parse(readFileSync(ecs, 'utf8')) as unknown;
    const minified = join(tmp, 'minified.json.gz');
    writeFileSync(minified, gzipSync(JSON.stringify(doc)));
    assertSameAsOneThread([minified]);
    const cut = join(tmp, 'cut.json.gz');
    const whole = gzipSync(readFileSync(lambda));
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const r = assertSameAsOneThread([cut]);
    assert.ok(r.inputs[0]?.warnings.some((w) => /gzip/.test(w.message)));
  });
});

describe('the guess that the first part shows Lambda lines', () => {
  it('finds a platform marker wherever searching for each marker finds one', () => {
    const random = seededRandom(3);
    const pieces = [
      ...PLATFORM_MARKERS,
      ...PLATFORM_MARKERS.map((m) => m.slice(0, -1)), // cut short: not a marker
      ...PLATFORM_MARKERS.map((m) => m.slice(1)),
      'RequestId: ',
      'x-amzn-RequestId: 7d1c',
      'RESTART RequestId: ', // holds `START RequestId: `
      'INIT_',
      'INIT_STAR',
      'Task timed out',
      'platform',
      'GET /orders 200 ',
      '\n',
    ];
    for (let round = 0; round < 3000; round++) {
      let text = '';
      const count = random(6);
      for (let i = 0; i < count; i++) text += pieces[random(pieces.length)] as string;
      const head = Buffer.from(text, 'latin1');
      const expected = PLATFORM_MARKERS.some((marker) => head.includes(marker));
      assert.equal(holdsPlatformMarker(head), expected, JSON.stringify(text));
    }
    assert.equal(holdsPlatformMarker(Buffer.from('x'.repeat(1000) + 'END RequestId: ')), true);
    assert.equal(holdsPlatformMarker(Buffer.alloc(0)), false);
  });
});
