import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributeFailures } from '../src/flowlogs/attributeFailures.js';
import type { FlowEniInfo } from '../src/flowlogs/flowEvidence.js';

const ENIS = new Map<string, FlowEniInfo>([
  [
    'eni-0aaa000000000001',
    { subnetId: 'subnet-0a1b2c3d', az: 'us-east-1b', taskId: 'f2ad7dba413f45ddb4d92f7853b78469' },
  ],
  [
    'eni-0aaa000000000002',
    { subnetId: 'subnet-0a1b2c3d', az: 'us-east-1b', taskId: '0c4e1a9b2d3f45e6a7b8c9d0e1f2a3b4' },
  ],
  [
    'eni-0bbb000000000003',
    { subnetId: 'subnet-0e4f5a6b', az: 'us-east-1a', taskId: '9a8b7c6d5e4f40312a1b2c3d4e5f6a7b' },
  ],
  [
    'eni-0ccc000000000004',
    { subnetId: 'subnet-0c0c0c0c', az: 'us-east-1b', taskId: '11112222333344445555666677778888' },
  ],
]);

test('all failures in one subnet: the sentence names it and the subnet that had none', () => {
  const a = attributeFailures({
    counts: [
      { taskId: 'f2ad7dba413f45ddb4d92f7853b78469', failures: 20 },
      { taskId: '0c4e1a9b2d3f45e6a7b8c9d0e1f2a3b4', failures: 8 },
      { taskId: '9a8b7c6d5e4f40312a1b2c3d4e5f6a7b', failures: 0 },
    ],
    enis: ENIS,
  });
  assert.equal(a.total, 28);
  assert.equal(
    a.sentence,
    'All 28 failures came from subnet-0a1b2c3d (us-east-1b); subnet-0e4f5a6b (us-east-1a) had none.',
  );
  assert.deepEqual(a.concentration, { scope: 'subnet', key: 'subnet-0a1b2c3d', failures: 28, share: 1 });
  assert.deepEqual(
    a.bySubnet.map((r) => [r.subnetId, r.az, r.failures, r.tasks]),
    [
      ['subnet-0a1b2c3d', 'us-east-1b', 28, 2],
      ['subnet-0e4f5a6b', 'us-east-1a', 0, 1],
    ],
  );
  assert.deepEqual(
    a.byAz.map((r) => [r.az, r.failures, r.share]),
    [
      ['us-east-1b', 28, 1],
      ['us-east-1a', 0, 0],
    ],
  );
  assert.equal(a.byTask[0]?.eniId, 'eni-0aaa000000000001');
  assert.equal(a.byTask[0]?.failures, 20);
});

test('a subnet with no task counted shows with 0 when the workload subnets are given', () => {
  const a = attributeFailures({
    counts: [{ eniId: 'eni-0aaa000000000001', failures: 12 }],
    enis: ENIS,
    subnets: [{ subnetId: 'subnet-0a1b2c3d' }, { subnetId: 'subnet-0e4f5a6b', az: 'us-east-1a' }],
  });
  assert.equal(
    a.sentence,
    'All 12 failures came from subnet-0a1b2c3d (us-east-1b); subnet-0e4f5a6b (us-east-1a) had none.',
  );
});

test('most, not all: the share and the others are said; unplaced failures are said too', () => {
  const a = attributeFailures({
    counts: [
      { eniId: 'eni-0aaa000000000001', failures: 25 },
      { eniId: 'eni-0bbb000000000003', failures: 2 },
      { taskId: 'not-in-the-map', failures: 1 },
    ],
    enis: ENIS,
  });
  assert.equal(a.unattributed, 1);
  assert.equal(
    a.sentence,
    '25 of 28 failures (89 %) came from subnet-0a1b2c3d (us-east-1b); subnet-0e4f5a6b (us-east-1a) had 2 (1 could not be placed in a subnet).',
  );
});

test('spread over two subnets of one AZ: the AZ is the concentration', () => {
  const a = attributeFailures({
    counts: [
      { eniId: 'eni-0aaa000000000001', failures: 6 },
      { eniId: 'eni-0ccc000000000004', failures: 5 },
      { eniId: 'eni-0bbb000000000003', failures: 0 },
    ],
    enis: ENIS,
  });
  assert.equal(a.concentration?.scope, 'az');
  assert.equal(
    a.sentence,
    'All 11 failures came from us-east-1b (subnet-0a1b2c3d, subnet-0c0c0c0c); us-east-1a had none.',
  );
});

test('no sentence when failures spread, are too few, or only one subnet is known', () => {
  const spread = attributeFailures({
    counts: [
      { eniId: 'eni-0aaa000000000001', failures: 5 },
      { eniId: 'eni-0bbb000000000003', failures: 5 },
    ],
    enis: ENIS,
  });
  assert.equal(spread.sentence, null);
  assert.equal(spread.concentration, null);
  const few = attributeFailures({
    counts: [
      { eniId: 'eni-0aaa000000000001', failures: 2 },
      { eniId: 'eni-0bbb000000000003', failures: 0 },
    ],
    enis: ENIS,
  });
  assert.equal(few.sentence, null);
  const single = attributeFailures({ counts: [{ eniId: 'eni-0aaa000000000001', failures: 9 }], enis: ENIS });
  assert.equal(single.sentence, null);
  assert.equal(single.bySubnet.length, 1);
});

test('byTask is capped and says so', () => {
  const counts = Array.from({ length: 60 }, (_, i) => ({ taskId: `t${i}`, failures: i }));
  const a = attributeFailures({ counts, enis: ENIS, maxTasks: 10 });
  assert.equal(a.byTask.length, 10);
  assert.equal(a.byTaskTruncated, true);
  assert.equal(a.byTask[0]?.failures, 59);
  assert.equal(a.unattributed, a.total);
});
