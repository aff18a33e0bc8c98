import { isPrivateIpv4, parseCidr, parseIpv4, type Ipv4Range } from './cidr.js';
import type { NetworkModel } from './model.js';

/** One end of a path: where packets start (a task, a function, an ENI) or what they are sent to. */
export interface PathEnd {
  kind:
    | 'task'
    | 'function'
    | 'eni'
    | 'subnet'
    | 'instance'
    | 'rds'
    | 'elasticache'
    | 'load-balancer'
    | 'vpc-endpoint'
    | 'aws-service'
    | 'external'
    | 'in-vpc'
    | 'unresolved';
  id: string;
  /** How a person would call it, e.g. `task 0f3a… (orders-api)` or `RDS orders-db`. */
  label: string;
  vpcId: string | null;
  subnetIds: string[];
  securityGroupIds: string[];
  /** Where its address may be: one /32 when known, else its subnets' blocks, else public space. */
  addresses: Ipv4Range[];
  /** True when the address set is the one exact address. */
  exactAddress: boolean;
  publicIp: boolean | null;
  /** For AWS service endpoints: the service's short name (`secretsmanager`, `s3`). */
  awsService: string | null;
  /** The ephemeral port range the end uses for its own connections (what return traffic is sent to). */
  ephemeral: [number, number];
  /** A DNS name this end was given by, when a name was. */
  hostname: string | null;
  /** Set when the ECS task runs on EC2 container instances (the bridge→awsvpc mistake needs it). */
  containerInstanceId?: string | null;
  notes: string[];
}

/* Return traffic goes to the client's ephemeral ports. AWS documents 1024-65535 for Lambda, NAT gateways
   and load balancers; Linux (EC2, Fargate) picks from 32768-60999 by default. */
const WIDE_EPHEMERAL: [number, number] = [1024, 65535];
const LINUX_EPHEMERAL: [number, number] = [32768, 60999];

const NOT_PUBLIC = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/3',
]
  .map((c) => parseCidr(c) as Ipv4Range)
  .sort((a, b) => a.first - b.first);

/** Public IPv4 space as ranges: where an internet host's address lies when only its name is known. */
export const PUBLIC_SPACE: Ipv4Range[] = (() => {
  const out: Ipv4Range[] = [];
  let next = 0;
  for (const r of NOT_PUBLIC) {
    if (r.first > next) out.push({ first: next, last: r.first - 1 });
    next = Math.max(next, r.last + 1);
  }
  if (next <= 0xffffffff) out.push({ first: next, last: 0xffffffff });
  return out;
})();

function subnetRanges(model: NetworkModel, subnetIds: readonly string[]): Ipv4Range[] {
  return subnetIds
    .map((id) => model.subnets.get(id)?.cidr)
    .filter((r): r is Ipv4Range => r !== null && r !== undefined);
}

function exact(ip: string): Ipv4Range[] {
  const r = parseCidr(ip);
  return r ? [r] : [];
}

function base(kind: PathEnd['kind'], id: string, label: string): PathEnd {
  return {
    kind,
    id,
    label,
    vpcId: null,
    subnetIds: [],
    securityGroupIds: [],
    addresses: [],
    exactAddress: false,
    publicIp: null,
    awsService: null,
    ephemeral: LINUX_EPHEMERAL,
    hostname: null,
    notes: [],
  };
}

function fromEni(model: NetworkModel, eniId: string, end: PathEnd): PathEnd {
  const eni = model.enis.get(eniId);
  if (!eni) {
    end.notes.push(`ENI ${eniId} is not in the configuration (export ec2 describe-network-interfaces)`);
    return end;
  }
  end.vpcId = eni.vpcId || model.subnets.get(eni.subnetId)?.vpcId || null;
  end.subnetIds = eni.subnetId ? [eni.subnetId] : [];
  end.securityGroupIds = eni.groupIds;
  const ip = eni.privateIps[0];
  end.addresses = ip ? exact(ip) : subnetRanges(model, end.subnetIds);
  end.exactAddress = ip !== undefined;
  end.publicIp = eni.publicIp !== null;
  return end;
}

/** Resolves `--source` or the source of a finding. Accepts `eni-…`, `task/ID`, a bare task id,
 *  `function:NAME`, `subnet-…,sg-…[,sg-…]`, `service/NAME` and `i-…`. */
export function resolveSource(model: NetworkModel, spec: string): PathEnd {
  const s = spec.trim();
  if (s.startsWith('eni-')) return fromEni(model, s, base('eni', s, `ENI ${s}`));
  if (s.startsWith('function:') || s.startsWith('lambda:'))
    return functionSource(model, s.slice(s.indexOf(':') + 1));
  if (s.startsWith('service/')) return serviceSource(model, s.slice('service/'.length));
  if (s.startsWith('i-')) {
    const instance = model.instances.get(s);
    const end = base('instance', s, `instance ${s}`);
    if (!instance) {
      end.notes.push(`instance ${s} is not in the configuration (export ec2 describe-instances)`);
      return end;
    }
    end.vpcId = instance.vpcId;
    end.subnetIds = instance.subnetId ? [instance.subnetId] : [];
    end.securityGroupIds = instance.groupIds;
    end.addresses = instance.privateIp ? exact(instance.privateIp) : [];
    end.exactAddress = instance.privateIp !== null;
    end.publicIp = instance.publicIp !== null;
    return end;
  }
  if (s.startsWith('subnet-')) {
    const parts = s.split(',').map((p) => p.trim());
    const subnetId = parts[0] ?? s;
    const end = base('subnet', subnetId, `subnet ${subnetId}`);
    end.subnetIds = [subnetId];
    end.securityGroupIds = parts.slice(1).filter((p) => p.startsWith('sg-'));
    end.vpcId = model.subnets.get(subnetId)?.vpcId ?? null;
    end.addresses = subnetRanges(model, end.subnetIds);
    if (!model.subnets.has(subnetId))
      end.notes.push(`subnet ${subnetId} is not in the configuration (export ec2 describe-subnets)`);
    return end;
  }
  const taskId = s.startsWith('task/') ? s.slice('task/'.length) : s;
  return taskSource(model, taskId);
}

export function taskSource(model: NetworkModel, taskId: string): PathEnd {
  const id = taskId.includes('/') ? taskId.slice(taskId.lastIndexOf('/') + 1) : taskId;
  const task = model.tasks.get(id);
  const end = base('task', id, `task ${id}`);
  if (!task) {
    end.notes.push(`task ${id} is not in the configuration (export ecs describe-tasks for it)`);
    return end;
  }
  const service = task.group?.startsWith('service:') ? task.group.slice('service:'.length) : null;
  if (service) end.label = `task ${id} (service ${service})`;
  if (task.eniId && model.enis.has(task.eniId)) fromEni(model, task.eniId, end);
  else {
    // The task's ENI may be gone (stopped task) or not exported: its subnet and the service's groups still tell a lot.
    end.subnetIds = task.subnetId ? [task.subnetId] : [];
    end.vpcId = task.subnetId ? (model.subnets.get(task.subnetId)?.vpcId ?? null) : null;
    end.addresses = task.privateIp ? exact(task.privateIp) : subnetRanges(model, end.subnetIds);
    end.exactAddress = task.privateIp !== null;
    const svc = service ? model.services.get(service) : undefined;
    if (svc) {
      end.securityGroupIds = svc.securityGroups;
      end.publicIp = svc.assignPublicIp;
    }
    if (task.eniId)
      end.notes.push(
        `the task's ENI ${task.eniId} is not in the configuration; used its service's security groups`,
      );
  }
  if (task.containerInstanceArn)
    end.containerInstanceId = model.containerInstances.get(task.containerInstanceArn) ?? null;
  return end;
}

function serviceSource(model: NetworkModel, name: string): PathEnd {
  const svc = model.services.get(name);
  const end = base('task', `service/${name}`, `service ${name}`);
  if (!svc) {
    end.notes.push(`service ${name} is not in the configuration (export ecs describe-services)`);
    return end;
  }
  end.subnetIds = svc.subnets;
  end.securityGroupIds = svc.securityGroups;
  end.vpcId = svc.subnets.map((s) => model.subnets.get(s)?.vpcId).find((v) => v !== undefined) ?? null;
  end.addresses = subnetRanges(model, svc.subnets);
  end.publicIp = svc.assignPublicIp;
  return end;
}

export function functionSource(model: NetworkModel, name: string): PathEnd {
  const fn = model.functions.get(name);
  const end = base('function', name, `function ${name}`);
  end.ephemeral = WIDE_EPHEMERAL;
  end.publicIp = false; // Lambda's ENIs never get a public IP, whatever the subnet says.
  if (!fn) {
    end.notes.push(
      `function ${name} is not in the configuration (export lambda get-function-configuration --function-name ${name})`,
    );
    return end;
  }
  if (fn.subnetIds.length === 0)
    end.notes.push(
      `function ${name} is not attached to a VPC: it reaches the internet directly and nothing in a VPC's private space`,
    );
  end.subnetIds = fn.subnetIds;
  end.securityGroupIds = fn.securityGroupIds;
  end.vpcId = fn.subnetIds.map((s) => model.subnets.get(s)?.vpcId).find((v) => v !== undefined) ?? fn.vpcId;
  end.addresses = subnetRanges(model, fn.subnetIds);
  return end;
}

/** `ip-10-0-3-47.ec2.internal` and `ip-10-0-3-47.us-west-2.compute.internal` name an address. */
const EC2_PRIVATE_NAME = /^ip-(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})\./;
const AWS_SERVICE_HOST =
  /^([a-z0-9-]+(?:\.[a-z0-9-]+)?)\.([a-z]{2}(?:-gov)?-[a-z]{4,10}-\d)\.amazonaws\.com$/;
const GLOBAL_SERVICE_HOST = /^(s3|sts|iam)\.amazonaws\.com$/;
/** Names that only a private zone or a VPC resolver answers for. */
const PRIVATE_SUFFIX = /\.(?:internal|local|lan|corp|svc|cluster\.local|intranet|private)$/;

/** What a host printed in a log is, as far as the configuration can tell. */
export function resolveTarget(
  model: NetworkModel,
  hostIn: string,
  port: number | null,
  vpcHint: string | null,
): PathEnd {
  const host = hostIn
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  const named = EC2_PRIVATE_NAME.exec(host);
  const ipText =
    parseIpv4(host) !== null ? host : named ? `${named[1]}.${named[2]}.${named[3]}.${named[4]}` : null;
  if (ipText) {
    const end = resolveAddress(model, ipText, vpcHint);
    if (named) end.hostname = host;
    return end;
  }

  for (const db of model.databases) {
    if (!db.hostnames.includes(host)) continue;
    const end = base(db.kind, db.id, `${db.kind === 'rds' ? 'RDS' : 'ElastiCache'} ${db.id}`);
    end.hostname = host;
    end.securityGroupIds = db.securityGroupIds;
    end.subnetIds = db.subnetIds;
    end.vpcId =
      db.vpcId ?? db.subnetIds.map((s) => model.subnets.get(s)?.vpcId).find((v) => v !== undefined) ?? null;
    end.addresses = subnetRanges(model, db.subnetIds);
    if (db.subnetIds.length === 0)
      end.notes.push(`the subnets of ${db.id} are not known: its NACL cannot be checked`);
    if (port !== null && db.port !== null && db.port !== port)
      end.notes.push(`${db.id} listens on port ${db.port}, not ${port}`);
    return end;
  }
  for (const lb of model.loadBalancers) {
    if (lb.dnsName !== host && !host.endsWith(`.${lb.dnsName}`)) continue;
    const end = base('load-balancer', lb.name, `load balancer ${lb.name}`);
    end.hostname = host;
    end.securityGroupIds = lb.securityGroupIds;
    end.subnetIds = lb.subnetIds;
    end.vpcId = lb.vpcId;
    end.addresses = lb.scheme === 'internal' ? subnetRanges(model, lb.subnetIds) : PUBLIC_SPACE;
    if (lb.securityGroupIds.length === 0)
      end.notes.push(
        `${lb.name} has no security groups (a Network Load Balancer): the targets' groups decide`,
      );
    return end;
  }
  for (const ep of model.endpoints.values()) {
    if (ep.type !== 'Interface' || !ep.dnsNames.some((n) => n === host || n.replace(/^\*\./, '') === host))
      continue;
    return endpointEnd(model, ep.id, host);
  }

  const svc = AWS_SERVICE_HOST.exec(host) ?? GLOBAL_SERVICE_HOST.exec(host);
  if (svc) {
    const service = svc[1] ?? '';
    const region = svc[2] ?? null;
    // Private DNS of an interface endpoint makes the public name resolve to the endpoint's ENIs.
    for (const ep of model.endpoints.values()) {
      if (ep.type !== 'Interface' || !ep.privateDnsEnabled) continue;
      if (vpcHint && ep.vpcId !== vpcHint) continue;
      if (ep.serviceName === `com.amazonaws.${region}.${service}` || ep.serviceName.endsWith(`.${service}`)) {
        const end = endpointEnd(model, ep.id, host);
        end.awsService = service;
        return end;
      }
    }
    const end = base('aws-service', host, `AWS ${service} endpoint ${host}`);
    end.hostname = host;
    end.awsService = service;
    end.addresses = PUBLIC_SPACE;
    return end;
  }

  if (PRIVATE_SUFFIX.test(host) || !host.includes('.')) {
    const end = base('unresolved', host, host);
    end.hostname = host;
    end.notes.push(
      `${host} is a private name netsleuth cannot resolve offline; give the address instead (--to IP:PORT) for a full path`,
    );
    return end;
  }
  const end = base('external', host, host);
  end.hostname = host;
  end.addresses = PUBLIC_SPACE;
  return end;
}

function endpointEnd(model: NetworkModel, id: string, host: string): PathEnd {
  const ep = model.endpoints.get(id);
  const end = base('vpc-endpoint', id, `VPC endpoint ${id}${ep ? ` (${ep.serviceName})` : ''}`);
  end.hostname = host;
  if (!ep) return end;
  end.vpcId = ep.vpcId;
  end.subnetIds = ep.subnetIds;
  end.securityGroupIds = ep.groupIds;
  const ips = ep.eniIds.flatMap((e) => model.enis.get(e)?.privateIps.slice(0, 1) ?? []);
  // moto hands endpoint ENIs addresses outside their subnets; trust an address only inside one.
  const inSubnet = ips.filter((ip) => {
    const v = parseIpv4(ip);
    return v !== null && subnetRanges(model, ep.subnetIds).some((r) => r.first <= v && v <= r.last);
  });
  end.addresses = inSubnet.length ? inSubnet.flatMap(exact) : subnetRanges(model, ep.subnetIds);
  return end;
}

function resolveAddress(model: NetworkModel, ip: string, vpcHint: string | null): PathEnd {
  for (const eni of model.enis.values()) {
    if (!eni.privateIps.includes(ip)) continue;
    if (vpcHint && eni.vpcId && eni.vpcId !== vpcHint) continue;
    const end = fromEni(
      model,
      eni.id,
      base('eni', eni.id, `ENI ${eni.id}${eni.description ? ` (${eni.description})` : ''}`),
    );
    end.addresses = exact(ip);
    end.exactAddress = true;
    return end;
  }
  for (const i of model.instances.values()) {
    if (i.privateIp !== ip) continue;
    const end = base('instance', i.id, `instance ${i.id}`);
    end.vpcId = i.vpcId;
    end.subnetIds = i.subnetId ? [i.subnetId] : [];
    end.securityGroupIds = i.groupIds;
    end.addresses = exact(ip);
    end.exactAddress = true;
    return end;
  }
  const value = parseIpv4(ip) ?? 0;
  const vpcs = [...model.vpcs.values()].filter((v) =>
    v.cidrs.some((r) => r.first <= value && value <= r.last),
  );
  const vpc = vpcs.find((v) => v.id === vpcHint) ?? vpcs[0];
  if (vpc) {
    const end = base('in-vpc', ip, ip);
    end.vpcId = vpc.id;
    const subnet = [...model.subnets.values()].find(
      (s) => s.vpcId === vpc.id && s.cidr && s.cidr.first <= value && value <= s.cidr.last,
    );
    end.subnetIds = subnet ? [subnet.id] : [];
    end.addresses = exact(ip);
    end.exactAddress = true;
    end.notes.push(
      `no ENI in the configuration holds ${ip}: its security groups are unknown (export ec2 describe-network-interfaces; RDS, ElastiCache and Lambda ENIs are listed there too)`,
    );
    return end;
  }
  const end = base('external', ip, ip);
  end.addresses = exact(ip);
  end.exactAddress = true;
  if (isPrivateIpv4(value))
    end.notes.push(
      `${ip} is private but outside every VPC in the configuration: it is reached through peering, a transit gateway or a VPN, if at all`,
    );
  return end;
}
