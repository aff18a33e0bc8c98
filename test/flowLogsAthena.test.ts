import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { NetsleuthError } from '../src/core/errors.js';
import { ATHENA_RESULT_COLUMNS, buildAthenaFlowQuery } from '../src/flowlogs/athenaQuery.js';
import { correlateFlows } from '../src/flowlogs/correlateFlows.js';
import {
  evidenceFromAthenaResults,
  type AthenaQueryResultsPage,
} from '../src/flowlogs/evidenceFromAthenaResults.js';
import type { FlowEvidence, FlowTarget } from '../src/flowlogs/flowEvidence.js';
import { FlowLogParser } from '../src/flowlogs/flowLogParser.js';
import type { FlowRecord } from '../src/flowlogs/flowRecord.js';
import { ROOT } from './helpers.js';

const FIX = join(ROOT, 'test', 'fixtures', 'flowlogs');
const RANGE = { from: Date.UTC(2024, 4, 14, 9, 20), to: Date.UTC(2024, 4, 14, 9, 30) };
const TARGETS: FlowTarget[] = [
  { ip: '10.0.3.47', port: 5432, ...RANGE },
  { ip: '10.0.9.9', port: 443, ...RANGE },
];
const page = (name: string) => JSON.parse(readFileSync(join(FIX, name), 'utf8')) as AthenaQueryResultsPage;

test('the query text for two targets (recorded)', () => {
  assert.equal(buildAthenaFlowQuery(TARGETS), readFileSync(join(FIX, 'athena-query.sql'), 'utf8'));
});

test('the query is partition-aware and selects the columns the reader expects', () => {
  const sql = buildAthenaFlowQuery(TARGETS);
  assert.match(sql, /WHERE f\."date" BETWEEN DATE '2024-05-14' AND DATE '2024-05-14'/);
  assert.match(sql, /\('10\.0\.3\.47', 5432, 6, 1715678340, 1715679060\)/);
  assert.match(sql, /FROM "vpc_flow_logs" f/);
  const select = sql.slice(sql.lastIndexOf('SELECT'));
  let at = -1;
  for (const col of ATHENA_RESULT_COLUMNS) {
    const i = select.indexOf(col);
    assert.ok(i > at, `${col} in order`);
    at = i;
  }
  // a range ending near midnight also scans the next day, where its records are delivered
  const late = buildAthenaFlowQuery([
    { ip: '10.0.3.47', port: 5432, from: Date.UTC(2024, 4, 14, 23, 30), to: Date.UTC(2024, 4, 14, 23, 50) },
  ]);
  assert.match(late, /BETWEEN DATE '2024-05-14' AND DATE '2024-05-15'/);
  const day = buildAthenaFlowQuery(TARGETS, { partition: 'day', table: 'flowlogs.test_table_vpclogs' });
  assert.match(day, /WHERE f\.day BETWEEN '2024\/05\/14' AND '2024\/05\/14'/);
  assert.match(day, /FROM "flowlogs"\."test_table_vpclogs" f/);
  const none = buildAthenaFlowQuery(TARGETS, { partition: 'none', columns: 'v2' });
  assert.doesNotMatch(none, /"date"|f\.day/);
  assert.match(none, /CAST\(NULL AS varchar\) AS subnet_id/);
  assert.doesNotMatch(none, /pkt_dstaddr/);
});

test('the query refuses what would not be an address, port or table name', () => {
  const usage = (e: unknown) => e instanceof NetsleuthError && e.code === 'USAGE';
  assert.throws(() => buildAthenaFlowQuery([{ ip: "10.0.0.1' OR '1'='1", port: 1, ...RANGE }]), usage);
  assert.throws(() => buildAthenaFlowQuery([{ ip: '10.0.0.1', port: 70000, ...RANGE }]), usage);
  assert.throws(() => buildAthenaFlowQuery(TARGETS, { table: 'x; DROP TABLE y' }), usage);
  assert.throws(() => buildAthenaFlowQuery([]), usage);
});

function withoutSamples(e: FlowEvidence | undefined) {
  assert.ok(e);
  const { samples: _s, coverage: _c, ...rest } = e;
  return rest;
}

test('Athena rows (two pages, header row first) give the same evidence as the records themselves', () => {
  const fromAthena = evidenceFromAthenaResults(
    [page('athena-page1.json'), page('athena-page2.json')],
    TARGETS,
  );
  const records: FlowRecord[] = [];
  const parser = new FlowLogParser({ source: 'orders-api-v5.txt', onRecord: (r) => records.push(r) });
  parser.push(readFileSync(join(FIX, 'orders-api-v5.txt')));
  parser.end();
  const inMemory = correlateFlows(TARGETS, records);
  assert.equal(fromAthena[0]?.verdict, 'return-path-nacl');
  assert.deepEqual(withoutSamples(fromAthena[0]), withoutSamples(inMemory[0]));
  assert.equal(fromAthena[1]?.verdict, 'no-records');
  assert.equal(fromAthena[0]?.samples[0]?.source, 'athena');
  assert.equal(fromAthena[0]?.samples[0]?.records, 3);
  assert.equal(fromAthena[0]?.coverage.interfaces, 2);
});

test('NULL cells (a v2 table) and a no-reply verdict from rows', () => {
  const [ev] = evidenceFromAthenaResults(page('athena-v2-no-reply.json'), [
    { ip: '10.0.1.23', port: 6379, ...RANGE },
  ]);
  assert.equal(ev?.verdict, 'no-reply');
  assert.deepEqual(
    ev?.bySource.map((r) => [r.clientEni, r.subnetId]),
    [[null, null]],
  );
  assert.equal(ev?.bySource[0]?.clientAddr, '10.0.1.15');
});

test('results of another query are refused with a clear message', () => {
  assert.throws(
    () =>
      evidenceFromAthenaResults(
        {
          ResultSet: {
            Rows: [{ Data: [{ VarCharValue: 'srcaddr' }] }],
            ResultSetMetadata: { ColumnInfo: [{ Name: 'srcaddr' }] },
          },
        },
        TARGETS,
      ),
    /no "target_ip" column/,
  );
  assert.throws(() => evidenceFromAthenaResults({} as AthenaQueryResultsPage, TARGETS), /no ResultSet/);
});
