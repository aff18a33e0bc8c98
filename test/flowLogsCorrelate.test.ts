import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { correlateFlows } from '../src/flowlogs/correlateFlows.js';
import type { FlowEniInfo, FlowTarget } from '../src/flowlogs/flowEvidence.js';
import { parseFlowLogFormat } from '../src/flowlogs/flowLogFormat.js';
import { FlowLogParser } from '../src/flowlogs/flowLogParser.js';
import type { FlowRecord } from '../src/flowlogs/flowRecord.js';
import { ROOT } from './helpers.js';

const FIX = join(ROOT, 'test', 'fixtures', 'flowlogs');

function recordsOf(file: string): FlowRecord[] {
  const records: FlowRecord[] = [];
  const parser = new FlowLogParser({ source: file, onRecord: (r) => records.push(r) });
  parser.push(readFileSync(join(FIX, file)));
  parser.end();
  return records;
}

/** 2024-05-14 09:20 – 09:30 UTC, around the sample records. */
const RANGE = { from: Date.UTC(2024, 4, 14, 9, 20), to: Date.UTC(2024, 4, 14, 9, 30) };
const target = (ip: string, port: number): FlowTarget => ({ ip, port, ...RANGE });

const ENIS = new Map<string, FlowEniInfo>([
  [
    'eni-0a1b2c3d4e5f60718',
    {
      subnetId: 'subnet-0aaa1111',
      az: 'us-east-1b',
      kind: 'ecs-task',
      taskId: 'f2ad7dba413f45ddb4d92f7853b78469',
      privateIps: ['10.0.1.15'],
    },
  ],
  [
    'eni-0task0001aaaa0001',
    {
      subnetId: 'subnet-0a1b2c3d',
      az: 'us-east-1b',
      kind: 'ecs-task',
      taskId: 'task-one',
      privateIps: ['10.0.1.15'],
    },
  ],
  [
    'eni-0task0002bbbb0002',
    {
      subnetId: 'subnet-0e4f5a6b',
      az: 'us-east-1a',
      kind: 'ecs-task',
      taskId: 'task-two',
      privateIps: ['10.0.2.31'],
    },
  ],
]);

test('return path: REJECTed SYN-ACKs from the target at the client ENI point at the client subnet NACL', () => {
  const [ev] = correlateFlows([target('10.0.3.47', 5432)], recordsOf('orders-api-v5.txt'));
  assert.ok(ev);
  assert.equal(ev.verdict, 'return-path-nacl');
  assert.equal(ev.synAckRejects, 3);
  assert.deepEqual(ev.request, { records: 6, accept: 6, reject: 0, packets: 33, bytes: 4740 });
  assert.deepEqual(ev.reply, { records: 6, accept: 3, reject: 3, packets: 30, bytes: 6990 });
  assert.match(
    ev.explanation,
    /^3 reply records from 10\.0\.3\.47:5432 were REJECTed, 3 of them with SYN-ACK \(most at eni-0task0001aaaa0001 in subnet-0a1b2c3d, use1-az2\); .*client subnet's network ACL drops them inbound/,
  );
  // no ENI map: subnet and AZ come from the records captured at the client's ENI
  assert.deepEqual(
    ev.bySubnet.map((g) => [g.key, g.requestAccept, g.replyAccept, g.replyReject]),
    [
      ['subnet-0a1b2c3d', 3, 0, 3],
      ['subnet-0e4f5a6b', 3, 3, 0],
    ],
  );
  assert.deepEqual(
    ev.byAz.map((g) => g.key),
    ['use1-az2', 'use1-az4'],
  );
  assert.equal(ev.firstSeen, '2024-05-14T09:21:00.000Z');
  assert.equal(ev.lastSeen, '2024-05-14T09:23:58.000Z');
  assert.equal(ev.coverage.interfaces, 3);
  assert.equal(ev.samples[0]?.action, 'REJECT');
  assert.equal(ev.samples[0]?.direction, 'reply');
  assert.equal(ev.samples[0]?.tcpFlags, 18);
  assert.equal(ev.samples[0]?.line, 3);
  assert.equal(ev.samples.length, 5);
  assert.doesNotThrow(() => JSON.stringify(ev));
});

test('the ENI map names tasks and AZs, and places records without flow-direction', () => {
  const [ev] = correlateFlows([target('10.0.3.47', 5432)], recordsOf('orders-api-v5.txt'), { enis: ENIS });
  assert.deepEqual(
    ev?.bySource.map((r) => [r.clientEni, r.taskId, r.az]),
    [
      ['eni-0task0001aaaa0001', 'task-one', 'us-east-1b'],
      ['eni-0task0002bbbb0002', 'task-two', 'us-east-1a'],
    ],
  );
});

test('v5 sample: a SYN-ACK from an AWS service REJECTed inbound is the return-path NACL too', () => {
  const [ev] = correlateFlows([target('52.94.133.131', 443)], recordsOf('v5-custom.txt'));
  assert.equal(ev?.verdict, 'return-path-nacl');
  assert.equal(ev?.synAckRejects, 1);
  // the NAT gateway's egress record to the service is the one accepted request
  assert.equal(ev?.request.accept, 1);
});

test('request REJECT: at the source ENI with the map, location unknown without it', () => {
  const records = recordsOf('v2-default.txt');
  const [known] = correlateFlows([target('10.0.2.47', 5432)], records, { enis: ENIS });
  assert.equal(known?.verdict, 'rejected-at-source');
  assert.match(
    known?.explanation ?? '',
    /^1 request record to 10\.0\.2\.47:5432 was REJECTed \(most at eni-0a1b2c3d4e5f60718 in subnet-0aaa1111, us-east-1b\) at the client's ENI/,
  );
  const [unknown] = correlateFlows([target('10.0.2.47', 5432)], records);
  assert.equal(unknown?.verdict, 'rejected');
  assert.match(unknown?.explanation ?? '', /flow-direction/);
});

test("request REJECT at the target's ENI (ingress)", () => {
  const line =
    '5 123456789012 eni-0rds00000000000a1 10.0.1.15 10.0.3.47 40000 5432 6 1 60 1715678460 1715678518 REJECT OK vpc-0a1b2c3d subnet-0db00001 - 2 IPv4 10.0.1.15 10.0.3.47 us-east-1 use1-az2 - - - - ingress -';
  const records: FlowRecord[] = [];
  const header = readFileSync(join(FIX, 'v5-custom.txt'), 'utf8').split('\n')[0] as string;
  const p = new FlowLogParser({
    source: 'x',
    format: parseFlowLogFormat(header),
    onRecord: (r) => records.push(r),
  });
  p.pushLine(line, 1);
  p.end();
  const [ev] = correlateFlows([target('10.0.3.47', 5432)], records);
  assert.equal(ev?.verdict, 'rejected-at-target');
  // the client is known by address only: the record was captured at the target's ENI
  assert.deepEqual(
    ev?.bySource.map((r) => [r.clientEni, r.clientAddr, r.subnetId]),
    [[null, '10.0.1.15', null]],
  );
});

test('no reply: requests ACCEPTed, nothing back', () => {
  const [ev] = correlateFlows([target('10.0.1.23', 6379)], recordsOf('v2-default.txt'));
  assert.equal(ev?.verdict, 'no-reply');
  assert.match(ev?.explanation ?? '', /ACCEPTed but no reply was recorded/);
  assert.equal(ev?.reply.records, 0);
});

test('accepted both ways: the network is not the cause', () => {
  const [ev] = correlateFlows([target('10.0.5.10', 6379)], recordsOf('orders-api-v5.txt'));
  assert.equal(ev?.verdict, 'accepted-both-ways');
  assert.deepEqual([ev?.request.accept, ev?.reply.accept], [1, 1]);
});

test('reply only: the flow log covers the way back', () => {
  const records = recordsOf('orders-api-v5.txt').filter((r) => r.srcaddr === '10.0.5.10');
  assert.equal(correlateFlows([target('10.0.5.10', 6379)], records)[0]?.verdict, 'reply-only');
});

test('no records: says the flow logs do not cover the ENI or the time', () => {
  const records = recordsOf('orders-api-v5.txt');
  const [other] = correlateFlows([target('10.0.9.9', 443)], records);
  assert.equal(other?.verdict, 'no-records');
  assert.match(
    other?.explanation ?? '',
    /cover 3 ENIs in that time range, but not one that carried this traffic/,
  );
  const [later] = correlateFlows(
    [{ ip: '10.0.3.47', port: 5432, from: RANGE.to + 3_600_000, to: RANGE.to + 7_200_000 }],
    records,
  );
  assert.equal(later?.verdict, 'no-records');
  assert.match(later?.explanation ?? '', /no flow log record at all falls in that time range/);
  // SKIPDATA in range is said
  const [skipped] = correlateFlows([target('10.9.9.9', 1)], recordsOf('v2-default.txt'));
  assert.equal(skipped?.coverage.skipdata, 1);
  assert.match(skipped?.explanation ?? '', /1 SKIPDATA record/);
});

test('protocol and port must match; several targets on one address are kept apart', () => {
  const records = recordsOf('orders-api-v5.txt');
  const [udp, pg, redisWrong] = correlateFlows(
    [{ ...target('10.0.3.47', 5432), protocol: 17 }, target('10.0.3.47', 5432), target('10.0.3.47', 6379)],
    records,
  );
  assert.equal(udp?.verdict, 'no-records');
  assert.equal(pg?.verdict, 'return-path-nacl');
  assert.equal(redisWrong?.verdict, 'no-records');
});

test('bounded: clients beyond the cap are summed into one (other) row', () => {
  const records: FlowRecord[] = [];
  const p = new FlowLogParser({ source: 'gen', onRecord: (r) => records.push(r) });
  for (let i = 1; i <= 50; i++) {
    p.pushLine(
      `2 123456789012 eni-0c${String(i).padStart(15, '0')} 10.0.1.${i} 10.0.3.47 4000${i % 10} 5432 6 1 60 1715678460 1715678518 ACCEPT OK`,
      i,
    );
  }
  p.end();
  const [ev] = correlateFlows([target('10.0.3.47', 5432)], records, { maxSources: 10, maxSamples: 2 });
  assert.equal(ev?.sourcesTruncated, true);
  assert.equal(ev?.bySource.length, 11);
  assert.equal(ev?.bySource[0]?.clientAddr, '(other)');
  assert.equal(ev?.bySource[0]?.requestAccept, 40);
  assert.equal(ev?.samples.length, 2);
  assert.equal(ev?.request.accept, 50);
});
