/** verify before a deployment: the configuration read from `terraform show -json` of a plan. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../src/node/loadConfig.js';
import { ROOT, runCli } from './helpers.js';

const PLAN = join(ROOT, 'test', 'fixtures', 'terraform', 'plan-bridge-mistake.json');

describe('terraform show -json as the configuration', () => {
  it('reads the resources the model needs, child modules and loose rules included; data sources are not resources', async () => {
    const m = await loadConfig(PLAN);
    assert.equal(m.vpcs.get('vpc-0a1b2c3d4e5f60718')?.dnsHostnames, true);
    assert.equal(m.subnets.size, 3);
    const privateTable = m.routeTables.find((t) => t.id === 'rtb-0private00000002');
    assert.deepEqual(privateTable?.subnetIds, ['subnet-0a1b2c3d4e5f6a7b8', 'subnet-0e4f5a6b7c8d9e0f1']);
    assert.deepEqual(
      privateTable?.routes.map((r) => `${r.destination} → ${r.targetId}`),
      ['10.0.0.0/16 → local', '0.0.0.0/0 → nat-0a1b2c3d4e5f60718'],
    );
    assert.deepEqual(
      m.securityGroups.get('sg-0db33333cccc4444d')?.ingress.map((r) => r.text),
      ['tcp/5432 from sg-0inst7777gggg8888h'],
    );
    assert.deepEqual(m.databases[0]?.hostnames, ['orders-db.abc123xyz.us-east-1.rds.amazonaws.com']);
    assert.deepEqual(m.services.get('orders-api')?.securityGroups, ['sg-0task1111aaaa2222b']);
    assert.ok(!m.present.has('Functions'), 'a resource type the plan lacks is not taken as exported');
  });

  it('catches the planned rule that lets the container instances in instead of the service, before it is applied', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsleuth-tf-'));
    const intents = join(dir, 'intents.yaml');
    writeFileSync(
      intents,
      'intents:\n  - from: service/orders-api\n    to: rds/orders-db\n    expect: reachable\n',
    );
    const r = runCli(['verify', intents, '--config', PLAN, '-f', 'json']);
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout) as {
      violations: number;
      results: { paths: { blockedBy: { kind: string; resourceId: string; direction: string }[] }[] }[];
    };
    assert.equal(report.violations, 1);
    assert.deepEqual(
      report.results[0]?.paths.map((p) => [
        p.blockedBy[0]?.kind,
        p.blockedBy[0]?.resourceId,
        p.blockedBy[0]?.direction,
      ]),
      [
        ['security-group', 'sg-0db33333cccc4444d', 'inbound'],
        ['security-group', 'sg-0db33333cccc4444d', 'inbound'],
      ],
    );
  });
});

describe('verify: protocols', () => {
  it('an intent is evaluated for its protocol: the database group lets tcp/5432 in, not udp', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsleuth-udp-'));
    const file = join(dir, 'intents.yaml');
    writeFileSync(
      file,
      'intents:\n  - from: service/orders-api\n    to: 10.0.3.42:5432\n    protocol: udp\n    expect: blocked\n  - from: service/orders-api\n    to: 10.0.3.42:5432\n    expect: reachable\n',
    );
    const r = runCli(['verify', file, '--config', join(ROOT, 'examples', 'vpc-config')]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /2 passed, 0 violated, 0 unknown/);
    writeFileSync(
      file,
      'intents:\n  - from: service/orders-api\n    to: 10.0.3.42:5432\n    protocol: sctp\n    expect: blocked\n',
    );
    const bad = runCli(['verify', file, '--config', join(ROOT, 'examples', 'vpc-config')]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /intent 1: "protocol" must be tcp or udp/);
  });
});
