import { protocolName } from './buildModel.js';
import { formatIpv4, prefixLength, type Ipv4Range } from './cidr.js';
import type { NaclEntry, NetworkModel, Route, RouteTable } from './model.js';
import type { PathEnd } from './pathEnds.js';
import {
  attachedEnis,
  evaluateNacl,
  evaluateSecurityGroups,
  hasEniTrouble,
  naclForSubnet,
  routeTableForSubnet,
  type Decision,
} from './rules.js';

export type BlockKind =
  | 'security-group'
  | 'nacl'
  | 'route'
  | 'nat-gateway'
  | 'internet-gateway'
  | 'vpc-dns'
  | 'vpc-endpoint'
  | 'eni-capacity';

/** One step of the path, in the order packets meet them. */
export interface Hop {
  kind: BlockKind;
  resourceId: string;
  direction: 'outbound' | 'inbound' | null;
  decision: Decision;
  /** The rule, entry or route that decided, as text (`#100 deny tcp 5432 0.0.0.0/0`), or null. */
  rule: string | null;
  detail: string;
}

export interface Blocker {
  kind: BlockKind;
  resourceId: string;
  direction: 'outbound' | 'inbound' | null;
  rule: string | null;
  detail: string;
}

export type Verdict = 'blocked' | 'allowed' | 'unknown';

export interface PathResult {
  verdict: Verdict;
  hops: Hop[];
  blockedBy: Blocker[];
  explanation: string;
  fix: { commands: string[] };
  /** describe-* outputs that would turn an `unknown` into an answer. */
  missing: string[];
  /** The path leaves through a VPN, Direct Connect or transit gateway, where a smaller MTU bites. */
  mtuRisk: boolean;
  notes: string[];
}

export interface PathOptions {
  protocol?: string;
  /** Error class from the logs, when the path is evaluated for a finding. */
  errorClass?: string | null | undefined;
}

const ALL_PORTS_NOTE = 'ephemeral';

function entryText(e: NaclEntry): string {
  const ports = e.ports
    ? e.ports[0] === e.ports[1]
      ? `${e.ports[0]}`
      : `${e.ports[0]}-${e.ports[1]}`
    : 'all ports';
  return `#${e.ruleNumber === 32767 ? '*' : e.ruleNumber} ${e.allow ? 'allow' : 'deny'} ${protocolName(e.protocol)} ${ports} ${e.cidrText}`;
}

function portsText(p: [number, number]): string {
  return p[0] === p[1] ? `${p[0]}` : `${p[0]}-${p[1]}`;
}

function describeEnd(end: PathEnd): string {
  return end.label;
}

class PathBuilder {
  hops: Hop[] = [];
  missing = new Set<string>();
  notes: string[] = [];
  commands: string[] = [];
  mtuRisk = false;

  add(hop: Hop, fix?: string[]): void {
    this.hops.push(hop);
    if (hop.decision === 'deny' && fix) this.commands.push(...fix);
  }
}

/** Evaluates one direction-aware path from `source` (in one of its subnets) to `target` on `port`. */
export function evaluatePath(
  model: NetworkModel,
  source: PathEnd,
  sourceSubnetId: string | null,
  target: PathEnd,
  port: number,
  options: PathOptions = {},
): PathResult {
  const protocol = options.protocol ?? '6';
  const b = new PathBuilder();
  b.notes.push(...source.notes, ...target.notes);
  const proto = protocolName(protocol);
  const subnet = sourceSubnetId ? model.subnets.get(sourceSubnetId) : undefined;
  const vpcId = subnet?.vpcId ?? source.vpcId;
  const sourceAddresses = source.exactAddress || !subnet?.cidr ? source.addresses : [subnet.cidr];

  // A source the configuration does not hold: nothing on its side can be evaluated, and a guess would be worse.
  if (source.subnetIds.length === 0 && source.securityGroupIds.length === 0) {
    for (const n of source.notes) {
      const m = /\(export ([^)]{1,200})\)/.exec(n);
      if (m?.[1]) b.missing.add(m[1]);
    }
    b.add({
      kind: 'security-group',
      resourceId: source.id,
      direction: 'outbound',
      decision: 'unknown',
      rule: null,
      detail:
        source.notes[0]?.replace(/ \(export [^)]{1,200}\)$/, '') ??
        `${describeEnd(source)} has no subnet or security group in the configuration`,
    });
    return finish(b, source, target, port, proto, null);
  }
  checkEniCapacity(model, source, b);
  checkDns(model, vpcId, target, b, options.errorClass ?? null);
  // A name that does not resolve: only DNS matters, and the logs may not even print a port.
  if (options.errorClass === 'dns' && port === 0)
    return finish(b, source, target, port, proto, options.errorClass);

  // 1. The source's security groups, outbound.
  if (model.present.has('SecurityGroups') || source.securityGroupIds.length > 0) {
    const sg = evaluateSecurityGroups(model, source.securityGroupIds, 'egress', protocol, port, target);
    if (sg.missingGroups.length) b.missing.add('ec2 describe-security-groups');
    const first = source.securityGroupIds[0] ?? 'the source';
    b.add(
      {
        kind: 'security-group',
        resourceId: sg.groupId ?? source.securityGroupIds.join(',') ?? first,
        direction: 'outbound',
        decision: sg.decision,
        rule: sg.rule?.text ?? null,
        detail:
          sg.decision === 'allow'
            ? `${sg.groupId} lets ${proto}/${port} out (${sg.rule?.text})`
            : sg.decision === 'deny'
              ? `no outbound rule of ${source.securityGroupIds.join(', ')} allows ${proto}/${port} to ${describeEnd(target)}`
              : source.securityGroupIds.length === 0
                ? `the source's security groups are not known`
                : `${sg.rule ? `${sg.groupId} allows ${sg.rule.text}; whether that covers ${describeEnd(target)} depends on its address` : `groups ${sg.missingGroups.join(', ')} are not in the configuration`}`,
      },
      [egressCommand(first, protocol, port, target)],
    );
  } else {
    b.missing.add('ec2 describe-security-groups');
  }

  if (!sourceSubnetId || !subnet) {
    b.missing.add('ec2 describe-subnets');
    b.notes.push(
      `the source's subnet is not known${sourceSubnetId ? ` (${sourceSubnetId} is not in the configuration)` : ''}: NACLs and routes cannot be checked`,
    );
    return finish(b, source, target, port, proto, options.errorClass);
  }

  const targetInVpc =
    target.vpcId !== null &&
    target.vpcId === vpcId &&
    target.kind !== 'external' &&
    target.kind !== 'aws-service';
  const sameSubnet = targetInVpc && target.subnetIds.length === 1 && target.subnetIds[0] === sourceSubnetId;

  // 2. The source subnet's NACL, outbound (traffic inside one subnet never crosses its NACL).
  if (!sameSubnet)
    naclHop(
      model,
      b,
      sourceSubnetId,
      true,
      protocol,
      [port, port],
      target.addresses,
      `to ${describeEnd(target)} on ${proto}/${port}`,
    );

  // 3. The route out of the source subnet.
  const table = routeTableForSubnet(model, sourceSubnetId);
  let leavesThrough: 'local' | 'internet' | 'gateway-endpoint' | 'elsewhere' | null = null;
  if (!table) {
    if (model.routeTables.length === 0) b.missing.add('ec2 describe-route-tables');
    b.add({
      kind: 'route',
      resourceId: sourceSubnetId,
      direction: 'outbound',
      decision: 'unknown',
      rule: null,
      detail: `no route table for ${sourceSubnetId} in the configuration`,
    });
  } else {
    leavesThrough = routeHop(model, b, table, source, sourceSubnetId, target, port, protocol);
  }

  // NACLs are stateless: the source subnet must let the replies in on the client's ephemeral ports.
  const repliesIntoSource = () =>
    naclHop(
      model,
      b,
      sourceSubnetId,
      false,
      protocol,
      source.ephemeral,
      target.addresses,
      `replies from ${describeEnd(target)} on ${ALL_PORTS_NOTE} ports ${portsText(source.ephemeral)}`,
    );

  // 4. The destination side, when it is in this VPC: its subnet's NACL in, its groups in, and the way back.
  if (targetInVpc && (leavesThrough === 'local' || leavesThrough === null)) {
    for (const destSubnet of target.subnetIds) {
      if (destSubnet === sourceSubnetId) continue;
      naclHop(
        model,
        b,
        destSubnet,
        false,
        protocol,
        [port, port],
        sourceAddresses,
        `from ${describeEnd(source)} on ${proto}/${port}`,
      );
    }
    if (
      target.securityGroupIds.length > 0 ||
      ['eni', 'instance', 'rds', 'elasticache', 'vpc-endpoint'].includes(target.kind)
    ) {
      const peer = {
        addresses: sourceAddresses,
        securityGroupIds: source.securityGroupIds,
        awsService: null,
      };
      const sg = evaluateSecurityGroups(model, target.securityGroupIds, 'ingress', protocol, port, peer);
      if (sg.missingGroups.length) b.missing.add('ec2 describe-security-groups');
      const firstGroup = target.securityGroupIds[0] ?? 'the target group';
      b.add(
        {
          kind: target.kind === 'vpc-endpoint' ? 'vpc-endpoint' : 'security-group',
          resourceId: sg.groupId ?? (target.securityGroupIds.join(',') || target.id),
          direction: 'inbound',
          decision: sg.decision,
          rule: sg.rule?.text ?? null,
          detail:
            sg.decision === 'deny'
              ? ingressDenyDetail(model, target, source, protocol, port)
              : sg.decision === 'allow'
                ? `${sg.groupId} lets ${proto}/${port} in (${sg.rule?.text})`
                : target.securityGroupIds.length === 0
                  ? `the security groups of ${describeEnd(target)} are not known`
                  : `${sg.rule ? `${sg.groupId} allows ${sg.rule.text}; whether that covers ${describeEnd(source)} depends on its address` : `groups ${sg.missingGroups.join(', ')} are not in the configuration`}`,
        },
        [ingressCommand(firstGroup, protocol, port, source)],
      );
    } else {
      b.add({
        kind: 'security-group',
        resourceId: target.id,
        direction: 'inbound',
        decision: 'unknown',
        rule: null,
        detail: `what owns ${target.id} is not known, so its security groups are not`,
      });
      b.missing.add('ec2 describe-network-interfaces');
    }
    // The reply: NACLs are stateless, so the destination subnet must let it out to the client's ephemeral ports and the source subnet let it in.
    for (const destSubnet of target.subnetIds) {
      if (destSubnet === sourceSubnetId) continue;
      naclHop(
        model,
        b,
        destSubnet,
        true,
        protocol,
        source.ephemeral,
        sourceAddresses,
        `replies to ${describeEnd(source)} on ${ALL_PORTS_NOTE} ports ${portsText(source.ephemeral)}`,
      );
    }
    if (!sameSubnet) repliesIntoSource();
  } else if (
    leavesThrough === 'internet' ||
    leavesThrough === 'gateway-endpoint' ||
    leavesThrough === 'elsewhere'
  ) {
    repliesIntoSource();
  }
  return finish(b, source, target, port, proto, options.errorClass);
}

function naclHop(
  model: NetworkModel,
  b: PathBuilder,
  subnetId: string,
  egress: boolean,
  protocol: string,
  ports: [number, number],
  peer: Ipv4Range[],
  what: string,
): void {
  const nacl = naclForSubnet(model, subnetId);
  const direction = egress ? 'outbound' : 'inbound';
  if (!nacl) {
    b.missing.add('ec2 describe-network-acls');
    b.add({
      kind: 'nacl',
      resourceId: subnetId,
      direction,
      decision: 'unknown',
      rule: null,
      detail: `the NACL of ${subnetId} is not in the configuration`,
    });
    return;
  }
  const d = evaluateNacl(nacl, egress, protocol, ports, peer);
  const rule = d.entry
    ? entryText(d.entry)
    : d.decision === 'deny'
      ? '#* deny all (the implicit final rule)'
      : null;
  const denied = d.deniedPorts ? portsText(d.deniedPorts) : '';
  const detail =
    d.decision === 'allow'
      ? `${nacl.id} (${subnetId}) ${direction} allows ${what} (${rule})`
      : d.decision === 'deny'
        ? `${nacl.id} (${subnetId}) ${direction} denies ${what}${ports[0] !== ports[1] ? `: ports ${denied} fall to ${rule}` : ` by ${rule}`}${ports[0] !== ports[1] ? ' — NACLs are stateless, so replies need their own rule' : ''}`
        : `${nacl.id} (${subnetId}) ${direction}: ${rule} may or may not match, depending on the exact address`;
  const fixRule = Math.max(
    1,
    (d.entry?.ruleNumber ?? 32767) === 32767 ? 100 : (d.entry?.ruleNumber ?? 100) - 1,
  );
  const fixPorts = d.deniedPorts ?? ports;
  b.add({ kind: 'nacl', resourceId: nacl.id, direction, decision: d.decision, rule, detail }, [
    `aws ec2 create-network-acl-entry --network-acl-id ${nacl.id} --rule-number ${freeRuleNumber(nacl.entries, egress, fixRule)} ${egress ? '--egress' : '--ingress'} --protocol ${protocol === '-1' ? '-1' : protocolName(protocol)} --port-range From=${fixPorts[0]},To=${fixPorts[1]} --cidr-block ${peerCidrText(peer)} --rule-action allow`,
  ]);
}

function freeRuleNumber(entries: readonly NaclEntry[], egress: boolean, wanted: number): number {
  const used = new Set(entries.filter((e) => e.egress === egress).map((e) => e.ruleNumber));
  for (let n = Math.min(wanted, 32766); n >= 1 && n > wanted - 500; n--) if (!used.has(n)) return n;
  return wanted;
}

function peerCidrText(peer: readonly Ipv4Range[]): string {
  const one = peer.length === 1 ? peer[0] : undefined;
  if (!one) return '0.0.0.0/0';
  return `${formatIpv4(one.first)}/${prefixLength(one)}`;
}

function routeHop(
  model: NetworkModel,
  b: PathBuilder,
  table: RouteTable,
  source: PathEnd,
  subnetId: string,
  target: PathEnd,
  port: number,
  protocol: string,
): 'local' | 'internet' | 'gateway-endpoint' | 'elsewhere' | null {
  const route = chooseRoute(model, table, target);
  const proto = protocolName(protocol);
  if (route === 'ambiguous') {
    b.add({
      kind: 'route',
      resourceId: table.id,
      direction: 'outbound',
      decision: 'unknown',
      rule: null,
      detail: `which route of ${table.id} applies depends on the exact address of ${describeEnd(target)}`,
    });
    return null;
  }
  if (route === null) {
    const nat = [...model.natGateways.values()].find(
      (n) => n.vpcId === table.vpcId && n.state === 'available' && n.connectivity === 'public',
    );
    b.add(
      {
        kind: 'route',
        resourceId: table.id,
        direction: 'outbound',
        decision: 'deny',
        rule: null,
        detail: `${table.id} (${subnetId}) has no route to ${describeEnd(target)}${target.kind === 'aws-service' || target.kind === 'external' ? ': without 0.0.0.0/0 to a NAT gateway (or a VPC endpoint for the service) nothing outside the VPC is reachable' : ''}`,
      },
      [
        `aws ec2 create-route --route-table-id ${table.id} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id ${nat?.id ?? '<nat-gateway-id>'}`,
      ],
    );
    return null;
  }
  const ruleText = `${route.destination} → ${route.targetId}`;
  if (route.blackhole) {
    b.add(
      {
        kind: 'route',
        resourceId: table.id,
        direction: 'outbound',
        decision: 'deny',
        rule: ruleText,
        detail: `${table.id} sends ${route.destination} to ${route.targetId}, which no longer exists (blackhole)`,
      },
      [
        `aws ec2 replace-route --route-table-id ${table.id} --destination-cidr-block ${route.destination} --nat-gateway-id <nat-gateway-id>`,
      ],
    );
    return null;
  }
  switch (route.targetKind) {
    case 'local':
      b.add({
        kind: 'route',
        resourceId: table.id,
        direction: 'outbound',
        decision: 'allow',
        rule: ruleText,
        detail: `${table.id}: ${route.destination} is local to the VPC`,
      });
      return 'local';
    case 'gateway-endpoint':
      b.add({
        kind: 'route',
        resourceId: table.id,
        direction: 'outbound',
        decision: 'allow',
        rule: ruleText,
        detail: `${table.id} sends ${target.awsService ?? 'the service'} traffic to gateway endpoint ${route.targetId} (its endpoint policy is not evaluated)`,
      });
      return 'gateway-endpoint';
    case 'internet-gateway': {
      const igw = model.internetGateways.get(route.targetId);
      if (model.present.has('InternetGateways') && (!igw || !igw.vpcIds.includes(table.vpcId))) {
        b.add(
          {
            kind: 'internet-gateway',
            resourceId: route.targetId,
            direction: 'outbound',
            decision: 'deny',
            rule: ruleText,
            detail: `${route.targetId} is not attached to ${table.vpcId}`,
          },
          [`aws ec2 attach-internet-gateway --internet-gateway-id ${route.targetId} --vpc-id ${table.vpcId}`],
        );
        return null;
      }
      if (source.publicIp === false) {
        const why =
          source.kind === 'function'
            ? 'Lambda functions in a VPC never get a public IP, so an internet gateway route cannot serve them'
            : `${describeEnd(source)} has no public IP, and an internet gateway only passes traffic of addresses that have one`;
        b.add(
          {
            kind: 'route',
            resourceId: table.id,
            direction: 'outbound',
            decision: 'deny',
            rule: ruleText,
            detail: `${table.id} (${subnetId}) sends ${route.destination} to ${route.targetId}, but ${why}`,
          },
          source.kind === 'function'
            ? [
                `# put the function in private subnets whose route table sends 0.0.0.0/0 to a NAT gateway, e.g.`,
                `aws ec2 create-route --route-table-id <private-route-table> --destination-cidr-block 0.0.0.0/0 --nat-gateway-id <nat-gateway-id>`,
              ]
            : [
                `aws ecs update-service --cluster <cluster> --service <service> --network-configuration 'awsvpcConfiguration={subnets=[${subnetId}],securityGroups=[${source.securityGroupIds.join(',')}],assignPublicIp=ENABLED}'`,
              ],
        );
        return null;
      }
      b.add({
        kind: 'route',
        resourceId: table.id,
        direction: 'outbound',
        decision: source.publicIp ? 'allow' : 'unknown',
        rule: ruleText,
        detail: source.publicIp
          ? `${table.id} sends ${route.destination} to ${route.targetId} and the source has a public IP`
          : `${table.id} sends ${route.destination} to ${route.targetId}; whether the source has a public IP is not known`,
      });
      return 'internet';
    }
    case 'nat-gateway':
      return natHop(model, b, table, route, subnetId, source, target, port, protocol, proto)
        ? 'internet'
        : null;
    case 'transit-gateway':
    case 'virtual-private-gateway':
    case 'peering': {
      if (route.targetKind !== 'peering') b.mtuRisk = true;
      const via =
        route.targetKind === 'peering'
          ? 'a peering connection'
          : route.targetKind === 'transit-gateway'
            ? 'a transit gateway'
            : 'a VPN / Direct Connect gateway';
      b.add({
        kind: 'route',
        resourceId: table.id,
        direction: 'outbound',
        decision: 'unknown',
        rule: ruleText,
        detail: `${table.id} sends ${route.destination} through ${via} (${route.targetId}); what happens beyond this VPC is not in the configuration${route.targetKind === 'peering' ? '' : '. Such paths often carry a smaller MTU: if large responses hang, check that ICMP "fragmentation needed" (type 3 code 4) is allowed back'}`,
      });
      return 'elsewhere';
    }
    default:
      b.add({
        kind: 'route',
        resourceId: table.id,
        direction: 'outbound',
        decision: 'unknown',
        rule: ruleText,
        detail: `${table.id} sends ${route.destination} to ${route.targetId} (an appliance or instance netsleuth does not follow)`,
      });
      return 'elsewhere';
  }
}

function natHop(
  model: NetworkModel,
  b: PathBuilder,
  table: RouteTable,
  route: Route,
  subnetId: string,
  source: PathEnd,
  target: PathEnd,
  port: number,
  protocol: string,
  proto: string,
): boolean {
  const ruleText = `${route.destination} → ${route.targetId}`;
  const nat = model.natGateways.get(route.targetId);
  if (!nat) {
    b.missing.add('ec2 describe-nat-gateways');
    b.add({
      kind: 'nat-gateway',
      resourceId: route.targetId,
      direction: 'outbound',
      decision: 'unknown',
      rule: ruleText,
      detail: `${table.id} sends ${route.destination} to ${route.targetId}, which is not in the configuration`,
    });
    return false;
  }
  if (nat.state !== 'available') {
    b.add(
      {
        kind: 'nat-gateway',
        resourceId: nat.id,
        direction: 'outbound',
        decision: 'deny',
        rule: ruleText,
        detail: `${nat.id} is ${nat.state}, not available`,
      },
      [
        `aws ec2 create-nat-gateway --subnet-id <public-subnet-id> --allocation-id <eip-allocation-id>`,
        `aws ec2 replace-route --route-table-id ${table.id} --destination-cidr-block ${route.destination} --nat-gateway-id <new-nat-gateway-id>`,
      ],
    );
    return false;
  }
  if (nat.connectivity === 'private' && (target.kind === 'external' || target.kind === 'aws-service')) {
    b.add({
      kind: 'nat-gateway',
      resourceId: nat.id,
      direction: 'outbound',
      decision: 'deny',
      rule: ruleText,
      detail: `${nat.id} is a private NAT gateway: it cannot reach the internet`,
    });
    return false;
  }
  const sourceAz = model.subnets.get(subnetId)?.az;
  const natAz = model.subnets.get(nat.subnetId)?.az;
  if (sourceAz && natAz && sourceAz !== natAz)
    b.notes.push(
      `${subnetId} (${sourceAz}) uses ${nat.id} in ${natAz}: an outage of ${natAz} cuts ${sourceAz} off too, and cross-AZ traffic is billed`,
    );
  const natTable = routeTableForSubnet(model, nat.subnetId);
  const natRoute = natTable ? chooseRoute(model, natTable, target) : null;
  if (!natTable) {
    b.add({
      kind: 'nat-gateway',
      resourceId: nat.id,
      direction: 'outbound',
      decision: 'unknown',
      rule: ruleText,
      detail: `the route table of ${nat.id}'s subnet ${nat.subnetId} is not in the configuration`,
    });
    return false;
  }
  if (
    natRoute === 'ambiguous' ||
    natRoute === null ||
    natRoute.targetKind !== 'internet-gateway' ||
    natRoute.blackhole
  ) {
    const igw = [...model.internetGateways.values()].find((g) => g.vpcIds.includes(table.vpcId));
    b.add(
      {
        kind: 'nat-gateway',
        resourceId: nat.id,
        direction: 'outbound',
        decision: 'deny',
        rule: ruleText,
        detail: `${nat.id} sits in ${nat.subnetId}, whose route table ${natTable.id} has no route to an internet gateway${natRoute && natRoute !== 'ambiguous' ? ` (it sends ${natRoute.destination} to ${natRoute.targetId})` : ''}: a NAT gateway must sit in a public subnet`,
      },
      [
        `aws ec2 create-route --route-table-id ${natTable.id} --destination-cidr-block 0.0.0.0/0 --gateway-id ${igw?.id ?? '<internet-gateway-id>'}`,
      ],
    );
    return false;
  }
  b.add({
    kind: 'nat-gateway',
    resourceId: nat.id,
    direction: 'outbound',
    decision: 'allow',
    rule: ruleText,
    detail: `${table.id} sends ${route.destination} to ${nat.id} in ${nat.subnetId}${natAz ? ` (${natAz})` : ''}, which routes to ${natRoute.targetId}`,
  });
  // The NAT's own subnet NACL sees the request arrive from the source and leave for the target, and the replies (to the NAT's ports 1024-65535).
  const natPeer = source.addresses;
  if (nat.subnetId !== subnetId)
    naclHop(
      model,
      b,
      nat.subnetId,
      false,
      protocol,
      [port, port],
      natPeer,
      `from ${describeEnd(source)} on ${proto}/${port} into the NAT subnet`,
    );
  naclHop(
    model,
    b,
    nat.subnetId,
    true,
    protocol,
    [port, port],
    target.addresses,
    `to ${describeEnd(target)} on ${proto}/${port} from the NAT gateway`,
  );
  naclHop(
    model,
    b,
    nat.subnetId,
    false,
    protocol,
    [1024, 65535],
    target.addresses,
    `replies to the NAT gateway on ports 1024-65535`,
  );
  if (nat.subnetId !== subnetId)
    naclHop(
      model,
      b,
      nat.subnetId,
      true,
      protocol,
      source.ephemeral,
      natPeer,
      `replies back to ${describeEnd(source)} on ports ${portsText(source.ephemeral)}`,
    );
  return true;
}

function chooseRoute(model: NetworkModel, table: RouteTable, target: PathEnd): Route | null | 'ambiguous' {
  if (target.awsService) {
    const viaPrefixList = table.routes.find((r) => {
      if (!r.prefixListId) return false;
      const pl = model.prefixLists.get(r.prefixListId);
      if (pl) return pl.name.endsWith(`.${target.awsService}`);
      const ep = model.endpoints.get(r.targetId);
      return ep !== undefined && ep.serviceName.endsWith(`.${target.awsService}`);
    });
    if (viaPrefixList) return viaPrefixList;
  }
  if (target.addresses.length === 0) return 'ambiguous';
  let best: Route | null = null;
  let bestBits = -1;
  let partial = -1;
  for (const r of table.routes) {
    if (!r.range) continue;
    const bits = 32 - Math.log2(r.range.last - r.range.first + 1);
    let all = true;
    let any = false;
    for (const a of target.addresses) {
      const inside = r.range.first <= a.first && a.last <= r.range.last;
      const overlaps = r.range.first <= a.last && a.first <= r.range.last;
      if (!inside) all = false;
      if (overlaps) any = true;
    }
    if (all && bits > bestBits) {
      best = r;
      bestBits = bits;
    } else if (!all && any) partial = Math.max(partial, bits);
  }
  if (partial > bestBits) return 'ambiguous';
  return best;
}

function checkDns(
  model: NetworkModel,
  vpcId: string | null,
  target: PathEnd,
  b: PathBuilder,
  errorClass: string | null,
): void {
  if (!target.hostname || /^ip-\d/.test(target.hostname)) return;
  const vpc = vpcId ? model.vpcs.get(vpcId) : undefined;
  const privateName =
    target.kind === 'unresolved' || (target.kind === 'vpc-endpoint' && target.awsService !== null);
  if (!vpc || vpc.dnsSupport === null || (privateName && vpc.dnsHostnames === null)) {
    if (errorClass === 'dns' || privateName) {
      b.missing.add('ec2 describe-vpc-attribute (enableDnsSupport, enableDnsHostnames)');
      b.add({
        kind: 'vpc-dns',
        resourceId: vpcId ?? 'the VPC',
        direction: null,
        decision: 'unknown',
        rule: null,
        detail: `the VPC's DNS attributes are not in the configuration`,
      });
    }
    return;
  }
  if (vpc.dnsSupport === false) {
    b.add(
      {
        kind: 'vpc-dns',
        resourceId: vpc.id,
        direction: null,
        decision: 'deny',
        rule: 'enableDnsSupport=false',
        detail: `${vpc.id} has DNS resolution (enableDnsSupport) off: the Amazon-provided resolver does not answer, so ${target.hostname} cannot be resolved`,
      },
      [`aws ec2 modify-vpc-attribute --vpc-id ${vpc.id} --enable-dns-support '{"Value":true}'`],
    );
    return;
  }
  if (privateName && vpc.dnsHostnames === false) {
    const what =
      target.kind === 'vpc-endpoint'
        ? `the private DNS name of ${target.id}`
        : `private hosted zone names such as ${target.hostname}`;
    b.add(
      {
        kind: 'vpc-dns',
        resourceId: vpc.id,
        direction: null,
        decision: 'deny',
        rule: 'enableDnsHostnames=false',
        detail: `${vpc.id} has DNS hostnames (enableDnsHostnames) off, which ${what} need`,
      },
      [`aws ec2 modify-vpc-attribute --vpc-id ${vpc.id} --enable-dns-hostnames '{"Value":true}'`],
    );
    return;
  }
  if (target.kind === 'aws-service') {
    const noPrivateDns = [...model.endpoints.values()].find(
      (e) =>
        e.vpcId === vpc.id &&
        e.type === 'Interface' &&
        !e.privateDnsEnabled &&
        target.awsService !== null &&
        e.serviceName.endsWith(`.${target.awsService}`),
    );
    if (noPrivateDns) {
      // Not a block by itself: the public name still works through a NAT or internet gateway, evaluated below.
      b.notes.push(
        `${noPrivateDns.id} serves ${target.awsService} but has private DNS off, so ${target.hostname} resolves to public addresses and the traffic bypasses the endpoint (aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${noPrivateDns.id} --private-dns-enabled)`,
      );
    }
  }
  b.add({
    kind: 'vpc-dns',
    resourceId: vpc.id,
    direction: null,
    decision: 'allow',
    rule: null,
    detail: `${vpc.id} has DNS resolution${privateName ? ' and DNS hostnames' : ''} on`,
  });
}

function checkEniCapacity(model: NetworkModel, source: PathEnd, b: PathBuilder): void {
  if (source.kind !== 'task') return;
  const task = model.tasks.get(source.id);
  if (!task) return;
  if (!hasEniTrouble(task) || task.launchType === 'FARGATE') return;
  const instanceId = source.containerInstanceId;
  const instance = instanceId ? model.instances.get(instanceId) : undefined;
  if (!instance) {
    b.add({
      kind: 'eni-capacity',
      resourceId: instanceId ?? task.containerInstanceArn ?? task.id,
      direction: null,
      decision: 'unknown',
      rule: null,
      detail: `task ${task.id} is ${task.lastStatus}${task.stoppedReason ? ` (${task.stoppedReason})` : ''}; its container instance is not in the configuration`,
    });
    b.missing.add('ecs describe-container-instances and ec2 describe-instances');
    return;
  }
  const max = model.instanceTypes.get(instance.type);
  const attached = attachedEnis(model, instance);
  if (max === undefined) {
    b.missing.add(`ec2 describe-instance-types --instance-types ${instance.type}`);
    b.add({
      kind: 'eni-capacity',
      resourceId: instance.id,
      direction: null,
      decision: 'unknown',
      rule: null,
      detail: `${instance.id} (${instance.type}) has ${attached} ENIs attached; its limit is not in the configuration`,
    });
    return;
  }
  const full = attached >= max;
  b.add(
    {
      kind: 'eni-capacity',
      resourceId: instance.id,
      direction: null,
      decision: full && model.awsvpcTrunking !== true ? 'deny' : 'allow',
      rule: `${attached} of ${max} ENIs`,
      detail: `${instance.id} (${instance.type}) has ${attached} of its ${max} ENIs attached (the primary one included)${full ? `: no room for another awsvpc task${model.awsvpcTrunking === true ? ' unless trunking applies to this instance (it must be launched after trunking was enabled)' : ''}` : ''}`,
    },
    [
      `aws ecs put-account-setting --name awsvpcTrunking --value enabled   # then replace the container instances`,
      `# or use an instance type with more ENIs (aws ec2 describe-instance-types --query 'InstanceTypes[].[InstanceType,NetworkInfo.MaximumNetworkInterfaces]')`,
    ],
  );
}

function ingressDenyDetail(
  model: NetworkModel,
  target: PathEnd,
  source: PathEnd,
  protocol: string,
  port: number,
): string {
  const proto = protocolName(protocol);
  const allowedFrom: string[] = [];
  for (const id of target.securityGroupIds) {
    for (const rule of model.securityGroups.get(id)?.ingress ?? []) {
      if (
        (rule.protocol === '-1' || rule.protocol === protocol) &&
        (rule.ports === null || (rule.ports[0] <= port && port <= rule.ports[1]))
      ) {
        allowedFrom.push(
          ...rule.groupIds.map((g) => groupLabel(model, g)),
          ...rule.cidrs.map((c) => c.text),
          ...rule.prefixListIds,
        );
      }
    }
  }
  const carries = source.securityGroupIds.length
    ? `${describeEnd(source)} carries ${source.securityGroupIds.join(', ')}`
    : `${describeEnd(source)}'s groups are unknown`;
  let text = allowedFrom.length
    ? `${proto}/${port} allowed only from ${allowedFrom.join(', ')}; ${carries}`
    : `no inbound rule of ${target.securityGroupIds.join(', ')} allows ${proto}/${port}; ${carries}`;
  const bridge = bridgeMistake(model, target, source, protocol, port);
  if (bridge) text += `. ${bridge}`;
  return text;
}

function groupLabel(model: NetworkModel, id: string): string {
  const g = model.securityGroups.get(id);
  const instances = [...model.instances.values()].filter((i) => i.groupIds.includes(id));
  if (instances.length > 0) return `${id} (the EC2 instances' group${g ? ` ${g.name}` : ''})`;
  return g && g.name !== id ? `${id} (${g.name})` : id;
}

/** The classic migration mistake: the target still allows the container instances' group, but awsvpc tasks carry their own. */
function bridgeMistake(
  model: NetworkModel,
  target: PathEnd,
  source: PathEnd,
  protocol: string,
  port: number,
): string | null {
  if (source.kind !== 'task') return null;
  const instanceGroups = new Set<string>();
  if (source.containerInstanceId)
    for (const g of model.instances.get(source.containerInstanceId)?.groupIds ?? []) instanceGroups.add(g);
  if (instanceGroups.size === 0)
    for (const i of model.instances.values()) for (const g of i.groupIds) instanceGroups.add(g);
  for (const id of target.securityGroupIds) {
    for (const rule of model.securityGroups.get(id)?.ingress ?? []) {
      if (
        !(rule.protocol === '-1' || rule.protocol === protocol) ||
        !(rule.ports === null || (rule.ports[0] <= port && port <= rule.ports[1]))
      )
        continue;
      const g = rule.groupIds.find((x) => instanceGroups.has(x) && !source.securityGroupIds.includes(x));
      if (g)
        return `This is the bridge → awsvpc migration mistake: ${id} allows the container instances' group ${g}, but in awsvpc mode each task has its own ENI with its own groups (${source.securityGroupIds.join(', ') || 'unknown'}), so the instance's group no longer applies to the task's traffic`;
    }
  }
  return null;
}

function egressCommand(groupId: string, protocol: string, port: number, target: PathEnd): string {
  const proto = protocolName(protocol);
  const peer =
    target.securityGroupIds[0] && target.vpcId
      ? `UserIdGroupPairs=[{GroupId=${target.securityGroupIds[0]}}]`
      : `IpRanges=[{CidrIp=${target.exactAddress ? peerCidrText(target.addresses) : '0.0.0.0/0'}}]`;
  return `aws ec2 authorize-security-group-egress --group-id ${groupId} --ip-permissions 'IpProtocol=${proto},FromPort=${port},ToPort=${port},${peer}'`;
}

function ingressCommand(groupId: string, protocol: string, port: number, source: PathEnd): string {
  const proto = protocolName(protocol);
  const from = source.securityGroupIds[0]
    ? `--source-group ${source.securityGroupIds[0]}`
    : `--cidr ${peerCidrText(source.addresses)}`;
  return `aws ec2 authorize-security-group-ingress --group-id ${groupId} --protocol ${proto} --port ${port} ${from}`;
}

function finish(
  b: PathBuilder,
  source: PathEnd,
  target: PathEnd,
  port: number,
  proto: string,
  errorClass: string | null | undefined,
): PathResult {
  const denied = b.hops.filter((h) => h.decision === 'deny');
  const unknown = b.hops.filter((h) => h.decision === 'unknown');
  const dnsOnly = errorClass === 'dns';
  const dnsDenied = denied.filter(
    (h) => h.kind === 'vpc-dns' || (h.kind === 'vpc-endpoint' && h.direction === null),
  );
  const blockers = dnsOnly ? dnsDenied : denied;
  let verdict: Verdict;
  let explanation: string;
  const where = `${describeEnd(source)} → ${target.hostname ?? target.label}:${port}`;
  if (blockers.length > 0 || (!dnsOnly && denied.length > 0)) {
    verdict = 'blocked';
    const first = (blockers[0] ?? denied[0]) as Hop;
    explanation = `BLOCKED at ${first.resourceId}${first.direction ? ` ${first.direction}` : ''}: ${first.detail}`;
    if (errorClass === 'refused' && first.kind !== 'vpc-dns')
      b.notes.push(
        'The logs say "connection refused", which is an answer: security groups and NACLs drop packets silently (a timeout). Check that the path evaluated is the one the failing connections took.',
      );
  } else if (dnsOnly) {
    verdict = 'unknown';
    explanation = `UNKNOWN: the name does not resolve, and the VPC's DNS settings do not explain it${unknown.length ? ' (some are not known)' : ''}: check that the record exists and, for a private hosted zone, that the zone is associated with the VPC (aws route53 list-hosted-zones-by-vpc).`;
  } else if (unknown.length > 0) {
    verdict = 'unknown';
    explanation = `UNKNOWN for ${where}: ${unknown.map((h) => h.detail).join('; ')}${b.missing.size ? `. Export: ${[...b.missing].join(', ')}` : ''}`;
  } else {
    verdict = 'allowed';
    const why =
      errorClass === undefined
        ? null
        : errorClass === 'refused'
          ? `nothing is listening on ${port} at the target, or it is restarting`
          : errorClass === 'reset'
            ? 'the target (or a proxy in front of it) closes connections: check its logs, idle timeouts and connection limits'
            : 'the target itself is the suspect: it is down, not listening, overloaded, or a host firewall drops the traffic';
    explanation = `ALLOWED: every security group, NACL and route on the path lets ${proto}/${port} through, both ways.${why ? ` The failures in the logs are not caused by the network configuration: ${why}.` : ''}`;
  }
  const fix = verdict === 'blocked' ? [...new Set(b.commands)] : [];
  return {
    verdict,
    hops: b.hops,
    blockedBy: (verdict === 'blocked' ? (blockers.length ? blockers : denied) : []).map((h) => ({
      kind: h.kind,
      resourceId: h.resourceId,
      direction: h.direction,
      rule: h.rule,
      detail: h.detail,
    })),
    explanation,
    fix: { commands: fix },
    missing: [...b.missing],
    mtuRisk: b.mtuRisk,
    notes: [...new Set(b.notes)],
  };
}
