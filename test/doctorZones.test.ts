/** doctor step 5 with Route 53 private hosted zones (aws route53 get-hosted-zone output beside the example). */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, runCli } from './helpers.js';

function configWithZone(vpcIds: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'netsleuth-zone-'));
  cpSync(join(ROOT, 'examples', 'vpc-config'), dir, { recursive: true });
  writeFileSync(
    join(dir, 'hosted-zone.json'),
    JSON.stringify({
      HostedZone: {
        Id: '/hostedzone/Z0123456789ABCDEFGHIJ',
        Name: 'orders.internal.',
        CallerReference: 'terraform-20260110',
        Config: { Comment: 'orders services', PrivateZone: true },
        ResourceRecordSetCount: 4,
      },
      VPCs: vpcIds.map((VPCId) => ({ VPCRegion: 'us-east-1', VPCId })),
    }),
  );
  return dir;
}

function dnsStep(config: string, to: string): { status: string; evidence: string[]; fix: string[] } {
  const r = runCli(['doctor', '--config', config, '--service', 'orders-api', '--to', to, '-f', 'json']);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const step = (
    JSON.parse(r.stdout) as { steps: { id: string; status: string; evidence: string[]; fix: string[] }[] }
  ).steps.find((s) => s.id === 'dns');
  assert.ok(step);
  return step;
}

describe('doctor: private hosted zones', () => {
  it('passes when the zone that holds the name is associated with the VPC', () => {
    const step = dnsStep(configWithZone(['vpc-0a1b2c3d4e5f60718']), 'db.orders.internal:5432');
    assert.equal(step.status, 'PASS');
    assert.ok(
      step.evidence.some((e) =>
        e.includes(
          'private hosted zone orders.internal (Z0123456789ABCDEFGHIJ) is associated with vpc-0a1b2c3d4e5f60718',
        ),
      ),
    );
  });

  it('fails, with the association command, when the zone is associated with other VPCs only', () => {
    const step = dnsStep(configWithZone(['vpc-0ffff000011112222']), 'db.orders.internal:5432');
    assert.equal(step.status, 'FAIL');
    assert.ok(
      step.fix.includes(
        'aws route53 associate-vpc-with-hosted-zone --hosted-zone-id Z0123456789ABCDEFGHIJ --vpc VPCRegion=<region>,VPCId=vpc-0a1b2c3d4e5f60718',
      ),
    );
  });

  it('is unknown for a private-looking name no exported zone holds, and says what to export', () => {
    const step = dnsStep(join(ROOT, 'examples', 'vpc-config'), 'orders-service.local:8080');
    assert.equal(step.status, 'UNKNOWN');
    assert.ok(step.evidence.some((e) => e.includes('aws route53 get-hosted-zone')));
  });
});
