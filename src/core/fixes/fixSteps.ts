import type { FixStep, TargetRow } from '../report.js';
import { awsServiceOfHost } from '../signatures/services.js';
import type { ErrorClass } from '../signatures/types.js';

/** What the fix steps are chosen and filled in from. */
export interface FixContext {
  platform: 'ecs' | 'lambda';
  targets: TargetRow[];
  /** ECS task ids seen failing (from awslogs stream names). */
  taskIds: string[];
  /** Lambda function names, when the logs name them. */
  functionNames: string[];
}

const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;
const MAX_TARGETS_IN_COMMANDS = 3;

function quoteArg(s: string): string {
  if (/^<[a-z-]+>$/.test(s)) return s; // a placeholder for the user to fill in
  return /^[A-Za-z0-9._:/=,@+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function regionOf(targets: TargetRow[]): string | undefined {
  for (const t of targets) {
    const m = t.host
      ? /\.([a-z]{2}(?:-gov)?-[a-z]{4,10}-\d)\.(?:rds\.|cache\.)?amazonaws\.com$/.exec(t.host)
      : null;
    if (m) return m[1];
  }
  return undefined;
}

function hasClass(ctx: FixContext, ...classes: ErrorClass[]): TargetRow[] {
  return ctx.targets.filter((t) => classes.includes(t.class));
}

function label(t: TargetRow): string {
  const where = t.port !== null ? `${t.host ?? '(unknown host)'}:${t.port}` : (t.host ?? '(unknown host)');
  return t.service ? `${where} (${t.service})` : where;
}

/** ` Targets: a, b and 2 more.` — empty when no failing line printed its target. */
function listTargets(rows: TargetRow[]): string {
  const named = rows.filter((t) => t.host !== null);
  if (named.length === 0) return '';
  const shown = named.slice(0, MAX_TARGETS_IN_COMMANDS).map(label);
  const more = named.length > shown.length ? ` and ${named.length - shown.length} more` : '';
  return ` Targets: ${shown.join(', ')}${more}.`;
}

/** ECS tasks that logged these failures (falling back to any failing task), for commands to name. */
function tasksOf(ctx: FixContext, rows: TargetRow[]): string[] {
  const tasks = [...new Set(rows.flatMap((t) => t.tasks ?? []))];
  return tasks.length > 0 ? tasks : ctx.taskIds;
}

/** Commands that show the security groups and subnet of the failing source. */
function sourceCommands(ctx: FixContext, rows: TargetRow[]): string[] {
  if (ctx.platform === 'lambda') {
    const fn = ctx.functionNames[0] ?? '<function-name>';
    return [
      `aws lambda get-function-configuration --function-name ${quoteArg(fn)} --query 'VpcConfig.{subnets:SubnetIds,groups:SecurityGroupIds,vpc:VpcId}'`,
    ];
  }
  const task = tasksOf(ctx, rows)[0] ?? '<task-id>';
  return [
    `aws ecs describe-tasks --cluster <cluster> --tasks ${quoteArg(task)} --query 'tasks[].attachments[].details'`,
    `aws ec2 describe-network-interfaces --network-interface-ids <eni-id-from-above> --query 'NetworkInterfaces[].{subnet:SubnetId,groups:Groups[].GroupId}'`,
  ];
}

/** Commands that find what owns a target (its ENI, database or cache) and so its security groups. */
function targetOwnerCommands(rows: TargetRow[]): string[] {
  const commands: string[] = [];
  for (const t of rows.slice(0, MAX_TARGETS_IN_COMMANDS)) {
    if (!t.host) continue;
    if (IPV4.test(t.host)) {
      commands.push(
        `aws ec2 describe-network-interfaces --filters Name=addr.private-ip-address,Values=${t.host} --query 'NetworkInterfaces[].{eni:NetworkInterfaceId,subnet:SubnetId,groups:Groups[].GroupId,owner:Description}'`,
      );
    } else if (t.host.endsWith('.rds.amazonaws.com')) {
      commands.push(
        `aws rds describe-db-instances --query "DBInstances[?Endpoint.Address=='${t.host}'].{status:DBInstanceStatus,port:Endpoint.Port,groups:VpcSecurityGroups[].VpcSecurityGroupId,subnets:DBSubnetGroup.Subnets[].SubnetIdentifier}"`,
      );
    } else if (t.host.endsWith('.cache.amazonaws.com')) {
      commands.push(
        `aws elasticache describe-cache-clusters --show-cache-node-info --query 'CacheClusters[].{id:CacheClusterId,status:CacheClusterStatus,groups:SecurityGroups[].SecurityGroupId,subnetGroup:CacheSubnetGroupName}'`,
      );
    }
  }
  return commands;
}

function securityGroupsStep(ctx: FixContext, rows: TargetRow[]): FixStep {
  const ports = [...new Set(rows.map((t) => t.port).filter((p): p is number => p !== null))];
  const portText = ports.length > 0 ? `tcp/${ports.join(', tcp/')}` : 'the target port';
  const who = ctx.platform === 'lambda' ? "the function's" : "the task's";
  return {
    id: 'security-groups',
    title: 'Check the security groups on both sides',
    detail:
      `A connect timeout means the packets were dropped, not refused, and a security group is the usual place. ` +
      `${who[0]?.toUpperCase()}${who.slice(1)} group needs an outbound rule for ${portText}; the target's group needs an inbound ` +
      `rule for ${portText} that references ${who} security group by ID (not the container instances' group, ` +
      `not an old IP range).${listTargets(rows)}`,
    commands: [
      ...sourceCommands(ctx, rows),
      ...targetOwnerCommands(rows),
      `aws ec2 describe-security-groups --group-ids <source-sg> <target-sg> --query 'SecurityGroups[].{id:GroupId,inbound:IpPermissions,outbound:IpPermissionsEgress}'`,
    ],
  };
}

function naclStep(rows: TargetRow[]): FixStep {
  return {
    id: 'network-acls',
    title: 'Check the network ACLs of both subnets, return traffic included',
    detail:
      'NACLs are stateless: the source subnet must allow the request out and the replies back in on the ephemeral ' +
      'ports (1024-65535), and the target subnet must allow the request in and the replies out. Rules apply in ' +
      `rule-number order and the final * rule denies.${listTargets(rows)}`,
    commands: [
      `aws ec2 describe-network-acls --filters Name=association.subnet-id,Values=<source-subnet-id>,<target-subnet-id> --query 'NetworkAcls[].{id:NetworkAclId,entries:Entries}'`,
    ],
  };
}

/** `describe-vpc-endpoints` for the AWS service endpoints among the targets. */
function vpcEndpointCommands(rows: TargetRow[], region: string | undefined): string[] {
  const services = new Set<string>();
  for (const t of rows) {
    if (!t.host || !awsServiceOfHost(t.host) || /\.(rds|cache)\.amazonaws\.com$/.test(t.host)) continue;
    services.add(t.host.split('.')[0] ?? '<service>');
  }
  return [...services]
    .slice(0, MAX_TARGETS_IN_COMMANDS)
    .map(
      (svc) =>
        `aws ec2 describe-vpc-endpoints --filters Name=service-name,Values=com.amazonaws.${region ?? '<region>'}.${svc} --query 'VpcEndpoints[].{id:VpcEndpointId,type:VpcEndpointType,state:State,privateDns:PrivateDnsEnabled,groups:Groups}'`,
    );
}

function routesStep(ctx: FixContext, rows: TargetRow[], region: string | undefined): FixStep {
  const aws = rows.filter(
    (t) => t.host && awsServiceOfHost(t.host) && !/\.(rds|cache)\.amazonaws\.com$/.test(t.host),
  );
  const endpointCommands = vpcEndpointCommands(aws, region);
  const publicSubnetHint =
    ctx.platform === 'ecs'
      ? ' A Fargate task in a public subnet reaches the internet only with assignPublicIp ENABLED.'
      : ' A function attached to a VPC never gets a public IP, so its subnets must route through a NAT gateway.';
  return {
    id: 'routes-nat',
    title: 'Check the route table, the NAT gateway and VPC endpoints',
    detail:
      'A private subnet needs a 0.0.0.0/0 route to a NAT gateway (which itself sits in a public subnet with an ' +
      'internet gateway route) to reach public endpoints, or VPC endpoints for the AWS services it calls.' +
      publicSubnetHint +
      (aws.length > 0
        ? ` AWS service endpoints seen failing: ${aws.slice(0, MAX_TARGETS_IN_COMMANDS).map(label).join(', ')}; an interface endpoint (gateway endpoint for S3 and DynamoDB) avoids the NAT path.`
        : `${listTargets(rows)}`),
    commands: [
      `aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=<source-subnet-id> --query 'RouteTables[].Routes'`,
      `aws ec2 describe-nat-gateways --filter Name=state,Values=available --query 'NatGateways[].{id:NatGatewayId,subnet:SubnetId,state:State}'`,
      ...endpointCommands,
    ],
  };
}

function dnsStep(ctx: FixContext, rows: TargetRow[], region: string | undefined): FixStep {
  const names = rows.map((t) => t.host).filter((h): h is string => h !== null && !IPV4.test(h));
  const privateNames = names.filter((h) => !h.endsWith('.amazonaws.com'));
  const awsNames = names.filter((h) => h.endsWith('.amazonaws.com'));
  const commands = [
    `aws ec2 describe-vpc-attribute --vpc-id <vpc-id> --attribute enableDnsSupport`,
    `aws ec2 describe-vpc-attribute --vpc-id <vpc-id> --attribute enableDnsHostnames`,
  ];
  for (const name of privateNames.slice(0, MAX_TARGETS_IN_COMMANDS)) {
    const zone = name.split('.').slice(1).join('.') || name;
    commands.push(
      `aws route53 list-hosted-zones-by-name --dns-name ${quoteArg(zone)} --query 'HostedZones[].{id:Id,name:Name,private:Config.PrivateZone}'`,
    );
  }
  if (privateNames.length > 0) {
    commands.push(
      `aws route53 list-hosted-zones-by-vpc --vpc-id <vpc-id> --vpc-region ${region ?? '<region>'}`,
    );
    commands.push(`aws servicediscovery list-namespaces --query 'Namespaces[].{name:Name,type:Type}'`);
  }
  commands.push(...vpcEndpointCommands(rows, region));
  if (ctx.platform === 'ecs' && names[0]) {
    commands.push(
      `aws ecs execute-command --cluster <cluster> --task ${quoteArg(tasksOf(ctx, rows)[0] ?? '<task-id>')} --container <container> --interactive --command ${quoteArg(`nslookup ${names[0]}`)}`,
    );
  }
  return {
    id: 'dns-resolution',
    title: 'Check DNS resolution from inside the VPC',
    detail:
      'The name did not resolve. Tasks and functions in a VPC ask the Amazon resolver at the VPC base address +2, ' +
      'which answers only when the VPC has enableDnsSupport on (and enableDnsHostnames for private DNS names, such as ' +
      'those of interface endpoints). ' +
      (privateNames.length > 0
        ? `For private names (${privateNames.slice(0, MAX_TARGETS_IN_COMMANDS).join(', ')}), check that the private hosted zone is associated with this VPC, or that the Cloud Map namespace exists and the service has healthy instances. `
        : '') +
      (awsNames.length > 0
        ? `For AWS endpoints (${awsNames.slice(0, MAX_TARGETS_IN_COMMANDS).join(', ')}), an interface endpoint with private DNS needs both VPC DNS attributes. `
        : '') +
      'A custom DHCP option set with an unreachable DNS server breaks every lookup.',
    commands,
  };
}

function refusedStep(ctx: FixContext, rows: TargetRow[]): FixStep {
  return {
    id: 'target-listening',
    title: 'Check that the target is up and listening on that port',
    detail:
      'Connection refused means the packets arrived and the host answered with a reset: the network path is open, ' +
      'but nothing listens on that port. Check that the service is running, on that port, and healthy; after a ' +
      'deployment, stale DNS or service-discovery entries can still point at the IPs of stopped tasks. ' +
      listTargets(rows).trim(),
    commands: [
      ...targetOwnerCommands(rows),
      ...(ctx.platform === 'ecs'
        ? [`aws servicediscovery list-instances --service-id <service-id> --query 'Instances[].Attributes'`]
        : []),
      `aws elbv2 describe-target-health --target-group-arn <target-group-arn>`,
    ],
  };
}

function unreachableStep(rows: TargetRow[]): FixStep {
  return {
    id: 'route-to-target',
    title: 'Find the missing route to the target network',
    detail:
      'No route to host / network unreachable: the source subnet has no route that covers the target address, or ' +
      'the route is a blackhole (a deleted NAT gateway, peering connection or transit gateway attachment). ' +
      listTargets(rows).trim(),
    commands: [
      `aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=<source-subnet-id> --query 'RouteTables[].Routes'`,
    ],
  };
}

function resetStep(rows: TargetRow[]): FixStep {
  return {
    id: 'idle-timeouts',
    title: 'Align keep-alive and pool idle times with the idle timeouts on the path',
    detail:
      'Resets on connections that used to work usually come from an idle timeout on the path: a NAT gateway drops a ' +
      'flow idle for 350 seconds, load balancers and proxies have their own. Keep pooled connections idle for less ' +
      'than that, or enable TCP keep-alive below it, and retry once on a reset. ' +
      listTargets(rows).trim(),
    commands: [
      `aws cloudwatch get-metric-statistics --namespace AWS/NATGateway --metric-name IdleTimeoutCount --dimensions Name=NatGatewayId,Value=<nat-gateway-id> --start-time <start> --end-time <end> --period 300 --statistics Sum`,
    ],
  };
}

function tlsStep(rows: TargetRow[]): FixStep {
  return {
    id: 'tls-handshake',
    title: 'Check the path MTU and whatever terminates TLS',
    detail:
      'The TCP connection opened but the TLS handshake did not finish. Large handshake packets silently dropped on a ' +
      'path with a smaller MTU (VPN, Direct Connect, transit gateway) look exactly like this, as do proxies and ' +
      'firewalls that cut the connection. Allow ICMP "fragmentation needed" (type 3, code 4) so path MTU discovery ' +
      `works, or lower the MTU.${listTargets(rows)}`,
    commands: [
      `aws ec2 describe-network-acls --filters Name=association.subnet-id,Values=<source-subnet-id> --query 'NetworkAcls[].Entries[?Protocol==\`1\`]'`,
    ],
  };
}

function poolStep(rows: TargetRow[]): FixStep {
  return {
    id: 'connection-pool',
    title: 'Size the connection pool and look for leaked connections',
    detail:
      'A pool-acquire timeout means every pooled connection was busy and the caller gave up waiting for one; the ' +
      'network may be fine, so security groups and routes are not where to look. Check for connections that are ' +
      'never released (a missing release, close or transaction end on an error path), long transactions holding ' +
      'connections, a pool smaller than the concurrency it serves, and the database-side limit (max_connections) ' +
      'divided over every task or concurrent Lambda environment. RDS Proxy shares connections between Lambda ' +
      `environments.${listTargets(rows)}`,
    commands: [
      `aws cloudwatch get-metric-statistics --namespace AWS/RDS --metric-name DatabaseConnections --dimensions Name=DBInstanceIdentifier,Value=<db-instance-id> --start-time <start> --end-time <end> --period 300 --statistics Maximum`,
    ],
  };
}

function connectTimeoutStep(ctx: FixContext): FixStep {
  return {
    id: 'connect-timeouts',
    title: 'Set short connect timeouts and retry with backoff',
    detail:
      (ctx.platform === 'lambda'
        ? 'An unreachable host holds the invocation until the client gives up, billing every second of it and often running into the function timeout. '
        : 'An unreachable host holds a request and a pooled connection until the client gives up. ') +
      'Set the connect timeout to a few seconds, separate from the read timeout, retry with exponential backoff ' +
      '(e.g. 100 ms, 200 ms, 400 ms, capped), and stop calling a target that keeps failing (circuit breaker).',
    commands: [],
  };
}

function eniStep(): FixStep {
  return {
    id: 'eni-capacity',
    title: 'On the EC2 launch type, check ENI capacity and trunking',
    detail:
      'In awsvpc mode every task takes an ENI of its container instance, and instance types cap them (a t3.medium ' +
      'has 3, one of them the primary). When they run out, tasks stay in PROVISIONING or fail to start. ENI trunking ' +
      'raises the limit; Fargate has no such limit.',
    commands: [
      `aws ecs list-account-settings --effective-settings --name awsvpcTrunking`,
      `aws ec2 describe-instance-types --instance-types <instance-type> --query 'InstanceTypes[].NetworkInfo.MaximumNetworkInterfaces'`,
    ],
  };
}

/**
 * Chooses the fix steps for what was seen, most relevant first, each filled in with the targets it is
 * about. A class that did not occur adds no step.
 */
export function chooseFixSteps(ctx: FixContext): FixStep[] {
  const region = regionOf(ctx.targets);
  const steps: FixStep[] = [];
  const byCount = new Map<ErrorClass, number>();
  for (const t of ctx.targets) byCount.set(t.class, (byCount.get(t.class) ?? 0) + t.count);
  const classes = [...byCount.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  for (const cls of classes) {
    switch (cls) {
      case 'timeout': {
        const rows = hasClass(ctx, 'timeout');
        steps.push(securityGroupsStep(ctx, rows), naclStep(rows), routesStep(ctx, rows, region));
        break;
      }
      case 'dns':
        steps.push(dnsStep(ctx, hasClass(ctx, 'dns'), region));
        break;
      case 'refused':
        steps.push(refusedStep(ctx, hasClass(ctx, 'refused')));
        break;
      case 'unreachable':
        steps.push(unreachableStep(hasClass(ctx, 'unreachable')));
        break;
      case 'reset':
        steps.push(resetStep(hasClass(ctx, 'reset')));
        break;
      case 'tls':
        steps.push(tlsStep(hasClass(ctx, 'tls')));
        break;
      case 'pool':
        steps.push(poolStep(hasClass(ctx, 'pool')));
        break;
    }
  }
  if (byCount.has('timeout') || byCount.has('unreachable')) steps.push(connectTimeoutStep(ctx));
  if (ctx.platform === 'ecs' && (byCount.has('timeout') || byCount.has('unreachable'))) steps.push(eniStep());
  const seen = new Set<string>();
  return steps
    .filter((s) => !seen.has(s.id) && seen.add(s.id))
    .map((s) => ({ ...s, detail: s.detail.trim() }));
}
