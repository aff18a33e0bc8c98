import { NetsleuthError } from '../core/errors.js';
import { evaluatePath, type Blocker } from './evaluatePath.js';
import { regionOfModel, type NetworkModel } from './model.js';
import { resolveSource, resolveTarget } from './pathEnds.js';

/**
 * Reachability intents (`netsleuth verify`): what must reach what, and what must stay closed, checked against
 * a configuration with the same path evaluation as `path` — for CI after (or before) a deployment.
 */
export interface Intent {
  from: string;
  to: string;
  expect: 'reachable' | 'blocked';
  /** Free text shown with the outcome. */
  description?: string;
  /** tcp (default) or udp. */
  protocol?: 'tcp' | 'udp';
}

export type IntentOutcome = 'pass' | 'violation' | 'unknown';

export interface IntentResult {
  intent: Intent;
  outcome: IntentOutcome;
  /** One verdict per subnet the source may send from. */
  paths: {
    subnetId: string | null;
    verdict: 'blocked' | 'allowed' | 'unknown';
    explanation: string;
    blockedBy: Blocker[];
  }[];
  explanation: string;
}

export interface VerifyReport {
  schemaVersion: 1;
  results: IntentResult[];
  passed: number;
  violations: number;
  unknown: number;
}

/** Reads the parsed intents document: `{intents: [...]}` or a bare list; says which entry is wrong. */
export function parseIntents(doc: unknown, name: string): Intent[] {
  const list = Array.isArray(doc)
    ? doc
    : doc && typeof doc === 'object'
      ? (doc as { intents?: unknown }).intents
      : undefined;
  if (!Array.isArray(list) || list.length === 0) {
    throw new NetsleuthError(
      'INPUT_WRONG_SHAPE',
      `${name}: expected a list of intents (or "intents:" with one), each with from, to and expect`,
    );
  }
  return list.map((raw, i) => {
    const e = raw as Record<string, unknown>;
    const where = `${name}: intent ${i + 1}`;
    if (!e || typeof e !== 'object')
      throw new NetsleuthError('INPUT_WRONG_SHAPE', `${where} is not a mapping of from, to and expect`);
    const from = e['from'];
    const to = e['to'];
    const expect = e['expect'];
    if (typeof from !== 'string' || from === '')
      throw new NetsleuthError(
        'INPUT_WRONG_SHAPE',
        `${where}: "from" must be a source such as service/orders-api, task/ID, function:NAME, eni-… or subnet-…,sg-…`,
      );
    if (typeof to !== 'string' || !/:\d{1,5}$|^(?:rds|elasticache)\/[^:]+$/.test(to))
      throw new NetsleuthError(
        'INPUT_WRONG_SHAPE',
        `${where}: "to" must be HOST:PORT, rds/ID[:PORT], elasticache/ID[:PORT] or endpoint/SERVICE:PORT`,
      );
    if (expect !== 'reachable' && expect !== 'blocked')
      throw new NetsleuthError('INPUT_WRONG_SHAPE', `${where}: "expect" must be reachable or blocked`);
    const protocol = e['protocol'];
    if (protocol !== undefined && protocol !== 'tcp' && protocol !== 'udp')
      throw new NetsleuthError('INPUT_WRONG_SHAPE', `${where}: "protocol" must be tcp or udp`);
    return {
      from,
      to,
      expect,
      ...(typeof e['description'] === 'string' ? { description: e['description'] } : {}),
      ...(protocol ? { protocol } : {}),
    };
  });
}

/** `rds/orders-db:5432` → the instance's endpoint; `endpoint/secretsmanager:443` → the service's regional name. */
function targetOf(model: NetworkModel, to: string): { host: string; port: number | null } {
  const m = /^(rds|elasticache|endpoint)\/([^:]+)(?::(\d{1,5}))?$/.exec(to);
  if (m) {
    const port = m[3] ? Number(m[3]) : null;
    if (m[1] === 'endpoint')
      return { host: `${m[2]}.${regionOfModel(model) ?? 'us-east-1'}.amazonaws.com`, port: port ?? 443 };
    const store = model.databases.find((d) => d.kind === m[1] && d.id === m[2]);
    return { host: store?.hostnames[0] ?? `${m[2]}.unknown`, port: port ?? store?.port ?? null };
  }
  const at = to.lastIndexOf(':');
  return { host: to.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(to.slice(at + 1)) };
}

export function verifyIntents(model: NetworkModel, intents: readonly Intent[]): VerifyReport {
  const results = intents.map((intent): IntentResult => {
    const source = resolveSource(model, intent.from);
    const { host, port } = targetOf(model, intent.to);
    if (port === null) {
      return {
        intent,
        outcome: 'unknown',
        paths: [],
        explanation: `the port of ${intent.to} is not known: write it (${intent.to}:PORT)`,
      };
    }
    const target = resolveTarget(model, host, port, source.vpcId);
    const subnets = source.subnetIds.length ? source.subnetIds : [null];
    const paths = subnets.map((subnet) => {
      const r = evaluatePath(model, source, subnet, target, port, {
        protocol: intent.protocol === 'udp' ? '17' : '6',
      });
      return { subnetId: subnet, verdict: r.verdict, explanation: r.explanation, blockedBy: r.blockedBy };
    });
    const want = intent.expect === 'reachable' ? 'allowed' : 'blocked';
    const wrong = paths.find((p) => p.verdict !== want && p.verdict !== 'unknown');
    const unsure = paths.find((p) => p.verdict === 'unknown');
    const where = (p: { subnetId: string | null }) =>
      p.subnetId && subnets.length > 1 ? ` from ${p.subnetId}` : '';
    if (wrong) {
      return {
        intent,
        outcome: 'violation',
        paths,
        explanation:
          intent.expect === 'reachable'
            ? `expected reachable, but blocked${where(wrong)}: ${wrong.explanation}`
            : `expected blocked, but reachable${where(wrong)}: every security group, NACL and route lets ${intent.to} through`,
      };
    }
    if (unsure)
      return {
        intent,
        outcome: 'unknown',
        paths,
        explanation: `not decidable${where(unsure)}: ${unsure.explanation}`,
      };
    return {
      intent,
      outcome: 'pass',
      paths,
      explanation: `${intent.expect}${subnets.length > 1 ? ` from all ${subnets.length} subnets` : ''}`,
    };
  });
  return {
    schemaVersion: 1,
    results,
    passed: results.filter((r) => r.outcome === 'pass').length,
    violations: results.filter((r) => r.outcome === 'violation').length,
    unknown: results.filter((r) => r.outcome === 'unknown').length,
  };
}
