/**
 * One flow log record. Fields the correlation uses are typed; a field absent from the format, or `-`
 * (not applicable / unknown) in the record, is null. Every other field present is kept in `extra`.
 */
export interface FlowRecord {
  version: number | null;
  accountId: string | null;
  interfaceId: string | null;
  srcaddr: string | null;
  dstaddr: string | null;
  srcport: number | null;
  dstport: number | null;
  protocol: number | null;
  packets: number | null;
  bytes: number | null;
  /** Capture window, epoch milliseconds (the record holds seconds). */
  startMs: number | null;
  endMs: number | null;
  action: 'ACCEPT' | 'REJECT' | null;
  logStatus: 'OK' | 'NODATA' | 'SKIPDATA' | null;
  vpcId: string | null;
  subnetId: string | null;
  instanceId: string | null;
  /** TCP flags OR-ed over the capture window: 2 SYN, 18 SYN-ACK, 1 FIN, 4 RST. */
  tcpFlags: number | null;
  pktSrcaddr: string | null;
  pktDstaddr: string | null;
  azId: string | null;
  flowDirection: 'ingress' | 'egress' | null;
  ecsTaskId: string | null;
  ecsTaskArn: string | null;
  rejectReason: string | null;
  /** Other fields of the format, by their flow log name, when not `-`. */
  extra: Record<string, string>;
  /** Where the record was read: input name and 1-based line (or event number for CloudWatch exports). */
  source: string;
  line: number;
  /** CloudWatch delivery: the log stream (one per ENI, `eni-…-all`). */
  stream?: string;
}
