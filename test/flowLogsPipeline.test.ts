import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  attributeFailures,
  FlowCorrelator,
  readFlowLogBytes,
  type FlowEniInfo,
  type FlowTarget,
} from '../src/flowlogs/index.js';
import { readFlowLogs } from '../src/flowlogs/node/readFlowLogs.js';
import { ROOT } from './helpers.js';

const FIX = join(ROOT, 'test', 'fixtures', 'flowlogs');
const RANGE = { from: Date.UTC(2024, 4, 14, 9, 20), to: Date.UTC(2024, 4, 14, 9, 30) };

test('the core module has no node: imports (it runs in the page too)', () => {
  const dir = join(ROOT, 'src', 'flowlogs');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    assert.doesNotMatch(readFileSync(join(dir, f), 'utf8'), /from 'node:/, f);
  }
});

test('files + ENI map → NACL diagnosis and the attribution sentence', async () => {
  const enis = new Map<string, FlowEniInfo>([
    [
      'eni-0task0001aaaa0001',
      { subnetId: 'subnet-0a1b2c3d', az: 'us-east-1b', taskId: 'task-one', privateIps: ['10.0.1.15'] },
    ],
    [
      'eni-0task0002bbbb0002',
      { subnetId: 'subnet-0e4f5a6b', az: 'us-east-1a', taskId: 'task-two', privateIps: ['10.0.2.31'] },
    ],
  ]);
  const targets: FlowTarget[] = [{ ip: '10.0.3.47', port: 5432, ...RANGE }];
  const correlator = new FlowCorrelator(targets, { enis });
  const read = await readFlowLogs([join(FIX, 'orders-api-v5.txt'), join(FIX, 's3')], {
    onRecord: (r) => correlator.add(r),
  });
  assert.equal(read.files.length, 3);
  const [ev] = correlator.result();
  assert.equal(ev?.verdict, 'return-path-nacl');
  assert.match(ev?.explanation ?? '', /client subnet's network ACL drops them inbound/);
  // failures per task, as the log analysis counts them (task-two connected fine)
  const attribution = attributeFailures({
    counts: [
      { taskId: 'task-one', failures: 28 },
      { taskId: 'task-two', failures: 0 },
    ],
    enis,
  });
  assert.equal(
    attribution.sentence,
    'All 28 failures came from subnet-0a1b2c3d (us-east-1b); subnet-0e4f5a6b (us-east-1a) had none.',
  );
  // the flow evidence agrees: rejected replies only in that subnet
  assert.deepEqual(
    ev?.bySubnet.map((g) => [g.key, g.replyReject]),
    [
      ['subnet-0a1b2c3d', 3],
      ['subnet-0e4f5a6b', 0],
    ],
  );
});

test('a damaged gzip file: records before the damage stand, a warning names the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'flowlogs-'));
  const text = readFileSync(join(FIX, 'v2-default.txt'), 'utf8').repeat(200);
  const gz = gzipSync(text);
  writeFileSync(join(dir, 'cut.log.gz'), gz.subarray(0, Math.floor(gz.length * 0.6)));
  const records: unknown[] = [];
  const read = await readFlowLogs([join(dir, 'cut.log.gz')], { onRecord: (r) => records.push(r) });
  assert.ok(records.length > 0 && records.length < 1000, String(records.length));
  assert.ok(
    read.warnings.some((w) => /cut\.log\.gz: the gzip data is damaged or ends early/.test(w.message)),
  );
});

test('streaming: 200,000 records through the parser into the correlator, bounded state', async () => {
  async function* lines() {
    const enc = new TextEncoder();
    yield enc.encode(
      'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n',
    );
    for (let block = 0; block < 200; block++) {
      let chunk = '';
      for (let i = 0; i < 1000; i++) {
        const n = block * 1000 + i;
        const client = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
        chunk += `2 123456789012 eni-0${n.toString(16).padStart(16, '0')} ${client} 10.0.3.47 ${1024 + (n % 60000)} 5432 6 2 120 1715678460 1715678518 ACCEPT OK\n`;
      }
      yield enc.encode(chunk);
    }
  }
  const correlator = new FlowCorrelator([{ ip: '10.0.3.47', port: 5432, ...RANGE }], {
    maxSources: 100,
    maxInterfaces: 1000,
  });
  const summary = await readFlowLogBytes(lines(), { source: 'gen', onRecord: (r) => correlator.add(r) });
  assert.equal(summary.records, 200_000);
  const [ev] = correlator.result();
  assert.equal(ev?.request.accept, 200_000);
  assert.equal(ev?.bySource.length, 101);
  assert.equal(ev?.sourcesTruncated, true);
  assert.equal(ev?.verdict, 'no-reply');
  assert.equal(ev?.coverage.interfaces, 1000);
});
