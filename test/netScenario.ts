/**
 * Builds a realistic VPC in moto_server with the real `aws` CLI, and saves what `aws … describe-*` prints
 * into a directory, as a user would for `--config`. Where moto is unfaithful (ECS task ENIs with random
 * addresses outside their subnet, Lambda VpcConfig.VpcId hard-coded, no ENIs for RDS) the scenario writes
 * those documents by hand in the exact shape AWS prints (see ../shared/reference/MOTO-SUPPORT.md).
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aws } from './moto.js';

type Json = Record<string, unknown>;

export interface BaseIds {
  vpc: string;
  subnets: { pubA: string; pubB: string; appA: string; appB: string; dbA: string; dbB: string };
  igw: string;
  nat: string;
  rtbPublic: string;
  rtbPrivate: string;
  sg: { task: string; db: string; instances: string; endpoint: string; lambda: string; redis: string };
  eni: { taskA: string; taskB: string; redis: string };
  endpointSecrets: string;
  endpointS3: string;
  instance: string;
  dbHost: string;
}

export const TASK_A = '0f3a9d0c1b2e4d5f8a7b6c5d4e3f2a1b';
export const TASK_B = '7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29';
export const TASK_EC2 = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

export class Scenario {
  constructor(
    readonly endpoint: string,
    readonly ids: BaseIds,
  ) {}

  run(args: string[]): Json {
    const out = aws(this.endpoint, args);
    return out.trim() ? (JSON.parse(out) as Json) : {};
  }

  private calls(): Record<string, string[]> {
    const vpcFilter = ['--filters', `Name=vpc-id,Values=${this.ids.vpc}`];
    return {
      'vpcs.json': ['ec2', 'describe-vpcs', '--vpc-ids', this.ids.vpc],
      'dns-support.json': [
        'ec2',
        'describe-vpc-attribute',
        '--vpc-id',
        this.ids.vpc,
        '--attribute',
        'enableDnsSupport',
      ],
      'dns-hostnames.json': [
        'ec2',
        'describe-vpc-attribute',
        '--vpc-id',
        this.ids.vpc,
        '--attribute',
        'enableDnsHostnames',
      ],
      'subnets.json': ['ec2', 'describe-subnets', ...vpcFilter],
      'route-tables.json': ['ec2', 'describe-route-tables', ...vpcFilter],
      'nacls.json': ['ec2', 'describe-network-acls', ...vpcFilter],
      'security-groups.json': ['ec2', 'describe-security-groups', ...vpcFilter],
      'enis.json': ['ec2', 'describe-network-interfaces', ...vpcFilter],
      'nat-gateways.json': ['ec2', 'describe-nat-gateways'],
      'igws.json': ['ec2', 'describe-internet-gateways'],
      'endpoints.json': ['ec2', 'describe-vpc-endpoints'],
      'instances.json': ['ec2', 'describe-instances'],
      'instance-types.json': ['ec2', 'describe-instance-types', '--instance-types', 't3.medium'],
      'rds.json': ['rds', 'describe-db-instances'],
    };
  }

  /** Every describe-* output the model reads, as files in `dir`, plus the hand-made ECS and Lambda documents. */
  dump(dir: string, extra: Record<string, unknown> = {}): string {
    mkdirSync(dir, { recursive: true });
    for (const [file, args] of Object.entries(this.calls()))
      writeFileSync(join(dir, file), aws(this.endpoint, args));
    const docs = { 'ecs-tasks.json': this.tasks(), 'lambda-orders-worker.json': this.lambda(), ...extra };
    for (const [file, doc] of Object.entries(docs))
      writeFileSync(join(dir, file), JSON.stringify(doc, null, 2));
    return dir;
  }

  /** A copy of `baseDir` in which `files` are printed again by the CLI (after a scenario changed them) and `extra` added. */
  variant(baseDir: string, dir: string, files: string[], extra: Record<string, unknown> = {}): string {
    cpSync(baseDir, dir, { recursive: true });
    const calls = this.calls();
    for (const file of files) {
      const args = calls[file];
      if (!args) throw new Error(`no call for ${file}`);
      writeFileSync(join(dir, file), aws(this.endpoint, args));
    }
    for (const [file, doc] of Object.entries(extra))
      writeFileSync(join(dir, file), JSON.stringify(doc, null, 2));
    return dir;
  }

  /** `aws ecs describe-tasks` for the two Fargate tasks, by hand: moto gives task ENIs random addresses. */
  tasks(): Json {
    const task = (id: string, subnet: string, eni: string, ip: string) => ({
      taskArn: `arn:aws:ecs:us-east-1:123456789012:task/orders/${id}`,
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/orders',
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders-api:7',
      group: 'service:orders-api',
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      launchType: 'FARGATE',
      availabilityZone: subnet === this.ids.subnets.appA ? 'us-east-1a' : 'us-east-1b',
      attachments: [
        {
          id: 'b4d3c2a1-0000-4000-8000-000000000001',
          type: 'ElasticNetworkInterface',
          status: 'ATTACHED',
          details: [
            { name: 'subnetId', value: subnet },
            { name: 'networkInterfaceId', value: eni },
            { name: 'macAddress', value: '0a:1b:2c:3d:4e:5f' },
            { name: 'privateDnsName', value: `ip-${ip.replaceAll('.', '-')}.ec2.internal` },
            { name: 'privateIPv4Address', value: ip },
          ],
        },
      ],
      containers: [{ name: 'api', lastStatus: 'RUNNING', networkInterfaces: [{ privateIpv4Address: ip }] }],
    });
    return {
      tasks: [
        task(TASK_A, this.ids.subnets.appA, this.ids.eni.taskA, '10.0.10.25'),
        task(TASK_B, this.ids.subnets.appB, this.ids.eni.taskB, '10.0.11.30'),
      ],
      failures: [],
    };
  }

  /** `aws lambda get-function-configuration`, by hand: moto reports VpcId "vpc-123abc". */
  lambda(subnets = [this.ids.subnets.appA, this.ids.subnets.appB]): Json {
    return {
      FunctionName: 'orders-worker',
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-worker',
      Runtime: 'nodejs20.x',
      Timeout: 3,
      MemorySize: 512,
      VpcConfig: {
        SubnetIds: subnets,
        SecurityGroupIds: [this.ids.sg.lambda],
        VpcId: this.ids.vpc,
        Ipv6AllowedForDualStack: false,
      },
      State: 'Active',
    };
  }
}

function id(doc: Json, path: string[]): string {
  let v: unknown = doc;
  for (const p of path) v = (v as Json)[p];
  if (typeof v !== 'string') throw new Error(`no ${path.join('.')} in ${JSON.stringify(doc).slice(0, 200)}`);
  return v;
}

/**
 * A VPC 10.0.0.0/16 over two AZs: public subnets with an internet gateway and a NAT gateway; app subnets
 * routing 0.0.0.0/0 to the NAT and S3 to a gateway endpoint; database subnets; an RDS PostgreSQL instance that
 * lets the task group in on 5432; a Secrets Manager interface endpoint with private DNS; a Redis ENI.
 */
export function buildBase(endpoint: string): Scenario {
  const run = (args: string[]) => {
    const out = aws(endpoint, args);
    return out.trim() ? (JSON.parse(out) as Json) : {};
  };
  const vpc = id(run(['ec2', 'create-vpc', '--cidr-block', '10.0.0.0/16']), ['Vpc', 'VpcId']);
  run(['ec2', 'modify-vpc-attribute', '--vpc-id', vpc, '--enable-dns-hostnames', '{"Value":true}']);
  const subnet = (cidr: string, az: string) =>
    id(run(['ec2', 'create-subnet', '--vpc-id', vpc, '--cidr-block', cidr, '--availability-zone', az]), [
      'Subnet',
      'SubnetId',
    ]);
  const subnets = {
    pubA: subnet('10.0.0.0/24', 'us-east-1a'),
    pubB: subnet('10.0.1.0/24', 'us-east-1b'),
    appA: subnet('10.0.10.0/24', 'us-east-1a'),
    appB: subnet('10.0.11.0/24', 'us-east-1b'),
    dbA: subnet('10.0.20.0/24', 'us-east-1a'),
    dbB: subnet('10.0.21.0/24', 'us-east-1b'),
  };
  const igw = id(run(['ec2', 'create-internet-gateway']), ['InternetGateway', 'InternetGatewayId']);
  run(['ec2', 'attach-internet-gateway', '--internet-gateway-id', igw, '--vpc-id', vpc]);
  const rtbPublic = id(run(['ec2', 'create-route-table', '--vpc-id', vpc]), ['RouteTable', 'RouteTableId']);
  run([
    'ec2',
    'create-route',
    '--route-table-id',
    rtbPublic,
    '--destination-cidr-block',
    '0.0.0.0/0',
    '--gateway-id',
    igw,
  ]);
  for (const s of [subnets.pubA, subnets.pubB])
    run(['ec2', 'associate-route-table', '--route-table-id', rtbPublic, '--subnet-id', s]);
  const eip = id(run(['ec2', 'allocate-address', '--domain', 'vpc']), ['AllocationId']);
  const nat = id(run(['ec2', 'create-nat-gateway', '--subnet-id', subnets.pubA, '--allocation-id', eip]), [
    'NatGateway',
    'NatGatewayId',
  ]);
  const rtbPrivate = id(run(['ec2', 'create-route-table', '--vpc-id', vpc]), ['RouteTable', 'RouteTableId']);
  run([
    'ec2',
    'create-route',
    '--route-table-id',
    rtbPrivate,
    '--destination-cidr-block',
    '0.0.0.0/0',
    '--nat-gateway-id',
    nat,
  ]);
  for (const s of [subnets.appA, subnets.appB, subnets.dbA, subnets.dbB]) {
    run(['ec2', 'associate-route-table', '--route-table-id', rtbPrivate, '--subnet-id', s]);
  }
  const group = (name: string) =>
    id(run(['ec2', 'create-security-group', '--group-name', name, '--description', name, '--vpc-id', vpc]), [
      'GroupId',
    ]);
  const sg = {
    task: group('orders-api-task'),
    db: group('orders-db'),
    instances: group('ecs-container-instances'),
    endpoint: group('vpce-secretsmanager'),
    lambda: group('orders-worker-fn'),
    redis: group('orders-cache'),
  };
  run([
    'ec2',
    'authorize-security-group-ingress',
    '--group-id',
    sg.db,
    '--protocol',
    'tcp',
    '--port',
    '5432',
    '--source-group',
    sg.task,
  ]);
  run([
    'ec2',
    'authorize-security-group-ingress',
    '--group-id',
    sg.db,
    '--protocol',
    'tcp',
    '--port',
    '5432',
    '--source-group',
    sg.lambda,
  ]);
  run([
    'ec2',
    'authorize-security-group-ingress',
    '--group-id',
    sg.endpoint,
    '--protocol',
    'tcp',
    '--port',
    '443',
    '--cidr',
    '10.0.0.0/16',
  ]);
  run([
    'ec2',
    'authorize-security-group-ingress',
    '--group-id',
    sg.redis,
    '--protocol',
    'tcp',
    '--port',
    '6379',
    '--source-group',
    sg.task,
  ]);
  const eni = (subnetId: string, ip: string, groups: string[], description: string) =>
    id(
      run([
        'ec2',
        'create-network-interface',
        '--subnet-id',
        subnetId,
        '--private-ip-address',
        ip,
        '--groups',
        ...groups,
        '--description',
        description,
      ]),
      ['NetworkInterface', 'NetworkInterfaceId'],
    );
  const enis = {
    taskA: eni(
      subnets.appA,
      '10.0.10.25',
      [sg.task],
      'arn:aws:ecs:us-east-1:123456789012:attachment/b4d3c2a1',
    ),
    taskB: eni(
      subnets.appB,
      '10.0.11.30',
      [sg.task],
      'arn:aws:ecs:us-east-1:123456789012:attachment/c5e4d3b2',
    ),
    redis: eni(subnets.dbA, '10.0.20.50', [sg.redis], 'ElastiCache orders-cache-001'),
  };
  const endpointSecrets = id(
    run([
      'ec2',
      'create-vpc-endpoint',
      '--vpc-id',
      vpc,
      '--vpc-endpoint-type',
      'Interface',
      '--service-name',
      'com.amazonaws.us-east-1.secretsmanager',
      '--subnet-ids',
      subnets.appA,
      subnets.appB,
      '--security-group-ids',
      sg.endpoint,
      '--private-dns-enabled',
    ]),
    ['VpcEndpoint', 'VpcEndpointId'],
  );
  const endpointS3 = id(
    run([
      'ec2',
      'create-vpc-endpoint',
      '--vpc-id',
      vpc,
      '--vpc-endpoint-type',
      'Gateway',
      '--service-name',
      'com.amazonaws.us-east-1.s3',
      '--route-table-ids',
      rtbPrivate,
    ]),
    ['VpcEndpoint', 'VpcEndpointId'],
  );
  const instance = id(
    run([
      'ec2',
      'run-instances',
      '--image-id',
      'ami-12c6146b',
      '--instance-type',
      't3.medium',
      '--subnet-id',
      subnets.appA,
      '--security-group-ids',
      sg.instances,
      '--count',
      '1',
    ]),
    ['Instances', '0', 'InstanceId'],
  );
  run([
    'rds',
    'create-db-subnet-group',
    '--db-subnet-group-name',
    'orders-db',
    '--db-subnet-group-description',
    'orders',
    '--subnet-ids',
    subnets.dbA,
    subnets.dbB,
  ]);
  const db = run([
    'rds',
    'create-db-instance',
    '--db-instance-identifier',
    'orders-db',
    '--db-instance-class',
    'db.t3.micro',
    '--engine',
    'postgres',
    '--master-username',
    'orders',
    '--master-user-password',
    'not-a-real-password',
    '--allocated-storage',
    '20',
    '--db-subnet-group-name',
    'orders-db',
    '--vpc-security-group-ids',
    sg.db,
  ]);
  const dbHost = id(db, ['DBInstance', 'Endpoint', 'Address']);
  return new Scenario(endpoint, {
    vpc,
    subnets,
    igw,
    nat,
    rtbPublic,
    rtbPrivate,
    sg,
    eni: enis,
    endpointSecrets,
    endpointS3,
    instance,
    dbHost,
  });
}
