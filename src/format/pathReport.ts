import { stripControls } from './labels.js';
import type { FailureAttribution } from '../flowlogs/attributeFailures.js';
import type { FlowEvidence } from '../flowlogs/flowEvidence.js';
import type { Hop } from '../network/evaluatePath.js';
import type { RootCause } from '../network/rootCauses.js';

const MARK: Record<Hop['decision'], string> = { allow: 'ok     ', deny: 'BLOCKED', unknown: '?      ' };

function endpointText(rc: RootCause): string {
  const t = `${rc.target.host ?? '?'}:${rc.target.port ?? '?'}`;
  return rc.target.resolvedAs && rc.target.resolvedAs !== rc.target.host
    ? `${t} (${rc.target.resolvedAs})`
    : t;
}

/** `netsleuth path` as text: one block per evaluated path, hop by hop, then the verdict and the fix. */
export function pathText(results: readonly RootCause[]): string {
  // Names and descriptions in a configuration are anyone's text: no escape sequence reaches the terminal.
  const clean = JSON.parse(
    JSON.stringify(results, (_k, v: unknown) => (typeof v === 'string' ? stripControls(v) : v)),
  ) as RootCause[];
  return renderPath(clean);
}

function renderPath(results: readonly RootCause[]): string {
  const out: string[] = [];
  for (const rc of results) {
    const src = `${rc.source.kind} ${rc.source.id}${rc.source.subnetId ? ` in ${rc.source.subnetId}` : ''}${rc.source.securityGroupIds.length ? ` [${rc.source.securityGroupIds.join(', ')}]` : ''}`;
    out.push(`${src} → ${endpointText(rc)}: ${rc.verdict.toUpperCase()}`);
    for (const hop of rc.hops) {
      out.push(
        `  ${MARK[hop.decision]} ${hop.kind.padEnd(16)} ${hop.direction ? hop.direction.padEnd(8) : ''.padEnd(8)} ${hop.detail}`,
      );
    }
    out.push(`  ${rc.explanation}`);
    if (rc.mtuRisk) out.push('  MTU risk: the path leaves through a VPN, Direct Connect or transit gateway.');
    for (const note of rc.notes) out.push(`  note: ${note}`);
    if (rc.missing.length) out.push(`  export for a full answer: ${rc.missing.join('; ')}`);
    if (rc.fix.commands.length) {
      out.push('  fix:');
      for (const c of rc.fix.commands) out.push(`    ${c}`);
    }
    out.push('');
  }
  return out.join('\n');
}

/**
 * The root causes of one target, one per distinct answer: the sources that got the same verdict, explanation
 * and fix (a function's subnets, tasks in one subnet) share a line.
 */
export function groupRootCauses(rcs: readonly RootCause[]): { rc: RootCause; line: string }[] {
  const groups = new Map<string, { rc: RootCause; sources: Map<string, string[]> }>();
  for (const rc of rcs) {
    const key = `${rc.verdict}\u0000${rc.explanation}\u0000${rc.fix.commands.join('\u0000')}`;
    let g = groups.get(key);
    if (!g) {
      g = { rc, sources: new Map() };
      groups.set(key, g);
    }
    if (rc.source.kind === 'unknown') continue;
    const who = `${rc.source.kind} ${rc.source.id}`;
    const subnets = g.sources.get(who) ?? [];
    if (rc.source.subnetId && !subnets.includes(rc.source.subnetId)) subnets.push(rc.source.subnetId);
    g.sources.set(who, subnets);
  }
  return [...groups.values()].map(({ rc, sources }) => {
    const from = [...sources].map(([who, subnets]) =>
      subnets.length ? `${who} in ${subnets.join(', ')}` : who,
    );
    return { rc, line: `${rc.explanation}${from.length ? ` (from ${from.join('; ')})` : ''}` };
  });
}

/** "subnet-0a1b (us-east-1b) 28 · subnet-0e4f (us-east-1a) 0", or by task when subnets are unknown. */
export function attributionLine(a: (FailureAttribution & { basis?: string }) | undefined): string | null {
  if (!a) return null;
  const unit = a.basis === 'flow-records' ? ' (flow-log records of failing attempts)' : '';
  if (a.bySubnet.length > 0) {
    return a.bySubnet.map((r) => `${r.subnetId}${r.az ? ` (${r.az})` : ''} ${r.failures}`).join(' · ') + unit;
  }
  const tasks = a.byTask.filter((t) => t.taskId !== null);
  if (tasks.length < 2) return null;
  const shown = tasks.slice(0, 6).map((t) => `task ${t.taskId} ${t.failures}`);
  return `${shown.join(' · ')}${tasks.length > 6 || a.byTaskTruncated ? ' · …' : ''}`;
}

/** One line per flow-log verdict: `10.0.3.47:5432 no-reply: …`. */
export function flowEvidenceLine(e: FlowEvidence): string {
  return `${e.target.ip}:${e.target.port} ${e.verdict}: ${e.explanation}`;
}
