import { NetsleuthError } from '../core/errors.js';
import type { ATHENA_RESULT_COLUMNS } from './athenaQuery.js';
import type { FlowEvidence, FlowTarget } from './flowEvidence.js';
import { FlowCorrelator, type FlowCorrelatorOptions } from './flowCorrelator.js';
import type { FlowRecord } from './flowRecord.js';

/** The part of `aws athena get-query-results` output read here (one page). */
export interface AthenaQueryResultsPage {
  ResultSet?: {
    Rows?: Array<{ Data?: Array<{ VarCharValue?: string }> }>;
    ResultSetMetadata?: { ColumnInfo?: Array<{ Name?: string }> };
  };
  NextToken?: string;
}

/**
 * Turns the result of `buildAthenaFlowQuery` (one or more get-query-results pages, as JSON) into the same
 * FlowEvidence the in-memory correlation gives: each row stands for its `records` flow log records. The
 * first page starts with a header row of column names; it is recognised and skipped. A NULL cell has no
 * VarCharValue; a `-` (not applicable, kept as text by the table) reads as null too. Coverage counts only
 * the ENIs in the rows, since the query returns nothing about ENIs without matching traffic.
 */
export function evidenceFromAthenaResults(
  pages: AthenaQueryResultsPage | readonly AthenaQueryResultsPage[],
  targets: readonly FlowTarget[],
  options: FlowCorrelatorOptions = {},
): FlowEvidence[] {
  const list = Array.isArray(pages)
    ? (pages as readonly AthenaQueryResultsPage[])
    : [pages as AthenaQueryResultsPage];
  const correlator = new FlowCorrelator(targets, options);
  let index: Map<string, number> | undefined;
  let rowNo = 0;
  for (const page of list) {
    if (!page?.ResultSet)
      throw new NetsleuthError('INPUT_WRONG_SHAPE', 'not aws athena get-query-results output: no ResultSet');
    const names = page.ResultSet.ResultSetMetadata?.ColumnInfo?.map((c) => c.Name ?? '');
    if (!index && names && names.length > 0) index = indexOf(names);
    for (const row of page.ResultSet.Rows ?? []) {
      rowNo++;
      const cells = (row.Data ?? []).map((d) => d.VarCharValue);
      if (isHeader(cells)) {
        index ??= indexOf(cells.map((c) => c ?? ''));
        continue;
      }
      if (!index)
        throw new NetsleuthError(
          'INPUT_WRONG_SHAPE',
          'Athena results without column names (no header row, no ColumnInfo)',
        );
      const get = (name: (typeof ATHENA_RESULT_COLUMNS)[number]): string | null => {
        const v = cells[index?.get(name) ?? -1];
        return v === undefined || v === '' || v === '-' ? null : v;
      };
      const n = (name: (typeof ATHENA_RESULT_COLUMNS)[number]): number | null => {
        const v = get(name);
        const x = v === null ? NaN : Number(v);
        return Number.isFinite(x) ? x : null;
      };
      const direction = get('direction');
      const targetIp = get('target_ip');
      const targetPort = n('target_port');
      const client = get('client_addr');
      if ((direction !== 'request' && direction !== 'reply') || targetIp === null || targetPort === null)
        continue;
      const action = get('action');
      const flow = get('flow_direction');
      const first = n('first_start');
      const last = n('last_end');
      const synAck = n('syn_ack_records') ?? 0;
      const record: FlowRecord = {
        version: null,
        accountId: null,
        interfaceId: get('interface_id'),
        srcaddr: direction === 'request' ? client : targetIp,
        dstaddr: direction === 'request' ? targetIp : client,
        srcport: direction === 'reply' ? targetPort : null,
        dstport: direction === 'request' ? targetPort : null,
        protocol: null,
        packets: n('packets'),
        bytes: n('bytes'),
        startMs: first === null ? null : first * 1000,
        endMs: last === null ? null : last * 1000,
        action: action === 'ACCEPT' || action === 'REJECT' ? action : null,
        logStatus: 'OK',
        vpcId: null,
        subnetId: get('subnet_id'),
        instanceId: null,
        tcpFlags: synAck > 0 ? 18 : null,
        pktSrcaddr: null,
        pktDstaddr: null,
        azId: get('az_id'),
        flowDirection: flow === 'ingress' || flow === 'egress' ? flow : null,
        ecsTaskId: null,
        ecsTaskArn: null,
        rejectReason: null,
        extra: {},
        source: 'athena',
        line: rowNo,
      };
      correlator.add(record, { records: n('records') ?? 1, synAck });
    }
  }
  return correlator.result();
}

function indexOf(names: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  names.forEach((name, i) => m.set(name.toLowerCase(), i));
  for (const required of ['target_ip', 'target_port', 'direction', 'records']) {
    if (!m.has(required)) {
      throw new NetsleuthError(
        'INPUT_WRONG_SHAPE',
        `Athena results have no "${required}" column: run the query printed by buildAthenaFlowQuery`,
      );
    }
  }
  return m;
}

/** Athena repeats the column names as the first row of the first page. */
function isHeader(cells: ReadonlyArray<string | undefined>): boolean {
  return cells.includes('target_ip') && cells.includes('direction');
}
