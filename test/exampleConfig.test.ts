/** The bundled configuration example says what the README says it does. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, runCli } from './helpers.js';

describe('examples/vpc-config with the ECS example', () => {
  it('names the NACL entry that drops the Redis target, clears PostgreSQL, and places the failures in one subnet', () => {
    const r = runCli([
      'analyze',
      join(ROOT, 'examples', 'ecs-orders-api.json'),
      '--config',
      join(ROOT, 'examples', 'vpc-config'),
      '-f',
      'json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '', 'every file of the example is recognised');
    const f = (
      JSON.parse(r.stdout) as {
        findings: {
          attribution: { sentence: string };
          targets: {
            host: string;
            port: number | null;
            rootCauses: {
              verdict: string;
              blockedBy: {
                kind: string;
                resourceId: string;
                direction: string;
                rule: string;
                detail: string;
              }[];
            }[];
          }[];
        }[];
      }
    ).findings[0];
    const byTarget = new Map(f?.targets.map((t) => [`${t.host}:${t.port}`, t.rootCauses]));
    assert.deepEqual(
      byTarget.get('10.0.3.42:5432')?.map((rc) => rc.verdict),
      ['allowed'],
    );
    const redis = byTarget.get('10.0.5.18:6379')?.[0];
    assert.equal(redis?.verdict, 'blocked');
    assert.deepEqual(redis?.blockedBy[0], {
      kind: 'nacl',
      resourceId: 'acl-0appa0000000002',
      direction: 'outbound',
      rule: '#90 deny tcp 6379 10.0.5.0/24',
      detail: redis?.blockedBy[0]?.detail,
    });
    assert.equal(
      f?.attribution.sentence,
      'All 16 failures came from subnet-0a1b2c3d4e5f6a7b8 (us-east-1a); subnet-0e4f5a6b7c8d9e0f1 (us-east-1b) had none.',
    );
  });
});

describe('netsleuth path --protocol', () => {
  it('udp is evaluated as udp: the database group lets tcp/5432 in, not udp (exit 1 when blocked)', () => {
    const args = [
      'path',
      '--config',
      join(ROOT, 'examples', 'vpc-config'),
      '--from',
      'task/41ef3d3610258f665a60c6d2a8ca7630',
      '--to',
      '10.0.3.42:5432',
      '-f',
      'json',
    ];
    const tcp = runCli(args);
    assert.equal(tcp.status, 0, tcp.stderr);
    const udp = runCli([...args, '--protocol', 'udp']);
    assert.equal(udp.status, 1, udp.stderr);
    const p = (
      JSON.parse(udp.stdout) as {
        paths: { verdict: string; blockedBy: { resourceId: string; direction: string }[] }[];
      }
    ).paths[0];
    assert.deepEqual(
      [p?.verdict, p?.blockedBy[0]?.resourceId, p?.blockedBy[0]?.direction],
      ['blocked', 'sg-0db33333cccc4444d', 'inbound'],
    );
  });
});
