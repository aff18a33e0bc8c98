/** A failing connection target to look for in flow logs, with the time range of its failures. */
export interface FlowTarget {
  ip: string;
  port: number;
  /** IANA protocol number; 6 (TCP) when absent. */
  protocol?: number;
  /** Failure time range, epoch milliseconds; records whose capture window overlaps it (± slack) count. */
  from: number;
  to: number;
}

/**
 * What the configuration model knows about one ENI. All optional: the correlation uses what is there.
 * `privateIps` lets it tell which ENI a record was captured at, and find a client's ENI from its address.
 */
export interface FlowEniInfo {
  subnetId?: string;
  /** Availability Zone name (us-east-1b) or id (use1-az6), whichever the model has. */
  az?: string;
  /** What the ENI belongs to, e.g. `ecs-task`, `lambda`, `rds`, `nat_gateway`. */
  kind?: string;
  ownerId?: string;
  /** ECS task id (last segment of the task ARN) for task ENIs. */
  taskId?: string;
  privateIps?: readonly string[];
}

/** ENI id → what is known about it. */
export type FlowEniMap = ReadonlyMap<string, FlowEniInfo>;

/**
 * Verdict codes, strongest first (the first that applies wins):
 * - `return-path-nacl`: replies from the target (source port = target port) were REJECTed; security groups
 *   are stateful, so only a stateless network ACL drops replies.
 * - `rejected-at-source` / `rejected-at-target` / `rejected`: requests REJECTed at the client's ENI
 *   (its security group egress or subnet NACL outbound), at the target's ENI (its security group inbound
 *   or subnet NACL inbound), or where the records do not say.
 * - `no-reply`: requests ACCEPTed, no reply recorded: the target dropped them (its security group or NACL
 *   outside the logged ENIs), or nothing listens / the host is down.
 * - `reply-only`: replies seen but no requests: the flow logs cover the way back, not the client's ENI.
 * - `accepted-both-ways`: the network passed traffic both ways in the range; a block does not explain it.
 * - `no-records`: nothing to or from the target in the range: the flow logs do not cover these ENIs/times.
 */
export type FlowVerdictCode =
  | 'return-path-nacl'
  | 'rejected-at-source'
  | 'rejected-at-target'
  | 'rejected'
  | 'no-reply'
  | 'reply-only'
  | 'accepted-both-ways'
  | 'no-records';

export interface FlowCounts {
  /** Flow log records (an Athena row stands for its `records` count). */
  records: number;
  accept: number;
  reject: number;
  packets: number;
  bytes: number;
}

/** Where a record was captured: the client's ENI, the target's ENI, or not known. */
export type FlowObservedAt = 'source' | 'target' | 'unknown';

/** Records of one client (source ENI, or its address when the ENI is not known). */
export interface FlowSourceRow {
  clientEni: string | null;
  clientAddr: string | null;
  subnetId: string | null;
  az: string | null;
  taskId: string | null;
  requestAccept: number;
  requestReject: number;
  replyAccept: number;
  replyReject: number;
}

/** The same counts summed per subnet or per AZ (`key` is `unknown` when not known). */
export interface FlowGroupRow {
  key: string;
  requestAccept: number;
  requestReject: number;
  replyAccept: number;
  replyReject: number;
}

/** One record (or Athena row) kept as evidence. Times are ISO 8601 UTC. */
export interface FlowSample {
  source: string;
  line: number | null;
  direction: 'request' | 'reply';
  observedAt: FlowObservedAt;
  interfaceId: string | null;
  srcaddr: string | null;
  dstaddr: string | null;
  srcport: number | null;
  dstport: number | null;
  action: 'ACCEPT' | 'REJECT' | null;
  tcpFlags: number | null;
  packets: number | null;
  start: string | null;
  end: string | null;
  records: number;
}

/** What flow logs say about one target; JSON-friendly, every number recomputable from the records. */
export interface FlowEvidence {
  target: { ip: string; port: number; protocol: number };
  timeRange: { from: string | null; to: string | null };
  verdict: FlowVerdictCode;
  /** One sentence for a person. */
  explanation: string;
  /** Requests: records to the target (dstaddr = target ip, dstport = target port). */
  request: FlowCounts;
  /** Replies: records from the target (srcaddr = target ip, srcport = target port). */
  reply: FlowCounts;
  /** Rejected replies carrying SYN-ACK (tcp-flags with 18 set): the handshake's answer was dropped. */
  synAckRejects: number;
  /** Per client, most records first. Capped: see `sourcesTruncated`. */
  bySource: FlowSourceRow[];
  bySubnet: FlowGroupRow[];
  byAz: FlowGroupRow[];
  /** True when more clients were seen than kept; the rest are summed in a row with clientAddr `(other)`. */
  sourcesTruncated: boolean;
  firstSeen: string | null;
  lastSeen: string | null;
  /** ENIs with any record overlapping the range, and SKIPDATA records (records lost at capture). */
  coverage: { interfaces: number; skipdata: number };
  samples: FlowSample[];
}
