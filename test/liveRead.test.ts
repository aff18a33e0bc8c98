/**
 * Live reading from CloudWatch Logs through the AWS SDK v3: log groups built in moto_server with the real
 * `aws` CLI, read back with readLiveEvents (more than one FilterLogEvents page), written with
 * writeFilterLogEventsExport and decoded again. A small scripted HTTP server stands in for CloudWatch Logs
 * where moto cannot: empty pages that carry a nextToken, ThrottlingException, access denied.
 */
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createGunzip } from 'node:zlib';
import { Analyzer } from '../src/core/analyzer.js';
import { decodeInput } from '../src/core/decode/decodeInput.js';
import { NetsleuthError } from '../src/core/errors.js';
import type { LogEvent } from '../src/core/events.js';
import {
  analyzeLive,
  type LiveProgress,
  type LiveReadOptions,
  parseSince,
  parseTimeArg,
  readLiveEvents,
} from '../src/node/cloudWatchSource.js';
import { writeFilterLogEventsExport } from '../src/node/fetchExport.js';
import { aws, awsEnv, MOTO_REGION, putLogEvents, startMoto } from './moto.js';
import type { Moto } from './moto.js';

// The SDK reads process.env: only dummy credentials and config paths that do not exist, never a
// developer's own profile, endpoint or credentials.
for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
for (const [key, value] of Object.entries(awsEnv())) if (key.startsWith('AWS_')) process.env[key] = value;

const ECS_GROUP = '/ecs/orders-api';
const LAMBDA_GROUP = '/aws/lambda/orders-worker';
const ECS_PREFIX = 'ecs/orders-api/';
const ECS_STREAMS = [
  `${ECS_PREFIX}0f1e2d3c4b5a69788796a5b4c3d2e1f0`,
  `${ECS_PREFIX}a1b2c3d4e5f60718293a4b5c6d7e8f90`,
  'otel/collector/0f1e2d3c4b5a69788796a5b4c3d2e1f0',
];
/** Events per ECS stream: 11,000 in all, more than moto's (and AWS's) 10,000-event page. */
const ECS_COUNTS = [5000, 4000, 2000];
const LAMBDA_STREAM = '2026/01/01/[$LATEST]4f1c0d2b9a8e7f6a5b4c3d2e1f0a9b8c';

interface GenEvent {
  stream: string;
  timestamp: number;
  message: string;
}

// Two hours ago, on a whole second: well inside CloudWatch's 14-day window.
const BASE = Math.floor((Date.now() - 2 * 3_600_000) / 1000) * 1000;

const MESSAGES = [
  (i: number) => `GET /orders/${i} 200 12ms\n`,
  (i: number) =>
    `Error: connect ECONNREFUSED 10.0.3.42:5432\n    at TCPConnectWrap.afterConnect (node:net:1607:16) #${i}`,
  (i: number) => `{"level":"info","msg":"tick ${i}","quote":"\\"x\\"","tab":"\\t"}`,
  (i: number) => `ünïcödé ✓ — 日本語 ${i}\ttab\r\n`,
  (i: number) => `Caused by: java.net.SocketTimeoutException: Connect timed out (redis.internal:6379) ${i}`,
];

function ecsEvents(): GenEvent[] {
  const out: GenEvent[] = [];
  ECS_STREAMS.forEach((stream, s) => {
    for (let i = 0; i < (ECS_COUNTS[s] as number); i++) {
      // streams interleave in time; several events share a millisecond across streams
      out.push({
        stream,
        timestamp: BASE + i * 500 + s * 250,
        message: (MESSAGES[(i + s) % MESSAGES.length] as (i: number) => string)(i),
      });
    }
  });
  return out;
}

const ECS_EVENTS = ecsEvents();
const LAMBDA_EVENTS: GenEvent[] = Array.from({ length: 30 }, (_, i) => ({
  stream: LAMBDA_STREAM,
  timestamp: BASE + 60_000 + i * 100,
  message:
    i % 3 === 0
      ? `START RequestId: 0000000${i}-aaaa-4bbb-8ccc-dddddddddddd Version: $LATEST\n`
      : `2026-01-01T00:00:00.000Z\t0000000${i}-aaaa-4bbb-8ccc-dddddddddddd\tERROR\tconnect ETIMEDOUT 10.0.3.47:5432\n`,
}));

const tmp = mkdtempSync(join(tmpdir(), 'netsleuth-live-'));

function putEvents(endpoint: string, group: string, events: GenEvent[]): void {
  putLogEvents(endpoint, group, events); // one batch per stream: at most 10,000 events
}

const key = (e: { stream: string | undefined; timestamp: number; message: string }) =>
  `${e.stream}|${e.timestamp}|${e.message}`;

const sortedKeys = (events: Array<{ stream: string | undefined; timestamp: number; message: string }>) =>
  events.map(key).sort();

async function collect(options: LiveReadOptions): Promise<LogEvent[]> {
  const out: LogEvent[] = [];
  for await (const e of readLiveEvents(options)) out.push(e);
  return out;
}

async function failure(options: LiveReadOptions): Promise<NetsleuthError> {
  try {
    await collect(options);
  } catch (err) {
    assert.ok(err instanceof NetsleuthError, `not a NetsleuthError: ${String(err)}`);
    return err;
  }
  assert.fail('expected the read to fail');
}

/** Decodes a file the way `netsleuth analyze` does (gunzip first for .gz). */
async function decodeFile(path: string): Promise<{ format: string; events: LogEvent[] }> {
  const events: LogEvent[] = [];
  const source = createReadStream(path);
  const bytes = path.endsWith('.gz') ? source.pipe(createGunzip()) : source;
  const decoded = await decodeInput(bytes as AsyncIterable<Uint8Array>, {
    name: path,
    format: 'auto',
    onEvent: (e) => events.push(e),
  });
  return { format: decoded.format, events };
}

async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('no port'));
      server.close(() => resolve(address.port));
    });
  });
}

const RANGE = { startTime: BASE - 1000, endTime: BASE + 3_600_000 };

describe('live read from CloudWatch Logs (moto_server)', { timeout: 120_000 }, () => {
  let moto: Moto | undefined;
  let endpoint = '';
  const live = (o: Partial<LiveReadOptions> = {}): LiveReadOptions => ({
    logGroups: [ECS_GROUP],
    ...RANGE,
    endpointUrl: endpoint,
    ...o,
  });

  before(async () => {
    moto = await startMoto();
    endpoint = moto.endpoint;
    putEvents(endpoint, ECS_GROUP, ECS_EVENTS);
    putEvents(endpoint, LAMBDA_GROUP, LAMBDA_EVENTS);
  });

  after(async () => {
    await moto?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('every event comes back exactly once, over more than one page', async () => {
    const progress: LiveProgress[] = [];
    const events = await collect(live({ onProgress: (p) => progress.push(p) }));
    assert.equal(events.length, ECS_EVENTS.length);
    assert.deepEqual(sortedKeys(events), sortedKeys(ECS_EVENTS));
    assert.deepEqual(
      events.map((e) => e.index),
      events.map((_, i) => i),
    );
    // moto pages at 10,000 events like AWS: 11,000 events need two pages
    assert.equal(progress.length, 2);
    assert.deepEqual(progress.at(-1), {
      events: ECS_EVENTS.length,
      bytes: ECS_EVENTS.reduce((n, e) => n + Buffer.byteLength(e.message), 0),
      pages: 2,
      logGroup: ECS_GROUP,
    });
    // each stream's events in time order (the Lambda model depends on it)
    for (const stream of ECS_STREAMS) {
      const ts = events.filter((e) => e.stream === stream).map((e) => e.timestamp);
      assert.deepEqual(
        ts,
        [...ts].sort((a, b) => a - b),
      );
    }
  });

  it('a smaller page size gives the same events over many pages', async () => {
    let pages = 0;
    const events = await collect(live({ pageSize: 1000, onProgress: (p) => (pages = p.pages) }));
    assert.equal(pages, 11);
    assert.deepEqual(sortedKeys(events), sortedKeys(ECS_EVENTS));
  });

  it('the time range is inclusive at both ends', async () => {
    const startTime = BASE + 100 * 500; // exactly an event of stream 0
    const endTime = BASE + 300 * 500 + 250; // exactly an event of stream 1
    const events = await collect(live({ startTime, endTime }));
    const want = ECS_EVENTS.filter((e) => e.timestamp >= startTime && e.timestamp <= endTime);
    assert.ok(want.length > 0 && want.length < ECS_EVENTS.length);
    assert.deepEqual(sortedKeys(events), sortedKeys(want));
    assert.ok(events.some((e) => e.timestamp === startTime) && events.some((e) => e.timestamp === endTime));
  });

  it('filters by log stream prefix', async () => {
    const events = await collect(live({ logStreamNamePrefix: ECS_PREFIX }));
    const want = ECS_EVENTS.filter((e) => e.stream.startsWith(ECS_PREFIX));
    assert.equal(events.length, ECS_COUNTS[0]! + ECS_COUNTS[1]!);
    assert.deepEqual(sortedKeys(events), sortedKeys(want));
    assert.deepEqual(
      events.map((e) => e.index),
      events.map((_, i) => i),
    );
  });

  it('reads two log groups one after the other with a running index', async () => {
    const events = await collect(live({ logGroups: [LAMBDA_GROUP, ECS_GROUP] }));
    assert.equal(events.length, LAMBDA_EVENTS.length + ECS_EVENTS.length);
    assert.deepEqual(sortedKeys(events.slice(0, LAMBDA_EVENTS.length)), sortedKeys(LAMBDA_EVENTS));
    assert.deepEqual(sortedKeys(events.slice(LAMBDA_EVENTS.length)), sortedKeys(ECS_EVENTS));
    assert.deepEqual(
      events.map((e) => e.index),
      events.map((_, i) => i),
    );
  });

  it('analyzeLive: one input per log group, index from 0 in each', async () => {
    const analyzer = new Analyzer();
    const seen = new Map<string, number[]>();
    const inputs = await analyzeLive(analyzer, live({ logGroups: [LAMBDA_GROUP, ECS_GROUP] }), (input, e) =>
      seen.set(input, [...(seen.get(input) ?? []), e.index]),
    );
    assert.deepEqual(
      inputs.map((i) => [i.name, i.format, i.events]),
      [
        [LAMBDA_GROUP, 'cloudwatch-logs', LAMBDA_EVENTS.length],
        [ECS_GROUP, 'cloudwatch-logs', ECS_EVENTS.length],
      ],
    );
    assert.deepEqual(
      seen.get(LAMBDA_GROUP),
      LAMBDA_EVENTS.map((_, i) => i),
    );
    assert.equal(seen.get(ECS_GROUP)?.[0], 0);
    const report = analyzer.finish();
    assert.deepEqual(
      report.inputs.map((i) => i.name),
      [LAMBDA_GROUP, ECS_GROUP],
    );
    assert.ok(report.findings.length > 0, 'the generated connection failures are found');
  });

  it('the endpoint can come from AWS_ENDPOINT_URL', async () => {
    process.env['AWS_ENDPOINT_URL'] = endpoint;
    try {
      const events = await collect({ logGroups: [LAMBDA_GROUP], ...RANGE });
      assert.equal(events.length, LAMBDA_EVENTS.length);
    } finally {
      delete process.env['AWS_ENDPOINT_URL'];
    }
  });

  it('a missing log group is one sentence', async () => {
    const err = await failure(live({ logGroups: [LAMBDA_GROUP, '/aws/lambda/no-such-function'] }));
    assert.equal(err.code, 'LOG_GROUP_NOT_FOUND');
    assert.equal(err.message, `log group /aws/lambda/no-such-function not found in ${MOTO_REGION}`);
  });

  it('missing credentials are one sentence that says how to provide them', async () => {
    const saved = { id: process.env['AWS_ACCESS_KEY_ID'], secret: process.env['AWS_SECRET_ACCESS_KEY'] };
    delete process.env['AWS_ACCESS_KEY_ID'];
    delete process.env['AWS_SECRET_ACCESS_KEY'];
    try {
      const err = await failure(live());
      assert.equal(err.code, 'AWS_NO_CREDENTIALS');
      assert.match(err.message, /^no AWS credentials .*AWS_ACCESS_KEY_ID.*--profile/);
    } finally {
      process.env['AWS_ACCESS_KEY_ID'] = saved.id;
      process.env['AWS_SECRET_ACCESS_KEY'] = saved.secret;
    }
  });

  it('an unreachable endpoint is one sentence naming it, quickly', async () => {
    const port = await closedPort();
    const started = Date.now();
    const err = await failure(live({ endpointUrl: `http://127.0.0.1:${port}`, maxAttempts: 2 }));
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    assert.equal(err.code, 'AWS_UNREACHABLE');
    assert.equal(
      err.message,
      `cannot reach the CloudWatch Logs endpoint http://127.0.0.1:${port} (connection refused) after 2 attempts`,
    );
  });

  for (const gz of [false, true]) {
    it(`writeFilterLogEventsExport round-trips through the decoder (${gz ? 'gzip' : 'plain'})`, async () => {
      const path = join(tmp, `export.json${gz ? '.gz' : ''}`);
      const written = await writeFilterLogEventsExport(readLiveEvents(live()), path);
      assert.equal(written.events, ECS_EVENTS.length);
      const decoded = await decodeFile(path);
      assert.equal(decoded.format, 'filter-log-events');
      const again = await collect(live());
      assert.deepEqual(decoded.events, again);
      if (!gz) {
        assert.equal(written.bytes, readFileSync(path).length);
        // the aws CLI's layout: Python's json.dumps(indent=4) is JSON.stringify(..., 4) for this data
        const text = readFileSync(path, 'utf8');
        assert.equal(text, JSON.stringify(JSON.parse(text), null, 4) + '\n');
      }
    });
  }

  it('the export has the shape of `aws logs filter-log-events`, less ingestionTime and eventId', async () => {
    const path = join(tmp, 'lambda.json');
    await writeFilterLogEventsExport(readLiveEvents(live({ logGroups: [LAMBDA_GROUP] })), path);
    const cli = JSON.parse(
      aws(endpoint, ['logs', 'filter-log-events', '--log-group-name', LAMBDA_GROUP]),
    ) as {
      events: Array<Record<string, unknown>>;
    };
    const ours = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    assert.deepEqual(ours, {
      events: cli.events.map((e) => ({
        logStreamName: e['logStreamName'],
        timestamp: e['timestamp'],
        message: e['message'],
      })),
      searchedLogStreams: [],
    });
  });

  it('an export of no events is still a valid document', async () => {
    const path = join(tmp, 'empty.json');
    const written = await writeFilterLogEventsExport(
      readLiveEvents(live({ startTime: BASE - 10_000, endTime: BASE - 5_000 })),
      path,
    );
    assert.equal(written.events, 0);
    const text = readFileSync(path, 'utf8');
    assert.equal(text, '{\n    "events": [],\n    "searchedLogStreams": []\n}\n');
  });

  it('a failed read leaves no export file behind', async () => {
    const path = join(tmp, 'failed.json.gz');
    await assert.rejects(
      writeFilterLogEventsExport(readLiveEvents(live({ logGroups: ['/no/such/group'] })), path),
      (err: unknown) => err instanceof NetsleuthError && err.code === 'LOG_GROUP_NOT_FOUND',
    );
    assert.throws(() => readFileSync(path), /ENOENT/);
  });
});

// ---------------------------------------------------------------------------------------------------------
// A scripted CloudWatch Logs: what moto never does
// ---------------------------------------------------------------------------------------------------------

interface Scripted {
  status?: number;
  body: Record<string, unknown>;
}

async function fakeLogs(
  reply: (body: Record<string, unknown>, earlier: Array<Record<string, unknown>>) => Scripted,
): Promise<{
  endpoint: string;
  requests: Array<Record<string, unknown>>;
  targets: string[];
  close: () => Promise<void>;
}> {
  const requests: Array<Record<string, unknown>> = [];
  const targets: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const out = reply(body, requests);
      requests.push(body);
      targets.push(String(req.headers['x-amz-target']));
      res.writeHead(out.status ?? 200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    requests,
    targets,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const ev = (stream: string, timestamp: number, message: string) => ({
  logStreamName: stream,
  timestamp,
  message,
  ingestionTime: timestamp + 5,
  eventId: String(timestamp),
});

describe('live read against a scripted CloudWatch Logs', { timeout: 60_000 }, () => {
  it('empty pages with a nextToken do not end the read; a throttled page is retried', async () => {
    const fake = await fakeLogs((body, earlier) => {
      switch (body['nextToken']) {
        case undefined:
          return { body: { events: [], nextToken: 't1', searchedLogStreams: [] } };
        case 't1':
          // the first request for t1 is throttled, the retry succeeds
          return earlier.every((r) => r['nextToken'] !== 't1')
            ? { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } }
            : { body: { events: [ev('a', 1000, 'one\n'), ev('b', 1001, 'two\n')], nextToken: 't2' } };
        case 't2':
          return { body: { events: [], nextToken: 't3' } };
        default:
          return { body: { events: [ev('a', 1002, 'three\n')] } };
      }
    });
    try {
      const pages: number[] = [];
      const events = await collect({
        logGroups: ['/g'],
        logStreamNamePrefix: 'a',
        startTime: 0,
        endTime: 5000,
        endpointUrl: fake.endpoint,
        onProgress: (p) => pages.push(p.pages),
      });
      // prefix filtering is the service's job; the scripted service ignores it, so one "b" event remains
      // filtered out on our side
      assert.deepEqual(events, [
        { index: 0, timestamp: 1000, stream: 'a', message: 'one\n' },
        { index: 1, timestamp: 1002, stream: 'a', message: 'three\n' },
      ]);
      assert.deepEqual(pages, [1, 2, 3, 4]);
      assert.ok(fake.targets.every((t) => t === 'Logs_20140328.FilterLogEvents'));
      assert.deepEqual(
        fake.requests.map((r) => r['nextToken'] ?? null),
        [null, 't1', 't1', 't2', 't3'],
      );
      for (const r of fake.requests) {
        assert.deepEqual(
          { ...r, nextToken: undefined },
          {
            logGroupName: '/g',
            logStreamNamePrefix: 'a',
            startTime: 0,
            endTime: 5000,
            nextToken: undefined,
          },
        );
      }
    } finally {
      await fake.close();
    }
  });

  it('throttling that does not stop is one sentence after the configured attempts', async () => {
    const fake = await fakeLogs(() => ({
      status: 400,
      body: { __type: 'ThrottlingException', message: 'Rate exceeded' },
    }));
    try {
      const err = await failure({
        logGroups: ['/g'],
        startTime: 0,
        endTime: 1,
        endpointUrl: fake.endpoint,
        maxAttempts: 2,
      });
      assert.equal(err.code, 'AWS_REQUEST_FAILED');
      assert.equal(
        err.message,
        `CloudWatch Logs kept throttling FilterLogEvents on log group /g in ${MOTO_REGION} after 2 attempts; try again later, or with a shorter time range`,
      );
      assert.equal(fake.requests.length, 2);
    } finally {
      await fake.close();
    }
  });

  it('access denied names the action and the log group', async () => {
    for (const [type, message, pattern] of [
      [
        'AccessDeniedException',
        'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: logs:FilterLogEvents',
        /^access denied to logs:FilterLogEvents on log group \/secret in us-east-1 \(User: .*\): the caller needs logs:FilterLogEvents on arn:aws:logs:us-east-1:\*:log-group:\/secret:\*$/,
      ],
      [
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
        /^the AWS credentials were rejected when calling logs:FilterLogEvents on log group \/secret in us-east-1 \(UnrecognizedClientException: The security token/,
      ],
    ] as const) {
      const fake = await fakeLogs(() => ({ status: 400, body: { __type: type, message } }));
      try {
        const err = await failure({
          logGroups: ['/secret'],
          startTime: 0,
          endTime: 1,
          endpointUrl: fake.endpoint,
        });
        assert.equal(err.code, 'AWS_ACCESS_DENIED');
        assert.match(err.message, pattern);
        assert.equal(fake.requests.length, 1, 'not retried');
      } finally {
        await fake.close();
      }
    }
  });
});

describe('time arguments', () => {
  const now = Date.UTC(2026, 0, 2, 12, 0, 0);
  it('parseSince', () => {
    assert.equal(parseSince('2h', now), now - 2 * 3_600_000);
    assert.equal(parseSince('30m', now), now - 30 * 60_000);
    assert.equal(parseSince('7d', now), now - 7 * 86_400_000);
    assert.equal(parseSince('90s', now), now - 90_000);
    for (const bad of ['', '2', 'h', '-2h', '2 hours', '0m', '1.5h']) {
      assert.throws(
        () => parseSince(bad, now),
        (e: unknown) => e instanceof NetsleuthError && e.code === 'USAGE',
        bad,
      );
    }
  });
  it('parseTimeArg', () => {
    assert.equal(parseTimeArg('2026-01-02T12:00:00Z'), now);
    assert.equal(parseTimeArg('2026-01-02T12:00:00.250Z'), now + 250);
    assert.equal(parseTimeArg('2026-01-02T14:00:00+02:00'), now);
    assert.equal(parseTimeArg('2026-01-02T12:00:00'), now, 'no zone: UTC');
    assert.equal(parseTimeArg('2026-01-02T12:00Z'), now);
    assert.equal(parseTimeArg('2026-01-02'), Date.UTC(2026, 0, 2));
    assert.equal(parseTimeArg(String(now)), now, 'epoch ms');
    for (const bad of [
      '',
      'yesterday',
      '2026-13-01T00:00:00Z',
      '2026-02-30T00:00:00Z',
      '2026-01-00',
      '2026-01-02T25:00:00Z',
      '2026/01/02',
      '12:00',
    ]) {
      assert.throws(
        () => parseTimeArg(bad, '--start'),
        (e: unknown) => e instanceof NetsleuthError && e.code === 'USAGE' && e.message.startsWith('--start'),
        bad,
      );
    }
  });
  it('a range that ends before it starts is a usage error', async () => {
    const err = await failure({ logGroups: ['/g'], startTime: 10, endTime: 5 });
    assert.equal(err.code, 'USAGE');
  });
});
