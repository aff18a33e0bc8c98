import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { redact } from '../src/core/redact.js';
import type { Report } from '../src/core/report.js';
import { runCli } from './helpers.js';

// Real-shaped secrets (AWS's documented example keys, jwt.io's example token) and what must stay.
const CASES: Array<[string, string]> = [
  [
    'connect ECONNREFUSED postgres://orders:s3cr3t!@db.internal:5432/orders',
    'connect ECONNREFUSED postgres://orders:[REDACTED]@db.internal:5432/orders',
  ],
  [
    'mongodb+srv://app:Pa55w0rd@cluster0.abcde.mongodb.net/test',
    'mongodb+srv://app:[REDACTED]@cluster0.abcde.mongodb.net/test',
  ],
  ['redis://:p4ss@cache.internal:6379', 'redis://:[REDACTED]@cache.internal:6379'],
  [
    'GET https://api.example.com/v1?api_key=abcd1234efgh&x=1 failed',
    'GET https://api.example.com/v1?api_key=[REDACTED]&x=1 failed',
  ],
  [
    'Host=db;Port=5432;Username=app;Password=hunter2;Database=orders',
    'Host=db;Port=5432;Username=app;Password=[REDACTED];Database=orders',
  ],
  ['{"user":"app","password":"hunter2","host":"db"}', '{"user":"app","password":"[REDACTED]","host":"db"}'],
  ['DB_PASSWORD=hunter2 DB_HOST=db.internal', 'DB_PASSWORD=[REDACTED] DB_HOST=db.internal'],
  ['Authorization: Bearer abcdefghijklmnop.qrstu', 'Authorization: Bearer [REDACTED]'],
  [
    'jwt eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    'jwt [REDACTED]',
  ],
  ['AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', 'AWS_ACCESS_KEY_ID=AKIA[REDACTED]'],
  ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key = [REDACTED]'],
  [
    '"SessionToken": "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ"',
    '"SessionToken": "[REDACTED]"',
  ],
  [
    'X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr&X-Amz-Date=20240514',
    'X-Amz-Security-Token=[REDACTED]&X-Amz-Date=20240514',
  ],
  [
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----',
    '-----BEGIN RSA PRIVATE KEY-----[REDACTED]',
  ],
];

const UNCHANGED = [
  'dial tcp 10.0.2.47:5432: connect: connection refused',
  'password authentication failed for user "app"',
  'getaddrinfo ENOTFOUND secretsmanager.us-east-1.amazonaws.com',
  'bypass=1 compass=north',
  'nextToken=abc',
  'https://api.example.com:8443/v1 timed out',
];

describe('redact', () => {
  it('masks each kind of secret and keeps what says where', () => {
    for (const [input, expected] of CASES) assert.equal(redact(input), expected);
  });
  it('leaves hosts, ports and ordinary words alone', () => {
    for (const text of UNCHANGED) assert.equal(redact(text), text);
  });
  it('stays linear on hostile input (measured: see the printed figure)', () => {
    const hostile = 'password='.repeat(50_000) + 'a://b:'.repeat(50_000) + 'eyJa.'.repeat(50_000);
    const t0 = performance.now();
    redact(hostile);
    const ms = performance.now() - t0;
    console.log(`# redact on ${(hostile.length / 1e6).toFixed(1)} MB of near-secrets: ${ms.toFixed(0)} ms`);
    assert.ok(ms < 20_000);
  });
});

describe('reports mask secrets by default', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'netsleuth-redact-')), 'secrets.txt');
  writeFileSync(
    file,
    '2024-05-14T09:21:08.114Z Error: connect ECONNREFUSED postgres://orders:s3cr3t@db.internal:5432 (token=abcd1234)\n',
  );
  it('in the JSON report and in classify, with --no-redact to turn it off, loudly', () => {
    const json = runCli(['analyze', '--format', 'json', file]);
    assert.ok(!json.stdout.includes('s3cr3t') && !json.stdout.includes('abcd1234'));
    const target = (JSON.parse(json.stdout) as Report).findings[0]?.targets[0];
    assert.deepEqual([target?.host, target?.port], ['db.internal', 5432]);
    assert.match(target?.example ?? '', /orders:\[REDACTED\]@db\.internal:5432/);
    const text = runCli(['analyze', file]);
    assert.ok(!text.stdout.includes('s3cr3t'));
    const raw = runCli(['analyze', '--no-redact', '--format', 'json', file]);
    assert.ok(raw.stdout.includes('s3cr3t'));
    assert.match(raw.stderr, /warning: --no-redact/);
  });
});
