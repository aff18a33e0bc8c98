import { attributeFailures, type FailureCount } from '../flowlogs/attributeFailures.js';
import { FlowCorrelator } from '../flowlogs/flowCorrelator.js';
import type { FlowEniInfo, FlowEniMap, FlowTarget } from '../flowlogs/flowEvidence.js';
import type { Finding, Report } from '../core/report.js';
import { formatIpv4, parseIpv4 } from './cidr.js';
import type { NetworkModel } from './model.js';
import { resolveTarget } from './pathEnds.js';

/** What each ENI of the configuration is, for flow-log correlation and attribution. */
export function eniMapFromModel(model: NetworkModel): FlowEniMap {
  const taskOfEni = new Map<string, string>();
  for (const t of model.tasks.values()) if (t.eniId) taskOfEni.set(t.eniId, t.id);
  const map = new Map<string, FlowEniInfo>();
  for (const eni of model.enis.values()) {
    const az = model.subnets.get(eni.subnetId)?.az;
    const taskId = taskOfEni.get(eni.id);
    const kind =
      taskId !== undefined
        ? 'ecs-task'
        : eni.interfaceType === 'lambda' || /^AWS Lambda VPC ENI/i.test(eni.description)
          ? 'lambda'
          : eni.interfaceType;
    map.set(eni.id, {
      ...(eni.subnetId ? { subnetId: eni.subnetId } : {}),
      ...(az ? { az } : {}),
      kind,
      ...(taskId !== undefined ? { taskId } : {}),
      privateIps: eni.privateIps,
    });
  }
  // Tasks whose ENI is gone (stopped) or was not exported still have a subnet: give them a stand-in entry.
  for (const t of model.tasks.values()) {
    if (t.eniId && map.has(t.eniId)) continue;
    if (!t.subnetId) continue;
    const az = model.subnets.get(t.subnetId)?.az;
    map.set(t.eniId ?? `task/${t.id}`, {
      subnetId: t.subnetId,
      ...(az ? { az } : {}),
      kind: 'ecs-task',
      taskId: t.id,
      ...(t.privateIp ? { privateIps: [t.privateIp] } : {}),
    });
  }
  return map;
}

/** The subnets a workload may run in: its services' awsvpc subnets (ECS) or its VpcConfig (Lambda). */
function workloadSubnets(model: NetworkModel, taskIds: readonly string[], functionNames: readonly string[]) {
  const ids = new Set<string>();
  for (const id of taskIds) {
    const group = model.tasks.get(id)?.group;
    const service = group?.startsWith('service:')
      ? model.services.get(group.slice('service:'.length))
      : undefined;
    for (const s of service?.subnets ?? []) ids.add(s);
  }
  for (const name of functionNames) for (const s of model.functions.get(name)?.subnetIds ?? []) ids.add(s);
  return [...ids].map((subnetId) => {
    const az = model.subnets.get(subnetId)?.az;
    return { subnetId, ...(az ? { az } : {}) };
  });
}

/**
 * With the configuration, ECS failures by task become failures by subnet and AZ: task → ENI → subnet.
 * Keeps the task sentence the pattern wrote when the subnets say nothing sharper.
 */
export function attachEcsAttribution(
  report: Report,
  model: NetworkModel,
  taskCounts: readonly FailureCount[],
): void {
  const finding = report.findings.find((f) => f.pattern === 'ecs-network-connectivity');
  if (!finding || taskCounts.length === 0) return;
  const enis = eniMapFromModel(model);
  const attribution = attributeFailures({
    counts: taskCounts,
    enis,
    subnets: workloadSubnets(
      model,
      taskCounts.map((c) => c.taskId ?? ''),
      [],
    ),
  });
  if (!attribution.sentence && finding.attribution?.sentence)
    attribution.sentence = finding.attribution.sentence;
  finding.attribution = { ...attribution, basis: 'log-events' };
}

/** The IP targets of a finding, each over the time its failures were seen. Names the configuration knows become addresses. */
export function flowTargetsOf(finding: Finding, model: NetworkModel | undefined): FlowTarget[] {
  const out: FlowTarget[] = [];
  const seen = new Set<string>();
  for (const row of finding.targets) {
    if (row.class === 'pool' || !row.host || row.port === null || !row.firstSeen || !row.lastSeen) continue;
    let ip = parseIpv4(row.host) !== null ? row.host : null;
    if (!ip && model) {
      const t = resolveTarget(model, row.host, row.port, null);
      const one = t.exactAddress && t.addresses.length === 1 ? t.addresses[0] : undefined;
      if (one) ip = formatIpv4(one.first);
    }
    if (!ip || seen.has(`${ip}:${row.port}`)) continue;
    seen.add(`${ip}:${row.port}`);
    out.push({ ip, port: row.port, from: Date.parse(row.firstSeen), to: Date.parse(row.lastSeen) });
  }
  return out.slice(0, 50);
}

/** One correlator per finding that has IP targets; feed every flow record to `add`, then call `attach`. */
export class FlowJoin {
  private readonly correlators = new Map<Finding, FlowCorrelator>();

  constructor(
    private readonly report: Report,
    private readonly model: NetworkModel | undefined,
    /** The Lambda functions these logs belong to (as the root-cause join decided them). */
    private readonly functionNames: readonly string[] = [],
  ) {
    const enis = model ? eniMapFromModel(model) : new Map();
    for (const f of report.findings) {
      const targets = flowTargetsOf(f, model);
      if (targets.length > 0) this.correlators.set(f, new FlowCorrelator(targets, { enis }));
    }
  }

  add(record: Parameters<FlowCorrelator['add']>[0]): void {
    for (const c of this.correlators.values()) c.add(record);
  }

  /** Sets `flowEvidence` on each finding; for Lambda, attributes the failing attempts to the function's ENIs. */
  attach(): void {
    for (const [finding, c] of this.correlators) {
      finding.flowEvidence = c.result();
      if (finding.pattern !== 'lambda-connection-failures' || !this.model) continue;
      // A Lambda log line does not say which ENI a failing call left by; flow logs do.
      const perEni = new Map<string, number>();
      for (const ev of finding.flowEvidence) {
        if (ev.verdict === 'accepted-both-ways' || ev.verdict === 'no-records') continue;
        for (const s of ev.bySource) {
          if (!s.clientEni) continue;
          const attempts = s.requestAccept + s.requestReject;
          perEni.set(s.clientEni, (perEni.get(s.clientEni) ?? 0) + attempts);
        }
      }
      if (perEni.size === 0) continue;
      finding.attribution = {
        ...attributeFailures({
          counts: [...perEni].map(([eniId, failures]) => ({ eniId, failures })),
          enis: eniMapFromModel(this.model),
          subnets: workloadSubnets(
            this.model,
            [],
            this.functionNames.length ? this.functionNames : (this.report.lambda?.functionNames ?? []),
          ),
        }),
        basis: 'flow-records',
      };
    }
  }
}
