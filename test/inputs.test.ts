import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { taskIdOfStream } from '../src/core/analyzer.js';
import type { Report } from '../src/core/report.js';
import { streamOfExportPath } from '../src/node/readDirectory.js';
import { streamFromFileName } from '../src/node/readInput.js';
import { runCli, sample } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'netsleuth-inputs-'));
const classify = (path: string, all = true) =>
  runCli(['classify', ...(all ? ['--all'] : []), path])
    .stdout.trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('stream and task names from where the data came from', () => {
  it('takes ECS task ids from awslogs, FireLens and file-name streams', () => {
    assert.equal(
      taskIdOfStream('ecs/orders-api/f2ad7dba413f45ddb4d92f7853b78469'),
      'f2ad7dba413f45ddb4d92f7853b78469',
    );
    assert.equal(
      taskIdOfStream('firelens/payments-client-firelens-f2ad7dba413f45ddb4d92f7853b78469'),
      'f2ad7dba413f45ddb4d92f7853b78469',
    );
    assert.equal(
      taskIdOfStream('orders-api_f2ad7dba413f45ddb4d92f7853b78469'),
      'f2ad7dba413f45ddb4d92f7853b78469',
    );
    assert.equal(
      taskIdOfStream('ecs/orders-api/0a1b2c3d-4e5f-4a3b-8c2d-1e0f9a8b7c6d'),
      '0a1b2c3d-4e5f-4a3b-8c2d-1e0f9a8b7c6d',
    );
    assert.equal(taskIdOfStream('2024/05/14/[$LATEST]8f1e2d3c4b5a69788796a5b4c3d2e1f0'), undefined);
    assert.equal(taskIdOfStream('web-server-1'), undefined);
  });
  it('names get-log-events streams after the file when the name holds a task id', () => {
    assert.equal(
      streamFromFileName('/x/orders-api_f2ad7dba413f45ddb4d92f7853b78469.json.gz'),
      'orders-api_f2ad7dba413f45ddb4d92f7853b78469',
    );
    assert.equal(streamFromFileName('/x/export.json'), undefined);
    const file = join(tmp, 'orders-api_f2ad7dba413f45ddb4d92f7853b78469.json');
    copyFileSync(sample('logs/get-log-events.real-shape.json'), file);
    assert.equal(classify(file)[1]?.['stream'], 'orders-api_f2ad7dba413f45ddb4d92f7853b78469');
  });
  it('reads the stream of an S3 export chunk from its path', () => {
    const root = '/data/exportedlogs';
    assert.deepEqual(
      streamOfExportPath(
        root,
        `${root}/cda45419-90ea-4db5-9833-aade86253e66/ecs/orders-api/f2ad7dba413f45ddb4d92f7853b78469/000001.gz`,
      ),
      {
        stream: 'ecs/orders-api/f2ad7dba413f45ddb4d92f7853b78469',
        isExport: true,
      },
    );
    assert.deepEqual(streamOfExportPath(root, `${root}/logs/app.txt`), {
      stream: 'logs/app.txt',
      isExport: false,
    });
  });
});

describe('S3 exports and directories', () => {
  it('joins continuation lines of an S3 export into their event (stack traces stay one event)', () => {
    const dir = join(
      tmp,
      's3',
      'cda45419-90ea-4db5-9833-aade86253e66',
      '2024',
      '05',
      '14',
      '[$LATEST]8f1e2d3c4b5a69788796a5b4c3d2e1f0',
    );
    mkdirSync(dir, { recursive: true });
    const lines = [
      '2024-05-14T09:21:07.000Z START RequestId: 3f6b1c2a-8d4e-4b7a-9c1d-2e5f6a7b8c9d Version: $LATEST',
      '',
      '2024-05-14T09:21:08.000Z [ERROR] OperationalError: could not connect to server: Connection refused',
      '\tIs the server running on host "db.internal" (10.0.0.7) and accepting',
      '\tTCP/IP connections on port 5432?',
      'Traceback (most recent call last):',
      '2024-05-14T09:21:09.000Z END RequestId: 3f6b1c2a-8d4e-4b7a-9c1d-2e5f6a7b8c9d',
    ];
    writeFileSync(join(dir, '000000.gz'), gzipSync(lines.join('\n')));
    const events = classify(join(tmp, 's3'));
    assert.equal(events.length, 3);
    assert.deepEqual(
      [events[1]?.['class'], events[1]?.['host'], events[1]?.['port'], events[1]?.['platform']],
      ['refused', 'db.internal', 5432, 'lambda'],
    );
    assert.equal(events[1]?.['stream'], '2024/05/14/[$LATEST]8f1e2d3c4b5a69788796a5b4c3d2e1f0');
  });

  it('reads a directory of mixed exports as one input, warning about files it cannot read', () => {
    const dir = join(tmp, 'mixed');
    mkdirSync(join(dir, 'nested'), { recursive: true });
    copyFileSync(sample('logs/filter-log-events.real-shape.json'), join(dir, 'a.json'));
    writeFileSync(
      join(dir, 'nested', 'b.json.gz'),
      gzipSync(
        '{"events":[{"timestamp":1715678468114,"message":"Error: connect ECONNREFUSED 10.0.1.23:6379","logStreamName":"ecs/x/0a1b2c3d4e5f60718293a4b5c6d7e8f9"}]}',
      ),
    );
    writeFileSync(join(dir, 'nested', 'junk.bin'), new Uint8Array([0, 1, 2, 3, 4]));
    const r = runCli(['analyze', '--format', 'json', dir]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.equal(report.inputs.length, 1);
    assert.equal(report.inputs[0]?.events, 7);
    assert.equal(report.inputs[0]?.format, 'filter-log-events');
    assert.match(
      report.inputs[0]?.warnings[0]?.message ?? '',
      /junk\.bin: not a CloudWatch Logs export: binary data/,
    );
    assert.deepEqual(
      classify(dir, false).map((e) => e['index']),
      [1, 6],
      'indexes run across the files of the directory',
    );
  });

  it('expands a quoted glob the shell left alone, in sorted order', () => {
    const dir = join(tmp, 'glob');
    mkdirSync(join(dir, 'a'), { recursive: true });
    copyFileSync(sample('logs/filter-log-events.real-shape.json'), join(dir, 'a', 'one.json'));
    writeFileSync(
      join(dir, 'two.json.gz'),
      gzipSync(
        '{"events":[{"timestamp":1715678468114,"message":"Error: connect ECONNREFUSED 10.0.1.23:6379"}]}',
      ),
    );
    const r = runCli(['analyze', '--format', 'json', `${dir}/**/*.json*`]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(
      report.inputs.map((i) => [i.name.slice(dir.length), i.events]),
      [
        ['/a/one.json', 6],
        ['/two.json.gz', 1],
      ],
    );
    const none = runCli(['analyze', `${dir}/**/*.nothing`]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /\*\.nothing: no such file/);
  });

  it('says so when a directory holds nothing readable', () => {
    const dir = join(tmp, 'empty-dir');
    mkdirSync(dir);
    const r = runCli(['analyze', dir]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /the directory holds no files/);
  });
});

describe('subscription payloads and FireLens records', () => {
  it('reads FireLens records saved as JSON Lines (the log field is the line)', () => {
    const events = classify(sample('ecs/firelens.messages.jsonl'));
    assert.deepEqual(
      events.map((e) => [e['class'], e['host'], e['port'], e['runtime']]),
      [
        ['timeout', '10.0.2.47', 5432, 'go'],
        ['none', null, null, null],
      ],
    );
  });
  it('skips CONTROL_MESSAGEs and warns about a payload it cannot decode, keeping the rest', () => {
    const file = join(tmp, 'awslogs-bad.json');
    const good = gzipSync(
      JSON.stringify({
        messageType: 'DATA_MESSAGE',
        logStream: 's',
        logEvents: [
          { id: '1', timestamp: 1715678468114, message: 'Error: connect ECONNREFUSED 10.0.1.23:6379' },
        ],
      }),
    ).toString('base64');
    const control = gzipSync(
      JSON.stringify({
        messageType: 'CONTROL_MESSAGE',
        logStream: '',
        logEvents: [
          {
            id: '',
            timestamp: 1,
            message: 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.',
          },
        ],
      }),
    ).toString('base64');
    writeFileSync(
      file,
      JSON.stringify({ Records: [{ Data: control }, { Data: '!!!not base64' }, { Data: good }] }),
    );
    const r = runCli(['analyze', '--format', 'json', file]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.equal(report.inputs[0]?.events, 1);
    assert.equal(report.inputs[0]?.format, 'subscription');
    assert.match(report.inputs[0]?.warnings[0]?.message ?? '', /a subscription payload could not be decoded/);
  });
});
