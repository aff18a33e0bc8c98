import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Report } from '../src/core/report.js';
import { ROOT, runCli } from './helpers.js';

interface Ev {
  logStreamName: string;
  timestamp: number;
  message: string;
}

const tmp = mkdtempSync(join(tmpdir(), 'netsleuth-shapes-'));

function load(example: string): Ev[] {
  const doc = JSON.parse(readFileSync(join(ROOT, 'examples', example), 'utf8')) as { events: Ev[] };
  return doc.events;
}

function byStream(events: Ev[]): Map<string, Ev[]> {
  const m = new Map<string, Ev[]>();
  for (const e of events) m.set(e.logStreamName, [...(m.get(e.logStreamName) ?? []), e]);
  return m;
}

const insightsTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

function subscriptionMessage(stream: string, events: Ev[]): string {
  // moto and some SDKs write keys in alphabetical order: logEvents before logStream
  return JSON.stringify({
    logEvents: events.map((e, i) => ({ id: String(i), message: e.message, timestamp: e.timestamp })),
    logGroup: '/test',
    logStream: stream,
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    subscriptionFilters: ['all'],
  });
}

/** Writes the same events in every shape netsleuth reads; returns [shape, path] pairs. */
function writeShapes(name: string, events: Ev[]): Array<[string, string]> {
  const dir = join(tmp, name);
  mkdirSync(dir);
  const out: Array<[string, string]> = [];
  const put = (shape: string, file: string, content: string | Uint8Array) => {
    writeFileSync(join(dir, file), content);
    out.push([shape, join(dir, file)]);
  };
  const streams = byStream(events);
  put(
    'filter-log-events (aws CLI, indented)',
    'filter.json',
    JSON.stringify({ events, searchedLogStreams: [] }, null, 4),
  );
  const pages = [];
  for (let i = 0; i < events.length; i += 50) {
    pages.push(
      JSON.stringify(
        { events: events.slice(i, i + 50), searchedLogStreams: [], nextToken: `t${i}` },
        null,
        2,
      ),
    );
  }
  put('filter-log-events pages appended', 'pages.json', pages.join('\n'));
  put('filter-log-events minified, gzip', 'filter.json.gz', gzipSync(JSON.stringify({ events })));
  put('bare events array', 'array.json', JSON.stringify(events));
  put('JSON Lines', 'events.jsonl', events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  const rows = events.map((e) => [
    { field: '@timestamp', value: insightsTime(e.timestamp) },
    { field: '@message', value: e.message },
    { field: '@logStream', value: e.logStreamName },
    { field: '@ptr', value: 'CmAKJwoj' },
  ]);
  put(
    'Logs Insights get-query-results',
    'insights.json',
    JSON.stringify({ results: rows, status: 'Complete' }, null, 2),
  );
  const messages = [...streams].map(([s, evs]) => subscriptionMessage(s, evs));
  put('subscription messages (decoded)', 'subscription.json', messages.join('\n'));
  const control = JSON.stringify({
    messageType: 'CONTROL_MESSAGE',
    owner: 'CloudwatchLogs',
    logGroup: '',
    logStream: '',
    subscriptionFilters: [],
    logEvents: [
      { id: '', timestamp: 1, message: 'CWL CONTROL MESSAGE: Checking health of destination Firehose.' },
    ],
  });
  put(
    'Firehose object (gzip members back to back)',
    'firehose',
    Buffer.concat([gzipSync(control), ...messages.map((m) => gzipSync(m))]),
  );
  const b64 = messages.map((m) => gzipSync(m).toString('base64'));
  put(
    'Lambda awslogs events',
    'awslogs.json',
    b64.map((data) => JSON.stringify({ awslogs: { data } })).join('\n'),
  );
  put(
    'kinesis get-records',
    'kinesis.json',
    JSON.stringify({
      Records: b64.map((Data, i) => ({ SequenceNumber: String(i), Data, PartitionKey: 'k' })),
    }),
  );
  const s3 = join(dir, 's3', 'exportedlogs');
  mkdirSync(s3, { recursive: true });
  writeFileSync(join(s3, 'aws-logs-write-test'), 'Permission Check Successful');
  for (const [stream, evs] of streams) {
    const folder = join(s3, 'cda45419-90ea-4db5-9833-aade86253e66', ...stream.split('/'));
    mkdirSync(folder, { recursive: true });
    const lines = evs.map((e) => `${new Date(e.timestamp).toISOString()} ${e.message.replace(/\n$/, '')}`);
    writeFileSync(join(folder, '000000.gz'), gzipSync(lines.join('\n') + '\n'));
  }
  out.push(['S3 export tree', join(dir, 's3')]);
  return out;
}

function findings(path: string): Report['findings'] {
  const r = runCli(['analyze', '--format', 'json', path]);
  assert.equal(r.status, 0, `${path}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as Report).findings;
}

describe('every input shape gives identical findings', () => {
  for (const example of ['ecs-orders-api.json', 'lambda-orders-worker.json']) {
    it(example, () => {
      const events = load(example);
      const shapes = writeShapes(example.replace('.json', ''), events);
      const [, baseline] = shapes[0] as [string, string];
      const expected = findings(baseline);
      assert.equal(expected.length, 1);
      for (const [shape, path] of shapes.slice(1)) {
        assert.deepEqual(findings(path), expected, shape);
      }
    });
  }
});
