import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Report } from '../src/core/report.js';
import { BIN, ROOT, runCli, sample } from './helpers.js';

const LAMBDA_EXAMPLE = join(ROOT, 'examples', 'lambda-orders-worker.json');
const ECS_EXAMPLE = join(ROOT, 'examples', 'ecs-orders-api.json');
const tmp = mkdtempSync(join(tmpdir(), 'netsleuth-cli-'));

function analyzeJson(args: string[], input?: string | Uint8Array): Report {
  const r = runCli(['analyze', '--format', 'json', ...args], input === undefined ? {} : { input });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Report;
}

const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'report.v1.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);

describe('netsleuth analyze (the built CLI)', () => {
  it('finds the Lambda example: 10 of 60 invocations failing, high, with cost and targets', () => {
    const report = analyzeJson([LAMBDA_EXAMPLE]);
    assert.equal(report.lambda?.invocations, 60);
    assert.equal(report.lambda?.failingInvocations, 10);
    assert.equal(report.lambda?.timedOut, 8);
    const [f] = report.findings;
    assert.equal(f?.pattern, 'lambda-connection-failures');
    assert.equal(f?.severity, 'high');
    assert.equal(f?.evidence.failingInvocations, 10);
    assert.equal(f?.evidence.failingTimedOut, 8);
    assert.equal(f?.evidence.failingBilledMs, 24140);
    assert.equal(f?.evidence.failingGbSeconds, 12.07);
    assert.deepEqual(
      f?.targets.map((t) => [t.host, t.port, t.service, t.class, t.count]),
      [
        ['10.0.3.47', 5432, 'PostgreSQL', 'timeout', 8],
        ['secretsmanager.us-east-1.amazonaws.com', null, 'Secrets Manager', 'dns', 2],
      ],
    );
    assert.deepEqual(
      f?.fix.map((s) => s.id),
      ['security-groups', 'network-acls', 'routes-nat', 'dns-resolution', 'connect-timeouts'],
    );
    assert.ok(f?.fix[0]?.commands.some((c) => c.includes('Values=10.0.3.47')));
    assert.ok(f?.fix[3]?.commands.some((c) => c.includes('com.amazonaws.us-east-1.secretsmanager')));
  });

  it('finds the ECS example: failures in 8 of 48 log windows, high', () => {
    const report = analyzeJson([ECS_EXAMPLE]);
    const [f] = report.findings;
    assert.equal(f?.pattern, 'ecs-network-connectivity');
    assert.equal(f?.severity, 'high');
    assert.equal(f?.evidence.windowsWithErrors, 8);
    assert.equal(f?.evidence.windows, 48);
    assert.equal(report.window.withEvents, 48);
    assert.equal(report.window.ms, 300_000);
    assert.match(
      f?.summary ?? '',
      /^Connection errors detected in 8 of 48 log windows\. Primary targets: 10\.0\.3\.42:5432 \(connection refused\)/,
    );
    assert.equal(f?.timeline.length, 8);
    // stack continuation lines (`code: 'ECONNREFUSED'`) are not failures of their own
    assert.equal(
      f?.evidence.events,
      f?.targets.reduce((a, t) => a + t.count, 0),
    );
  });

  it('prints a report that validates against the JSON Schema, for every sample shape', () => {
    for (const file of [
      LAMBDA_EXAMPLE,
      ECS_EXAMPLE,
      sample('logs/filter-log-events.lambda-json-format.json'),
      sample('logs/get-log-events.real-shape.json'),
      sample('insights/get-query-results.real-shape.json'),
      sample('subscription/kinesis-get-records.json'),
      sample('export-s3'),
      sample('logs/filter-log-events.firelens.json'),
    ]) {
      const report = analyzeJson([file]);
      assert.ok(validate(report), `${file}: ${JSON.stringify(validate.errors)}`);
    }
  });

  it('reads gzip and stdin and gives the same findings', () => {
    const plain = analyzeJson([LAMBDA_EXAMPLE]);
    const gz = join(tmp, 'lambda.json.gz');
    writeFileSync(gz, gzipSync(readFileSync(LAMBDA_EXAMPLE)));
    const fromGz = analyzeJson([gz]);
    const fromStdin = analyzeJson(['-'], readFileSync(LAMBDA_EXAMPLE));
    assert.equal(fromGz.inputs[0]?.gzip, true);
    assert.deepEqual(fromGz.findings, plain.findings);
    assert.deepEqual(fromStdin.findings, plain.findings);
    assert.equal(fromStdin.inputs[0]?.name, '(stdin)');
  });

  it('widens log windows with --window', () => {
    const report = analyzeJson(['--window', '1h', ECS_EXAMPLE]);
    assert.equal(report.window.ms, 3_600_000);
    assert.equal(report.findings[0]?.evidence.windows, 4);
  });

  it('--fail-on decides exit 1; text output names the finding, with no colour when not a TTY', () => {
    const high = runCli(['analyze', '--fail-on', 'high', LAMBDA_EXAMPLE]);
    assert.equal(high.status, 1);
    assert.match(high.stdout, /HIGH +Connection Failures +\(lambda-connection-failures\)/);
    assert.ok(!high.stdout.includes('\u001b['), 'no ANSI colour codes');
    assert.equal(runCli(['analyze', '--fail-on', 'critical', LAMBDA_EXAMPLE]).status, 0);
    const ecsText = runCli(['analyze', ECS_EXAMPLE]).stdout;
    const spark =
      /Timeline \(5 min windows\) {2}(.*?) {3}failures in 8 of 48 log windows/.exec(ecsText)?.[1] ?? '';
    assert.equal(spark.length, 48, 'one cell per window');
    assert.equal(spark.replace(/ /g, '').length, 8, 'a bar in each of the 8 windows with failures');
    assert.equal(runCli(['analyze', LAMBDA_EXAMPLE]).status, 0);
  });

  it('exits 2 with one clear sentence for unreadable input, never a stack trace', () => {
    const cases: Array<[string, string | Uint8Array, RegExp]> = [
      ['empty.json', '', /the input is empty/],
      [
        'random.bin',
        new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)),
        /binary data \(byte 0x00 at byte \d+\)/,
      ],
      ['utf16.json', Buffer.from('\ufeff{"events":[]}', 'utf16le'), /UTF-16/],
      [
        'shape.json',
        '{"SecurityGroups":[{"GroupId":"sg-0123","IpPermissions":[]}]}',
        /no CloudWatch log events \(it looks like aws ec2 describe-security-groups output/,
      ],
      [
        'stats.json',
        '{"results":[[{"field":"bin(5m)","value":"2024-05-14 09:20:00.000"},{"field":"n","value":"3"}]],"status":"Complete"}',
        /Logs Insights results have no @message field/,
      ],
      ['broken.json', '{"events": [}', /invalid JSON at byte 12/],
      ['cutgzip.json.gz', gzipSync(readFileSync(LAMBDA_EXAMPLE)).subarray(0, 40), /gzip stream ends early/],
    ];
    for (const [name, content, message] of cases) {
      const file = join(tmp, name);
      writeFileSync(file, content);
      const r = runCli(['analyze', file]);
      assert.equal(r.status, 2, `${name}: ${r.stderr}`);
      assert.match(r.stderr, message, name);
      assert.match(
        r.stderr,
        new RegExp(`^netsleuth: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `),
        name,
      );
      assert.doesNotMatch(r.stderr, /\n\s+at /, `${name}: stack trace`);
    }
    const missing = runCli(['analyze', join(tmp, 'nope.json')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope\.json: no such file/);
    assert.equal(runCli(['analyze']).status, 2);
    assert.equal(runCli(['analyze', '--format', 'yaml', LAMBDA_EXAMPLE]).status, 2);
    assert.equal(runCli(['bogus']).status, 2);
  });

  it('analyses a truncated export up to the cut, warning with the byte offset', () => {
    const bytes = readFileSync(LAMBDA_EXAMPLE);
    const file = join(tmp, 'cut.json');
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const r = runCli(['analyze', '--format', 'json', file]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.ok((report.inputs[0]?.events ?? 0) > 100);
    assert.match(report.inputs[0]?.warnings[0]?.message ?? '', /truncated/);
    assert.equal(report.inputs[0]?.warnings[0]?.byte, Math.floor(bytes.length / 2));
    assert.match(r.stderr, /warning: .*cut\.json: .*truncated/);
  });

  it('a gzip file corrupt in the middle is analysed up to the damage, and the next input still read', () => {
    const gz = gzipSync(readFileSync(ECS_EXAMPLE));
    for (let i = Math.floor(gz.length / 2); i < Math.floor(gz.length / 2) + 2048; i++)
      gz[i] = (gz[i] as number) ^ 0x55;
    const file = join(tmp, 'corrupt.json.gz');
    writeFileSync(file, gz);
    const r = runCli(['analyze', '--format', 'json', file, LAMBDA_EXAMPLE]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stderr,
      /corrupt\.json\.gz: the gzip data is corrupt \(incorrect data check\) after \d+ compressed bytes/,
    );
    assert.equal((JSON.parse(r.stdout) as Report).findings[0]?.pattern, 'lambda-connection-failures');
  });

  it('hostile host names never reach commands or the terminal', () => {
    const file = join(tmp, 'inject.txt');
    writeFileSync(
      file,
      '2024-05-14T09:21:08.114Z Connection timed out - connect(2) for "x`id`$(id).rds.amazonaws.com" port 5432\n' +
        '2024-05-14T09:21:09.114Z Error: connect ECONNREFUSED 10.0.0.1:5432 \u001b]0;owned\u0007\u001b[2J\n',
    );
    const report = JSON.parse(runCli(['analyze', '--format', 'json', file]).stdout) as Report;
    const commands = report.findings.flatMap((f) => f.fix.flatMap((s) => s.commands)).join('\n');
    assert.doesNotMatch(commands, /`|\$\(/);
    assert.deepEqual(report.findings[0]?.targets.map((t) => t.host).sort(), ['10.0.0.1', null].sort());
    const text = runCli(['analyze', file]).stdout;
    assert.ok(
      !text.includes('\u001b') && !text.includes('\u0007'),
      'no control characters in the text report',
    );
  });

  it('analyses what it can when one of several inputs is bad', () => {
    const bad = join(tmp, 'bad.bin');
    writeFileSync(bad, new Uint8Array([0, 1, 2, 3]));
    const r = runCli(['analyze', '--format', 'json', bad, LAMBDA_EXAMPLE]);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /bad\.bin: not a CloudWatch Logs export/);
    assert.equal((JSON.parse(r.stdout) as Report).findings.length, 1);
  });

  it('a 30 MB single line is analysed without hanging', () => {
    const file = join(tmp, 'long.txt');
    writeFileSync(
      file,
      `${'x'.repeat(30 * 1024 * 1024)} connect ECONNREFUSED 10.0.0.1:5432\nError: connect ECONNREFUSED 10.0.0.9:6379\n`,
    );
    const r = runCli(['analyze', '--format', 'json', file]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.match(report.inputs[0]?.warnings[0]?.message ?? '', /line 1 is longer than 1 MB/);
    assert.deepEqual(
      report.findings[0]?.targets.map((t) => t.host),
      ['10.0.0.9'],
    );
  });
});

describe('netsleuth classify', () => {
  it('prints one NDJSON line per failure, and every event with --all', () => {
    const file = sample('logs/filter-log-events.cli-merged.json');
    const failures = runCli(['classify', file])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      failures.map((f) => [
        f['index'],
        f['class'],
        f['host'],
        f['port'],
        f['service'],
        f['runtime'],
        f['signature'],
      ]),
      [
        [1, 'timeout', '10.0.2.47', 5432, 'PostgreSQL', 'node', 'node.connect-errno'],
        [
          9,
          'dns',
          'secretsmanager.us-east-1.amazonaws.com',
          null,
          'Secrets Manager',
          'node',
          'node.getaddrinfo',
        ],
        [10, 'refused', '10.0.1.23', 6379, 'Redis', 'node', 'node.connect-errno'],
      ],
    );
    assert.equal(failures[0]?.['timestamp'], '2024-05-14T09:21:08.114Z');
    assert.equal(failures[0]?.['stream'], 'ecs/orders-api/f2ad7dba413f45ddb4d92f7853b78469');
    const all = runCli(['classify', '--all', file])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(all.length, 12);
    assert.deepEqual(
      all.map((l) => l['index']),
      [...Array(12).keys()],
    );
    assert.equal(all[4]?.['class'], 'none');
  });
});

describe('edges of the command line', () => {
  it('a reader that goes away (| head) is no error', () => {
    const r = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${BIN}" classify --all "${LAMBDA_EXAMPLE}" | head -1`],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim().split('\n').length, 1);
    assert.doesNotMatch(r.stderr, /EPIPE|\n\s+at /);
  });
  it('live-read flags without --log-group, and fetch without it, are usage errors', () => {
    const stray = runCli(['analyze', '--since', '2h', ECS_EXAMPLE]);
    assert.equal(stray.status, 2);
    assert.match(stray.stderr, /--since applies to live reads/);
    const fetch = runCli(['fetch', '--since', '1h']);
    assert.equal(fetch.status, 2);
    assert.match(fetch.stderr, /fetch needs --log-group NAME/);
  });
});

describe('netsleuth patterns', () => {
  it('lists the catalogue and prints a page', () => {
    const list = runCli(['patterns']);
    assert.equal(list.status, 0);
    assert.match(list.stdout, /^ecs-network-connectivity +Network Connectivity Failures/m);
    assert.match(list.stdout, /^lambda-connection-failures +Connection Failures/m);
    const page = runCli(['patterns', 'lambda-connection-failures']);
    assert.match(page.stdout, /^# Connection Failures/);
    assert.match(page.stdout, /## Detection criteria/);
    const unknown = runCli(['patterns', 'nope']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no pattern "nope"/);
  });
});
