import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { NetsleuthError } from '../src/core/errors.js';
import { FlowLogParser } from '../src/flowlogs/flowLogParser.js';
import { DEFAULT_FLOW_LOG_FORMAT, parseFlowLogFormat } from '../src/flowlogs/flowLogFormat.js';
import type { FlowRecord } from '../src/flowlogs/flowRecord.js';
import { readFlowLogs } from '../src/flowlogs/node/readFlowLogs.js';
import { readFlowLogBytes } from '../src/flowlogs/readFlowLogBytes.js';
import { ROOT } from './helpers.js';

const FIX = join(ROOT, 'test', 'fixtures', 'flowlogs');
const V5_FORMAT =
  '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status} ${vpc-id} ${subnet-id} ${instance-id} ${tcp-flags} ${type} ${pkt-srcaddr} ${pkt-dstaddr} ${region} ${az-id} ${sublocation-type} ${sublocation-id} ${pkt-src-aws-service} ${pkt-dst-aws-service} ${flow-direction} ${traffic-path}';

function parseText(text: string, size = 7, format?: string) {
  const records: FlowRecord[] = [];
  const parser = new FlowLogParser({
    source: 'mem',
    onRecord: (r) => records.push(r),
    ...(format ? { format: parseFlowLogFormat(format) } : {}),
  });
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) parser.push(bytes.subarray(i, i + size));
  return { records, summary: parser.end() };
}

async function readAll(paths: string[], format?: string) {
  const records: FlowRecord[] = [];
  const summary = await readFlowLogs(paths, {
    onRecord: (r) => records.push(r),
    ...(format ? { format: parseFlowLogFormat(format) } : {}),
  });
  return { records, summary };
}

test('default v2 without header: 14 fields read by the default format, NODATA / SKIPDATA kept', () => {
  const { records, summary } = parseText(readFileSync(join(FIX, 'v2-default.txt'), 'utf8'), 5);
  assert.equal(records.length, 5);
  assert.equal(summary.badLines, 0);
  assert.equal(summary.nodata, 1);
  assert.equal(summary.skipdata, 1);
  assert.equal(summary.formats[0]?.origin, 'default-v2');
  const first = records[0] as FlowRecord;
  assert.equal(first.interfaceId, 'eni-0a1b2c3d4e5f60718');
  assert.equal(first.srcaddr, '10.0.1.15');
  assert.equal(first.dstport, 5432);
  assert.equal(first.protocol, 6);
  assert.equal(first.action, 'REJECT');
  assert.equal(first.startMs, 1715678467000);
  assert.equal(first.endMs, 1715678525000);
  assert.equal(first.line, 1);
  const nodata = records[3] as FlowRecord;
  assert.equal(nodata.logStatus, 'NODATA');
  assert.equal(nodata.srcaddr, null);
  assert.equal(nodata.action, null);
  assert.equal(nodata.packets, null);
});

test('v5 custom format by its S3 header line: every field typed or kept, `-` is null', () => {
  const { records, summary } = parseText(readFileSync(join(FIX, 'v5-custom.txt'), 'utf8'), 3);
  assert.equal(records.length, 4);
  assert.equal(summary.formats[0]?.origin, 'header');
  assert.equal(summary.formats[0]?.version, 5);
  const synAck = records[2] as FlowRecord;
  assert.equal(synAck.tcpFlags, 18);
  assert.equal(synAck.flowDirection, 'ingress');
  assert.equal(synAck.subnetId, 'subnet-0aaa1111');
  assert.equal(synAck.azId, 'use1-az6');
  assert.equal(synAck.instanceId, null);
  assert.deepEqual(synAck.extra, {
    type: 'IPv4',
    region: 'us-east-1',
    'pkt-src-aws-service': 'AMAZON',
  });
  assert.equal(records[1]?.extra['traffic-path'], '8');
});

test('a custom format without header is never read by position: one warning says what to pass', async () => {
  const { records, summary } = parseText(readFileSync(join(FIX, 'v5-no-header.txt'), 'utf8'));
  assert.equal(records.length, 0);
  assert.equal(summary.unformattedLines, 4);
  assert.equal(summary.warnings.length, 1);
  assert.match(summary.warnings[0]?.message ?? '', /^mem:1: 29 fields and no header line.*--flow-log-format/);
  await assert.rejects(
    () => readAll([join(FIX, 'v5-no-header.txt')]),
    (err: unknown) =>
      err instanceof NetsleuthError &&
      err.code === 'INPUT_WRONG_SHAPE' &&
      /--flow-log-format/.test(err.message),
  );
  // with the LogFormat of describe-flow-logs it reads
  const given = await readAll([join(FIX, 'v5-no-header.txt')], V5_FORMAT);
  assert.equal(given.records.length, 4);
  assert.equal(given.records[2]?.tcpFlags, 18);
});

test('format strings: ${…} placeholders or plain names; mangled ones are a usage error', () => {
  const f = parseFlowLogFormat('${interface-id} ${srcaddr} ${ecs-task-id} ${reject-reason} ${future-field}');
  assert.deepEqual(f.fields, ['interface-id', 'srcaddr', 'ecs-task-id', 'reject-reason', 'future-field']);
  assert.equal(f.version, 8);
  assert.deepEqual(f.unknownFields, ['future-field']);
  assert.deepEqual(parseFlowLogFormat('srcaddr dstaddr').fields, ['srcaddr', 'dstaddr']);
  assert.throws(
    () => parseFlowLogFormat('{version} ${srcaddr}'),
    (e: unknown) => e instanceof NetsleuthError && e.code === 'USAGE',
  );
  assert.throws(() => parseFlowLogFormat('  '), /names no field/);
  assert.equal(DEFAULT_FLOW_LOG_FORMAT.fields.length, 14);
});

test('ecs-* and reject-reason fields are read from a custom format', () => {
  const fmt =
    '${version} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${action} ${log-status} ${ecs-cluster-name} ${ecs-task-id} ${ecs-task-arn} ${ecs-service-name} ${reject-reason}';
  const line =
    '8 eni-0a1b2c3d4e5f60718 10.0.1.15 10.0.2.47 49152 5432 6 REJECT OK orders arn:aws:ecs:us-east-1:123456789012:task/orders/f2ad7dba413f45ddb4d92f7853b78469'.split(
      ' ',
    );
  line.splice(10, 0, 'f2ad7dba413f45ddb4d92f7853b78469');
  line.push('orders-api', '-');
  const { records, summary } = parseText(line.join(' ') + '\n', 64, fmt);
  assert.equal(summary.badLines, 0);
  const r = records[0] as FlowRecord;
  assert.equal(r.ecsTaskId, 'f2ad7dba413f45ddb4d92f7853b78469');
  assert.equal(
    r.ecsTaskArn,
    'arn:aws:ecs:us-east-1:123456789012:task/orders/f2ad7dba413f45ddb4d92f7853b78469',
  );
  assert.equal(r.extra['ecs-service-name'], 'orders-api');
  assert.equal(r.extra['ecs-cluster-name'], 'orders');
  assert.equal(r.rejectReason, null);
});

test('bad lines are counted and listed with file and line; good lines around them stand', async () => {
  const { records, summary } = await readAll([join(FIX, 'bad-lines.txt')]);
  assert.equal(records.length, 2);
  assert.deepEqual(
    records.map((r) => r.line),
    [2, 7],
  );
  assert.equal(summary.badLines, 3);
  const messages = summary.warnings.map((w) => w.message);
  assert.ok(
    messages[0]?.endsWith('bad-lines.txt:3: bad record (11 fields where the header has 14); skipped'),
    messages[0],
  );
  assert.match(messages[1] ?? '', /bad-lines\.txt:4: bad record \(srcport is "http"\)/);
  assert.match(messages[2] ?? '', /bad-lines\.txt:5: bad record \(action is "DROP"\)/);
});

test('gzip files, CRLF line ends and a line far too long', async () => {
  const gz = await readAll([join(FIX, 'v2-default.log.gz')]);
  assert.equal(gz.records.length, 5);
  const crlf = parseText(
    '2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 40 1 2 ACCEPT OK\r\n' +
      'x'.repeat(70_000) +
      '\n2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 40 1 2 REJECT OK',
    1000,
  );
  assert.equal(crlf.records.length, 2);
  assert.equal(crlf.records[1]?.line, 3);
  assert.equal(crlf.summary.badLines, 1);
  assert.match(crlf.summary.warnings[0]?.message ?? '', /^mem:2: bad record \(longer than/);
});

test('S3 delivery tree: files with different headers (mixed formats) in one walk', async () => {
  const { records, summary } = await readAll([join(FIX, 's3')]);
  assert.equal(summary.files.length, 2);
  assert.equal(records.length, 9);
  assert.deepEqual(
    summary.files.map((f) => f.formats.map((x) => x.version)),
    [[2], [5]],
  );
  assert.match(
    records[0]?.source ?? '',
    /^AWSLogs\/123456789012\/vpcflowlogs\/us-east-1\/2024\/05\/14\/.*fl-1234abcd.*\.log\.gz$/,
  );
  assert.equal(records[8]?.logStatus, 'NODATA');
  assert.equal(records[8]?.subnetId, 'subnet-0aaa1111');
});

test('concatenated files: each header switches the format from its line on', () => {
  const { records, summary } = parseText(readFileSync(join(FIX, 'mixed-concatenated.txt'), 'utf8'), 11);
  assert.equal(records.length, 9);
  assert.equal(summary.formats.length, 2);
  assert.equal(records[4]?.subnetId, null);
  assert.equal(records[5]?.subnetId, 'subnet-0aaa1111');
});

test('CloudWatch delivery: a filter-log-events export of the flow log group, one record per event', async () => {
  const { records, summary } = await readAll([join(FIX, 'cwl-export.json')]);
  assert.equal(summary.files[0]?.shape, 'cloudwatch-export');
  assert.equal(records.length, 5);
  assert.equal(records[0]?.stream, 'eni-0a1b2c3d4e5f60718-all');
  assert.equal(records[0]?.action, 'REJECT');
  assert.equal(records[4]?.logStatus, 'SKIPDATA');
  assert.equal(records[4]?.line, 5);
});

test('readFlowLogBytes works on any async chunks (the page can feed a File stream)', async () => {
  const text = readFileSync(join(FIX, 'cwl-export.json'));
  async function* chunks() {
    yield new TextEncoder().encode('\n  ');
    for (let i = 0; i < text.length; i += 13) yield new Uint8Array(text.subarray(i, i + 13));
  }
  const records: FlowRecord[] = [];
  const summary = await readFlowLogBytes(chunks(), { source: 'page', onRecord: (r) => records.push(r) });
  assert.equal(summary.shape, 'cloudwatch-export');
  assert.equal(records.length, 5);
});

test('a missing path is an input error with its name', async () => {
  await assert.rejects(() => readAll([join(FIX, 'nope.log.gz')]), /nope\.log\.gz: no such file/);
});

test('a format without start/end takes the CloudWatch event time; formats missing match fields are warned once', async () => {
  const fmt = '${interface-id} ${srcaddr} ${dstaddr} ${dstport} ${action} ${future-field}';
  const json = JSON.stringify({
    events: [1, 2, 3].map((i) => ({
      logStreamName: 'eni-0a1b2c3d4e5f60718-all',
      timestamp: 1715678467000 + i,
      message: `eni-0a1b2c3d4e5f60718 10.0.1.15 10.0.2.47 5432 REJECT x${i}`,
      ingestionTime: 1715678767000,
      eventId: `3700000000000000000000000000000000000000000000000000000${i}`,
    })),
  });
  async function* chunks() {
    yield new Uint8Array([0xef, 0xbb, 0xbf]);
    yield new TextEncoder().encode(json);
  }
  const records: FlowRecord[] = [];
  const summary = await readFlowLogBytes(chunks(), {
    source: 'cwl',
    format: parseFlowLogFormat(fmt),
    onRecord: (r) => records.push(r),
  });
  assert.equal(summary.shape, 'cloudwatch-export');
  assert.deepEqual(
    records.map((r) => [r.startMs, r.extra['future-field']]),
    [
      [1715678467001, 'x1'],
      [1715678467002, 'x2'],
      [1715678467003, 'x3'],
    ],
  );
  assert.deepEqual(
    summary.warnings.map((w) => w.message),
    [
      'cwl:1: the format names fields this version does not know (future-field); they are kept as text',
      'cwl:1: the format has no srcport: its records cannot all be matched to connections or placed in time',
    ],
  );
});

test('a header repeated by concatenation is one format; a BOM before the header is ignored', () => {
  const one = readFileSync(join(FIX, 'v5-custom.txt'), 'utf8');
  const { records, summary } = parseText('\uFEFF' + one + one + one, 17);
  assert.equal(records.length, 12);
  assert.equal(summary.formats.length, 1);
  assert.deepEqual(summary.warnings, []);
});

test('an S3 export of the CloudWatch flow log group: the leading event time is not a field', () => {
  const lines = readFileSync(join(FIX, 'v2-default.txt'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => `2024-05-14T09:21:07.000Z ${l}`)
    .join('\n');
  const { records, summary } = parseText(lines + '\n', 9);
  assert.equal(summary.badLines, 0);
  assert.equal(records.length, 5);
  assert.equal(records[0]?.version, 2);
  assert.equal(records[0]?.startMs, 1715678467000);
});

test('inputs without any record are an input error that says why', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'flowlogs-'));
  writeFileSync(
    join(dir, 'describe-flow-logs.json'),
    JSON.stringify({ FlowLogs: [{ FlowLogId: 'fl-1234abcd', LogFormat: '${version}' }] }),
  );
  await assert.rejects(
    () => readAll([join(dir, 'describe-flow-logs.json')]),
    (e: unknown) =>
      e instanceof NetsleuthError &&
      e.code === 'INPUT_EMPTY' &&
      /no flow log record found \(.*describe-flow-logs\.json: no log events in this JSON \(its keys: FlowLogs\); expected aws logs filter-log-events output/.test(
        e.message,
      ),
  );
  writeFileSync(join(dir, 'empty.log'), '');
  await assert.rejects(() => readAll([join(dir, 'empty.log')]), /empty\.log: no flow log record found$/);
});
