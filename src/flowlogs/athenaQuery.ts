import { NetsleuthError } from '../core/errors.js';
import type { FlowTarget } from './flowEvidence.js';

/**
 * How the table is partitioned by time:
 * - `date`: the `date` DATE column of AWS's documented `vpc_flow_logs` table (the default);
 * - `day`: the `day` string `yyyy/MM/dd` of AWS's partition projection example;
 * - `none`: no partition filter (every file is scanned).
 */
export type AthenaPartitionScheme = 'date' | 'day' | 'none';

export interface AthenaQueryOptions {
  /** Table name, optionally `database.table`; default `vpc_flow_logs` as in AWS's DDL. */
  table?: string;
  partition?: AthenaPartitionScheme;
  /**
   * `v5`: the documented table with versions 2-5 columns (subnet_id, az_id, tcp_flags, flow_direction,
   * pkt_srcaddr, pkt_dstaddr); `v2`: a table of the default format only (those are selected as NULL).
   */
  columns?: 'v5' | 'v2';
  /** Seconds added on both sides of each target's range (default 60, as FlowCorrelator). */
  slackSeconds?: number;
  /** Row limit of the result (default 10,000). */
  limit?: number;
}

/** The columns the query returns, in order; `evidenceFromAthenaResults` reads them by name. */
export const ATHENA_RESULT_COLUMNS = [
  'target_ip',
  'target_port',
  'direction',
  'interface_id',
  'client_addr',
  'subnet_id',
  'az_id',
  'flow_direction',
  'action',
  'records',
  'packets',
  'bytes',
  'syn_ack_records',
  'first_start',
  'last_end',
] as const;

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;
// IPv4 or IPv6 characters only: the address goes into SQL text
const ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;
/** S3 delivery files land about 10 minutes after their records; a range ending just before midnight spills. */
const DELIVERY_LAG_MS = 15 * 60_000;

/**
 * Athena SQL that does the correlation of `FlowCorrelator` server side, over months of flow logs in S3:
 * for each target, the records to it (requests) and from it (replies) in its time range, summed per
 * capturing ENI, client address, subnet, AZ, direction and action, with the SYN-ACK rejects counted.
 * The time filter is on the partition column first, so only the days of the failures are scanned.
 */
export function buildAthenaFlowQuery(
  targets: readonly FlowTarget[],
  options: AthenaQueryOptions = {},
): string {
  if (targets.length === 0)
    throw new NetsleuthError('USAGE', 'the flow log query needs at least one target ip:port');
  const table = options.table ?? 'vpc_flow_logs';
  if (!TABLE_NAME.test(table)) {
    throw new NetsleuthError(
      'USAGE',
      `"${table}" is not an Athena table name (letters, digits, _; database.table allowed)`,
    );
  }
  const slack = (options.slackSeconds ?? 60) * 1000;
  const v5 = (options.columns ?? 'v5') === 'v5';
  const limit = Math.max(1, Math.floor(options.limit ?? 10_000));

  let minFrom = Infinity;
  let maxTo = -Infinity;
  const values = targets.map((t) => {
    if (!ADDRESS.test(t.ip)) throw new NetsleuthError('USAGE', `"${t.ip}" is not an IP address`);
    for (const [name, n] of [
      ['port', t.port],
      ['protocol', t.protocol ?? 6],
    ] as const) {
      if (!Number.isInteger(n) || n < 0 || n > 65535)
        throw new NetsleuthError('USAGE', `${name} ${n} of ${t.ip} is not valid`);
    }
    if (!Number.isFinite(t.from) || !Number.isFinite(t.to) || t.to < t.from) {
      throw new NetsleuthError('USAGE', `the time range of ${t.ip}:${t.port} is not valid`);
    }
    minFrom = Math.min(minFrom, t.from - slack);
    maxTo = Math.max(maxTo, t.to + slack);
    const from = Math.floor((t.from - slack) / 1000);
    const to = Math.ceil((t.to + slack) / 1000);
    return `    ('${t.ip}', ${t.port}, ${t.protocol ?? 6}, ${from}, ${to})`;
  });

  const toAddr = v5 ? '(f.dstaddr = t.target_ip OR f.pkt_dstaddr = t.target_ip)' : 'f.dstaddr = t.target_ip';
  const fromAddr = v5
    ? '(f.srcaddr = t.target_ip OR f.pkt_srcaddr = t.target_ip)'
    : 'f.srcaddr = t.target_ip';
  const isRequest = `${toAddr} AND f.dstport = t.target_port`;
  const isReply = `${fromAddr} AND f.srcport = t.target_port`;
  const col = (name: string, type: string) => (v5 ? `f.${name}` : `CAST(NULL AS ${type}) AS ${name}`);

  const where: string[] = [];
  const firstDay = new Date(minFrom);
  // records near the end of a day are delivered in the next day's folder
  const lastDay = new Date(maxTo + DELIVERY_LAG_MS);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  if (options.partition === 'day') {
    const slash = (d: Date) => iso(d).replaceAll('-', '/');
    where.push(`f.day BETWEEN '${slash(firstDay)}' AND '${slash(lastDay)}'`);
  } else if (options.partition !== 'none') {
    where.push(`f."date" BETWEEN DATE '${iso(firstDay)}' AND DATE '${iso(lastDay)}'`);
  }
  where.push(`f.log_status = 'OK'`);

  return [
    '-- netsleuth: flow log evidence for failing targets (requests to and replies from each target).',
    '-- Columns as in the AWS Athena table for VPC flow logs; save the result (aws athena get-query-results) and read it with netsleuth flowlogs-query --results.',
    'WITH targets (target_ip, target_port, target_protocol, range_start, range_end) AS (',
    '  VALUES',
    values.join(',\n'),
    '),',
    'matched AS (',
    '  SELECT',
    '    t.target_ip,',
    '    t.target_port,',
    `    CASE WHEN ${isRequest} THEN 'request' ELSE 'reply' END AS direction,`,
    '    f.interface_id,',
    `    CASE WHEN ${isRequest} THEN f.srcaddr ELSE f.dstaddr END AS client_addr,`,
    `    ${col('subnet_id', 'varchar')},`,
    `    ${col('az_id', 'varchar')},`,
    `    ${col('flow_direction', 'varchar')},`,
    '    f.action,',
    '    f.packets,',
    '    f.bytes,',
    `    ${col('tcp_flags', 'integer')},`,
    '    f.start,',
    '    f."end"',
    `  FROM ${table
      .split('.')
      .map((p) => `"${p}"`)
      .join('.')} f`,
    '  JOIN targets t',
    '    ON f.protocol = t.target_protocol',
    `   AND ((${isRequest}) OR (${isReply}))`,
    '   AND f."end" >= t.range_start AND f.start <= t.range_end',
    `  WHERE ${where.join('\n    AND ')}`,
    ')',
    'SELECT',
    '  target_ip, target_port, direction, interface_id, client_addr, subnet_id, az_id, flow_direction, action,',
    '  count(*) AS records,',
    '  sum(packets) AS packets,',
    '  sum(bytes) AS bytes,',
    `  count_if(direction = 'reply' AND action = 'REJECT' AND bitwise_and(coalesce(tcp_flags, 0), 18) = 18) AS syn_ack_records,`,
    '  min(start) AS first_start,',
    '  max("end") AS last_end',
    'FROM matched',
    'GROUP BY target_ip, target_port, direction, interface_id, client_addr, subnet_id, az_id, flow_direction, action',
    'ORDER BY target_ip, target_port, records DESC',
    `LIMIT ${limit}`,
    '',
  ].join('\n');
}
