/** The flow-log commands and flags through the built CLI: flowlogs-query (SQL and its results), analyze --flow-logs. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, runCli } from './helpers.js';

const FIX = join(ROOT, 'test', 'fixtures', 'flowlogs');
const tmp = mkdtempSync(join(tmpdir(), 'netsleuth-flowcli-'));

describe('netsleuth flowlogs-query', () => {
  it('prints the Athena SQL for --to targets over a time range, partition-aware', () => {
    const r = runCli([
      'flowlogs-query',
      '--to',
      '10.0.3.47:5432',
      '--start',
      '2024-05-14T09:20:00Z',
      '--end',
      '2024-05-14T09:30:00Z',
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /FROM "vpc_flow_logs"/);
    assert.match(r.stdout, /'10\.0\.3\.47'/);
    assert.match(r.stdout, /5432/);
    assert.match(r.stdout, /date/);
    const day = runCli([
      'flowlogs-query',
      '--to',
      '10.0.3.47:5432',
      '--since',
      '2h',
      '--partition',
      'day',
      '--table',
      'flows_v5',
    ]);
    assert.match(day.stdout, /FROM "flows_v5"/);
  });

  it('reads get-query-results pages into the same evidence the records give', () => {
    const r = runCli([
      'flowlogs-query',
      '--to',
      '10.0.3.47:5432',
      '--to',
      '10.0.9.9:443',
      '--start',
      '2024-05-14T09:20:00Z',
      '--end',
      '2024-05-14T09:30:00Z',
      '--results',
      join(FIX, 'athena-page1.json'),
      '--results',
      join(FIX, 'athena-page2.json'),
      '-f',
      'json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { flowEvidence: { verdict: string }[] };
    assert.deepEqual(
      out.flowEvidence.map((e) => e.verdict),
      ['return-path-nacl', 'no-records'],
    );
    const text = runCli([
      'flowlogs-query',
      '--to',
      '10.0.3.47:5432',
      '--start',
      '2024-05-14T09:20:00Z',
      '--end',
      '2024-05-14T09:30:00Z',
      '--results',
      join(FIX, 'athena-page1.json'),
      '--results',
      join(FIX, 'athena-page2.json'),
    ]);
    assert.match(text.stdout, /^10\.0\.3\.47:5432 return-path-nacl: /);
  });

  it('takes targets from a JSON report; refuses names, missing ranges and bad files in one sentence', () => {
    const report = join(tmp, 'report.json');
    const a = runCli(['analyze', join(ROOT, 'examples', 'ecs-orders-api.json'), '-f', 'json', '-o', report]);
    assert.equal(a.status, 0, a.stderr);
    const r = runCli(['flowlogs-query', '--report', report]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /'10\.0\.3\.42'/);
    assert.match(r.stdout, /'10\.0\.5\.18'/);
    for (const [args, message] of [
      [['--to', 'db.internal:5432', '--since', '1h'], /give the IP address/],
      [['--to', '10.0.3.47:5432'], /needs a time range/],
      [[], /needs --to IP:PORT/],
      [
        ['--to', '10.0.3.47:5432', '--since', '1h', '--results', join(tmp, 'missing.json')],
        /--results .*missing\.json: not an aws athena get-query-results output/,
      ],
    ] as const) {
      const bad = runCli(['flowlogs-query', ...args]);
      assert.equal(bad.status, 2, args.join(' '));
      assert.match(bad.stderr, message);
      assert.doesNotMatch(bad.stderr, /\n\s+at /);
    }
  });
});

describe('analyze --flow-logs', () => {
  it('adds flowEvidence per IP target; no-records when the flow logs do not cover the time', () => {
    const r = runCli([
      'analyze',
      join(ROOT, 'examples', 'ecs-orders-api.json'),
      '--flow-logs',
      join(FIX, 'orders-api-v5.txt'),
      '-f',
      'json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as {
      findings: { flowEvidence: { verdict: string; target: { ip: string } }[] }[];
      flowLogs: { records: number };
    };
    assert.deepEqual(
      report.findings[0]?.flowEvidence.map((e) => [e.target.ip, e.verdict]),
      [
        ['10.0.3.42', 'no-records'],
        ['10.0.5.18', 'no-records'],
      ],
    );
    assert.ok(report.flowLogs.records > 0);
  });

  it('a flow log without header or format is a clear error; --flow-log-format alone is a usage error', () => {
    const file = join(tmp, 'noheader.log');
    writeFileSync(
      file,
      '5 123456789012 eni-1 10.0.1.1 10.0.3.47 40000 5432 6 2 120 1715678460 1715678518 ACCEPT OK vpc-1 subnet-1\n',
    );
    const r = runCli(['analyze', join(ROOT, 'examples', 'ecs-orders-api.json'), '--flow-logs', file]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--flow-log-format/);
    const ok = runCli([
      'analyze',
      join(ROOT, 'examples', 'ecs-orders-api.json'),
      '--flow-logs',
      file,
      '--flow-log-format',
      '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status} ${vpc-id} ${subnet-id}',
      '-f',
      'json',
    ]);
    assert.equal(ok.status, 0, ok.stderr);
    // describe-flow-logs in --config gives the format instead
    const config = mkdtempSync(join(tmp, 'config-'));
    writeFileSync(
      join(config, 'flow-logs.json'),
      JSON.stringify({
        FlowLogs: [
          {
            CreationTime: '2026-01-10T09:00:00.000Z',
            DeliverLogsStatus: 'SUCCESS',
            FlowLogId: 'fl-0123456789abcdef0',
            FlowLogStatus: 'ACTIVE',
            LogGroupName: '/vpc/flow',
            ResourceId: 'vpc-0a1b2c3d4e5f60718',
            TrafficType: 'ALL',
            LogDestinationType: 'cloud-watch-logs',
            LogFormat:
              '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status} ${vpc-id} ${subnet-id}',
            MaxAggregationInterval: 60,
          },
        ],
      }),
    );
    const viaConfig = runCli([
      'analyze',
      join(ROOT, 'examples', 'ecs-orders-api.json'),
      '--config',
      config,
      '--flow-logs',
      file,
      '-f',
      'json',
    ]);
    assert.equal(viaConfig.status, 0, viaConfig.stderr);
    assert.equal((JSON.parse(viaConfig.stdout) as { flowLogs: { records: number } }).flowLogs.records, 1);
    const u = runCli([
      'analyze',
      join(ROOT, 'examples', 'ecs-orders-api.json'),
      '--flow-log-format',
      '${version}',
    ]);
    assert.equal(u.status, 2);
    assert.match(u.stderr, /--flow-log-format needs --flow-logs PATH/);
  });
});
