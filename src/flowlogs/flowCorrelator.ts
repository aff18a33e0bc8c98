import { isoOrNull } from '../core/time.js';
import type {
  FlowCounts,
  FlowEniInfo,
  FlowEniMap,
  FlowEvidence,
  FlowGroupRow,
  FlowObservedAt,
  FlowSample,
  FlowSourceRow,
  FlowTarget,
  FlowVerdictCode,
} from './flowEvidence.js';
import type { FlowRecord } from './flowRecord.js';

export interface FlowCorrelatorOptions {
  enis?: FlowEniMap;
  /** Added on both sides of each target's range: clocks and capture windows do not line up exactly. */
  slackMs?: number;
  /** Clients kept per target; the rest are summed into one `(other)` row. */
  maxSources?: number;
  /** Sample records kept per target. */
  maxSamples?: number;
  /** ENIs tracked for coverage. */
  maxInterfaces?: number;
}

const DEFAULTS = { slackMs: 60_000, maxSources: 200, maxSamples: 5, maxInterfaces: 10_000 };
const OTHER = '(other)';
const SYN_ACK = 18;

interface TargetState {
  target: FlowTarget;
  protocol: number;
  from: number;
  to: number;
  request: FlowCounts;
  reply: FlowCounts;
  synAckRejects: number;
  rejectsAt: Record<FlowObservedAt, number>;
  replyRejectsAt: Record<FlowObservedAt, number>;
  sources: Map<string, FlowSourceRow>;
  truncated: boolean;
  first: number;
  last: number;
  skipdata: number;
  /** Samples by priority: rejected replies, rejected requests, the rest. */
  samples: [FlowSample[], FlowSample[], FlowSample[]];
}

function counts(): FlowCounts {
  return { records: 0, accept: 0, reject: 0, packets: 0, bytes: 0 };
}

/**
 * Streams flow records against failing targets and sums, per target, what the network did with traffic to
 * and from it. Memory is bounded by the number of targets times `maxSources` and `maxSamples`, never by
 * the number of records. `result()` turns the sums into `FlowEvidence` with a verdict (see FlowVerdictCode).
 */
export class FlowCorrelator {
  private readonly states: TargetState[];
  /** Target ip → indexes into `states`. */
  private readonly byIp = new Map<string, number[]>();
  private readonly enis: FlowEniMap;
  /** Private ip → ENI id, from the configuration. */
  private readonly eniOfIp = new Map<string, string>();
  private readonly opts: typeof DEFAULTS;
  /** ENI id → [earliest start, latest end] of its records, for coverage. */
  private readonly spans = new Map<string, [number, number]>();

  constructor(targets: readonly FlowTarget[], options: FlowCorrelatorOptions = {}) {
    this.opts = {
      slackMs: options.slackMs ?? DEFAULTS.slackMs,
      maxSources: options.maxSources ?? DEFAULTS.maxSources,
      maxSamples: options.maxSamples ?? DEFAULTS.maxSamples,
      maxInterfaces: options.maxInterfaces ?? DEFAULTS.maxInterfaces,
    };
    this.enis = options.enis ?? new Map();
    for (const [id, info] of this.enis) for (const ip of info.privateIps ?? []) this.eniOfIp.set(ip, id);
    this.states = targets.map((target, i) => {
      const list = this.byIp.get(target.ip);
      if (list) list.push(i);
      else this.byIp.set(target.ip, [i]);
      return {
        target,
        protocol: target.protocol ?? 6,
        from: target.from - this.opts.slackMs,
        to: target.to + this.opts.slackMs,
        request: counts(),
        reply: counts(),
        synAckRejects: 0,
        rejectsAt: { source: 0, target: 0, unknown: 0 },
        replyRejectsAt: { source: 0, target: 0, unknown: 0 },
        sources: new Map(),
        truncated: false,
        first: Infinity,
        last: -Infinity,
        skipdata: 0,
        samples: [[], [], []],
      };
    });
  }

  /**
   * Adds one record. `weight` lets an aggregated row (Athena) stand for many records: `records` of them,
   * `synAck` of which had SYN-ACK set.
   */
  add(record: FlowRecord, weight?: { records: number; synAck: number }): void {
    const start = record.startMs ?? record.endMs;
    const end = record.endMs ?? record.startMs;
    if (start === null || end === null) return;
    if (record.interfaceId !== null) this.track(record.interfaceId, start, end);
    if (record.logStatus === 'SKIPDATA') {
      for (const s of this.states) if (end >= s.from && start <= s.to) s.skipdata++;
      return;
    }
    if (record.logStatus === 'NODATA') return;
    this.match(record, record.dstaddr, 'request', start, end, weight);
    if (record.pktDstaddr !== null && record.pktDstaddr !== record.dstaddr) {
      this.match(record, record.pktDstaddr, 'request', start, end, weight);
    }
    this.match(record, record.srcaddr, 'reply', start, end, weight);
    if (record.pktSrcaddr !== null && record.pktSrcaddr !== record.srcaddr) {
      this.match(record, record.pktSrcaddr, 'reply', start, end, weight);
    }
  }

  private track(eni: string, start: number, end: number): void {
    const span = this.spans.get(eni);
    if (span) {
      if (start < span[0]) span[0] = start;
      if (end > span[1]) span[1] = end;
    } else if (this.spans.size < this.opts.maxInterfaces) {
      this.spans.set(eni, [start, end]);
    }
  }

  private match(
    r: FlowRecord,
    addr: string | null,
    direction: 'request' | 'reply',
    start: number,
    end: number,
    weight: { records: number; synAck: number } | undefined,
  ): void {
    if (addr === null) return;
    const hits = this.byIp.get(addr);
    if (!hits) return;
    for (const i of hits) {
      const s = this.states[i] as TargetState;
      const port = direction === 'request' ? r.dstport : r.srcport;
      if (port !== s.target.port) continue;
      if (r.protocol !== null && r.protocol !== s.protocol) continue;
      if (end < s.from || start > s.to) continue;
      this.count(s, r, direction, start, end, weight);
    }
  }

  private observedAt(r: FlowRecord, direction: 'request' | 'reply', targetIp: string): FlowObservedAt {
    const info = r.interfaceId !== null ? this.enis.get(r.interfaceId) : undefined;
    if (info?.privateIps) return info.privateIps.includes(targetIp) ? 'target' : 'source';
    if (r.flowDirection !== null) {
      // a request leaves the client (egress) and enters the target (ingress); a reply the other way round
      const atSource = (direction === 'request') === (r.flowDirection === 'egress');
      return atSource ? 'source' : 'target';
    }
    if (info) return 'source'; // a configured ENI that does not own the target's address
    return 'unknown';
  }

  private count(
    s: TargetState,
    r: FlowRecord,
    direction: 'request' | 'reply',
    start: number,
    end: number,
    weight: { records: number; synAck: number } | undefined,
  ): void {
    const n = weight?.records ?? 1;
    const c = direction === 'request' ? s.request : s.reply;
    c.records += n;
    if (r.action === 'ACCEPT') c.accept += n;
    else if (r.action === 'REJECT') c.reject += n;
    c.packets += r.packets ?? 0;
    c.bytes += r.bytes ?? 0;
    if (start < s.first) s.first = start;
    if (end > s.last) s.last = end;
    const at = this.observedAt(r, direction, s.target.ip);
    if (r.action === 'REJECT') {
      if (direction === 'reply') {
        s.replyRejectsAt[at] += n;
        s.synAckRejects += weight
          ? weight.synAck
          : r.tcpFlags !== null && (r.tcpFlags & SYN_ACK) === SYN_ACK
            ? 1
            : 0;
      } else {
        s.rejectsAt[at] += n;
      }
    }
    this.countSource(s, r, direction, at, n);
    const rank = r.action === 'REJECT' ? (direction === 'reply' ? 0 : 1) : 2;
    const bucket = s.samples[rank];
    if (bucket.length < this.opts.maxSamples) bucket.push(sampleOf(r, direction, at, start, end, n));
  }

  private countSource(
    s: TargetState,
    r: FlowRecord,
    direction: 'request' | 'reply',
    at: FlowObservedAt,
    n: number,
  ): void {
    const clientAddr = direction === 'request' ? r.srcaddr : r.dstaddr;
    const clientEni =
      at === 'source' ? r.interfaceId : clientAddr !== null ? (this.eniOfIp.get(clientAddr) ?? null) : null;
    let key = clientEni ?? `ip:${clientAddr ?? '-'}`;
    let row = s.sources.get(key);
    if (!row) {
      if (s.sources.size >= this.opts.maxSources) {
        s.truncated = true;
        key = OTHER;
        row = s.sources.get(key);
      }
      if (!row) {
        const info: FlowEniInfo | undefined = clientEni !== null ? this.enis.get(clientEni) : undefined;
        const fromRecord = at === 'source' && key !== OTHER;
        row = {
          clientEni: key === OTHER ? null : clientEni,
          clientAddr: key === OTHER ? OTHER : clientAddr,
          subnetId: key === OTHER ? null : (info?.subnetId ?? (fromRecord ? r.subnetId : null)),
          az: key === OTHER ? null : (info?.az ?? (fromRecord ? r.azId : null)),
          taskId: key === OTHER ? null : (info?.taskId ?? (fromRecord ? r.ecsTaskId : null)),
          requestAccept: 0,
          requestReject: 0,
          replyAccept: 0,
          replyReject: 0,
        };
        s.sources.set(key, row);
      }
    }
    if (r.action === 'ACCEPT') {
      if (direction === 'request') row.requestAccept += n;
      else row.replyAccept += n;
    } else if (r.action === 'REJECT') {
      if (direction === 'request') row.requestReject += n;
      else row.replyReject += n;
    }
  }

  /** The evidence for each target, in the order the targets were given. */
  result(): FlowEvidence[] {
    return this.states.map((s) => this.evidence(s));
  }

  private evidence(s: TargetState): FlowEvidence {
    const bySource = [...s.sources.values()].sort(
      (a, b) =>
        total(b) - total(a) ||
        String(a.clientEni ?? a.clientAddr).localeCompare(String(b.clientEni ?? b.clientAddr)),
    );
    let interfaces = 0;
    for (const [, [start, end]] of this.spans) if (end >= s.from && start <= s.to) interfaces++;
    const { verdict, explanation } = verdictOf(s, bySource, interfaces);
    const samples = [...s.samples[0], ...s.samples[1], ...s.samples[2]].slice(0, this.opts.maxSamples);
    return {
      target: { ip: s.target.ip, port: s.target.port, protocol: s.protocol },
      timeRange: { from: isoOrNull(s.target.from), to: isoOrNull(s.target.to) },
      verdict,
      explanation,
      request: s.request,
      reply: s.reply,
      synAckRejects: s.synAckRejects,
      bySource,
      bySubnet: groupBy(bySource, (r) => r.subnetId),
      byAz: groupBy(bySource, (r) => r.az),
      sourcesTruncated: s.truncated,
      firstSeen: Number.isFinite(s.first) ? isoOrNull(s.first) : null,
      lastSeen: Number.isFinite(s.last) ? isoOrNull(s.last) : null,
      coverage: { interfaces, skipdata: s.skipdata },
      samples,
    };
  }
}

function total(r: FlowSourceRow | FlowGroupRow): number {
  return r.requestAccept + r.requestReject + r.replyAccept + r.replyReject;
}

function groupBy(rows: FlowSourceRow[], keyOf: (r: FlowSourceRow) => string | null): FlowGroupRow[] {
  const groups = new Map<string, FlowGroupRow>();
  for (const r of rows) {
    const key = keyOf(r) ?? 'unknown';
    let g = groups.get(key);
    if (!g) {
      g = { key, requestAccept: 0, requestReject: 0, replyAccept: 0, replyReject: 0 };
      groups.set(key, g);
    }
    g.requestAccept += r.requestAccept;
    g.requestReject += r.requestReject;
    g.replyAccept += r.replyAccept;
    g.replyReject += r.replyReject;
  }
  return [...groups.values()].sort((a, b) => total(b) - total(a) || a.key.localeCompare(b.key));
}

function sampleOf(
  r: FlowRecord,
  direction: 'request' | 'reply',
  observedAt: FlowObservedAt,
  start: number,
  end: number,
  records: number,
): FlowSample {
  return {
    source: r.source,
    line: r.line > 0 ? r.line : null,
    direction,
    observedAt,
    interfaceId: r.interfaceId,
    srcaddr: r.srcaddr,
    dstaddr: r.dstaddr,
    srcport: r.srcport,
    dstport: r.dstport,
    action: r.action,
    tcpFlags: r.tcpFlags,
    packets: r.packets,
    start: isoOrNull(start),
    end: isoOrNull(end),
    records,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function were(n: number): string {
  return n === 1 ? 'was' : 'were';
}

/** Where most rows of a kind came from, for the explanation: `subnet-… (us-east-1b)` or an ENI. */
function where(rows: FlowSourceRow[], pick: (r: FlowSourceRow) => number): string {
  const top = rows.filter((r) => pick(r) > 0).sort((a, b) => pick(b) - pick(a))[0];
  if (!top) return '';
  const name = top.clientEni ?? top.clientAddr ?? 'an unknown client';
  const place = [top.subnetId, top.az].filter((x) => x !== null).join(', ');
  return ` (most at ${name}${place ? ` in ${place}` : ''})`;
}

function verdictOf(
  s: TargetState,
  rows: FlowSourceRow[],
  interfaces: number,
): { verdict: FlowVerdictCode; explanation: string } {
  const t = `${s.target.ip}:${s.target.port}`;
  const { request, reply } = s;
  if (request.records === 0 && reply.records === 0) {
    const cover =
      interfaces === 0
        ? 'no flow log record at all falls in that time range'
        : `the flow logs cover ${plural(interfaces, 'ENI')} in that time range, but not one that carried this traffic`;
    const skip =
      s.skipdata > 0 ? ` (${plural(s.skipdata, 'SKIPDATA record')}: some records were lost at capture)` : '';
    return {
      verdict: 'no-records',
      explanation: `No flow log record shows traffic to or from ${t}: ${cover}${skip}, so enable flow logs on the client's ENIs (or the VPC/subnet) for the failure time before drawing conclusions.`,
    };
  }
  if (reply.reject > 0) {
    const synAck = s.synAckRejects > 0 ? `, ${s.synAckRejects} of them with SYN-ACK` : '';
    const at = s.replyRejectsAt;
    const nacl =
      at.source >= at.target && at.source >= at.unknown
        ? "the client subnet's network ACL drops them inbound: allow the ephemeral ports 1024-65535 inbound from the target"
        : at.target >= at.unknown
          ? "the target subnet's network ACL drops them outbound: allow the ephemeral ports 1024-65535 outbound to the client"
          : "a network ACL on the return path drops them: allow the ephemeral ports 1024-65535 inbound on the client subnet's NACL and outbound on the target subnet's";
    return {
      verdict: 'return-path-nacl',
      explanation: `${plural(reply.reject, 'reply record')} from ${t} ${were(reply.reject)} REJECTed${synAck}${where(rows, (r) => r.replyReject)}; security groups always let replies back, so ${nacl}.`,
    };
  }
  if (request.reject > 0) {
    const of =
      request.accept > 0
        ? ` (${plural(request.accept, 'other request record')} ${were(request.accept)} accepted)`
        : '';
    const at = s.rejectsAt;
    const placeCode: FlowVerdictCode =
      at.source >= at.target && at.source >= at.unknown
        ? 'rejected-at-source'
        : at.target >= at.unknown
          ? 'rejected-at-target'
          : 'rejected';
    const cause =
      placeCode === 'rejected-at-source'
        ? "at the client's ENI: its security group's outbound rules or its subnet's NACL outbound rules block the port"
        : placeCode === 'rejected-at-target'
          ? "at the target's ENI: its security group's inbound rules or its subnet's NACL inbound rules do not allow the client"
          : 'by a security group or network ACL (the records do not say at which ENI; add flow-direction to the format or give the ENI map)';
    return {
      verdict: placeCode,
      explanation: `${plural(request.reject, 'request record')} to ${t} ${were(request.reject)} REJECTed${of}${where(rows, (r) => r.requestReject)} ${cause}.`,
    };
  }
  if (request.accept > 0 && reply.accept === 0) {
    return {
      verdict: 'no-reply',
      explanation: `${plural(request.accept, 'request record')} to ${t} ${were(request.accept)} ACCEPTed but no reply was recorded${where(rows, (r) => r.requestAccept)}: the target side drops them (its security group or NACL, outside the logged ENIs) or nothing answers on that port (stopped instance, dead task, wrong port).`,
    };
  }
  if (request.records === 0) {
    return {
      verdict: 'reply-only',
      explanation: `Only replies from ${t} were recorded (${reply.accept} accepted); the flow logs do not cover the client's requests, so they cannot say more.`,
    };
  }
  return {
    verdict: 'accepted-both-ways',
    explanation: `Traffic to ${t} was accepted both ways (${plural(request.accept, 'request record')}, ${plural(reply.accept, 'reply record')}); the network did not block it in that range, so look at the target's service, its load, or TLS.`,
  };
}
