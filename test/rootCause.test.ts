/**
 * Root cause against a real emulator: a VPC built with the `aws` CLI in moto_server, saved as the CLI
 * prints it, then `netsleuth path` and `netsleuth analyze --config` on it. Each scenario changes one thing
 * and expects the verdict and the resource that blocks (or no blame at all when the path is open).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { BIN, ROOT, runCli } from './helpers.js';
import { awsEnv, putLogEvents, startMoto, type Moto } from './moto.js';
import { buildBase, TASK_A, TASK_B, TASK_EC2, type Scenario } from './netScenario.js';

interface PathJson {
  schemaVersion: number;
  paths: {
    target: { host: string; port: number; resolvedAs: string };
    source: { kind: string; id: string; subnetId: string | null; securityGroupIds: string[] };
    verdict: string;
    blockedBy: {
      kind: string;
      resourceId: string;
      direction: string | null;
      rule: string | null;
      detail: string;
    }[];
    explanation: string;
    fix: { commands: string[] };
    missing: string[];
    mtuRisk: boolean;
    notes: string[];
  }[];
}

const ajv = new Ajv2020({ allErrors: true, strict: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(
  JSON.parse(readFileSync(join(ROOT, 'schema', 'report.v1.schema.json'), 'utf8')) as object,
);

let moto: Moto;
let s: Scenario;
let work: string;
let base: string;

/** runCli without blocking the event loop (the proxy above runs in this process). */
function runCliAsync(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function path(dir: string, from: string, ...to: string[]): PathJson {
  const r = runCli([
    'path',
    '--config',
    dir,
    '--from',
    from,
    ...to.flatMap((t) => ['--to', t]),
    '-f',
    'json',
  ]);
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  const json = JSON.parse(r.stdout) as PathJson;
  assert.equal(
    r.status,
    json.paths.some((p) => p.verdict === 'blocked') ? 1 : 0,
    'exit 1 exactly when a path is blocked',
  );
  return json;
}

const taskA = `task/${TASK_A}`;

before(async () => {
  moto = await startMoto();
  s = buildBase(moto.endpoint);
  work = mkdtempSync(join(tmpdir(), 'netsleuth-rc-'));
  base = s.dump(join(work, 'base'));
});

after(async () => {
  await moto?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('allowed paths: no rule is blamed', () => {
  it('task → RDS by its endpoint name: the DB group lets the task group in', () => {
    const [p] = path(base, taskA, `${s.ids.dbHost}:5432`).paths;
    assert.equal(p?.verdict, 'allowed', p?.explanation);
    assert.equal(p?.target.resolvedAs, 'RDS orders-db');
    assert.deepEqual(p?.blockedBy, []);
    assert.deepEqual(p?.fix.commands, []);
  });

  it('task → an internet host through the NAT gateway, and → S3 through the gateway endpoint', () => {
    const { paths } = path(
      base,
      taskA,
      'api.stripe.com:443',
      's3.us-east-1.amazonaws.com:443',
      'secretsmanager.us-east-1.amazonaws.com:443',
    );
    assert.deepEqual(
      paths.map((p) => p.verdict),
      ['allowed', 'allowed', 'allowed'],
    );
    assert.match(paths[0]?.explanation ?? '', /^ALLOWED/);
    assert.match(paths[2]?.target.resolvedAs ?? '', /VPC endpoint vpce-.*secretsmanager/);
  });

  it('the Lambda function → RDS from both its subnets', () => {
    const { paths } = path(base, 'function:orders-worker', `${s.ids.dbHost}:5432`);
    assert.equal(paths.length, 2);
    assert.deepEqual(
      paths.map((p) => p.source.subnetId).sort(),
      [s.ids.subnets.appA, s.ids.subnets.appB].sort(),
    );
    assert.ok(paths.every((p) => p.verdict === 'allowed'));
  });
});

describe('blocked paths name the resource', () => {
  it('security group inbound: the bridge → awsvpc migration mistake', () => {
    const legacy = s.run([
      'ec2',
      'create-security-group',
      '--group-name',
      'legacy-db',
      '--description',
      'legacy',
      '--vpc-id',
      s.ids.vpc,
    ]).GroupId as string;
    s.run([
      'ec2',
      'authorize-security-group-ingress',
      '--group-id',
      legacy,
      '--protocol',
      'tcp',
      '--port',
      '5432',
      '--source-group',
      s.ids.sg.instances,
    ]);
    s.run([
      'ec2',
      'create-network-interface',
      '--subnet-id',
      s.ids.subnets.dbB,
      '--private-ip-address',
      '10.0.21.60',
      '--groups',
      legacy,
      '--description',
      'RDSNetworkInterface',
    ]);
    const dir = s.variant(base, join(work, 'bridge'), ['security-groups.json', 'enis.json']);
    const [p] = path(dir, taskA, '10.0.21.60:5432').paths;
    assert.equal(p?.verdict, 'blocked');
    assert.equal(p?.blockedBy[0]?.kind, 'security-group');
    assert.equal(p?.blockedBy[0]?.resourceId, legacy);
    assert.equal(p?.blockedBy[0]?.direction, 'inbound');
    assert.match(
      p?.explanation ?? '',
      new RegExp(`tcp/5432 allowed only from ${s.ids.sg.instances} \\(the EC2 instances' group`),
    );
    assert.match(p?.explanation ?? '', /bridge → awsvpc migration mistake/);
    assert.ok(
      p?.fix.commands.includes(
        `aws ec2 authorize-security-group-ingress --group-id ${legacy} --protocol tcp --port 5432 --source-group ${s.ids.sg.task}`,
      ),
    );
  });

  it('security group outbound: egress locked down to 443', () => {
    const locked = s.run([
      'ec2',
      'create-security-group',
      '--group-name',
      'locked-egress',
      '--description',
      'locked',
      '--vpc-id',
      s.ids.vpc,
    ]).GroupId as string;
    s.run([
      'ec2',
      'revoke-security-group-egress',
      '--group-id',
      locked,
      '--ip-permissions',
      'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]',
    ]);
    s.run([
      'ec2',
      'authorize-security-group-egress',
      '--group-id',
      locked,
      '--ip-permissions',
      'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]',
    ]);
    const eni = s.run([
      'ec2',
      'create-network-interface',
      '--subnet-id',
      s.ids.subnets.appA,
      '--private-ip-address',
      '10.0.10.40',
      '--groups',
      locked,
    ]) as { NetworkInterface: { NetworkInterfaceId: string } };
    const dir = s.variant(base, join(work, 'egress'), ['security-groups.json', 'enis.json']);
    const { paths } = path(
      dir,
      eni.NetworkInterface.NetworkInterfaceId,
      '10.0.20.50:6379',
      'api.stripe.com:443',
    );
    assert.equal(paths[0]?.verdict, 'blocked');
    assert.deepEqual(
      [paths[0]?.blockedBy[0]?.kind, paths[0]?.blockedBy[0]?.resourceId, paths[0]?.blockedBy[0]?.direction],
      ['security-group', locked, 'outbound'],
    );
    assert.equal(paths[1]?.verdict, 'allowed', 'port 443 is still open');
  });

  it('NACL inbound on the database subnets denies the app subnet, by rule number', () => {
    const acl = (
      s.run(['ec2', 'create-network-acl', '--vpc-id', s.ids.vpc]).NetworkAcl as { NetworkAclId: string }
    ).NetworkAclId;
    const entry = (n: string, egress: boolean, action: string, extra: string[]) =>
      s.run([
        'ec2',
        'create-network-acl-entry',
        '--network-acl-id',
        acl,
        '--rule-number',
        n,
        egress ? '--egress' : '--ingress',
        '--rule-action',
        action,
        ...extra,
      ]);
    entry('90', false, 'deny', [
      '--protocol',
      'tcp',
      '--port-range',
      'From=5432,To=5432',
      '--cidr-block',
      '10.0.10.0/24',
    ]);
    entry('100', false, 'allow', ['--protocol', '-1', '--cidr-block', '0.0.0.0/0']);
    entry('100', true, 'allow', ['--protocol', '-1', '--cidr-block', '0.0.0.0/0']);
    const restore = associate(acl, [s.ids.subnets.dbA, s.ids.subnets.dbB]);
    const dir = s.variant(base, join(work, 'nacl-in'), ['nacls.json']);
    restore();
    const [a] = path(dir, taskA, `${s.ids.dbHost}:5432`).paths;
    assert.equal(a?.verdict, 'blocked');
    assert.deepEqual(
      [a?.blockedBy[0]?.kind, a?.blockedBy[0]?.resourceId, a?.blockedBy[0]?.direction, a?.blockedBy[0]?.rule],
      ['nacl', acl, 'inbound', '#90 deny tcp 5432 10.0.10.0/24'],
    );
    const [b] = path(dir, `task/${TASK_B}`, `${s.ids.dbHost}:5432`).paths;
    assert.equal(b?.verdict, 'allowed', 'task B sits in 10.0.11.0/24, which rule 90 does not name');
  });

  it('NACL return path: the app subnet lets replies in only on 1024-32767 (moto lists no final deny entry; it applies anyway)', () => {
    const acl = (
      s.run(['ec2', 'create-network-acl', '--vpc-id', s.ids.vpc]).NetworkAcl as { NetworkAclId: string }
    ).NetworkAclId;
    s.run([
      'ec2',
      'create-network-acl-entry',
      '--network-acl-id',
      acl,
      '--rule-number',
      '100',
      '--ingress',
      '--rule-action',
      'allow',
      '--protocol',
      'tcp',
      '--port-range',
      'From=1024,To=32767',
      '--cidr-block',
      '0.0.0.0/0',
    ]);
    s.run([
      'ec2',
      'create-network-acl-entry',
      '--network-acl-id',
      acl,
      '--rule-number',
      '100',
      '--egress',
      '--rule-action',
      'allow',
      '--protocol',
      '-1',
      '--cidr-block',
      '0.0.0.0/0',
    ]);
    const restore = associate(acl, [s.ids.subnets.appB]);
    const dir = s.variant(base, join(work, 'nacl-return'), ['nacls.json']);
    restore();
    const [p] = path(dir, `task/${TASK_B}`, `${s.ids.dbHost}:5432`).paths;
    assert.equal(p?.verdict, 'blocked');
    const block = p?.blockedBy[0];
    assert.deepEqual([block?.kind, block?.resourceId, block?.direction], ['nacl', acl, 'inbound']);
    assert.match(
      block?.detail ?? '',
      /replies from RDS orders-db on ephemeral ports 32768-60999: ports 32768-60999 fall to #\* deny all \(the implicit final rule\)/,
    );
    assert.ok(
      p?.fix.commands.some(
        (c) =>
          c.includes(`--network-acl-id ${acl}`) &&
          c.includes('--ingress') &&
          c.includes('From=32768,To=60999'),
      ),
    );
  });

  it('route: a private subnet with no route out', () => {
    const subnet = (
      s.run([
        'ec2',
        'create-subnet',
        '--vpc-id',
        s.ids.vpc,
        '--cidr-block',
        '10.0.12.0/24',
        '--availability-zone',
        'us-east-1a',
      ]).Subnet as { SubnetId: string }
    ).SubnetId;
    const rtb = (
      s.run(['ec2', 'create-route-table', '--vpc-id', s.ids.vpc]).RouteTable as { RouteTableId: string }
    ).RouteTableId;
    s.run(['ec2', 'associate-route-table', '--route-table-id', rtb, '--subnet-id', subnet]);
    const dir = s.variant(base, join(work, 'no-route'), ['subnets.json', 'route-tables.json']);
    const [p] = path(dir, `${subnet},${s.ids.sg.task}`, 'api.stripe.com:443').paths;
    assert.equal(p?.verdict, 'blocked');
    assert.deepEqual([p?.blockedBy[0]?.kind, p?.blockedBy[0]?.resourceId], ['route', rtb]);
    assert.ok(
      p?.fix.commands.includes(
        `aws ec2 create-route --route-table-id ${rtb} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id ${s.ids.nat}`,
      ),
    );
  });

  it('NAT gateway placed in a private subnet (no route to an internet gateway)', () => {
    const subnet = (
      s.run([
        'ec2',
        'create-subnet',
        '--vpc-id',
        s.ids.vpc,
        '--cidr-block',
        '10.0.13.0/24',
        '--availability-zone',
        'us-east-1b',
      ]).Subnet as { SubnetId: string }
    ).SubnetId;
    const eip = s.run(['ec2', 'allocate-address', '--domain', 'vpc']).AllocationId as string;
    const nat = (
      s.run(['ec2', 'create-nat-gateway', '--subnet-id', s.ids.subnets.appB, '--allocation-id', eip])
        .NatGateway as { NatGatewayId: string }
    ).NatGatewayId;
    const rtb = (
      s.run(['ec2', 'create-route-table', '--vpc-id', s.ids.vpc]).RouteTable as { RouteTableId: string }
    ).RouteTableId;
    s.run([
      'ec2',
      'create-route',
      '--route-table-id',
      rtb,
      '--destination-cidr-block',
      '0.0.0.0/0',
      '--nat-gateway-id',
      nat,
    ]);
    s.run(['ec2', 'associate-route-table', '--route-table-id', rtb, '--subnet-id', subnet]);
    const dir = s.variant(base, join(work, 'nat-private'), [
      'subnets.json',
      'route-tables.json',
      'nat-gateways.json',
    ]);
    const [p] = path(dir, `${subnet},${s.ids.sg.task}`, 'api.stripe.com:443').paths;
    assert.equal(p?.verdict, 'blocked');
    assert.deepEqual([p?.blockedBy[0]?.kind, p?.blockedBy[0]?.resourceId], ['nat-gateway', nat]);
    assert.match(
      p?.explanation ?? '',
      new RegExp(
        `${nat} sits in ${s.ids.subnets.appB}, whose route table ${s.ids.rtbPrivate} has no route to an internet gateway`,
      ),
    );
    assert.ok(
      p?.fix.commands.includes(
        `aws ec2 create-route --route-table-id ${s.ids.rtbPrivate} --destination-cidr-block 0.0.0.0/0 --gateway-id ${s.ids.igw}`,
      ),
    );
  });

  it('Lambda in public subnets: the internet gateway route cannot serve a function (no public IP)', () => {
    const dir = s.variant(base, join(work, 'lambda-public'), [], {
      'lambda-orders-worker.json': s.lambda([s.ids.subnets.pubA]),
    });
    const [p] = path(dir, 'function:orders-worker', 'api.stripe.com:443').paths;
    assert.equal(p?.verdict, 'blocked');
    assert.deepEqual([p?.blockedBy[0]?.kind, p?.blockedBy[0]?.resourceId], ['route', s.ids.rtbPublic]);
    assert.match(p?.explanation ?? '', /Lambda functions in a VPC never get a public IP/);
  });

  it('blackhole route (the NAT gateway was deleted; hand-edited, moto keeps routes active)', () => {
    const dir = s.variant(base, join(work, 'blackhole'), []);
    const file = join(dir, 'route-tables.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      RouteTables: { RouteTableId: string; Routes: { NatGatewayId?: string; State: string }[] }[];
    };
    for (const t of doc.RouteTables) for (const r of t.Routes) if (r.NatGatewayId) r.State = 'blackhole';
    writeFileSync(file, JSON.stringify(doc));
    const [p] = path(dir, taskA, 'api.stripe.com:443').paths;
    assert.equal(p?.verdict, 'blocked');
    assert.deepEqual(
      [p?.blockedBy[0]?.kind, p?.blockedBy[0]?.resourceId, p?.blockedBy[0]?.rule],
      ['route', s.ids.rtbPrivate, `0.0.0.0/0 → ${s.ids.nat}`],
    );
    assert.match(p?.explanation ?? '', /blackhole/);
  });

  it('VPC DNS: hostnames off breaks the interface endpoint private DNS name', () => {
    s.run(['ec2', 'modify-vpc-attribute', '--vpc-id', s.ids.vpc, '--no-enable-dns-hostnames']);
    const dir = s.variant(base, join(work, 'dns-hostnames'), ['dns-hostnames.json']);
    s.run(['ec2', 'modify-vpc-attribute', '--vpc-id', s.ids.vpc, '--enable-dns-hostnames']);
    const [p] = path(dir, taskA, 'secretsmanager.us-east-1.amazonaws.com:443').paths;
    assert.equal(p?.verdict, 'blocked');
    assert.deepEqual(
      [p?.blockedBy[0]?.kind, p?.blockedBy[0]?.resourceId, p?.blockedBy[0]?.rule],
      ['vpc-dns', s.ids.vpc, 'enableDnsHostnames=false'],
    );
    assert.ok(
      p?.fix.commands.includes(
        `aws ec2 modify-vpc-attribute --vpc-id ${s.ids.vpc} --enable-dns-hostnames '{"Value":true}'`,
      ),
    );
  });

  it('VPC DNS: resolution off, seen from logs that say the name does not resolve', () => {
    s.run(['ec2', 'modify-vpc-attribute', '--vpc-id', s.ids.vpc, '--no-enable-dns-support']);
    const dir = s.variant(base, join(work, 'dns-support'), ['dns-support.json']);
    s.run(['ec2', 'modify-vpc-attribute', '--vpc-id', s.ids.vpc, '--enable-dns-support']);
    const logs = join(work, 'dns-logs.json');
    writeFileSync(logs, ecsExport(TASK_A, `Error: getaddrinfo ENOTFOUND ${s.ids.dbHost}`));
    const r = runCli(['analyze', logs, '--config', dir, '-f', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const rc = JSON.parse(r.stdout).findings[0].targets[0].rootCauses[0];
    assert.equal(rc.verdict, 'blocked');
    assert.deepEqual([rc.blockedBy[0].kind, rc.blockedBy[0].rule], ['vpc-dns', 'enableDnsSupport=false']);
  });

  it('interface endpoint whose security group does not let the task in', () => {
    const sg = s.run([
      'ec2',
      'create-security-group',
      '--group-name',
      'vpce-ssm',
      '--description',
      'ssm',
      '--vpc-id',
      s.ids.vpc,
    ]).GroupId as string;
    s.run([
      'ec2',
      'authorize-security-group-ingress',
      '--group-id',
      sg,
      '--protocol',
      'tcp',
      '--port',
      '443',
      '--cidr',
      '10.0.11.0/24',
    ]);
    const ep = (
      s.run([
        'ec2',
        'create-vpc-endpoint',
        '--vpc-id',
        s.ids.vpc,
        '--vpc-endpoint-type',
        'Interface',
        '--service-name',
        'com.amazonaws.us-east-1.ssm',
        '--subnet-ids',
        s.ids.subnets.appA,
        '--security-group-ids',
        sg,
        '--private-dns-enabled',
      ]).VpcEndpoint as { VpcEndpointId: string }
    ).VpcEndpointId;
    const dir = s.variant(base, join(work, 'endpoint-sg'), [
      'security-groups.json',
      'endpoints.json',
      'enis.json',
    ]);
    const { paths } = path(dir, taskA, 'ssm.us-east-1.amazonaws.com:443');
    assert.equal(paths[0]?.verdict, 'blocked');
    assert.deepEqual(
      [paths[0]?.blockedBy[0]?.kind, paths[0]?.blockedBy[0]?.resourceId, paths[0]?.blockedBy[0]?.direction],
      ['vpc-endpoint', sg, 'inbound'],
    );
    assert.match(paths[0]?.target.resolvedAs ?? '', new RegExp(ep));
    assert.equal(path(dir, `task/${TASK_B}`, 'ssm.us-east-1.amazonaws.com:443').paths[0]?.verdict, 'allowed');
  });

  it('ENI capacity: an EC2 task stuck in PROVISIONING on a t3.medium with all 3 ENIs attached', () => {
    for (const ip of ['10.0.10.71', '10.0.10.72']) {
      const eni = (
        s.run([
          'ec2',
          'create-network-interface',
          '--subnet-id',
          s.ids.subnets.appA,
          '--private-ip-address',
          ip,
          '--groups',
          s.ids.sg.task,
        ]).NetworkInterface as { NetworkInterfaceId: string }
      ).NetworkInterfaceId;
      s.run([
        'ec2',
        'attach-network-interface',
        '--network-interface-id',
        eni,
        '--instance-id',
        s.ids.instance,
        '--device-index',
        ip.endsWith('71') ? '1' : '2',
      ]);
    }
    const ciArn =
      'arn:aws:ecs:us-east-1:123456789012:container-instance/orders/5e4d3c2b1a0f49e8b7c6d5e4f3a2b1c0';
    const dir = s.variant(base, join(work, 'eni-capacity'), ['enis.json', 'instances.json'], {
      'ecs-tasks-ec2.json': {
        tasks: [
          {
            taskArn: `arn:aws:ecs:us-east-1:123456789012:task/orders/${TASK_EC2}`,
            clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/orders',
            group: 'service:orders-worker',
            lastStatus: 'PROVISIONING',
            desiredStatus: 'RUNNING',
            launchType: 'EC2',
            containerInstanceArn: ciArn,
            attachments: [
              {
                id: 'c1',
                type: 'ElasticNetworkInterface',
                status: 'PRECREATED',
                details: [{ name: 'subnetId', value: s.ids.subnets.appA }],
              },
            ],
          },
        ],
        failures: [],
      },
      'container-instances.json': {
        containerInstances: [
          { containerInstanceArn: ciArn, ec2InstanceId: s.ids.instance, status: 'ACTIVE' },
        ],
        failures: [],
      },
    });
    const [p] = path(dir, `task/${TASK_EC2}`, `${s.ids.dbHost}:5432`).paths;
    assert.equal(p?.verdict, 'blocked');
    assert.deepEqual(
      [p?.blockedBy[0]?.kind, p?.blockedBy[0]?.resourceId, p?.blockedBy[0]?.rule],
      ['eni-capacity', s.ids.instance, '3 of 3 ENIs'],
    );
  });

  it('transit gateway: the verdict is unknown beyond the VPC, with the MTU risk flagged', () => {
    const tgw = (s.run(['ec2', 'create-transit-gateway']).TransitGateway as { TransitGatewayId: string })
      .TransitGatewayId;
    s.run([
      'ec2',
      'create-route',
      '--route-table-id',
      s.ids.rtbPrivate,
      '--destination-cidr-block',
      '192.168.0.0/16',
      '--transit-gateway-id',
      tgw,
    ]);
    const dir = s.variant(base, join(work, 'tgw'), ['route-tables.json']);
    s.run([
      'ec2',
      'delete-route',
      '--route-table-id',
      s.ids.rtbPrivate,
      '--destination-cidr-block',
      '192.168.0.0/16',
    ]);
    const [p] = path(dir, taskA, '192.168.5.10:8443').paths;
    assert.equal(p?.verdict, 'unknown');
    assert.equal(p?.mtuRisk, true);
    assert.match(p?.explanation ?? '', new RegExp(`through a transit gateway \\(${tgw}\\)`));
  });
});

describe('netsleuth snapshot (AWS SDK v3 against moto_server)', () => {
  it('collects every describe-* output into one file that path and analyze read like the directory', () => {
    const file = join(work, 'snapshot.json');
    const r = runCli(
      ['snapshot', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--vpc', s.ids.vpc, '-o', file],
      { env: awsEnv() },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /NodeVersionSupportWarning/);
    const snap = JSON.parse(readFileSync(file, 'utf8')) as {
      netsleuthSnapshot: number;
      region: string;
      vpcId: string;
      documents: { call: string }[];
      warnings: string[];
    };
    assert.equal(snap.netsleuthSnapshot, 1);
    assert.equal(snap.region, 'us-east-1');
    assert.equal(snap.vpcId, s.ids.vpc);
    const calls = snap.documents.map((d) => d.call);
    for (const c of [
      'ec2 describe-vpcs',
      'ec2 describe-subnets',
      'ec2 describe-route-tables',
      'ec2 describe-network-acls',
      'ec2 describe-security-groups',
      'ec2 describe-network-interfaces',
      'ec2 describe-nat-gateways',
      'ec2 describe-vpc-endpoints',
      'rds describe-db-instances',
      'lambda list-functions',
    ]) {
      assert.ok(calls.includes(c), `${c} in ${calls.join(', ')}`);
    }
    assert.ok(calls.some((c) => c.includes('enableDnsHostnames')));
    // The same verdicts as from the directory the aws CLI printed (tasks come from a running service there).
    const eni = s.ids.eni.taskA;
    for (const to of [`${s.ids.dbHost}:5432`, 'api.stripe.com:443', '10.0.20.50:6379']) {
      assert.equal(path(file, eni, to).paths[0]?.verdict, path(base, eni, to).paths[0]?.verdict, to);
    }
  });

  it('a denied call leaves a warning and that part unknown; everything else is collected', async () => {
    // A proxy in front of moto that denies ec2:DescribeNetworkAcls, as an IAM policy without it would.
    const proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        if (body.toString('utf8').includes('Action=DescribeNetworkAcls')) {
          res.writeHead(403, { 'content-type': 'text/xml' });
          res.end(
            '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/oncall is not authorized to perform: ec2:DescribeNetworkAcls</Message></Error></Errors><RequestID>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestID></Response>',
          );
          return;
        }
        const upstream = httpRequest(
          `${moto.endpoint}${req.url ?? '/'}`,
          { method: req.method, headers: req.headers },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        upstream.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = proxy.address() as AddressInfo;
    try {
      const file = join(work, 'partial.json');
      const r = await runCliAsync(
        [
          'snapshot',
          '--endpoint-url',
          `http://127.0.0.1:${address.port}`,
          '--region',
          'us-east-1',
          '--vpc',
          s.ids.vpc,
          '-o',
          file,
        ],
        awsEnv(),
      );
      assert.equal(r.status, 0, r.stderr);
      assert.match(
        r.stderr,
        /warning: ec2 describe-network-acls failed \(UnauthorizedOperation: .*\): network ACLs will be unknown/,
      );
      const snap = JSON.parse(readFileSync(file, 'utf8')) as {
        documents: { call: string }[];
        warnings: string[];
      };
      assert.ok(!snap.documents.some((d) => d.call === 'ec2 describe-network-acls'));
      assert.equal(snap.warnings.length, 1);
      const [p] = path(file, s.ids.eni.taskA, `${s.ids.dbHost}:5432`).paths;
      assert.equal(p?.verdict, 'unknown');
      assert.ok(p?.missing.includes('ec2 describe-network-acls'));
    } finally {
      proxy.close();
    }
  });

  it('an unreachable endpoint is one clear sentence, exit 2, and no file', () => {
    const file = join(work, 'never.json');
    const r = runCli(
      ['snapshot', '--endpoint-url', 'http://127.0.0.1:9', '--region', 'us-east-1', '-o', file],
      { env: { ...awsEnv(), AWS_MAX_ATTEMPTS: '1' } },
    );
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^netsleuth: snapshot: ec2 describe-vpcs failed \(.*ECONNREFUSED/m);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});

describe('missing configuration: unknown with what to export, never a guess', () => {
  it('without security groups the path is unknown and says which describe call is missing', () => {
    const dir = s.variant(base, join(work, 'no-sgs'), []);
    rmSync(join(dir, 'security-groups.json'));
    const [p] = path(dir, taskA, `${s.ids.dbHost}:5432`).paths;
    assert.equal(p?.verdict, 'unknown');
    assert.deepEqual(p?.blockedBy, []);
    assert.ok(p?.missing.includes('ec2 describe-security-groups'), JSON.stringify(p?.missing));
  });

  it('a private name netsleuth cannot resolve offline is unknown, and asks for the address', () => {
    const [p] = path(base, taskA, 'postgres.internal:5432').paths;
    assert.equal(p?.verdict, 'unknown');
    assert.ok(p?.notes.some((n) => n.includes('give the address instead')));
  });

  it('a task not in describe-tasks is unknown', () => {
    const [p] = path(base, 'task/ffffffffffffffffffffffffffffffff', `${s.ids.dbHost}:5432`).paths;
    assert.equal(p?.verdict, 'unknown');
    assert.ok(p?.notes.some((n) => n.includes('export ecs describe-tasks')));
  });
});

describe('analyze --config joins findings to the configuration', () => {
  it('every failing target of an ECS finding gets rootCauses; the text report says it in one line', () => {
    const logs = join(work, 'ecs-logs.json');
    writeFileSync(logs, ecsExport(TASK_A, 'Error: connect ETIMEDOUT 10.0.21.60:5432'));
    const dir = join(work, 'bridge');
    const json = runCli(['analyze', logs, '--config', dir, '-f', 'json']);
    assert.equal(json.status, 0, json.stderr);
    const report = JSON.parse(json.stdout) as {
      findings: { targets: { rootCauses: PathJson['paths'] }[] }[];
      configuration: { present: string[] };
    };
    assert.ok(validate(report), JSON.stringify(validate.errors));
    const rc = report.findings[0]?.targets[0]?.rootCauses[0];
    assert.ok(rc);
    assert.equal(rc.verdict, 'blocked');
    assert.deepEqual(rc.source, {
      kind: 'task',
      id: TASK_A,
      subnetId: s.ids.subnets.appA,
      securityGroupIds: [s.ids.sg.task],
    });
    assert.deepEqual(rc.target.host, '10.0.21.60');
    assert.ok(report.configuration.present.includes('SecurityGroups'));
    const text = runCli(['analyze', logs, '--config', dir]);
    assert.match(text.stdout, /Root cause \(VPC configuration\)/);
    assert.match(text.stdout, /BLOCKED at sg-\w+ inbound: tcp\/5432 allowed only from/);
    const md = runCli(['analyze', logs, '--config', dir, '-f', 'markdown']);
    assert.match(md.stdout, /### Root cause \(VPC configuration\)/);
    const html = runCli(['analyze', logs, '--config', dir, '-f', 'html']);
    assert.match(html.stdout, /<li class="rc blocked">/);
  });

  it('Lambda: the function comes from the logs, --function, or is the only one in the configuration (said so)', () => {
    const logs = join(ROOT, 'examples', 'lambda-orders-worker.json');
    const r = runCli(['analyze', logs, '--config', base, '-f', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as {
      findings: { targets: { host: string; rootCauses: PathJson['paths'] }[] }[];
    };
    assert.ok(validate(report), JSON.stringify(validate.errors));
    const rows = report.findings[0]?.targets ?? [];
    const db = rows.find((t) => t.host === '10.0.3.47');
    assert.deepEqual(
      db?.rootCauses.map((rc) => [rc.source.kind, rc.source.id, rc.source.subnetId]).sort(),
      [
        ['function', 'orders-worker', s.ids.subnets.appA],
        ['function', 'orders-worker', s.ids.subnets.appB],
      ].sort(),
    );
    assert.ok(db?.rootCauses[0]?.notes.some((n) => n.includes('the only one in the configuration')));
    // 10.0.3.47 lies in the VPC but no ENI holds it: its groups are unknown, and so is the verdict
    assert.equal(db?.rootCauses[0]?.verdict, 'unknown');
    const other = JSON.parse(
      runCli(['analyze', logs, '--config', base, '--function', 'billing', '-f', 'json']).stdout,
    ) as typeof report;
    assert.ok(
      other.findings[0]?.targets[0]?.rootCauses[0]?.notes.some((n) =>
        n.includes('function billing is not in the configuration'),
      ),
    );
  });

  it('a live read of /aws/lambda/NAME names the function for the join', () => {
    const now = Date.now();
    const stream = '2026/11/22/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0';
    putLogEvents(moto.endpoint, '/aws/lambda/orders-worker', [
      {
        stream,
        timestamp: now - 60_000,
        message: 'START RequestId: 6c4d2f4e-1b2a-4c3d-9e8f-7a6b5c4d3e2f Version: $LATEST',
      },
      {
        stream,
        timestamp: now - 59_000,
        message: `2026-11-22T09:00:01.000Z\t6c4d2f4e-1b2a-4c3d-9e8f-7a6b5c4d3e2f\tERROR\tError: connect ETIMEDOUT 10.0.20.50:6379`,
      },
      { stream, timestamp: now - 58_000, message: 'END RequestId: 6c4d2f4e-1b2a-4c3d-9e8f-7a6b5c4d3e2f' },
      {
        stream,
        timestamp: now - 58_000,
        message:
          'REPORT RequestId: 6c4d2f4e-1b2a-4c3d-9e8f-7a6b5c4d3e2f\tDuration: 3003.11 ms\tBilled Duration: 3000 ms\tMemory Size: 512 MB\tMax Memory Used: 88 MB\tStatus: timeout',
      },
    ]);
    const r = runCli(
      [
        'analyze',
        '--log-group',
        '/aws/lambda/orders-worker',
        '--since',
        '1h',
        '--endpoint-url',
        moto.endpoint,
        '--region',
        'us-east-1',
        '--config',
        base,
        '-f',
        'json',
      ],
      { env: awsEnv() },
    );
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: { targets: { rootCauses: PathJson['paths'] }[] }[] };
    const rcs = report.findings[0]?.targets[0]?.rootCauses ?? [];
    assert.equal(rcs.length, 2, 'one path per subnet of the function');
    assert.ok(
      rcs.every(
        (rc) => rc.source.id === 'orders-worker' && !rc.notes.some((n) => n.includes('the only one')),
      ),
    );
    // the redis group lets only the task group in, not the function's
    assert.deepEqual(
      [rcs[0]?.verdict, rcs[0]?.blockedBy[0]?.kind, rcs[0]?.blockedBy[0]?.direction],
      ['blocked', 'security-group', 'inbound'],
    );
  });

  it('--source without --config is a usage error; a --config that holds nothing known is a clear error', () => {
    const logs = join(work, 'ecs-logs.json');
    const r = runCli(['analyze', logs, '--source', 'eni-1']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--source needs --config PATH/);
    const empty = mkdtempSync(join(work, 'empty-'));
    writeFileSync(join(empty, 'other.json'), '{"hello": 1}');
    const e = runCli(['analyze', logs, '--config', empty]);
    assert.equal(e.status, 2);
    assert.match(e.stderr, /no AWS CLI describe-\* output found/);
  });
});

describe('where failures come from: logs + configuration + flow logs', () => {
  it('names the subnet the failures concentrate in, the NACL that drops the replies, and what the flow logs saw', () => {
    const dir = join(work, 'nacl-return'); // app subnet B lets replies in only on 1024-32767 (scenario above)
    const start = Date.parse('2026-11-20T08:00:00Z');
    const events: object[] = [];
    for (let i = 0; i < 28; i++) {
      events.push({
        logStreamName: `ecs/api/${TASK_B}`,
        timestamp: start + i * 60_000,
        message: `[ioredis] Unhandled error event: Error: connect ETIMEDOUT 10.0.20.50:6379`,
        ingestionTime: start + i * 60_000 + 300,
        eventId: `b${i}`,
      });
      events.push({
        logStreamName: `ecs/api/${TASK_A}`,
        timestamp: start + i * 60_000 + 1000,
        message: 'GET /orders 200 12ms',
        ingestionTime: start + i * 60_000 + 1300,
        eventId: `a${i}`,
      });
    }
    const logs = join(work, 'attribution-logs.json');
    writeFileSync(logs, JSON.stringify({ events, searchedLogStreams: [] }));
    // VPC Flow Logs (custom v5 format, S3 delivery with its header): task B's requests leave, the replies are rejected coming in.
    const header =
      'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id sublocation-type sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path';
    const lines = [header];
    for (let i = 0; i < 28; i++) {
      const t = Math.floor((start + i * 60_000) / 1000);
      const port = 40000 + i;
      lines.push(
        `5 123456789012 ${s.ids.eni.taskB} 10.0.11.30 10.0.20.50 ${port} 6379 6 3 180 ${t} ${t + 59} ACCEPT OK ${s.ids.vpc} ${s.ids.subnets.appB} - 2 IPv4 10.0.11.30 10.0.20.50 us-east-1 use1-az4 - - - - egress 1`,
      );
      lines.push(
        `5 123456789012 ${s.ids.eni.taskB} 10.0.20.50 10.0.11.30 6379 ${port} 6 3 180 ${t} ${t + 59} REJECT OK ${s.ids.vpc} ${s.ids.subnets.appB} - 18 IPv4 10.0.20.50 10.0.11.30 us-east-1 use1-az4 - - - - ingress -`,
      );
    }
    const flows = join(work, 'flows.log');
    writeFileSync(flows, lines.join('\n') + '\n');

    const r = runCli(['analyze', logs, '--config', dir, '--flow-logs', flows, '-f', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as {
      findings: {
        attribution: { sentence: string; bySubnet: { subnetId: string; failures: number }[]; basis: string };
        flowEvidence: { verdict: string; explanation: string; target: { ip: string; port: number } }[];
        targets: { rootCauses: PathJson['paths'] }[];
      }[];
      flowLogs: { records: number };
    };
    assert.ok(validate(report), JSON.stringify(validate.errors));
    const f = report.findings[0];
    assert.ok(f);
    assert.equal(
      f.attribution.sentence,
      `All 28 failures came from ${s.ids.subnets.appB} (us-east-1b); ${s.ids.subnets.appA} (us-east-1a) had none.`,
    );
    assert.equal(f.attribution.basis, 'log-events');
    assert.deepEqual(
      f.flowEvidence.map((e) => [e.target.ip, e.target.port, e.verdict]),
      [['10.0.20.50', 6379, 'return-path-nacl']],
    );
    assert.equal(report.flowLogs.records, 56);
    const rc = f.targets[0]?.rootCauses[0];
    assert.deepEqual(
      [rc?.verdict, rc?.blockedBy[0]?.kind, rc?.blockedBy[0]?.direction],
      ['blocked', 'nacl', 'inbound'],
    );
    const text = runCli(['analyze', logs, '--config', dir, '--flow-logs', flows]);
    assert.match(text.stdout, /Where failures come from/);
    assert.match(text.stdout, /All 28 failures came from/);
    assert.match(text.stdout, /Flow logs: 10\.0\.20\.50:6379 return-path-nacl:/);
  });

  it('without configuration, failures by task still show, with the one task that holds them named', () => {
    const r = runCli(['analyze', join(work, 'attribution-logs.json'), '-f', 'json']);
    const f = (
      JSON.parse(r.stdout) as {
        findings: { attribution: { sentence: string; byTask: { taskId: string; failures: number }[] } }[];
      }
    ).findings[0];
    assert.equal(
      f?.attribution.sentence,
      `All 28 failures came from task ${TASK_B}; the other 1 task had none.`,
    );
    assert.deepEqual(
      f?.attribution.byTask.map((t) => [t.taskId, t.failures]),
      [
        [TASK_B, 28],
        [TASK_A, 0],
      ],
    );
  });
});

interface DoctorJson {
  status: string;
  dependencies: { host: string; port: number; origin: string }[];
  steps: { id: string; status: string; evidence: string[]; fix: string[] }[];
}

function doctor(dir: string, ...args: string[]): { json: DoctorJson; status: number | null } {
  const r = runCli(['doctor', '--config', dir, ...args, '-f', 'json']);
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  const json = JSON.parse(r.stdout) as DoctorJson;
  assert.equal(r.status, json.steps.some((x) => x.status === 'FAIL') ? 1 : 0);
  return { json, status: r.status };
}

const stepOf = (d: DoctorJson, id: string) => d.steps.find((x) => x.id === id);

describe('netsleuth doctor: the awsvpc checklist, step by step', () => {
  const services = (exec: boolean) => ({
    'ecs-services.json': {
      services: [
        {
          serviceName: 'orders-api',
          serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/orders/orders-api',
          launchType: 'FARGATE',
          taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders-api:7',
          networkConfiguration: {
            awsvpcConfiguration: {
              subnets: [s.ids.subnets.appA, s.ids.subnets.appB],
              securityGroups: [s.ids.sg.task],
              assignPublicIp: 'DISABLED',
            },
          },
          enableExecuteCommand: exec,
        },
      ],
      failures: [],
    },
    'task-definition.json': {
      taskDefinition: {
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders-api:7',
        family: 'orders-api',
        networkMode: 'awsvpc',
        containerDefinitions: [
          {
            name: 'api',
            environment: [
              { name: 'DB_HOST', value: s.ids.dbHost },
              { name: 'DB_PORT', value: '5432' },
              { name: 'REDIS_URL', value: 'redis://10.0.20.50:6379/0' },
              { name: 'LOG_LEVEL', value: 'info' },
            ],
          },
        ],
      },
    },
  });

  it('passes every step on the healthy base, with dependencies read from the task definition', () => {
    const dir = s.variant(base, join(work, 'doctor-ok'), [], services(true));
    const { json } = doctor(dir, '--service', 'orders-api');
    assert.deepEqual(
      json.dependencies.map((d) => [d.host, d.port, d.origin]),
      [
        [s.ids.dbHost, 5432, 'task definition DB_HOST'],
        ['10.0.20.50', 6379, 'task definition REDIS_URL'],
      ],
    );
    assert.deepEqual(
      json.steps.map((x) => [x.id, x.status]),
      [
        ['eni', 'PASS'],
        ['source-egress', 'PASS'],
        ['dependency-ingress', 'PASS'],
        ['nacls', 'PASS'],
        ['routing', 'PASS'],
        ['dns', 'PASS'],
        ['ecs-exec', 'PASS'],
        ['mtu', 'PASS'],
        ['aws-services', 'PASS'],
      ],
    );
    assert.equal(json.status, 'PASS');
    const md = runCli(['doctor', '--config', dir, '--service', 'orders-api', '-f', 'markdown']);
    assert.equal(md.status, 0);
    assert.match(md.stdout, /^## netsleuth doctor: task service\/orders-api/);
    assert.match(md.stdout, /\| 7 \| ECS Exec is enabled, to test from inside the task \| PASS \|/);
  });

  it('fails ECS Exec, DNS and the ENI step where they fail, with the command that fixes each', () => {
    s.run(['ec2', 'modify-vpc-attribute', '--vpc-id', s.ids.vpc, '--no-enable-dns-hostnames']);
    const dir = s.variant(base, join(work, 'doctor-bad'), ['dns-hostnames.json'], services(false));
    s.run(['ec2', 'modify-vpc-attribute', '--vpc-id', s.ids.vpc, '--enable-dns-hostnames']);
    const { json } = doctor(dir, '--service', 'orders-api');
    assert.equal(stepOf(json, 'ecs-exec')?.status, 'FAIL');
    assert.ok(stepOf(json, 'ecs-exec')?.fix.some((f) => f.includes('--enable-execute-command')));
    assert.equal(stepOf(json, 'dns')?.status, 'FAIL');
    assert.ok(
      stepOf(json, 'dns')?.fix.includes(
        `aws ec2 modify-vpc-attribute --vpc-id ${s.ids.vpc} --enable-dns-hostnames '{"Value":true}'`,
      ),
    );
    // the ENI capacity scenario above: an EC2 task stuck in PROVISIONING on a full t3.medium
    const eni = doctor(join(work, 'eni-capacity'), '--task', TASK_EC2, '--to', `${s.ids.dbHost}:5432`).json;
    assert.equal(stepOf(eni, 'eni')?.status, 'FAIL');
    assert.ok(stepOf(eni, 'eni')?.evidence.some((e) => /has 3 of 3 ENIs attached/.test(e)));
  });

  it('fails dependency-ingress on the bridge mistake and source-egress when egress is locked down to 443', () => {
    const bridge = doctor(join(work, 'bridge'), '--task', TASK_A, '--to', '10.0.21.60:5432').json;
    assert.equal(stepOf(bridge, 'source-egress')?.status, 'PASS');
    assert.equal(stepOf(bridge, 'dependency-ingress')?.status, 'FAIL');
    assert.ok(
      stepOf(bridge, 'dependency-ingress')?.evidence.some((e) =>
        e.includes('bridge → awsvpc migration mistake'),
      ),
    );
    // task A's ENI put in the group whose egress is only tcp/443
    const lockedGroup = (
      JSON.parse(readFileSync(join(work, 'egress', 'security-groups.json'), 'utf8')) as {
        SecurityGroups: { GroupId: string; GroupName: string }[];
      }
    ).SecurityGroups.find((g) => g.GroupName === 'locked-egress')?.GroupId;
    assert.ok(lockedGroup);
    s.run([
      'ec2',
      'modify-network-interface-attribute',
      '--network-interface-id',
      s.ids.eni.taskA,
      '--groups',
      lockedGroup,
    ]);
    const lockedDir = s.variant(join(work, 'egress'), join(work, 'doctor-egress'), ['enis.json']);
    s.run([
      'ec2',
      'modify-network-interface-attribute',
      '--network-interface-id',
      s.ids.eni.taskA,
      '--groups',
      s.ids.sg.task,
    ]);
    const egress = doctor(lockedDir, '--task', TASK_A, '--to', '10.0.20.50:6379').json;
    assert.equal(stepOf(egress, 'source-egress')?.status, 'FAIL');
    assert.ok(
      stepOf(egress, 'source-egress')?.fix.some((f) =>
        f.startsWith(`aws ec2 authorize-security-group-egress --group-id ${lockedGroup}`),
      ),
    );
    assert.equal(
      stepOf(egress, 'aws-services')?.status,
      'PASS',
      'tcp/443 is still open, so ECR and the rest are reachable',
    );
    const eniId = (
      JSON.parse(readFileSync(join(work, 'egress', 'enis.json'), 'utf8')) as {
        NetworkInterfaces: { NetworkInterfaceId: string; PrivateIpAddress: string }[];
      }
    ).NetworkInterfaces.find((e) => e.PrivateIpAddress === '10.0.10.40')?.NetworkInterfaceId;
    assert.ok(eniId);
    const locked = runCli([
      'path',
      '--config',
      join(work, 'egress'),
      '--from',
      eniId,
      '--to',
      '10.0.20.50:6379',
      '-f',
      'json',
    ]);
    assert.equal(locked.status, 1);
  });

  it('fails the NACL step on replies dropped by a stateless rule, and the MTU step when ICMP cannot come back through a transit gateway', () => {
    const nacl = doctor(join(work, 'nacl-return'), '--task', TASK_B, '--to', `${s.ids.dbHost}:5432`).json;
    assert.equal(stepOf(nacl, 'nacls')?.status, 'FAIL');
    assert.ok(stepOf(nacl, 'nacls')?.fix.some((f) => f.includes('From=32768,To=60999')));
    // a transit gateway route from the app subnets, and a NACL that lets TCP in but no ICMP
    const tgw = (s.run(['ec2', 'create-transit-gateway']).TransitGateway as { TransitGatewayId: string })
      .TransitGatewayId;
    s.run([
      'ec2',
      'create-route',
      '--route-table-id',
      s.ids.rtbPrivate,
      '--destination-cidr-block',
      '192.168.0.0/16',
      '--transit-gateway-id',
      tgw,
    ]);
    const acl = (
      s.run(['ec2', 'create-network-acl', '--vpc-id', s.ids.vpc]).NetworkAcl as { NetworkAclId: string }
    ).NetworkAclId;
    s.run([
      'ec2',
      'create-network-acl-entry',
      '--network-acl-id',
      acl,
      '--rule-number',
      '100',
      '--ingress',
      '--rule-action',
      'allow',
      '--protocol',
      'tcp',
      '--port-range',
      'From=0,To=65535',
      '--cidr-block',
      '0.0.0.0/0',
    ]);
    s.run([
      'ec2',
      'create-network-acl-entry',
      '--network-acl-id',
      acl,
      '--rule-number',
      '100',
      '--egress',
      '--rule-action',
      'allow',
      '--protocol',
      '-1',
      '--cidr-block',
      '0.0.0.0/0',
    ]);
    const restore = associate(acl, [s.ids.subnets.appA]);
    const dir = s.variant(base, join(work, 'doctor-mtu'), ['route-tables.json', 'nacls.json']);
    restore();
    s.run([
      'ec2',
      'delete-route',
      '--route-table-id',
      s.ids.rtbPrivate,
      '--destination-cidr-block',
      '192.168.0.0/16',
    ]);
    const mtu = doctor(dir, '--task', TASK_A).json;
    assert.equal(stepOf(mtu, 'mtu')?.status, 'FAIL');
    assert.ok(stepOf(mtu, 'mtu')?.fix.some((f) => f.includes('--icmp-type-code Type=3,Code=4')));
    assert.equal(stepOf(mtu, 'source-egress')?.status, 'SKIP', 'no dependency given');
  });

  it('fails routing when the NAT gateway sits in a private subnet, and the AWS services step with it', () => {
    const eip = s.run(['ec2', 'allocate-address', '--domain', 'vpc']).AllocationId as string;
    const nat = (
      s.run(['ec2', 'create-nat-gateway', '--subnet-id', s.ids.subnets.dbA, '--allocation-id', eip])
        .NatGateway as { NatGatewayId: string }
    ).NatGatewayId;
    s.run([
      'ec2',
      'replace-route',
      '--route-table-id',
      s.ids.rtbPrivate,
      '--destination-cidr-block',
      '0.0.0.0/0',
      '--nat-gateway-id',
      nat,
    ]);
    const dir = s.variant(base, join(work, 'doctor-nat'), ['route-tables.json', 'nat-gateways.json']);
    s.run([
      'ec2',
      'replace-route',
      '--route-table-id',
      s.ids.rtbPrivate,
      '--destination-cidr-block',
      '0.0.0.0/0',
      '--nat-gateway-id',
      s.ids.nat,
    ]);
    const { json } = doctor(dir, '--task', TASK_A);
    assert.equal(stepOf(json, 'routing')?.status, 'FAIL');
    assert.ok(
      stepOf(json, 'routing')?.evidence.some((e) =>
        e.includes('whose subnet has no route to an internet gateway'),
      ),
    );
    assert.equal(
      stepOf(json, 'aws-services')?.status,
      'FAIL',
      'ECR and CloudWatch Logs go through the NAT gateway',
    );
    assert.ok(
      stepOf(json, 'aws-services')?.evidence.some((e) =>
        e.startsWith('FAIL api.ecr.us-east-1.amazonaws.com'),
      ),
    );
  });

  it('a Lambda function: its VPC configuration, both subnets, no ECS Exec step; the Redis group does not let it in', () => {
    const { json } = doctor(
      base,
      '--function',
      'orders-worker',
      '--to',
      `${s.ids.dbHost}:5432`,
      '--to',
      '10.0.20.50:6379',
    );
    assert.equal(stepOf(json, 'eni')?.status, 'PASS');
    assert.equal(stepOf(json, 'ecs-exec')?.status, 'SKIP');
    assert.equal(stepOf(json, 'dependency-ingress')?.status, 'FAIL');
    assert.ok(
      stepOf(json, 'dependency-ingress')?.evidence.some((e) => e.startsWith(`PASS ${s.ids.dbHost}:5432`)),
    );
    assert.ok(
      stepOf(json, 'dependency-ingress')?.evidence.some(
        (e) => e.startsWith('FAIL 10.0.20.50:6379') && e.includes(`from ${s.ids.subnets.appB}`),
      ),
    );
    assert.equal(stepOf(json, 'routing')?.status, 'PASS');
  });

  it('usage: exactly one of --service, --task, --function', () => {
    const r = runCli(['doctor', '--config', base]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /exactly one of --service NAME, --task ID or --function NAME/);
  });
});

describe('netsleuth verify: reachability intents for CI', () => {
  const write = (name: string, text: string) => {
    const file = join(work, name);
    writeFileSync(file, text);
    return file;
  };

  it('passes when every intent holds; names the blocking rule when one does not; exit codes say which', () => {
    const intents = write(
      'intents.yaml',
      [
        '# what orders-api and orders-worker need, and what must stay closed',
        'intents:',
        `  - from: task/${TASK_A}`,
        '    to: rds/orders-db',
        '    expect: reachable',
        `  - from: task/${TASK_A}`,
        '    to: endpoint/secretsmanager:443',
        '    expect: reachable',
        '  - from: function:orders-worker',
        '    to: 10.0.20.50:6379',
        '    expect: blocked',
        '    description: the cache is for the API only',
        '',
      ].join('\n'),
    );
    const ok = runCli(['verify', intents, '--config', base, '-f', 'json']);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    const report = JSON.parse(ok.stdout) as {
      passed: number;
      violations: number;
      results: { outcome: string }[];
    };
    assert.deepEqual([report.passed, report.violations], [3, 0]);

    const bridge = write(
      'bridge-intents.json',
      JSON.stringify([
        { from: `task/${TASK_A}`, to: '10.0.21.60:5432', expect: 'reachable' },
        { from: `task/${TASK_A}`, to: '10.0.20.50:6379', expect: 'blocked' },
      ]),
    );
    const bad = runCli(['verify', bridge, '--config', join(work, 'bridge')]);
    assert.equal(bad.status, 1);
    assert.match(
      bad.stdout,
      /^VIOLATION task\/\S+ → 10\.0\.21\.60:5432 \(expect reachable\)\n\s+expected reachable, but blocked: BLOCKED at sg-\w+ inbound: tcp\/5432 allowed only from/m,
    );
    assert.match(
      bad.stdout,
      /expected blocked, but reachable: every security group, NACL and route lets 10\.0\.20\.50:6379 through/,
    );
    const md = runCli(['verify', bridge, '--config', join(work, 'bridge'), '-f', 'markdown']);
    assert.match(md.stdout, /^## netsleuth verify: 0 passed, 2 violated, 0 unknown/);
  });

  it('an intent the configuration cannot decide is unknown: it fails only with --strict', () => {
    const file = write(
      'unknown.yaml',
      `- from: task/${TASK_A}\n  to: postgres.internal:5432\n  expect: reachable\n`,
    );
    assert.equal(runCli(['verify', file, '--config', base]).status, 0);
    const strict = runCli(['verify', file, '--config', base, '--strict']);
    assert.equal(strict.status, 1);
    assert.match(strict.stdout, /^UNKNOWN/m);
  });

  it('a malformed intents file is one sentence naming the entry, exit 2', () => {
    const file = write('bad.yaml', 'intents:\n  - from: task/x\n    to: db\n    expect: reachable\n');
    const r = runCli(['verify', file, '--config', base]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /bad\.yaml: intent 1: "to" must be HOST:PORT/);
    const broken = write('broken.yaml', 'intents: [\n');
    assert.match(runCli(['verify', broken, '--config', base]).stderr, /broken\.yaml: not valid YAML or JSON/);
  });
});

/** Moves `subnets` to `acl`; returns a function that puts them back on the VPC's default NACL. */
function associate(acl: string, subnets: string[]): () => void {
  const moved: string[] = [];
  const all = s.run(['ec2', 'describe-network-acls', '--filters', `Name=vpc-id,Values=${s.ids.vpc}`])
    .NetworkAcls as {
    NetworkAclId: string;
    IsDefault: boolean;
    Associations: { NetworkAclAssociationId: string; SubnetId: string }[];
  }[];
  const defaultAcl = all.find((a) => a.IsDefault)?.NetworkAclId as string;
  for (const subnet of subnets) {
    const assoc = all.flatMap((a) => a.Associations).find((x) => x.SubnetId === subnet);
    if (!assoc) throw new Error(`no NACL association for ${subnet}`);
    const r = s.run([
      'ec2',
      'replace-network-acl-association',
      '--association-id',
      assoc.NetworkAclAssociationId,
      '--network-acl-id',
      acl,
    ]);
    moved.push(r.NewAssociationId as string);
  }
  return () => {
    for (const id of moved)
      s.run([
        'ec2',
        'replace-network-acl-association',
        '--association-id',
        id,
        '--network-acl-id',
        defaultAcl,
      ]);
  };
}

/** A filter-log-events export of one ECS awslogs stream with a failure repeated over ten minutes. */
function ecsExport(taskId: string, message: string): string {
  const start = Date.parse('2026-11-20T08:00:00Z');
  const events = Array.from({ length: 10 }, (_, i) => ({
    logStreamName: `ecs/api/${taskId}`,
    timestamp: start + i * 60_000,
    message: i % 2 === 0 ? message : 'GET /health 200 2ms',
    ingestionTime: start + i * 60_000 + 500,
    eventId: String(37000000000000000000000000000000000000000000000000000000 + i),
  }));
  return JSON.stringify({ events, searchedLogStreams: [] });
}
