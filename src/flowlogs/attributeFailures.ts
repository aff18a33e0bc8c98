import type { FlowEniMap } from './flowEvidence.js';

/** Failures of one task or ENI; entries with 0 show where the workload ran without failing. */
export interface FailureCount {
  taskId?: string;
  eniId?: string;
  failures: number;
}

export interface AttributionInput {
  counts: readonly FailureCount[];
  /** ENI → subnet / AZ (and task id, so counts keyed by task find their ENI). */
  enis: FlowEniMap;
  /**
   * Subnets the workload can run in (the service's awsvpc configuration, a function's VpcConfig), so a
   * subnet with no failing and no counted task still shows with 0.
   */
  subnets?: ReadonlyArray<{ subnetId: string; az?: string }>;
  /** Fewer failures than this never make a concentration sentence (default 3). */
  minFailures?: number;
  /** Rows kept in `byTask` (default 50); `byTaskTruncated` says when more were summed away. */
  maxTasks?: number;
}

export interface AttributionSubnetRow {
  subnetId: string;
  az: string | null;
  failures: number;
  /** Share of all failures, 0..1. */
  share: number;
  /** Tasks / ENIs counted in this subnet (with or without failures). */
  tasks: number;
}

export interface AttributionAzRow {
  az: string;
  failures: number;
  share: number;
  subnets: string[];
}

export interface AttributionTaskRow {
  taskId: string | null;
  eniId: string | null;
  subnetId: string | null;
  az: string | null;
  failures: number;
}

export interface FailureAttribution {
  total: number;
  /** Failures whose task / ENI has no subnet in the map. */
  unattributed: number;
  bySubnet: AttributionSubnetRow[];
  byAz: AttributionAzRow[];
  byTask: AttributionTaskRow[];
  byTaskTruncated: boolean;
  /** Set when the failures concentrate (see `attributeFailures`). */
  concentration: { scope: 'subnet' | 'az'; key: string; failures: number; share: number } | null;
  sentence: string | null;
}

/** Share at or above which the failures "concentrate" in one subnet or AZ. */
export const CONCENTRATION_SHARE = 0.8;

/**
 * Where failures came from, by subnet, AZ and task. Concentration rule: at least `minFailures` failures,
 * at least two subnets (or AZs) known for the workload, and one of them holding at least 80 % of all
 * failures (unattributed ones count against it). The subnet wins over the AZ when both qualify, being the
 * narrower place; the AZ is said when the failures spread over several subnets of one AZ. The sentence
 * names the place and contrasts it with the others: "All 28 failures came from subnet-0a1b2c3d
 * (us-east-1b); subnet-0e4f5a6b (us-east-1a) had none."
 */
export function attributeFailures(input: AttributionInput): FailureAttribution {
  const minFailures = input.minFailures ?? 3;
  const maxTasks = input.maxTasks ?? 50;
  const eniOfTask = new Map<string, string>();
  for (const [id, info] of input.enis) if (info.taskId !== undefined) eniOfTask.set(info.taskId, id);

  const subnets = new Map<string, AttributionSubnetRow>();
  const subnetRow = (subnetId: string, az: string | null): AttributionSubnetRow => {
    let row = subnets.get(subnetId);
    if (!row) {
      row = { subnetId, az, failures: 0, share: 0, tasks: 0 };
      subnets.set(subnetId, row);
    } else if (row.az === null && az !== null) {
      row.az = az;
    }
    return row;
  };
  for (const s of input.subnets ?? []) subnetRow(s.subnetId, s.az ?? null);

  let total = 0;
  let unattributed = 0;
  const tasks: AttributionTaskRow[] = [];
  for (const c of input.counts) {
    const failures = Math.max(0, c.failures);
    total += failures;
    const eniId = c.eniId ?? (c.taskId !== undefined ? eniOfTask.get(c.taskId) : undefined) ?? null;
    const info = eniId !== null ? input.enis.get(eniId) : undefined;
    const subnetId = info?.subnetId ?? null;
    const az = info?.az ?? null;
    tasks.push({ taskId: c.taskId ?? info?.taskId ?? null, eniId, subnetId, az, failures });
    if (subnetId === null) {
      unattributed += failures;
      continue;
    }
    const row = subnetRow(subnetId, az);
    row.failures += failures;
    row.tasks++;
  }

  const share = (n: number) => (total > 0 ? n / total : 0);
  const bySubnet = [...subnets.values()]
    .map((r) => ({ ...r, share: share(r.failures) }))
    .sort((a, b) => b.failures - a.failures || a.subnetId.localeCompare(b.subnetId));
  const azs = new Map<string, AttributionAzRow>();
  for (const r of bySubnet) {
    if (r.az === null) continue;
    let a = azs.get(r.az);
    if (!a) {
      a = { az: r.az, failures: 0, share: 0, subnets: [] };
      azs.set(r.az, a);
    }
    a.failures += r.failures;
    a.subnets.push(r.subnetId);
  }
  const byAz = [...azs.values()]
    .map((a) => ({ ...a, share: share(a.failures) }))
    .sort((a, b) => b.failures - a.failures || a.az.localeCompare(b.az));
  tasks.sort(
    (a, b) =>
      b.failures - a.failures || String(a.taskId ?? a.eniId).localeCompare(String(b.taskId ?? b.eniId)),
  );

  let concentration: FailureAttribution['concentration'] = null;
  let sentence: string | null = null;
  if (total >= minFailures) {
    const topSubnet = bySubnet[0];
    const topAz = byAz[0];
    if (bySubnet.length >= 2 && topSubnet && topSubnet.share >= CONCENTRATION_SHARE) {
      concentration = {
        scope: 'subnet',
        key: topSubnet.subnetId,
        failures: topSubnet.failures,
        share: topSubnet.share,
      };
      sentence = subnetSentence(topSubnet, bySubnet.slice(1), total);
    } else if (byAz.length >= 2 && topAz && topAz.share >= CONCENTRATION_SHARE) {
      concentration = { scope: 'az', key: topAz.az, failures: topAz.failures, share: topAz.share };
      sentence = azSentence(topAz, byAz.slice(1), total);
    }
    // say what the sentence leaves out rather than let "of 28" hide it
    if (sentence !== null && unattributed > 0) {
      sentence = `${sentence.slice(0, -1)} (${unattributed} could not be placed in a subnet).`;
    }
  }
  return {
    total,
    unattributed,
    bySubnet,
    byAz,
    byTask: tasks.slice(0, maxTasks),
    byTaskTruncated: tasks.length > maxTasks,
    concentration,
    sentence,
  };
}

function lead(failures: number, total: number): string {
  if (failures === total) return total === 1 ? 'The only failure came' : `All ${total} failures came`;
  return `${failures} of ${total} failures (${Math.round((failures / total) * 100)} %) came`;
}

function had(n: number): string {
  return n === 0 ? 'had none' : `had ${n}`;
}

/** The others, fewest failures first (the contrast), at most three named. */
function others<T>(rows: T[], name: (r: T) => string, failures: (r: T) => number): string {
  const sorted = [...rows].sort((a, b) => failures(a) - failures(b));
  const named = sorted.slice(0, 3).map((r) => `${name(r)} ${had(failures(r))}`);
  const rest = sorted.length - named.length;
  return named.join(', ') + (rest > 0 ? ` (and ${rest} more)` : '');
}

function subnetSentence(top: AttributionSubnetRow, rest: AttributionSubnetRow[], total: number): string {
  const name = (r: AttributionSubnetRow) => (r.az !== null ? `${r.subnetId} (${r.az})` : r.subnetId);
  return `${lead(top.failures, total)} from ${name(top)}; ${others(rest, name, (r) => r.failures)}.`;
}

function azSentence(top: AttributionAzRow, rest: AttributionAzRow[], total: number): string {
  const name = (a: AttributionAzRow) => `${a.az} (${a.subnets.join(', ')})`;
  return `${lead(top.failures, total)} from ${name(top)}; ${others(
    rest,
    (a) => a.az,
    (a) => a.failures,
  )}.`;
}
