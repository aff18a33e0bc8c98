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

describe('Lambda attribution from flow logs', () => {
  it("maps the flow-log source addresses to the function's ENIs, and so to subnets and AZs", () => {
    const config = mkdtempSync(join(tmp, 'lambda-config-'));
    const subnet = (id: string, cidr: string, az: string) => ({
      SubnetId: id,
      VpcId: 'vpc-0a1b2c3d4e5f60718',
      CidrBlock: cidr,
      AvailabilityZone: az,
      MapPublicIpOnLaunch: false,
    });
    writeFileSync(
      join(config, 'subnets.json'),
      JSON.stringify({
        Subnets: [
          subnet('subnet-0aaa1111bbbb2222c', '10.0.1.0/24', 'us-east-1a'),
          subnet('subnet-0ddd3333eeee4444f', '10.0.2.0/24', 'us-east-1b'),
        ],
      }),
    );
    const eni = (id: string, subnetId: string, ip: string) => ({
      NetworkInterfaceId: id,
      SubnetId: subnetId,
      VpcId: 'vpc-0a1b2c3d4e5f60718',
      PrivateIpAddress: ip,
      PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: ip }],
      Groups: [{ GroupId: 'sg-0fn11112222333344', GroupName: 'orders-worker' }],
      InterfaceType: 'lambda',
      Description: 'AWS Lambda VPC ENI-orders-worker-6a1c3f0e-52b1-4a1b-9d0c-0123456789ab',
      RequesterId: '560039524565',
      RequesterManaged: true,
      Status: 'in-use',
    });
    writeFileSync(
      join(config, 'enis.json'),
      JSON.stringify({
        NetworkInterfaces: [
          eni('eni-0lambda00000000a1', 'subnet-0aaa1111bbbb2222c', '10.0.1.77'),
          eni('eni-0lambda00000000b2', 'subnet-0ddd3333eeee4444f', '10.0.2.88'),
        ],
      }),
    );
    writeFileSync(
      join(config, 'function.json'),
      JSON.stringify({
        FunctionName: 'orders-worker',
        FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-worker',
        VpcConfig: {
          SubnetIds: ['subnet-0aaa1111bbbb2222c', 'subnet-0ddd3333eeee4444f'],
          SecurityGroupIds: ['sg-0fn11112222333344'],
          VpcId: 'vpc-0a1b2c3d4e5f60718',
        },
      }),
    );
    // v2 default format: requests leave from subnet A's ENI and nothing comes back; subnet B's calls are answered
    const start = Math.floor(Date.parse('2026-11-20T08:10:00Z') / 1000);
    const lines: string[] = [];
    for (let i = 0; i < 8; i++) {
      const t = start + i * 1200;
      lines.push(
        `2 123456789012 eni-0lambda00000000a1 10.0.1.77 10.0.3.47 ${41000 + i} 5432 6 3 180 ${t} ${t + 60} ACCEPT OK`,
      );
    }
    const flows = join(tmp, 'lambda-flows.log');
    writeFileSync(flows, lines.join('\n') + '\n');
    const r = runCli([
      'analyze',
      join(ROOT, 'examples', 'lambda-orders-worker.json'),
      '--config',
      config,
      '--flow-logs',
      flows,
      '-f',
      'json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const f = (
      JSON.parse(r.stdout) as {
        findings: { attribution: { sentence: string; basis: string }; flowEvidence: { verdict: string }[] }[];
      }
    ).findings[0];
    assert.equal(f?.flowEvidence[0]?.verdict, 'no-reply');
    assert.equal(f?.attribution.basis, 'flow-records');
    assert.equal(
      f?.attribution.sentence,
      'All 8 failures came from subnet-0aaa1111bbbb2222c (us-east-1a); subnet-0ddd3333eeee4444f (us-east-1b) had none.',
    );
  });
});
