import { evaluatePath, type Hop, type PathResult } from './evaluatePath.js';
import { regionOfModel, type NetworkModel } from './model.js';
import { functionSource, resolveSource, resolveTarget, taskSource, type PathEnd } from './pathEnds.js';
import { attachedEnis, evaluateNacl, hasEniTrouble, naclForSubnet, routeTableForSubnet } from './rules.js';

/**
 * `netsleuth doctor`: the awsvpc checklist an engineer runs by hand before escalating, in its order, each step
 * PASS / FAIL / UNKNOWN with the evidence and the command that fixes it. Built on the same path evaluation as
 * the root-cause join, so a step never disagrees with `path`.
 */
export type StepStatus = 'PASS' | 'FAIL' | 'UNKNOWN' | 'SKIP';

export interface DoctorStep {
  id: string;
  title: string;
  status: StepStatus;
  evidence: string[];
  fix: string[];
}

export interface Dependency {
  host: string;
  port: number;
  /** Where it came from: `--to`, `logs`, or the task definition variable that names it. */
  origin: string;
}

export interface DoctorReport {
  schemaVersion: 1;
  source: { kind: string; id: string; subnetIds: string[]; securityGroupIds: string[] };
  dependencies: Dependency[];
  steps: DoctorStep[];
  /** PASS when every step passed or was skipped, FAIL when one failed, else UNKNOWN. */
  status: StepStatus;
}

export interface DoctorTarget {
  service?: string;
  task?: string;
  functionName?: string;
}

const STEP_TITLES: Record<string, string> = {
  eni: "The task's network interface was provisioned",
  'source-egress': "The source's security groups let it out to every dependency",
  'dependency-ingress': "Every dependency lets the source's security group in",
  nacls: 'The network ACLs of both subnets let the requests and the replies (ephemeral ports) through',
  routing: 'Routes lead out: NAT gateway in a public subnet, or a public IP with an internet gateway',
  dns: 'VPC DNS resolution and DNS hostnames are on',
  'ecs-exec': 'ECS Exec is enabled, to test from inside the task',
  mtu: 'No MTU trap: paths through VPN, Direct Connect or transit gateway let ICMP "fragmentation needed" back',
  'aws-services':
    'The AWS services a task needs stay reachable (ECR, S3 layers, CloudWatch Logs, Secrets Manager, SSM)',
};

function step(id: string, status: StepStatus, evidence: string[], fix: string[] = []): DoctorStep {
  return { id, title: STEP_TITLES[id] ?? id, status, evidence, fix: [...new Set(fix)] };
}

function worst(statuses: readonly StepStatus[]): StepStatus {
  if (statuses.includes('FAIL')) return 'FAIL';
  if (statuses.includes('UNKNOWN')) return 'UNKNOWN';
  return 'PASS';
}

/** The source the checklist is about, from `--service`, `--task` or `--function`. */
export function doctorSource(model: NetworkModel, target: DoctorTarget): PathEnd {
  if (target.task) return taskSource(model, target.task);
  if (target.functionName) return functionSource(model, target.functionName);
  return resolveSource(model, `service/${target.service ?? ''}`);
}

const ENDPOINT_VALUE =
  /^(?:[a-z][a-z0-9+.-]{1,20}:\/\/)?(?:[^\s/@]{1,200}@)?([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,60}\]):(\d{1,5})(?:[/?#]|$)/;
const URL_VALUE =
  /^(https?|postgres(?:ql)?|mysql|redis|rediss|mongodb|amqps?):\/\/(?:[^\s/@]{1,200}@)?([A-Za-z0-9.-]{1,253})(?::(\d{1,5}))?/i;
const SCHEME_PORTS: Record<string, number> = {
  http: 80,
  https: 443,
  postgres: 5432,
  postgresql: 5432,
  mysql: 3306,
  redis: 6379,
  rediss: 6379,
  mongodb: 27017,
  amqp: 5672,
  amqps: 5671,
};
const NAME_LOOKS_LIKE_ENDPOINT = /(?:^|_)(?:HOST|HOSTNAME|URL|URI|ENDPOINT|ADDR|ADDRESS|DSN)$/i;

/** Dependencies named in the task definition's environment: `DB_HOST` (+ `DB_PORT`), `*_URL`, `*_ENDPOINT`, `host:port`. */
export function dependenciesFromEnvironment(model: NetworkModel, source: PathEnd): Dependency[] {
  const taskDefArns = new Set<string>();
  if (source.kind === 'task') {
    const task = model.tasks.get(source.id);
    if (task?.taskDefinitionArn) taskDefArns.add(task.taskDefinitionArn);
    const serviceName = source.id.startsWith('service/')
      ? source.id.slice('service/'.length)
      : task?.group?.replace(/^service:/, '');
    const svc = serviceName ? model.services.get(serviceName) : undefined;
    if (svc?.taskDefinitionArn) taskDefArns.add(svc.taskDefinitionArn);
  }
  const out: Dependency[] = [];
  for (const arn of taskDefArns) {
    const env = model.taskDefinitions.get(arn)?.environment ?? [];
    const byName = new Map(env.map((e) => [e.name, e.value]));
    for (const { name, value } of env) {
      const url = URL_VALUE.exec(value);
      if (url?.[2]) {
        const port = url[3] ? Number(url[3]) : SCHEME_PORTS[url[1]?.toLowerCase() ?? ''];
        if (port) out.push({ host: url[2].toLowerCase(), port, origin: `task definition ${name}` });
        continue;
      }
      const hp = ENDPOINT_VALUE.exec(value);
      if (hp?.[1] && /[A-Za-z.]/.test(hp[1])) {
        out.push({ host: hp[1].toLowerCase(), port: Number(hp[2]), origin: `task definition ${name}` });
        continue;
      }
      if (
        NAME_LOOKS_LIKE_ENDPOINT.test(name) &&
        /^[A-Za-z0-9.-]{3,253}$/.test(value) &&
        value.includes('.')
      ) {
        const portVar = byName.get(name.replace(/(HOST|HOSTNAME|ENDPOINT|ADDR|ADDRESS)$/i, 'PORT'));
        const port = portVar && /^\d{1,5}$/.test(portVar) ? Number(portVar) : undefined;
        if (port) out.push({ host: value.toLowerCase(), port, origin: `task definition ${name}` });
      }
    }
  }
  return out;
}

function hopOf(r: PathResult, kind: Hop['kind'][], direction: Hop['direction']): Hop | undefined {
  return r.hops.find((h) => kind.includes(h.kind) && h.direction === direction);
}

/** Runs the checklist for one source against its dependencies. */
export function runDoctor(
  model: NetworkModel,
  source: PathEnd,
  dependencies: readonly Dependency[],
  region: string | null,
): DoctorReport {
  const subnets = source.subnetIds.length ? source.subnetIds : [null];
  const paths = dependencies.map((d) => ({
    dep: d,
    results: subnets.map((subnet) =>
      Object.assign(
        evaluatePath(model, source, subnet, resolveTarget(model, d.host, d.port, source.vpcId), d.port),
        {
          from: subnets.length > 1 && subnet ? ` from ${subnet}` : '',
        },
      ),
    ),
  }));
  const steps: DoctorStep[] = [];

  // 1. ENI provisioned
  steps.push(eniStep(model, source));

  // 2 and 3. security groups on both sides, per dependency
  for (const [id, kinds, direction] of [
    ['source-egress', ['security-group'], 'outbound'],
    ['dependency-ingress', ['security-group', 'vpc-endpoint'], 'inbound'],
  ] as const) {
    if (dependencies.length === 0) {
      steps.push(
        step(id, 'SKIP', [
          'no dependency given: pass --to HOST:PORT, logs with failing targets, or a task definition with endpoint variables',
        ]),
      );
      continue;
    }
    const evidence: string[] = [];
    const fix: string[] = [];
    const statuses: StepStatus[] = [];
    for (const { dep, results } of paths) {
      for (const r of results) {
        const hop = hopOf(r, [...kinds], direction);
        const status: StepStatus = !hop
          ? id === 'dependency-ingress'
            ? 'SKIP'
            : 'UNKNOWN'
          : hop.decision === 'allow'
            ? 'PASS'
            : hop.decision === 'deny'
              ? 'FAIL'
              : 'UNKNOWN';
        statuses.push(status);
        evidence.push(
          `${status} ${dep.host}:${dep.port} (${dep.origin})${r.from}: ${hop ? hop.detail : id === 'dependency-ingress' ? 'outside the VPC: no security group of its own to check' : 'not evaluated'}`,
        );
        if (status === 'FAIL')
          fix.push(
            ...r.fix.commands.filter((c) => c.includes(direction === 'outbound' ? 'egress' : 'ingress')),
          );
      }
    }
    steps.push(step(id, worst(statuses.filter((s) => s !== 'SKIP')), [...new Set(evidence)], fix));
  }

  // and the NACLs in between (not in the seed checklist, but a stateless rule is the classic hidden block)
  if (dependencies.length > 0) {
    const evidence: string[] = [];
    const fix: string[] = [];
    const statuses: StepStatus[] = [];
    for (const { dep, results } of paths) {
      for (const r of results) {
        const nacls = r.hops.filter((h) => h.kind === 'nacl');
        const denied = nacls.find((h) => h.decision === 'deny');
        const unknown = nacls.find((h) => h.decision === 'unknown');
        const status: StepStatus = denied ? 'FAIL' : unknown ? 'UNKNOWN' : 'PASS';
        statuses.push(status);
        evidence.push(
          `${status} ${dep.host}:${dep.port}${r.from}: ${denied?.detail ?? unknown?.detail ?? `${nacls.length} NACL checks allow the request and the replies`}`,
        );
        if (denied) fix.push(...r.fix.commands.filter((c) => c.includes('create-network-acl-entry')));
      }
    }
    steps.push(step('nacls', worst(statuses), [...new Set(evidence)], fix));
  }

  // 4. routing out of each subnet
  steps.push(routingStep(model, source));

  // 5. DNS
  steps.push(dnsStep(model, source, dependencies));

  // 6. ECS Exec
  steps.push(execStep(model, source));

  // 7. MTU
  steps.push(mtuStep(model, source));

  // the egress-locked-down pitfall: AWS endpoints a task needs
  steps.push(awsServicesStep(model, source, region));

  return {
    schemaVersion: 1,
    source: {
      kind: source.kind,
      id: source.id,
      subnetIds: source.subnetIds,
      securityGroupIds: source.securityGroupIds,
    },
    dependencies: [...dependencies],
    steps,
    status: worst(steps.map((s) => s.status)),
  };
}

function eniStep(model: NetworkModel, source: PathEnd): DoctorStep {
  if (source.kind === 'function') {
    const fn = model.functions.get(source.id);
    if (!fn) return step('eni', 'UNKNOWN', source.notes);
    return fn.subnetIds.length
      ? step('eni', 'PASS', [
          `${fn.name} is attached to ${fn.subnetIds.join(', ')}: Lambda creates and manages its network interfaces`,
        ])
      : step('eni', 'PASS', [
          `${fn.name} is not attached to a VPC: it has no ENI in one, and reaches only public endpoints`,
        ]);
  }
  const serviceName = source.id.startsWith('service/') ? source.id.slice('service/'.length) : undefined;
  const tasks = [...model.tasks.values()].filter((t) =>
    serviceName ? t.group === `service:${serviceName}` : t.id === source.id,
  );
  if (tasks.length === 0)
    return step('eni', 'UNKNOWN', [
      `no task of ${source.label} in the configuration (export ecs describe-tasks)`,
    ]);
  const evidence: string[] = [];
  const fix: string[] = [];
  let status: StepStatus = 'PASS';
  for (const t of tasks.slice(0, 20)) {
    if (!hasEniTrouble(t)) {
      evidence.push(
        `task ${t.id} is ${t.lastStatus || 'in an unknown state'}${t.eniId ? ` with ${t.eniId}` : ''}`,
      );
      continue;
    }
    status = 'FAIL';
    evidence.push(`task ${t.id} is ${t.lastStatus}${t.stoppedReason ? `: ${t.stoppedReason}` : ''}`);
    if (t.launchType !== 'FARGATE' && t.containerInstanceArn) {
      const instanceId = model.containerInstances.get(t.containerInstanceArn);
      const instance = instanceId ? model.instances.get(instanceId) : undefined;
      const max = instance ? model.instanceTypes.get(instance.type) : undefined;
      if (instance && max !== undefined) {
        const attached = attachedEnis(model, instance);
        evidence.push(
          `${instance.id} (${instance.type}) has ${attached} of ${max} ENIs attached; awsvpc trunking is ${model.awsvpcTrunking === null ? 'not known' : model.awsvpcTrunking ? 'on' : 'off'}`,
        );
        if (attached >= max)
          fix.push(
            'aws ecs put-account-setting --name awsvpcTrunking --value enabled   # then replace the container instances',
          );
      } else
        evidence.push(
          'the container instance, its type or its limit is not in the configuration (ecs describe-container-instances, ec2 describe-instances, ec2 describe-instance-types)',
        );
    }
    if (/secrets|registry auth|CannotPull|i\/o timeout/i.test(t.stoppedReason ?? '')) {
      evidence.push(
        'the task could not reach ECR, Secrets Manager or SSM while starting: see the AWS services step below',
      );
    }
  }
  return step('eni', status, evidence, fix);
}

function routingStep(model: NetworkModel, source: PathEnd): DoctorStep {
  if (source.subnetIds.length === 0)
    return step('routing', 'UNKNOWN', ['the source has no subnet in the configuration']);
  const evidence: string[] = [];
  const fix: string[] = [];
  const statuses: StepStatus[] = [];
  for (const subnetId of source.subnetIds) {
    const table = routeTableForSubnet(model, subnetId);
    const az = model.subnets.get(subnetId)?.az ?? null;
    const route = table?.routes.find((r) => r.destination === '0.0.0.0/0');
    if (!table) {
      statuses.push('UNKNOWN');
      evidence.push(`UNKNOWN ${subnetId}: its route table is not in the configuration`);
      continue;
    }
    if (!route || route.blackhole) {
      statuses.push('FAIL');
      const nat = [...model.natGateways.values()].find(
        (n) => n.vpcId === table.vpcId && n.state === 'available',
      );
      evidence.push(
        `FAIL ${subnetId}: ${table.id} has ${route ? 'a blackhole 0.0.0.0/0 route' : 'no 0.0.0.0/0 route'}: nothing outside the VPC is reachable except through VPC endpoints`,
      );
      fix.push(
        `aws ec2 ${route ? 'replace-route' : 'create-route'} --route-table-id ${table.id} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id ${nat?.id ?? '<nat-gateway-id>'}`,
      );
      continue;
    }
    if (route.targetKind === 'internet-gateway') {
      const ok = source.publicIp === true;
      statuses.push(ok ? 'PASS' : source.publicIp === false ? 'FAIL' : 'UNKNOWN');
      evidence.push(
        `${ok ? 'PASS' : source.publicIp === false ? 'FAIL' : 'UNKNOWN'} ${subnetId}: public subnet (0.0.0.0/0 → ${route.targetId}); the source ${ok ? 'has' : source.publicIp === false ? 'has no' : 'may or may not have'} a public IP`,
      );
      if (source.publicIp === false) {
        fix.push(
          source.kind === 'function'
            ? `# move the function to private subnets that route 0.0.0.0/0 to a NAT gateway`
            : `aws ecs update-service --cluster <cluster> --service <service> --network-configuration 'awsvpcConfiguration={subnets=[…],securityGroups=[…],assignPublicIp=ENABLED}'`,
        );
      }
      continue;
    }
    if (route.targetKind === 'nat-gateway') {
      const nat = model.natGateways.get(route.targetId);
      if (!nat) {
        statuses.push('UNKNOWN');
        evidence.push(
          `UNKNOWN ${subnetId}: 0.0.0.0/0 → ${route.targetId}, which is not in the configuration`,
        );
        continue;
      }
      const natTable = routeTableForSubnet(model, nat.subnetId);
      const natRoute = natTable?.routes.find((r) => r.destination === '0.0.0.0/0');
      const natAz = model.subnets.get(nat.subnetId)?.az ?? null;
      const publicNat = natRoute?.targetKind === 'internet-gateway' && !natRoute.blackhole;
      const ok = nat.state === 'available' && nat.connectivity === 'public' && publicNat;
      statuses.push(ok ? 'PASS' : 'FAIL');
      evidence.push(
        `${ok ? 'PASS' : 'FAIL'} ${subnetId}${az ? ` (${az})` : ''}: 0.0.0.0/0 → ${nat.id} (${nat.state}) in ${nat.subnetId}${natAz ? ` (${natAz})` : ''}, ${publicNat ? `whose subnet routes to ${natRoute?.targetId}` : 'whose subnet has no route to an internet gateway'}${az && natAz && az !== natAz ? `; cross-AZ: ${az} depends on ${natAz}` : ''}`,
      );
      if (!publicNat && natTable) {
        const igw = [...model.internetGateways.values()].find((g) => g.vpcIds.includes(table.vpcId));
        fix.push(
          `aws ec2 create-route --route-table-id ${natTable.id} --destination-cidr-block 0.0.0.0/0 --gateway-id ${igw?.id ?? '<internet-gateway-id>'}`,
        );
      }
      continue;
    }
    statuses.push('UNKNOWN');
    evidence.push(
      `UNKNOWN ${subnetId}: 0.0.0.0/0 → ${route.targetId} (${route.targetKind}): beyond what netsleuth follows`,
    );
  }
  return step('routing', worst(statuses), evidence, fix);
}

/** Names that only a private hosted zone (or a resolver rule) answers for. */
const PRIVATE_NAME = /\.(?:internal|local|lan|corp|svc|intranet|private)$/;

function dnsStep(model: NetworkModel, source: PathEnd, dependencies: readonly Dependency[]): DoctorStep {
  const vpc = source.vpcId ? model.vpcs.get(source.vpcId) : undefined;
  if (!vpc || vpc.dnsSupport === null || vpc.dnsHostnames === null) {
    return step('dns', 'UNKNOWN', [
      `the DNS attributes of ${source.vpcId ?? 'the VPC'} are not in the configuration (ec2 describe-vpc-attribute --attribute enableDnsSupport / enableDnsHostnames)`,
    ]);
  }
  const fix: string[] = [];
  const evidence = [`${vpc.id}: enableDnsSupport ${vpc.dnsSupport}, enableDnsHostnames ${vpc.dnsHostnames}`];
  if (!vpc.dnsSupport)
    fix.push(`aws ec2 modify-vpc-attribute --vpc-id ${vpc.id} --enable-dns-support '{"Value":true}'`);
  if (!vpc.dnsHostnames)
    fix.push(`aws ec2 modify-vpc-attribute --vpc-id ${vpc.id} --enable-dns-hostnames '{"Value":true}'`);
  let status: StepStatus = fix.length ? 'FAIL' : 'PASS';
  // Names in private zones resolve only in the VPCs the zone is associated with.
  for (const dep of dependencies) {
    const host = dep.host.toLowerCase();
    const zone = model.privateZones
      .filter((z) => host === z.name || host.endsWith(`.${z.name}`))
      .sort((x, y) => y.name.length - x.name.length)[0];
    if (zone) {
      if (zone.vpcIds.includes(vpc.id))
        evidence.push(`${host}: private hosted zone ${zone.name} (${zone.id}) is associated with ${vpc.id}`);
      else {
        status = 'FAIL';
        evidence.push(
          `${host}: private hosted zone ${zone.name} (${zone.id}) is associated with ${zone.vpcIds.join(', ') || 'no VPC'}, not ${vpc.id}: the name does not resolve there`,
        );
        fix.push(
          `aws route53 associate-vpc-with-hosted-zone --hosted-zone-id ${zone.id} --vpc VPCRegion=<region>,VPCId=${vpc.id}`,
        );
      }
    } else if (PRIVATE_NAME.test(host)) {
      if (status === 'PASS') status = 'UNKNOWN';
      evidence.push(
        `${host} looks like a private name, and no private hosted zone in the configuration holds it (export aws route53 get-hosted-zone --id <zone-id> for the zones of aws route53 list-hosted-zones-by-vpc --vpc-id ${vpc.id} --vpc-region <region>)`,
      );
    }
  }
  return step('dns', status, evidence, fix);
}

function execStep(model: NetworkModel, source: PathEnd): DoctorStep {
  if (source.kind !== 'task') return step('ecs-exec', 'SKIP', ['not an ECS task']);
  const name = source.id.startsWith('service/')
    ? source.id.slice('service/'.length)
    : model.tasks.get(source.id)?.group?.replace(/^service:/, '');
  const svc = name ? model.services.get(name) : undefined;
  if (!svc)
    return step('ecs-exec', 'UNKNOWN', [`the service is not in the configuration (ecs describe-services)`]);
  return svc.enableExecuteCommand
    ? step('ecs-exec', 'PASS', [
        `${svc.name} has enableExecuteCommand on: aws ecs execute-command --cluster <cluster> --task <task-id> --interactive --command "/bin/sh"`,
      ])
    : step(
        'ecs-exec',
        'FAIL',
        [`${svc.name} has enableExecuteCommand off: nobody can test from inside its tasks`],
        [
          `aws ecs update-service --cluster <cluster> --service ${svc.name} --enable-execute-command --force-new-deployment`,
        ],
      );
}

function mtuStep(model: NetworkModel, source: PathEnd): DoctorStep {
  if (source.subnetIds.length === 0)
    return step('mtu', 'UNKNOWN', ['the source has no subnet in the configuration']);
  const evidence: string[] = [];
  const fix: string[] = [];
  let status: StepStatus = 'PASS';
  for (const subnetId of source.subnetIds) {
    const table = routeTableForSubnet(model, subnetId);
    const risky =
      table?.routes.filter(
        (r) => r.targetKind === 'transit-gateway' || r.targetKind === 'virtual-private-gateway',
      ) ?? [];
    if (risky.length === 0) continue;
    evidence.push(
      `${subnetId}: ${risky.map((r) => `${r.destination} → ${r.targetId}`).join(', ')} leave through a transit gateway or VPN, where the MTU is smaller`,
    );
    const nacl = naclForSubnet(model, subnetId);
    if (!nacl) {
      if (status === 'PASS') status = 'UNKNOWN';
      continue;
    }
    for (const r of risky) {
      if (!r.range) continue;
      const d = evaluateNacl(nacl, false, '1', [0, 65535], [r.range]);
      if (d.decision === 'deny') {
        status = 'FAIL';
        evidence.push(
          `${nacl.id} denies ICMP from ${r.destination} inbound: "fragmentation needed" (type 3 code 4) cannot come back, so large packets vanish`,
        );
        fix.push(
          `aws ec2 create-network-acl-entry --network-acl-id ${nacl.id} --ingress --rule-number 90 --protocol icmp --icmp-type-code Type=3,Code=4 --cidr-block ${r.destination} --rule-action allow`,
        );
      }
    }
  }
  if (evidence.length === 0)
    evidence.push('no route of the source subnets leaves through a transit gateway, VPN or Direct Connect');
  return step('mtu', status, evidence, fix);
}

function awsServicesStep(model: NetworkModel, source: PathEnd, region: string | null): DoctorStep {
  if (source.subnetIds.length === 0 && source.securityGroupIds.length === 0)
    return step('aws-services', 'UNKNOWN', source.notes);
  const r = region ?? regionOfModel(model) ?? 'us-east-1';
  const needs =
    source.kind === 'function'
      ? [`logs.${r}.amazonaws.com`, `secretsmanager.${r}.amazonaws.com`, `ssm.${r}.amazonaws.com`]
      : [
          `api.ecr.${r}.amazonaws.com`,
          `dkr.ecr.${r}.amazonaws.com`,
          `s3.${r}.amazonaws.com`,
          `logs.${r}.amazonaws.com`,
          `secretsmanager.${r}.amazonaws.com`,
          `ssm.${r}.amazonaws.com`,
        ];
  const evidence: string[] = [];
  const fix: string[] = [];
  const statuses: StepStatus[] = [];
  for (const host of needs) {
    for (const subnet of source.subnetIds.length ? source.subnetIds : [null]) {
      const res = evaluatePath(model, source, subnet, resolveTarget(model, host, 443, source.vpcId), 443);
      const status: StepStatus =
        res.verdict === 'allowed' ? 'PASS' : res.verdict === 'blocked' ? 'FAIL' : 'UNKNOWN';
      statuses.push(status);
      if (status !== 'PASS' || subnet === (source.subnetIds[0] ?? null))
        evidence.push(`${status} ${host}${subnet ? ` from ${subnet}` : ''}: ${res.explanation}`);
      fix.push(...res.fix.commands);
    }
  }
  return step('aws-services', worst(statuses), evidence, fix);
}
