import type { Report, TargetRow } from '../core/report.js';
import { evaluatePath, type Blocker, type Hop, type Verdict } from './evaluatePath.js';
import type { NetworkModel } from './model.js';
import { functionSource, resolveSource, resolveTarget, taskSource, type PathEnd } from './pathEnds.js';

/** The root cause of one failing target, seen from one source (JSON report field `rootCauses[]`). */
export interface RootCause {
  target: { host: string | null; port: number | null; resolvedAs: string };
  source: { kind: string; id: string; subnetId: string | null; securityGroupIds: string[] };
  verdict: Verdict;
  blockedBy: Blocker[];
  explanation: string;
  fix: { commands: string[] };
  hops: Hop[];
  missing: string[];
  mtuRisk: boolean;
  notes: string[];
}

export interface RootCauseOptions {
  /** `--source`: who connects, overriding what the logs say. */
  source?: string;
  /** `--function`: the Lambda function whose logs these are. */
  functionName?: string;
}

const MAX_SOURCES_PER_TARGET = 6;

/** Every way the source may send: one entry per subnet it may use, with identical paths merged. */
function sourcePaths(end: PathEnd): (string | null)[] {
  return end.subnetIds.length ? end.subnetIds.slice(0, MAX_SOURCES_PER_TARGET) : [null];
}

export function rootCausesFor(
  model: NetworkModel,
  sources: readonly PathEnd[],
  host: string | null,
  port: number | null,
  errorClass: string | null | undefined,
  protocol = '6',
): RootCause[] {
  const out: RootCause[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    const vpcHint = source.vpcId;
    const target = host ? resolveTarget(model, host, port, vpcHint) : null;
    const effectivePort =
      port ?? (target ? defaultPort(model, target) : null) ?? (errorClass === 'dns' ? 0 : null);
    for (const subnetId of sourcePaths(source)) {
      const key = `${subnetId}|${source.securityGroupIds.join(',')}|${source.publicIp}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const sourceInfo = {
        kind: source.kind,
        id: source.id,
        subnetId,
        securityGroupIds: source.securityGroupIds,
      };
      if (!target || effectivePort === null) {
        out.push({
          target: { host, port, resolvedAs: target?.label ?? 'unknown' },
          source: sourceInfo,
          verdict: 'unknown',
          blockedBy: [],
          explanation: `UNKNOWN: the logs do not print the ${host ? 'port' : 'host'} of this target, so no path can be evaluated; run "netsleuth path --to HOST:PORT" with it`,
          fix: { commands: [] },
          hops: [],
          missing: [],
          mtuRisk: false,
          notes: [],
        });
        continue;
      }
      const r = evaluatePath(model, source, subnetId, target, effectivePort, { errorClass, protocol });
      out.push({
        target: { host, port: effectivePort === 0 ? null : effectivePort, resolvedAs: target.label },
        source: sourceInfo,
        ...r,
      });
    }
  }
  return out;
}

function defaultPort(model: NetworkModel, target: PathEnd): number | null {
  if (target.kind === 'rds' || target.kind === 'elasticache')
    return model.databases.find((d) => d.id === target.id)?.port ?? null;
  if (target.kind === 'aws-service' || target.kind === 'vpc-endpoint') return 443;
  return null;
}

function sourcesForTarget(
  model: NetworkModel,
  report: Report,
  pattern: string,
  row: TargetRow,
  options: RootCauseOptions,
): PathEnd[] {
  if (options.source) return [resolveSource(model, options.source)];
  if (pattern.startsWith('lambda')) {
    const names = options.functionName ? [options.functionName] : (report.lambda?.functionNames ?? []);
    const known = names.filter((n) => model.functions.has(n));
    if (known.length || names.length) {
      return (known.length ? known : names)
        .slice(0, MAX_SOURCES_PER_TARGET)
        .map((n) => functionSource(model, n));
    }
    // The logs did not name the function. One function in the configuration can only be that one; more is a guess.
    const only = model.functions.size === 1 ? [...model.functions.keys()][0] : undefined;
    if (only === undefined) return [];
    const end = functionSource(model, only);
    end.notes.push(
      `the logs do not name their function; ${only} is the only one in the configuration (pass --function to be sure)`,
    );
    return [end];
  }
  const tasks = row.tasks ?? [];
  if (tasks.length) return tasks.slice(0, MAX_SOURCES_PER_TARGET).map((t) => taskSource(model, t));
  return [];
}

/**
 * Joins every failing target of every finding to the configuration: adds `rootCauses` to each target
 * row. A row with no known source gets one `unknown` entry saying what to pass.
 */
export function attachRootCauses(report: Report, model: NetworkModel, options: RootCauseOptions = {}): void {
  for (const finding of report.findings) {
    for (const row of finding.targets) {
      // A pool timeout is the client waiting on itself: no path to evaluate.
      if (row.class === 'pool') continue;
      const sources = sourcesForTarget(model, report, finding.pattern, row, options);
      if (sources.length === 0) {
        row.rootCauses = [
          {
            target: { host: row.host, port: row.port, resolvedAs: 'unknown' },
            source: { kind: 'unknown', id: 'unknown', subnetId: null, securityGroupIds: [] },
            verdict: 'unknown',
            blockedBy: [],
            explanation:
              'UNKNOWN: the logs do not say which task or function made these connections; pass --source (task/ID, eni-…, function:NAME or subnet-…,sg-…) or, for Lambda, --function NAME',
            fix: { commands: [] },
            hops: [],
            missing: [],
            mtuRisk: false,
            notes: [],
          },
        ];
        continue;
      }
      row.rootCauses = rootCausesFor(model, sources, row.host, row.port, row.class);
    }
  }
  report.configuration = { warnings: model.warnings.slice(0, 50), present: [...model.present].sort() };
}

/** The Lambda functions a report's findings come from: --function, the names in the logs, or the only one configured. */
export function lambdaFunctionsFor(report: Report, model: NetworkModel, functionName?: string): string[] {
  if (functionName) return [functionName];
  const names = report.lambda?.functionNames ?? [];
  if (names.length) return names;
  return model.functions.size === 1 ? [...model.functions.keys()] : [];
}
