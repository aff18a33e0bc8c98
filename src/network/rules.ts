import { coverage, type Ipv4Range } from './cidr.js';
import type { EcsTask, Instance, Nacl, NaclEntry, NetworkModel, RouteTable, SgRule } from './model.js';

/** A peer as the rules see it: where its address may be, its groups, the AWS service it is. */
export interface Peer {
  addresses: Ipv4Range[];
  securityGroupIds: string[];
  awsService: string | null;
}

export type Decision = 'allow' | 'deny' | 'unknown';

export interface SgDecision {
  decision: Decision;
  groupId: string | null;
  rule: SgRule | null;
  /** Groups named on the ENI but absent from the configuration. */
  missingGroups: string[];
}

function protocolMatches(ruleProtocol: string, protocol: string): boolean {
  return ruleProtocol === '-1' || ruleProtocol === protocol;
}

function portsContain(ports: [number, number] | null, lo: number, hi: number): boolean {
  return ports === null || (ports[0] <= lo && hi <= ports[1]);
}

function prefixListCoverage(model: NetworkModel, id: string, peer: Peer): 'all' | 'none' | 'some' {
  const pl = model.prefixLists.get(id);
  if (peer.awsService && pl && (pl.name.endsWith(`.${peer.awsService}`) || pl.name === peer.awsService))
    return 'all';
  if (!pl || pl.cidrs.length === 0) return peer.awsService ? 'some' : 'none';
  let best: 'all' | 'none' | 'some' = 'none';
  for (const c of pl.cidrs) {
    const cov = coverage(c, peer.addresses);
    if (cov === 'all') return 'all';
    if (cov === 'some') best = 'some';
  }
  return best;
}

function ruleCoverage(model: NetworkModel, rule: SgRule, peer: Peer): 'all' | 'none' | 'some' {
  if (rule.groupIds.some((g) => peer.securityGroupIds.includes(g))) return 'all';
  let best: 'all' | 'none' | 'some' = 'none';
  for (const c of rule.cidrs) {
    const cov = coverage(c.range, peer.addresses);
    if (cov === 'all') return 'all';
    if (cov === 'some') best = 'some';
  }
  for (const pl of rule.prefixListIds) {
    const cov = prefixListCoverage(model, pl, peer);
    if (cov === 'all') return 'all';
    if (cov === 'some') best = 'some';
  }
  // A group reference to a group the peer does not carry could still match when the peer's groups are unknown.
  if (rule.groupIds.length > 0 && peer.securityGroupIds.length === 0) best = 'some';
  return best;
}

/** Security groups are allow-lists and stateful: one rule of one group letting the packet through is enough. */
export function evaluateSecurityGroups(
  model: NetworkModel,
  groupIds: readonly string[],
  direction: 'ingress' | 'egress',
  protocol: string,
  port: number,
  peer: Peer,
): SgDecision {
  const missingGroups = groupIds.filter((g) => !model.securityGroups.has(g));
  let unsure: { groupId: string; rule: SgRule } | null = null;
  for (const id of groupIds) {
    const group = model.securityGroups.get(id);
    if (!group) continue;
    for (const rule of direction === 'ingress' ? group.ingress : group.egress) {
      if (!protocolMatches(rule.protocol, protocol) || !portsContain(rule.ports, port, port)) continue;
      const cov = ruleCoverage(model, rule, peer);
      if (cov === 'all') return { decision: 'allow', groupId: id, rule, missingGroups };
      if (cov === 'some' && !unsure) unsure = { groupId: id, rule };
    }
  }
  if (unsure) return { decision: 'unknown', ...unsure, missingGroups };
  if (missingGroups.length > 0 || groupIds.length === 0)
    return { decision: 'unknown', groupId: null, rule: null, missingGroups };
  return { decision: 'deny', groupId: null, rule: null, missingGroups };
}

export interface NaclDecision {
  decision: Decision;
  /** The entry that decided (null for the implicit final deny). */
  entry: NaclEntry | null;
  /** Ports of the asked range that the deciding entry denies (a range check may be denied in part). */
  deniedPorts: [number, number] | null;
}

/**
 * NACLs are stateless and ordered: the lowest-numbered entry that matches decides, and what no entry
 * matches is denied. A port range (return traffic to ephemeral ports) is allowed only if every port is.
 */
export function evaluateNacl(
  nacl: Nacl,
  egress: boolean,
  protocol: string,
  ports: [number, number],
  peer: readonly Ipv4Range[],
): NaclDecision {
  let remaining: [number, number][] = [ports];
  let lastAllow: NaclEntry | null = null;
  for (const entry of nacl.entries) {
    if (entry.egress !== egress || !protocolMatches(entry.protocol, protocol)) continue;
    const cov = entry.cidr ? coverage(entry.cidr, peer) : 'none';
    if (cov === 'none') continue;
    const [lo, hi] = entry.ports ?? [0, 65535];
    const hit = remaining
      .filter(([a, b]) => a <= hi && lo <= b)
      .map(([a, b]): [number, number] => [Math.max(a, lo), Math.min(b, hi)]);
    if (hit.length === 0) continue;
    if (cov === 'some') return { decision: 'unknown', entry, deniedPorts: null };
    if (!entry.allow) {
      const first = hit[0] as [number, number];
      const last = hit[hit.length - 1] as [number, number];
      return { decision: 'deny', entry, deniedPorts: [first[0], last[1]] };
    }
    lastAllow = entry;
    remaining = remaining.flatMap(([a, b]) => {
      const out: [number, number][] = [];
      if (a < lo) out.push([a, Math.min(b, lo - 1)]);
      if (b > hi) out.push([Math.max(a, hi + 1), b]);
      return out;
    });
    if (remaining.length === 0) return { decision: 'allow', entry: lastAllow, deniedPorts: null };
  }
  const first = remaining[0] as [number, number];
  const last = remaining[remaining.length - 1] as [number, number];
  return { decision: 'deny', entry: null, deniedPorts: [first[0], last[1]] };
}

export function naclForSubnet(model: NetworkModel, subnetId: string): Nacl | null {
  const explicit = model.nacls.find((n) => n.subnetIds.includes(subnetId));
  if (explicit) return explicit;
  const vpcId = model.subnets.get(subnetId)?.vpcId;
  return model.nacls.find((n) => n.isDefault && n.vpcId === vpcId) ?? null;
}

export function routeTableForSubnet(model: NetworkModel, subnetId: string): RouteTable | null {
  const explicit = model.routeTables.find((t) => t.subnetIds.includes(subnetId));
  if (explicit) return explicit;
  const vpcId = model.subnets.get(subnetId)?.vpcId;
  return model.routeTables.find((t) => t.main && t.vpcId === vpcId) ?? null;
}

/** A task held up by its network interface: still provisioning, or stopped for an ENI reason. */
export function hasEniTrouble(task: EcsTask): boolean {
  return (
    task.lastStatus === 'PROVISIONING' ||
    /\bENI\b|network interface|ResourceInitializationError/i.test(task.stoppedReason ?? '')
  );
}

/** ENIs attached to an instance: from describe-network-interfaces, else from the instance itself. */
export function attachedEnis(model: NetworkModel, instance: Instance): number {
  let n = 0;
  for (const e of model.enis.values()) if (e.instanceId === instance.id) n++;
  return n || instance.eniIds.length;
}
