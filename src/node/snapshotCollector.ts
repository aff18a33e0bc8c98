/**
 * `netsleuth snapshot`: collects every describe-* output the configuration model reads, through the AWS
 * SDK v3, into one snapshot file. Paginated calls are merged; a call that is denied or unsupported becomes
 * a warning (what it leaves unknown is said), never a failed snapshot.
 */
import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribePrefixListsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type Filter,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import {
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListAccountSettingsCommand,
  ListClustersCommand,
  ListContainerInstancesCommand,
  ListServicesCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { DescribeCacheClustersCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import {
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { NetsleuthError } from '../core/errors.js';
import type { Snapshot } from '../network/snapshot.js';

export interface SnapshotOptions {
  region?: string;
  profile?: string;
  endpointUrl?: string;
  vpcId?: string;
  /** Progress, one line per call. */
  onCall?: (call: string) => void;
}

type Json = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyClient = { send: (command: any) => Promise<any>; destroy: () => void };

const PAGE_LIMIT = 1000;
const FATAL =
  /CredentialsProviderError|ProviderError|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|UnrecognizedClientException|AuthFailure|InvalidClientTokenId|ExpiredToken/;

function errorText(err: unknown): string {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  return `${e.name ?? 'Error'}${e.code ? ` ${e.code}` : ''}${e.cause?.code ? ` ${e.cause.code}` : ''}: ${(e.message ?? String(err)).replace(/\s+/g, ' ').trim()}`;
}

export async function collectSnapshot(options: SnapshotOptions): Promise<Snapshot> {
  // The SDK's documented opt-out of its Node 20 notice (see cloudWatchSource).
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const common = {
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    maxAttempts: 4,
  };
  const ec2 = new EC2Client(common);
  let region: string;
  try {
    region = await ec2.config.region();
  } catch {
    ec2.destroy();
    throw new NetsleuthError(
      'AWS_NO_REGION',
      'no AWS region: pass --region, set AWS_REGION, or set region in the profile',
    );
  }
  const clients: AnyClient[] = [ec2];
  const make = <T extends AnyClient>(c: T): T => {
    clients.push(c);
    return c;
  };
  const ecs = make(new ECSClient(common));
  const lambda = make(new LambdaClient(common));
  const rds = make(new RDSClient(common));
  const elasticache = make(new ElastiCacheClient(common));
  const elb = make(new ElasticLoadBalancingV2Client(common));

  const snapshot: Snapshot = {
    netsleuthSnapshot: 1,
    region,
    collectedAt: new Date().toISOString(),
    vpcId: options.vpcId ?? null,
    documents: [],
    warnings: [],
  };
  let succeeded = 0;

  /** Runs one (paginated) call; merges the list under `key` across pages. Null when it failed. */
  async function call(
    name: string,
    client: AnyClient,
    build: (token: string | undefined) => unknown,
    key: string,
    tokenOf: (out: Json) => string | undefined,
    leavesUnknown: string,
  ): Promise<Json | null> {
    options.onCall?.(name);
    const merged: Json = {};
    const items: unknown[] = [];
    let token: string | undefined;
    try {
      for (let page = 0; page < PAGE_LIMIT; page++) {
        const out = (await client.send(build(token))) as Json;
        delete out['$metadata'];
        for (const [k, v] of Object.entries(out)) if (k !== key && !(k in merged)) merged[k] = v;
        const list = out[key];
        if (Array.isArray(list)) items.push(...list);
        token = tokenOf(out);
        if (!token) break;
      }
    } catch (err) {
      const text = errorText(err);
      if (succeeded === 0 && FATAL.test(text)) {
        throw new NetsleuthError(
          /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT/.test(text) ? 'AWS_UNREACHABLE' : 'AWS_NO_CREDENTIALS',
          `snapshot: ${name} failed (${text}); nothing can be collected${/ProviderError/.test(text) ? ': set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run aws configure / aws sso login and pass --profile NAME' : /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT/.test(text) ? ': check --endpoint-url, the network and the proxy settings' : ': check or refresh the credentials'}`,
        );
      }
      snapshot.warnings.push(`${name} failed (${text}): ${leavesUnknown} will be unknown`);
      return null;
    }
    succeeded++;
    delete merged['NextToken'];
    delete merged['nextToken'];
    delete merged['Marker'];
    delete merged['NextMarker'];
    const output = { [key]: items, ...merged };
    // list-* calls only find what to describe; the model reads the describe-* outputs.
    if (!/^ecs list-(clusters|services|tasks|container-instances)/.test(name))
      snapshot.documents.push({ call: name, output });
    return output;
  }

  /** A single, unpaginated call. */
  async function single(
    name: string,
    client: AnyClient,
    command: unknown,
    leavesUnknown: string,
  ): Promise<Json | null> {
    options.onCall?.(name);
    try {
      const out = (await client.send(command)) as Json;
      delete out['$metadata'];
      succeeded++;
      snapshot.documents.push({ call: name, output: out });
      return out;
    } catch (err) {
      snapshot.warnings.push(`${name} failed (${errorText(err)}): ${leavesUnknown} will be unknown`);
      return null;
    }
  }

  try {
    const vpcFilter: Filter[] | undefined = options.vpcId
      ? [{ Name: 'vpc-id', Values: [options.vpcId] }]
      : undefined;
    const f = vpcFilter ? { Filters: vpcFilter } : {};
    const next = (o: Json) => (typeof o.NextToken === 'string' && o.NextToken ? o.NextToken : undefined);
    const vpcs = await call(
      'ec2 describe-vpcs',
      ec2,
      (t) => new DescribeVpcsCommand({ ...(options.vpcId ? { VpcIds: [options.vpcId] } : {}), NextToken: t }),
      'Vpcs',
      next,
      'the VPCs and their CIDR blocks',
    );
    for (const v of (vpcs?.Vpcs as Json[] | undefined) ?? []) {
      const VpcId = v.VpcId as string;
      await single(
        `ec2 describe-vpc-attribute --vpc-id ${VpcId} --attribute enableDnsSupport`,
        ec2,
        new DescribeVpcAttributeCommand({ VpcId, Attribute: 'enableDnsSupport' }),
        `DNS resolution of ${VpcId}`,
      );
      await single(
        `ec2 describe-vpc-attribute --vpc-id ${VpcId} --attribute enableDnsHostnames`,
        ec2,
        new DescribeVpcAttributeCommand({ VpcId, Attribute: 'enableDnsHostnames' }),
        `DNS hostnames of ${VpcId}`,
      );
    }
    await call(
      'ec2 describe-subnets',
      ec2,
      (t) => new DescribeSubnetsCommand({ ...f, NextToken: t }),
      'Subnets',
      next,
      'subnets (and so NACLs and routes)',
    );
    await call(
      'ec2 describe-route-tables',
      ec2,
      (t) => new DescribeRouteTablesCommand({ ...f, NextToken: t }),
      'RouteTables',
      next,
      'routes',
    );
    await call(
      'ec2 describe-network-acls',
      ec2,
      (t) => new DescribeNetworkAclsCommand({ ...f, NextToken: t }),
      'NetworkAcls',
      next,
      'network ACLs',
    );
    await call(
      'ec2 describe-security-groups',
      ec2,
      (t) => new DescribeSecurityGroupsCommand({ ...f, NextToken: t }),
      'SecurityGroups',
      next,
      'security group rules',
    );
    await call(
      'ec2 describe-network-interfaces',
      ec2,
      (t) => new DescribeNetworkInterfacesCommand({ ...f, NextToken: t }),
      'NetworkInterfaces',
      next,
      'which address belongs to what',
    );
    await call(
      'ec2 describe-nat-gateways',
      ec2,
      (t) => new DescribeNatGatewaysCommand({ ...(vpcFilter ? { Filter: vpcFilter } : {}), NextToken: t }),
      'NatGateways',
      next,
      'NAT gateways',
    );
    await call(
      'ec2 describe-internet-gateways',
      ec2,
      (t) =>
        new DescribeInternetGatewaysCommand({
          ...(options.vpcId ? { Filters: [{ Name: 'attachment.vpc-id', Values: [options.vpcId] }] } : {}),
          NextToken: t,
        }),
      'InternetGateways',
      next,
      'internet gateways',
    );
    await call(
      'ec2 describe-vpc-endpoints',
      ec2,
      (t) => new DescribeVpcEndpointsCommand({ ...f, NextToken: t }),
      'VpcEndpoints',
      next,
      'VPC endpoints',
    );
    await call(
      'ec2 describe-prefix-lists',
      ec2,
      (t) => new DescribePrefixListsCommand({ NextToken: t }),
      'PrefixLists',
      next,
      'AWS prefix lists',
    );
    await call(
      'ec2 describe-flow-logs',
      ec2,
      (t) =>
        new DescribeFlowLogsCommand({
          ...(options.vpcId ? { Filter: [{ Name: 'resource-id', Values: [options.vpcId] }] } : {}),
          NextToken: t,
        }),
      'FlowLogs',
      next,
      'the flow log format (pass --flow-log-format)',
    );
    const reservations = await call(
      'ec2 describe-instances',
      ec2,
      (t) => new DescribeInstancesCommand({ ...f, NextToken: t }),
      'Reservations',
      next,
      'EC2 container instances',
    );
    const types = new Set<string>();
    for (const r of (reservations?.Reservations as Json[] | undefined) ?? [])
      for (const i of (r.Instances as Json[] | undefined) ?? [])
        if (typeof i.InstanceType === 'string') types.add(i.InstanceType);
    if (types.size > 0) {
      const list = [...types].slice(0, 100) as _InstanceType[];
      await call(
        `ec2 describe-instance-types --instance-types ${list.join(' ')}`,
        ec2,
        (t) => new DescribeInstanceTypesCommand({ InstanceTypes: list, NextToken: t }),
        'InstanceTypes',
        next,
        'ENI limits of the instance types',
      );
    }

    // ECS: every cluster's services, tasks, task definitions and container instances.
    const ecsNext = (o: Json) => (typeof o.nextToken === 'string' && o.nextToken ? o.nextToken : undefined);
    const clusters = await call(
      'ecs list-clusters',
      ecs,
      (t) => new ListClustersCommand({ nextToken: t }),
      'clusterArns',
      ecsNext,
      'ECS clusters, tasks and services',
    );
    const taskDefinitions = new Set<string>();
    for (const cluster of ((clusters?.clusterArns as string[] | undefined) ?? []).slice(0, 50)) {
      const services = await call(
        `ecs list-services --cluster ${cluster}`,
        ecs,
        (t) => new ListServicesCommand({ cluster, nextToken: t }),
        'serviceArns',
        ecsNext,
        `services of ${cluster}`,
      );
      const serviceArns = (services?.serviceArns as string[] | undefined) ?? [];
      for (let i = 0; i < serviceArns.length; i += 10) {
        const out = await single(
          `ecs describe-services --cluster ${cluster}`,
          ecs,
          new DescribeServicesCommand({ cluster, services: serviceArns.slice(i, i + 10) }),
          `services of ${cluster}`,
        );
        for (const s of (out?.services as Json[] | undefined) ?? [])
          if (typeof s.taskDefinition === 'string') taskDefinitions.add(s.taskDefinition);
      }
      for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
        const tasks = await call(
          `ecs list-tasks --cluster ${cluster} --desired-status ${desiredStatus}`,
          ecs,
          (t) => new ListTasksCommand({ cluster, desiredStatus, nextToken: t }),
          'taskArns',
          ecsNext,
          `tasks of ${cluster}`,
        );
        const arns = (tasks?.taskArns as string[] | undefined) ?? [];
        for (let i = 0; i < Math.min(arns.length, 1000); i += 100) {
          await single(
            `ecs describe-tasks --cluster ${cluster}`,
            ecs,
            new DescribeTasksCommand({ cluster, tasks: arns.slice(i, i + 100) }),
            `tasks of ${cluster}`,
          );
        }
      }
      const instances = await call(
        `ecs list-container-instances --cluster ${cluster}`,
        ecs,
        (t) => new ListContainerInstancesCommand({ cluster, nextToken: t }),
        'containerInstanceArns',
        ecsNext,
        `container instances of ${cluster}`,
      );
      const ciArns = (instances?.containerInstanceArns as string[] | undefined) ?? [];
      for (let i = 0; i < ciArns.length; i += 100) {
        await single(
          `ecs describe-container-instances --cluster ${cluster}`,
          ecs,
          new DescribeContainerInstancesCommand({ cluster, containerInstances: ciArns.slice(i, i + 100) }),
          `container instances of ${cluster}`,
        );
      }
    }
    for (const td of [...taskDefinitions].slice(0, 200)) {
      await single(
        `ecs describe-task-definition --task-definition ${td}`,
        ecs,
        new DescribeTaskDefinitionCommand({ taskDefinition: td }),
        `task definition ${td}`,
      );
    }
    await single(
      'ecs list-account-settings --name awsvpcTrunking --effective-settings',
      ecs,
      new ListAccountSettingsCommand({ name: 'awsvpcTrunking', effectiveSettings: true }),
      'whether awsvpc trunking is on',
    );

    const marker = (o: Json) =>
      typeof o.NextMarker === 'string' && o.NextMarker
        ? o.NextMarker
        : typeof o.Marker === 'string' && o.Marker
          ? o.Marker
          : undefined;
    await call(
      'lambda list-functions',
      lambda,
      (t) => new ListFunctionsCommand({ Marker: t }),
      'Functions',
      marker,
      'Lambda functions and their VPC configuration',
    );
    await call(
      'rds describe-db-instances',
      rds,
      (t) => new DescribeDBInstancesCommand({ Marker: t }),
      'DBInstances',
      marker,
      'RDS instances',
    );
    await call(
      'rds describe-db-clusters',
      rds,
      (t) => new DescribeDBClustersCommand({ Marker: t }),
      'DBClusters',
      marker,
      'Aurora clusters',
    );
    await call(
      'elasticache describe-cache-clusters --show-cache-node-info',
      elasticache,
      (t) => new DescribeCacheClustersCommand({ ShowCacheNodeInfo: true, Marker: t }),
      'CacheClusters',
      marker,
      'ElastiCache clusters',
    );
    await call(
      'elbv2 describe-load-balancers',
      elb,
      (t) => new DescribeLoadBalancersCommand({ Marker: t }),
      'LoadBalancers',
      marker,
      'load balancers',
    );
  } finally {
    for (const c of clients) c.destroy();
  }
  if (succeeded === 0)
    throw new NetsleuthError(
      'AWS_REQUEST_FAILED',
      `snapshot: every call failed (${snapshot.warnings[0] ?? 'no answer'})`,
    );
  return snapshot;
}
