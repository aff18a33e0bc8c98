import { parseCidr, type Ipv4Range } from './cidr.js';
import type { DataStore, NaclEntry, NetworkModel, Route, RouteTargetKind, SgRule } from './model.js';

/* The AWS CLI prints describe-* responses as plain JSON; these readers take what they need and
   tolerate absent fields, because older CLIs, moto and hand-edited files all omit some. */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const flag = (v: unknown): boolean | null => {
  if (typeof v === 'boolean') return v;
  if (isObject(v) && typeof v.Value === 'boolean') return v.Value;
  return null;
};

const PROTOCOL_NUMBERS: Record<string, string> = { tcp: '6', udp: '17', icmp: '1', icmpv6: '58', all: '-1' };

export function protocolNumber(p: unknown): string {
  // Anything but a string or a number is damage: a protocol no rule and no packet has.
  const text =
    p === undefined || p === null
      ? '-1'
      : typeof p === 'string' || typeof p === 'number'
        ? String(p).toLowerCase()
        : 'invalid';
  return PROTOCOL_NUMBERS[text] ?? text;
}

export function protocolName(p: string): string {
  if (p === '-1') return 'all';
  if (p === '6') return 'tcp';
  if (p === '17') return 'udp';
  if (p === '1') return 'icmp';
  return `proto ${p}`;
}

function portRange(from: unknown, to: unknown, protocol: string): [number, number] | null {
  if (protocol === '-1') return null;
  const f = num(from);
  const t = num(to);
  if (f === null || t === null) return null;
  if (protocol !== '6' && protocol !== '17') return [f, t];
  if (f === -1 || (f === 0 && t === 65535)) return null;
  // A damaged range (not whole numbers, outside 0-65535) matches no packet rather than every one.
  if (!Number.isInteger(f) || !Number.isInteger(t) || f < 0 || t > 65535) return [1, 0];
  return [f, t];
}

/** NACL rule numbers run from 1 to 32766, and `*` (32767) is the final rule; anything else counts as last. */
function ruleNumberOf(v: unknown): number {
  const n = num(v);
  return n !== null && Number.isInteger(n) && n >= 1 && n <= 32767 ? n : 32767;
}

function sgRules(perms: unknown, inbound: boolean): SgRule[] {
  return list(perms).map((p) => {
    const protocol = protocolNumber(p.IpProtocol);
    const ports = portRange(p.FromPort, p.ToPort, protocol);
    const cidrs: { range: Ipv4Range; text: string }[] = [];
    for (const r of list(p.IpRanges)) {
      const text = str(r.CidrIp);
      const range = text ? parseCidr(text) : null;
      if (text && range) cidrs.push({ range, text });
    }
    const groupIds = list(p.UserIdGroupPairs)
      .map((g) => str(g.GroupId))
      .filter((g): g is string => g !== null);
    const prefixListIds = list(p.PrefixListIds)
      .map((g) => str(g.PrefixListId))
      .filter((g): g is string => g !== null);
    const what =
      protocol === '-1'
        ? 'all traffic'
        : `${protocolName(protocol)}/${ports ? (ports[0] === ports[1] ? ports[0] : `${ports[0]}-${ports[1]}`) : 'all'}`;
    const peers = [...cidrs.map((c) => c.text), ...groupIds, ...prefixListIds];
    const text = `${what} ${inbound ? 'from' : 'to'} ${peers.length ? peers.join(', ') : 'nothing'}`;
    return { protocol, ports, cidrs, groupIds, prefixListIds, text };
  });
}

function routeTarget(r: Json): { kind: RouteTargetKind; id: string } {
  const gateway = str(r.GatewayId);
  if (gateway === 'local') return { kind: 'local', id: 'local' };
  if (gateway?.startsWith('igw-')) return { kind: 'internet-gateway', id: gateway };
  if (gateway?.startsWith('vpce-')) return { kind: 'gateway-endpoint', id: gateway };
  if (gateway?.startsWith('vgw-')) return { kind: 'virtual-private-gateway', id: gateway };
  const nat = str(r.NatGatewayId);
  if (nat) return { kind: 'nat-gateway', id: nat };
  const tgw = str(r.TransitGatewayId);
  if (tgw) return { kind: 'transit-gateway', id: tgw };
  const pcx = str(r.VpcPeeringConnectionId);
  if (pcx) return { kind: 'peering', id: pcx };
  const eigw = str(r.EgressOnlyInternetGatewayId);
  if (eigw) return { kind: 'egress-only-internet-gateway', id: eigw };
  const eni = str(r.NetworkInterfaceId);
  if (eni) return { kind: 'network-interface', id: eni };
  const instance = str(r.InstanceId);
  if (instance) return { kind: 'instance', id: instance };
  return { kind: 'other', id: gateway ?? str(r.LocalGatewayId) ?? str(r.CarrierGatewayId) ?? 'unknown' };
}

function lastSegment(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash < 0 ? arn : arn.slice(slash + 1);
}

/** The kinds of document recognised, by a key only that output has. Order matters only for clarity. */
const READERS: [string, (model: NetworkModel, doc: Json) => void][] = [
  [
    'Vpcs',
    (m, d) => {
      for (const v of list(d.Vpcs)) {
        const id = str(v.VpcId);
        if (!id) continue;
        const texts = new Set<string>();
        const primary = str(v.CidrBlock);
        if (primary) texts.add(primary);
        for (const a of list(v.CidrBlockAssociationSet)) {
          const state = isObject(a.CidrBlockState) ? str(a.CidrBlockState.State) : null;
          const c = str(a.CidrBlock);
          if (c && (state === null || state === 'associated')) texts.add(c);
        }
        const existing = m.vpcs.get(id);
        const cidrTexts = [...texts];
        m.vpcs.set(id, {
          id,
          cidrTexts,
          cidrs: cidrTexts.map(parseCidr).filter((r): r is Ipv4Range => r !== null),
          dnsSupport: existing?.dnsSupport ?? null,
          dnsHostnames: existing?.dnsHostnames ?? null,
        });
      }
    },
  ],
  ['EnableDnsSupport', (m, d) => setVpcAttribute(m, d, 'dnsSupport', flag(d.EnableDnsSupport))],
  ['EnableDnsHostnames', (m, d) => setVpcAttribute(m, d, 'dnsHostnames', flag(d.EnableDnsHostnames))],
  [
    'Subnets',
    (m, d) => {
      for (const s of list(d.Subnets)) {
        const id = str(s.SubnetId);
        const vpcId = str(s.VpcId);
        if (!id || !vpcId) continue;
        const cidrText = str(s.CidrBlock) ?? '';
        m.subnets.set(id, {
          id,
          vpcId,
          cidrText,
          cidr: parseCidr(cidrText),
          az: str(s.AvailabilityZone),
          mapPublicIpOnLaunch: s.MapPublicIpOnLaunch === true,
        });
      }
    },
  ],
  [
    'RouteTables',
    (m, d) => {
      for (const t of list(d.RouteTables)) {
        const id = str(t.RouteTableId);
        if (!id) continue;
        const associations = list(t.Associations);
        const routes: Route[] = list(t.Routes).flatMap((r) => {
          const cidr = str(r.DestinationCidrBlock);
          const prefixListId = str(r.DestinationPrefixListId);
          if (!cidr && !prefixListId) return []; // IPv6 routes are out of scope
          const target = routeTarget(r);
          return [
            {
              destination: cidr ?? prefixListId ?? '',
              range: cidr ? parseCidr(cidr) : null,
              prefixListId,
              targetKind: target.kind,
              targetId: target.id,
              blackhole: str(r.State) === 'blackhole',
            },
          ];
        });
        m.routeTables.push({
          id,
          vpcId: str(t.VpcId) ?? '',
          main: associations.some((a) => a.Main === true),
          subnetIds: associations.map((a) => str(a.SubnetId)).filter((s): s is string => s !== null),
          routes,
        });
      }
    },
  ],
  [
    'NetworkAcls',
    (m, d) => {
      for (const n of list(d.NetworkAcls)) {
        const id = str(n.NetworkAclId);
        if (!id) continue;
        const entries: NaclEntry[] = list(n.Entries).flatMap((e) => {
          const cidrText = str(e.CidrBlock);
          if (!cidrText) return []; // IPv6 entries
          const protocol = protocolNumber(e.Protocol);
          const pr = isObject(e.PortRange) ? e.PortRange : null;
          return [
            {
              ruleNumber: ruleNumberOf(e.RuleNumber),
              egress: e.Egress === true,
              protocol,
              allow: str(e.RuleAction) === 'allow',
              cidr: parseCidr(cidrText),
              cidrText,
              ports:
                pr && (protocol === '6' || protocol === '17') ? portRange(pr.From, pr.To, protocol) : null,
            },
          ];
        });
        entries.sort((a, b) => a.ruleNumber - b.ruleNumber);
        m.nacls.push({
          id,
          vpcId: str(n.VpcId) ?? '',
          isDefault: n.IsDefault === true,
          subnetIds: list(n.Associations)
            .map((a) => str(a.SubnetId))
            .filter((s): s is string => s !== null),
          entries,
        });
      }
    },
  ],
  [
    'SecurityGroups',
    (m, d) => {
      for (const g of list(d.SecurityGroups)) {
        const id = str(g.GroupId);
        if (!id) continue;
        m.securityGroups.set(id, {
          id,
          name: str(g.GroupName) ?? id,
          vpcId: str(g.VpcId) ?? '',
          ingress: sgRules(g.IpPermissions, true),
          egress: sgRules(g.IpPermissionsEgress, false),
        });
      }
    },
  ],
  [
    'NetworkInterfaces',
    (m, d) => {
      for (const e of list(d.NetworkInterfaces)) {
        const id = str(e.NetworkInterfaceId);
        if (!id) continue;
        const ips = new Set<string>();
        const primary = str(e.PrivateIpAddress);
        if (primary) ips.add(primary);
        let publicIp = isObject(e.Association) ? str(e.Association.PublicIp) : null;
        for (const p of list(e.PrivateIpAddresses)) {
          const ip = str(p.PrivateIpAddress);
          if (ip) ips.add(ip);
          if (!publicIp && isObject(p.Association)) publicIp = str(p.Association.PublicIp);
        }
        const attachment = isObject(e.Attachment) ? e.Attachment : {};
        m.enis.set(id, {
          id,
          subnetId: str(e.SubnetId) ?? '',
          vpcId: str(e.VpcId) ?? '',
          privateIps: [...ips],
          publicIp,
          groupIds: list(e.Groups)
            .map((g) => str(g.GroupId))
            .filter((g): g is string => g !== null),
          description: str(e.Description) ?? '',
          interfaceType: str(e.InterfaceType) ?? 'interface',
          instanceId: str(attachment.InstanceId),
          status: str(e.Status) ?? '',
        });
      }
    },
  ],
  [
    'NatGateways',
    (m, d) => {
      for (const n of list(d.NatGateways)) {
        const id = str(n.NatGatewayId);
        if (!id) continue;
        const address = list(n.NatGatewayAddresses)[0] ?? {};
        m.natGateways.set(id, {
          id,
          subnetId: str(n.SubnetId) ?? '',
          vpcId: str(n.VpcId) ?? '',
          state: str(n.State) ?? 'available',
          publicIp: str(address.PublicIp),
          privateIp: str(address.PrivateIp),
          connectivity: str(n.ConnectivityType) === 'private' ? 'private' : 'public',
        });
      }
    },
  ],
  [
    'InternetGateways',
    (m, d) => {
      for (const g of list(d.InternetGateways)) {
        const id = str(g.InternetGatewayId);
        if (!id) continue;
        const vpcIds = list(g.Attachments)
          .filter((a) => {
            const state = str(a.State);
            return state === null || state === 'available' || state === 'attached';
          })
          .map((a) => str(a.VpcId))
          .filter((v): v is string => v !== null);
        m.internetGateways.set(id, { id, vpcIds });
      }
    },
  ],
  [
    'VpcEndpoints',
    (m, d) => {
      for (const e of list(d.VpcEndpoints)) {
        const id = str(e.VpcEndpointId);
        if (!id) continue;
        const type = str(e.VpcEndpointType);
        m.endpoints.set(id, {
          id,
          type: type === 'Gateway' || type === 'GatewayLoadBalancer' ? type : 'Interface',
          vpcId: str(e.VpcId) ?? '',
          serviceName: str(e.ServiceName) ?? '',
          state: (str(e.State) ?? 'available').toLowerCase(),
          subnetIds: strs(e.SubnetIds),
          groupIds: list(e.Groups)
            .map((g) => str(g.GroupId))
            .filter((g): g is string => g !== null),
          routeTableIds: strs(e.RouteTableIds),
          // Gateway endpoints have no private DNS, whatever an emulator reports.
          privateDnsEnabled: type !== 'Gateway' && e.PrivateDnsEnabled === true,
          dnsNames: list(e.DnsEntries)
            .map((x) => str(x.DnsName)?.toLowerCase() ?? '')
            .filter((x) => x !== ''),
          eniIds: strs(e.NetworkInterfaceIds),
        });
      }
    },
  ],
  [
    'PrefixLists',
    (m, d) => {
      for (const p of list(d.PrefixLists)) {
        const id = str(p.PrefixListId);
        if (!id) continue;
        m.prefixLists.set(id, {
          id,
          name: str(p.PrefixListName) ?? id,
          cidrs: strs(p.Cidrs)
            .map(parseCidr)
            .filter((r): r is Ipv4Range => r !== null),
        });
      }
    },
  ],
  [
    'Reservations',
    (m, d) => {
      for (const r of list(d.Reservations)) {
        for (const i of list(r.Instances)) {
          const id = str(i.InstanceId);
          if (!id) continue;
          m.instances.set(id, {
            id,
            type: str(i.InstanceType) ?? '',
            subnetId: str(i.SubnetId),
            vpcId: str(i.VpcId),
            privateIp: str(i.PrivateIpAddress),
            publicIp: str(i.PublicIpAddress),
            groupIds: list(i.SecurityGroups)
              .map((g) => str(g.GroupId))
              .filter((g): g is string => g !== null),
            eniIds: list(i.NetworkInterfaces)
              .map((n) => str(n.NetworkInterfaceId))
              .filter((n): n is string => n !== null),
          });
        }
      }
    },
  ],
  [
    'InstanceTypes',
    (m, d) => {
      for (const t of list(d.InstanceTypes)) {
        const type = str(t.InstanceType);
        const max = isObject(t.NetworkInfo) ? num(t.NetworkInfo.MaximumNetworkInterfaces) : null;
        if (type && max !== null) m.instanceTypes.set(type, max);
      }
    },
  ],
  [
    'tasks',
    (m, d) => {
      for (const t of list(d.tasks)) {
        const arn = str(t.taskArn);
        if (!arn) continue;
        let eniId: string | null = null;
        let subnetId: string | null = null;
        let privateIp: string | null = null;
        for (const a of list(t.attachments)) {
          const type = str(a.type);
          if (type !== 'ElasticNetworkInterface' && type !== 'eni') continue;
          for (const detail of list(a.details)) {
            const value = str(detail.value);
            if (detail.name === 'networkInterfaceId') eniId = value;
            else if (detail.name === 'subnetId') subnetId = value;
            else if (detail.name === 'privateIPv4Address') privateIp = value;
          }
        }
        const id = lastSegment(arn);
        m.tasks.set(id, {
          arn,
          id,
          cluster: str(t.clusterArn),
          group: str(t.group),
          lastStatus: str(t.lastStatus) ?? '',
          launchType: str(t.launchType),
          containerInstanceArn: str(t.containerInstanceArn),
          taskDefinitionArn: str(t.taskDefinitionArn),
          stoppedReason: str(t.stoppedReason),
          eniId,
          subnetId,
          privateIp,
        });
      }
    },
  ],
  [
    'services',
    (m, d) => {
      for (const s of list(d.services)) {
        const name = str(s.serviceName);
        if (!name) continue;
        const nc =
          isObject(s.networkConfiguration) && isObject(s.networkConfiguration.awsvpcConfiguration)
            ? s.networkConfiguration.awsvpcConfiguration
            : {};
        m.services.set(name, {
          name,
          arn: str(s.serviceArn) ?? name,
          subnets: strs(nc.subnets),
          securityGroups: strs(nc.securityGroups),
          assignPublicIp: str(nc.assignPublicIp) === 'ENABLED',
          enableExecuteCommand: s.enableExecuteCommand === true,
          launchType: str(s.launchType),
          taskDefinitionArn: str(s.taskDefinition),
          events: list(s.events)
            .map((e) => str(e.message) ?? '')
            .filter((e) => e !== ''),
        });
      }
    },
  ],
  [
    'taskDefinition',
    (m, d) => {
      const t = isObject(d.taskDefinition) ? d.taskDefinition : {};
      const arn = str(t.taskDefinitionArn);
      if (!arn) return;
      m.taskDefinitions.set(arn, {
        arn,
        family: str(t.family) ?? lastSegment(arn),
        networkMode: str(t.networkMode),
        environment: list(t.containerDefinitions).flatMap((c) =>
          list(c.environment).map((e) => ({
            container: str(c.name) ?? '',
            name: str(e.name) ?? '',
            value: str(e.value) ?? '',
          })),
        ),
      });
    },
  ],
  [
    'containerInstances',
    (m, d) => {
      for (const c of list(d.containerInstances)) {
        const arn = str(c.containerInstanceArn);
        const instance = str(c.ec2InstanceId);
        if (arn && instance) m.containerInstances.set(arn, instance);
      }
    },
  ],
  [
    'settings',
    (m, d) => {
      for (const s of list(d.settings)) {
        if (s.name === 'awsvpcTrunking') m.awsvpcTrunking = str(s.value) === 'enabled';
      }
    },
  ],
  ['FunctionName', (m, d) => addFunction(m, d)],
  ['Functions', (m, d) => list(d.Functions).forEach((f) => addFunction(m, f))],
  [
    'DBInstances',
    (m, d) => {
      for (const db of list(d.DBInstances)) {
        const endpoint = isObject(db.Endpoint) ? db.Endpoint : {};
        const group = isObject(db.DBSubnetGroup) ? db.DBSubnetGroup : {};
        addStore(m, {
          kind: 'rds',
          id: str(db.DBInstanceIdentifier) ?? '',
          hostnames: [str(endpoint.Address)]
            .filter((h): h is string => h !== null)
            .map((h) => h.toLowerCase()),
          port: num(endpoint.Port) ?? num(db.DbInstancePort),
          securityGroupIds: list(db.VpcSecurityGroups)
            .map((g) => str(g.VpcSecurityGroupId))
            .filter((g): g is string => g !== null),
          subnetIds: list(group.Subnets)
            .map((s) => str(s.SubnetIdentifier))
            .filter((s): s is string => s !== null),
          vpcId: str(group.VpcId),
        });
      }
    },
  ],
  [
    'DBClusters',
    (m, d) => {
      for (const c of list(d.DBClusters)) {
        addStore(m, {
          kind: 'rds',
          id: str(c.DBClusterIdentifier) ?? '',
          hostnames: [str(c.Endpoint), str(c.ReaderEndpoint)]
            .filter((h): h is string => h !== null)
            .map((h) => h.toLowerCase()),
          port: num(c.Port),
          securityGroupIds: list(c.VpcSecurityGroups)
            .map((g) => str(g.VpcSecurityGroupId))
            .filter((g): g is string => g !== null),
          subnetIds: [],
          vpcId: null,
        });
      }
    },
  ],
  [
    'CacheClusters',
    (m, d) => {
      for (const c of list(d.CacheClusters)) {
        const endpoints = [
          ...(isObject(c.ConfigurationEndpoint) ? [c.ConfigurationEndpoint] : []),
          ...list(c.CacheNodes).map((n) => (isObject(n.Endpoint) ? n.Endpoint : {})),
        ];
        addStore(m, {
          kind: 'elasticache',
          id: str(c.CacheClusterId) ?? '',
          hostnames: endpoints.map((e) => str(e.Address)?.toLowerCase() ?? '').filter((h) => h !== ''),
          port: endpoints.map((e) => num(e.Port)).find((p) => p !== null) ?? null,
          securityGroupIds: list(c.SecurityGroups)
            .map((g) => str(g.SecurityGroupId))
            .filter((g): g is string => g !== null),
          subnetIds: [],
          vpcId: null,
        });
      }
    },
  ],
  [
    'HostedZone',
    (m, d) => {
      const zone = isObject(d.HostedZone) ? d.HostedZone : {};
      const config = isObject(zone.Config) ? zone.Config : {};
      const id = str(zone.Id);
      const name = str(zone.Name);
      if (!id || !name || config.PrivateZone !== true) return;
      m.privateZones.push({
        id: id.replace(/^\/hostedzone\//, ''),
        name: name.toLowerCase().replace(/\.$/, ''),
        vpcIds: list(d.VPCs)
          .map((v) => str(v.VPCId))
          .filter((v): v is string => v !== null),
      });
    },
  ],
  [
    'FlowLogs',
    (m, d) => {
      for (const f of list(d.FlowLogs)) {
        const id = str(f.FlowLogId);
        const format = str(f.LogFormat);
        if (id && format) m.flowLogFormats.set(id, format);
      }
    },
  ],
  [
    'LoadBalancers',
    (m, d) => {
      for (const lb of list(d.LoadBalancers)) {
        const dnsName = str(lb.DNSName);
        if (!dnsName) continue;
        m.loadBalancers.push({
          name: str(lb.LoadBalancerName) ?? dnsName,
          dnsName: dnsName.toLowerCase(),
          scheme: str(lb.Scheme) ?? 'internet-facing',
          vpcId: str(lb.VpcId),
          subnetIds: list(lb.AvailabilityZones)
            .map((z) => str(z.SubnetId))
            .filter((s): s is string => s !== null),
          securityGroupIds: strs(lb.SecurityGroups),
        });
      }
    },
  ],
];

function setVpcAttribute(
  m: NetworkModel,
  d: Json,
  key: 'dnsSupport' | 'dnsHostnames',
  value: boolean | null,
): void {
  const id = str(d.VpcId);
  if (!id) return;
  const vpc = m.vpcs.get(id) ?? { id, cidrs: [], cidrTexts: [], dnsSupport: null, dnsHostnames: null };
  vpc[key] = value;
  m.vpcs.set(id, vpc);
}

function addFunction(m: NetworkModel, f: Json): void {
  const name = str(f.FunctionName);
  if (!name) return;
  const vpc = isObject(f.VpcConfig) ? f.VpcConfig : {};
  m.functions.set(name, {
    name,
    arn: str(f.FunctionArn) ?? name,
    subnetIds: strs(vpc.SubnetIds),
    securityGroupIds: strs(vpc.SecurityGroupIds),
    vpcId: str(vpc.VpcId),
  });
}

function addStore(m: NetworkModel, store: DataStore): void {
  if (store.id !== '') m.databases.push(store);
}

/** Adds one describe-* output to the model. Returns the keys it recognised (empty when none). */
export function addDocument(model: NetworkModel, doc: unknown, name: string): string[] {
  if (!isObject(doc)) {
    model.warnings.push(`${name}: not a JSON object as the AWS CLI prints it; skipped`);
    return [];
  }
  const recognised: string[] = [];
  for (const [key, read] of READERS) {
    if (!(key in doc)) continue;
    read(model, doc);
    model.present.add(key);
    recognised.push(key);
  }
  if (recognised.length === 0) {
    model.warnings.push(
      `${name}: no describe-* output netsleuth knows (top-level keys: ${Object.keys(doc).slice(0, 5).join(', ') || 'none'}); skipped`,
    );
  }
  return recognised;
}
