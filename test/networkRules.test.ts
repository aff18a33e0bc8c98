/**
 * The rule evaluators on their own, with hand-made documents in the shape `aws ec2 describe-*` prints:
 * NACL order and ranges, security group peers, longest-prefix routes, and the configuration loader.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { coverage, parseCidr } from '../src/network/cidr.js';
import { evaluatePath } from '../src/network/evaluatePath.js';
import { emptyModel, type NetworkModel } from '../src/network/model.js';
import { addDocument } from '../src/network/buildModel.js';
import { resolveSource, resolveTarget } from '../src/network/pathEnds.js';
import { evaluateNacl, evaluateSecurityGroups } from '../src/network/rules.js';
import { loadConfig } from '../src/node/loadConfig.js';

const r = (c: string) => parseCidr(c) as NonNullable<ReturnType<typeof parseCidr>>;

function naclModel(entries: object[]): NetworkModel {
  const m = emptyModel();
  addDocument(
    m,
    {
      NetworkAcls: [
        {
          NetworkAclId: 'acl-1',
          VpcId: 'vpc-1',
          IsDefault: false,
          Associations: [{ SubnetId: 'subnet-a' }],
          Entries: entries,
        },
      ],
    },
    't',
  );
  return m;
}

describe('CIDR coverage', () => {
  it('all, none or some of the candidate blocks', () => {
    assert.equal(coverage(r('10.0.0.0/16'), [r('10.0.1.0/24')]), 'all');
    assert.equal(coverage(r('10.0.2.0/24'), [r('10.0.1.0/24')]), 'none');
    assert.equal(coverage(r('10.0.1.0/25'), [r('10.0.1.0/24')]), 'some');
    assert.equal(parseCidr('10.0.0.300/24'), null);
    assert.equal(parseCidr('2001:db8::/32'), null);
    assert.deepEqual(parseCidr('10.0.1.77/24'), r('10.0.1.0/24'), 'host bits are cleared as AWS does');
  });
});

describe('NACL evaluation', () => {
  it('the lowest rule number decides, whatever the order in the file', () => {
    const m = naclModel([
      { RuleNumber: 200, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
      {
        RuleNumber: 100,
        Protocol: '6',
        RuleAction: 'deny',
        Egress: false,
        CidrBlock: '10.0.1.0/24',
        PortRange: { From: 5432, To: 5432 },
      },
      { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
    ]);
    const acl = m.nacls[0] as NonNullable<NetworkModel['nacls'][0]>;
    const d = evaluateNacl(acl, false, '6', [5432, 5432], [r('10.0.1.9/32')]);
    assert.deepEqual([d.decision, d.entry?.ruleNumber], ['deny', 100]);
    assert.equal(evaluateNacl(acl, false, '6', [5432, 5432], [r('10.0.2.9/32')]).decision, 'allow');
    assert.equal(
      evaluateNacl(acl, false, '17', [5432, 5432], [r('10.0.1.9/32')]).entry?.ruleNumber,
      200,
      'rule 100 is TCP only',
    );
  });

  it('a port range passes only if every port does; the denied part is named', () => {
    const m = naclModel([
      {
        RuleNumber: 100,
        Protocol: '6',
        RuleAction: 'allow',
        Egress: false,
        CidrBlock: '0.0.0.0/0',
        PortRange: { From: 1024, To: 40000 },
      },
      {
        RuleNumber: 110,
        Protocol: '6',
        RuleAction: 'deny',
        Egress: false,
        CidrBlock: '0.0.0.0/0',
        PortRange: { From: 50000, To: 65535 },
      },
      { RuleNumber: 120, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
    ]);
    const acl = m.nacls[0] as NonNullable<NetworkModel['nacls'][0]>;
    const linux = evaluateNacl(acl, false, '6', [32768, 60999], [r('52.1.2.3/32')]);
    assert.deepEqual(
      [linux.decision, linux.entry?.ruleNumber, linux.deniedPorts],
      ['deny', 110, [50000, 60999]],
    );
    assert.equal(
      evaluateNacl(acl, false, '6', [32768, 49999], [r('52.1.2.3/32')]).decision,
      'allow',
      'rule 120 covers 40001-49999',
    );
  });

  it('without an entry for the traffic the implicit final rule denies it (moto lists none)', () => {
    const m = naclModel([
      {
        RuleNumber: 100,
        Protocol: '6',
        RuleAction: 'allow',
        Egress: true,
        CidrBlock: '0.0.0.0/0',
        PortRange: { From: 443, To: 443 },
      },
    ]);
    const acl = m.nacls[0] as NonNullable<NetworkModel['nacls'][0]>;
    const d = evaluateNacl(acl, true, '6', [5432, 5432], [r('10.0.20.5/32')]);
    assert.deepEqual([d.decision, d.entry], ['deny', null]);
  });

  it('a rule that covers only part of where the peer may be is unknown, not a guess', () => {
    const m = naclModel([
      { RuleNumber: 100, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '10.0.20.0/25' },
    ]);
    const acl = m.nacls[0] as NonNullable<NetworkModel['nacls'][0]>;
    assert.equal(evaluateNacl(acl, true, '6', [5432, 5432], [r('10.0.20.0/24')]).decision, 'unknown');
  });
});

describe('security groups', () => {
  const m = emptyModel();
  addDocument(
    m,
    {
      SecurityGroups: [
        {
          GroupId: 'sg-db',
          GroupName: 'db',
          VpcId: 'vpc-1',
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 5432,
              ToPort: 5432,
              UserIdGroupPairs: [{ GroupId: 'sg-app', UserId: '123456789012' }],
              IpRanges: [],
              Ipv6Ranges: [],
              PrefixListIds: [],
            },
          ],
          IpPermissionsEgress: [],
        },
        {
          GroupId: 'sg-s3',
          GroupName: 's3-only',
          VpcId: 'vpc-1',
          IpPermissions: [],
          IpPermissionsEgress: [
            {
              IpProtocol: 'tcp',
              FromPort: 443,
              ToPort: 443,
              PrefixListIds: [{ PrefixListId: 'pl-63a5400a' }],
            },
          ],
        },
      ],
      PrefixLists: [
        {
          PrefixListId: 'pl-63a5400a',
          PrefixListName: 'com.amazonaws.us-east-1.s3',
          Cidrs: ['52.216.0.0/15', '3.5.0.0/19'],
        },
      ],
    },
    't',
  );

  it('a group reference matches the peer carrying that group, not its address', () => {
    const peer = (groups: string[]) => ({
      addresses: [r('10.0.10.25/32')],
      securityGroupIds: groups,
      awsService: null,
    });
    assert.equal(
      evaluateSecurityGroups(m, ['sg-db'], 'ingress', '6', 5432, peer(['sg-app'])).decision,
      'allow',
    );
    assert.equal(
      evaluateSecurityGroups(m, ['sg-db'], 'ingress', '6', 5432, peer(['sg-other'])).decision,
      'deny',
    );
    assert.equal(
      evaluateSecurityGroups(m, ['sg-db'], 'ingress', '6', 5433, peer(['sg-app'])).decision,
      'deny',
    );
    assert.equal(
      evaluateSecurityGroups(m, ['sg-gone'], 'ingress', '6', 5432, peer(['sg-app'])).decision,
      'unknown',
      'a group not exported',
    );
  });

  it('a prefix-list rule lets S3 out (by the list name) and nothing else', () => {
    assert.equal(
      evaluateSecurityGroups(m, ['sg-s3'], 'egress', '6', 443, {
        addresses: [],
        securityGroupIds: [],
        awsService: 's3',
      }).decision,
      'allow',
    );
    assert.equal(
      evaluateSecurityGroups(m, ['sg-s3'], 'egress', '6', 443, {
        addresses: [r('8.8.8.8/32')],
        securityGroupIds: [],
        awsService: null,
      }).decision,
      'deny',
    );
  });
});

describe('routes and targets', () => {
  function vpc(): NetworkModel {
    const m = emptyModel();
    addDocument(m, { Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }] }, 't');
    addDocument(m, { VpcId: 'vpc-1', EnableDnsSupport: { Value: true } }, 't');
    addDocument(
      m,
      {
        Subnets: [
          { SubnetId: 'subnet-a', VpcId: 'vpc-1', CidrBlock: '10.0.10.0/24', AvailabilityZone: 'us-east-1a' },
        ],
      },
      't',
    );
    addDocument(
      m,
      {
        RouteTables: [
          {
            RouteTableId: 'rtb-1',
            VpcId: 'vpc-1',
            Associations: [{ Main: true }],
            Routes: [
              { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
              { DestinationCidrBlock: '10.8.0.0/16', VpcPeeringConnectionId: 'pcx-1', State: 'active' },
              { DestinationCidrBlock: '10.8.5.0/24', TransitGatewayId: 'tgw-1', State: 'active' },
            ],
          },
        ],
      },
      't',
    );
    addDocument(
      m,
      {
        SecurityGroups: [
          {
            GroupId: 'sg-app',
            VpcId: 'vpc-1',
            IpPermissions: [],
            IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
          },
        ],
      },
      't',
    );
    addDocument(
      m,
      {
        NetworkAcls: [
          {
            NetworkAclId: 'acl-d',
            VpcId: 'vpc-1',
            IsDefault: true,
            Associations: [],
            Entries: [
              { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' },
              { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
            ],
          },
        ],
      },
      't',
    );
    return m;
  }

  it('the longest prefix wins: 10.8.5.7 leaves by the transit gateway (MTU risk), 10.8.1.1 by peering', () => {
    const m = vpc();
    const src = resolveSource(m, 'subnet-a,sg-app');
    const tgw = evaluatePath(m, src, 'subnet-a', resolveTarget(m, '10.8.5.7', 443, 'vpc-1'), 443);
    assert.equal(tgw.hops.find((h) => h.kind === 'route')?.rule, '10.8.5.0/24 → tgw-1');
    assert.equal(tgw.mtuRisk, true);
    const pcx = evaluatePath(m, src, 'subnet-a', resolveTarget(m, '10.8.1.1', 443, 'vpc-1'), 443);
    assert.equal(pcx.hops.find((h) => h.kind === 'route')?.rule, '10.8.0.0/16 → pcx-1');
    assert.equal(pcx.mtuRisk, false);
    assert.equal(pcx.verdict, 'unknown', 'what lies beyond a peering connection is not in the configuration');
  });

  it('no route for the internet: blocked at the route table, with the command that adds one', () => {
    const m = vpc();
    const p = evaluatePath(
      m,
      resolveSource(m, 'subnet-a,sg-app'),
      'subnet-a',
      resolveTarget(m, 'api.github.com', 443, 'vpc-1'),
      443,
    );
    assert.equal(p.verdict, 'blocked');
    assert.deepEqual([p.blockedBy[0]?.kind, p.blockedBy[0]?.resourceId], ['route', 'rtb-1']);
  });

  it('names are resolved from the configuration: ec2 private names, AWS service endpoints, private names', () => {
    const m = vpc();
    assert.equal(resolveTarget(m, 'ip-10-0-10-77.ec2.internal', 80, 'vpc-1').kind, 'in-vpc');
    assert.equal(
      resolveTarget(m, 'secretsmanager.us-east-1.amazonaws.com', 443, 'vpc-1').awsService,
      'secretsmanager',
    );
    assert.equal(resolveTarget(m, 'dkr.ecr.us-east-1.amazonaws.com', 443, 'vpc-1').awsService, 'dkr.ecr');
    assert.equal(resolveTarget(m, 'postgres.internal', 5432, 'vpc-1').kind, 'unresolved');
    assert.equal(resolveTarget(m, 'api.stripe.com', 443, 'vpc-1').kind, 'external');
  });
});

describe('loadConfig', () => {
  it('recognises outputs by content, skips what it does not know with a warning, and fails clearly on nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsleuth-cfg-'));
    writeFileSync(
      join(dir, 'a.json'),
      JSON.stringify({ Subnets: [{ SubnetId: 'subnet-a', VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24' }] }),
    );
    writeFileSync(join(dir, 'b.json'), '{"Buckets": []}');
    writeFileSync(join(dir, 'c.json'), '{"Subnets": [{"SubnetId": "subnet-b"');
    writeFileSync(join(dir, 'export.json'), '{"events": [{"timestamp": 1, "message": "x"}]}');
    writeFileSync(
      join(dir, 'sorted-tasks.json'),
      JSON.stringify({
        failures: [],
        tasks: [
          {
            taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/orders/0f3a9d0c1b2e4d5f8a7b6c5d4e3f2a1b',
            lastStatus: 'RUNNING',
          },
        ],
      }),
    );
    const m = await loadConfig(dir);
    assert.ok(m.subnets.has('subnet-a'));
    assert.ok(m.warnings.some((w) => w.includes('b.json') && w.includes('Buckets')));
    assert.ok(m.warnings.some((w) => w.includes('c.json') && w.includes('not valid JSON')));
    assert.ok(m.warnings.some((w) => w.includes('export.json') && w.includes('events')));
    // keys in another order (jq -S, Python sort_keys) are still recognised
    assert.ok(m.tasks.has('0f3a9d0c1b2e4d5f8a7b6c5d4e3f2a1b'));
    // a large log export is not parsed whole: its first key gives it away
    const big = mkdtempSync(join(tmpdir(), 'netsleuth-cfg-big-'));
    writeFileSync(
      join(big, 'export.json'),
      `{"events": [${'{"timestamp": 1, "message": "x"},'.repeat(40_000)}{"timestamp": 2, "message": "y"}]}`,
    );
    writeFileSync(
      join(big, 'subnets.json'),
      JSON.stringify({ Subnets: [{ SubnetId: 'subnet-a', VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24' }] }),
    );
    const mb = await loadConfig(big);
    assert.ok(
      mb.warnings.some(
        (w) => w.includes('export.json') && w.includes('first key "events" is not an aws describe-* output'),
      ),
    );
    await assert.rejects(loadConfig(join(dir, 'b.json')), /no AWS CLI describe-\* output found/);
    await assert.rejects(loadConfig(join(dir, 'c.json')), /not valid JSON/);
    await assert.rejects(loadConfig(join(dir, 'missing')), /no such file or directory/);
    // Windows PowerShell 5 writes `aws … > file.json` as UTF-16 with a byte-order mark; others add a UTF-8 BOM
    const win = mkdtempSync(join(tmpdir(), 'netsleuth-cfg-win-'));
    const doc = JSON.stringify({
      Subnets: [{ SubnetId: 'subnet-w', VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24' }],
    });
    writeFileSync(
      join(win, 'utf16.json'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc, 'utf16le')]),
    );
    writeFileSync(
      join(win, 'bom.json'),
      '\ufeff' + JSON.stringify({ Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }] }),
    );
    const w = await loadConfig(win);
    assert.ok(w.subnets.has('subnet-w'));
    assert.ok(w.vpcs.has('vpc-1'));
    assert.deepEqual(w.warnings, []);
  });
});

describe('path text', () => {
  it('never lets escape sequences from configuration text reach the terminal', async () => {
    const { pathText } = await import('../src/format/pathReport.js');
    const m = emptyModel();
    addDocument(m, { Subnets: [{ SubnetId: 'subnet-a', VpcId: 'vpc-1', CidrBlock: '10.0.10.0/24' }] }, 't');
    addDocument(
      m,
      {
        NetworkInterfaces: [
          {
            NetworkInterfaceId: 'eni-1',
            SubnetId: 'subnet-a',
            VpcId: 'vpc-1',
            PrivateIpAddress: '10.0.10.5',
            Groups: [],
            Description: 'evil \u001b]0;owned\u0007 \u001b[2J',
          },
        ],
      },
      't',
    );
    const src = resolveSource(m, 'subnet-a');
    const target = resolveTarget(m, '10.0.10.5', 22, 'vpc-1');
    const r = evaluatePath(m, src, 'subnet-a', target, 22);
    const text = pathText([
      {
        target: { host: '10.0.10.5', port: 22, resolvedAs: target.label },
        source: { kind: 'subnet', id: 'subnet-a', subnetId: 'subnet-a', securityGroupIds: [] },
        ...r,
      },
    ]);
    assert.ok(text.includes('evil'));
    assert.ok(
      ![...text].some((ch) => ch !== '\n' && (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)),
      'no control character but newlines',
    );
  });
});

describe('root causes in reports', () => {
  it("sources with the same answer share one line: a function's subnets, naming each", async () => {
    const { groupRootCauses } = await import('../src/format/pathReport.js');
    const base = {
      target: { host: '10.0.3.47', port: 5432, resolvedAs: 'ENI eni-1' },
      verdict: 'blocked' as const,
      blockedBy: [],
      explanation: 'BLOCKED at sg-db inbound: tcp/5432 allowed only from sg-app',
      fix: {
        commands: [
          'aws ec2 authorize-security-group-ingress --group-id sg-db --protocol tcp --port 5432 --source-group sg-fn',
        ],
      },
      hops: [],
      missing: [],
      mtuRisk: false,
      notes: [],
    };
    const src = (subnetId: string) => ({
      kind: 'function',
      id: 'orders-worker',
      subnetId,
      securityGroupIds: ['sg-fn'],
    });
    const groups = groupRootCauses([
      { ...base, source: src('subnet-a') },
      { ...base, source: src('subnet-b') },
      {
        ...base,
        verdict: 'allowed',
        explanation: 'ALLOWED: …',
        fix: { commands: [] },
        source: src('subnet-c'),
      },
    ]);
    assert.deepEqual(
      groups.map((g) => g.line),
      [
        'BLOCKED at sg-db inbound: tcp/5432 allowed only from sg-app (from function orders-worker in subnet-a, subnet-b)',
        'ALLOWED: … (from function orders-worker in subnet-c)',
      ],
    );
  });
});

describe('sources and protocols of netsleuth path', () => {
  const EXAMPLE = join(import.meta.dirname, '..', 'examples', 'vpc-config');

  it('service/NAME uses the awsvpc subnets and groups of the service: one path per subnet', async () => {
    const m = await loadConfig(EXAMPLE);
    const src = resolveSource(m, 'service/orders-api');
    assert.deepEqual(src.subnetIds, ['subnet-0a1b2c3d4e5f6a7b8', 'subnet-0e4f5a6b7c8d9e0f1']);
    assert.deepEqual(src.securityGroupIds, ['sg-0task1111aaaa2222b']);
    const target = resolveTarget(m, '10.0.5.18', 6379, src.vpcId);
    const verdicts = src.subnetIds.map((subnet) => evaluatePath(m, src, subnet, target, 6379).verdict);
    assert.deepEqual(verdicts, ['blocked', 'allowed'], 'only subnet A has the NACL that denies 6379');
  });

  it('an EC2 instance as the source, and UDP evaluated as UDP (security groups for tcp only do not let it out)', async () => {
    const m = await loadConfig(EXAMPLE);
    addDocument(
      m,
      {
        Reservations: [
          {
            Instances: [
              {
                InstanceId: 'i-0bastion',
                InstanceType: 't3.micro',
                SubnetId: 'subnet-0a1b2c3d4e5f6a7b8',
                VpcId: 'vpc-0a1b2c3d4e5f60718',
                PrivateIpAddress: '10.0.1.99',
                SecurityGroups: [{ GroupId: 'sg-0db33333cccc4444d' }],
              },
            ],
          },
        ],
      },
      't',
    );
    const src = resolveSource(m, 'i-0bastion');
    assert.equal(src.kind, 'instance');
    const dns = evaluatePath(
      m,
      src,
      'subnet-0a1b2c3d4e5f6a7b8',
      resolveTarget(m, '10.0.3.42', 53, src.vpcId),
      53,
      { protocol: '17' },
    );
    const sgIn = dns.hops.find((h) => h.kind === 'security-group' && h.direction === 'inbound');
    assert.equal(sgIn?.decision, 'deny', 'the database group allows tcp/5432 only');
    assert.match(sgIn?.detail ?? '', /udp\/53/);
  });
});
