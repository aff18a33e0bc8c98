import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../src/core/report.js';
import { runCli } from './helpers.js';
import { awsEnv, type Moto, type PutEvent, putLogEvents, startMoto } from './moto.js';

const tmp = mkdtempSync(join(tmpdir(), 'netsleuth-livecli-'));
const GROUP = '/ecs/orders-api';
const TASKS = ['f2ad7dba413f45ddb4d92f7853b78469', '0a1b2c3d4e5f60718293a4b5c6d7e8f9'];
// Events within the last day, failures in 3 distinct 5-minute windows.
const NOW = Date.now();
const BASE = Math.floor((NOW - 6 * 3_600_000) / 300_000) * 300_000;

describe('netsleuth analyze --log-group and fetch (live, against moto_server)', () => {
  let moto: Moto;
  const env = () => ({ ...awsEnv(), NO_COLOR: '1' });
  before(async () => {
    moto = await startMoto();
    const events: PutEvent[] = [];
    TASKS.forEach((task, t) => {
      const stream = `ecs/orders-api/${task}`;
      for (let w = 0; w < 6; w++) {
        events.push({
          stream,
          timestamp: BASE + w * 300_000 + 1000 + t,
          message: `GET /orders/${w} 200 3ms`,
        });
        if (w % 2 === t % 2) {
          events.push({
            stream,
            timestamp: BASE + w * 300_000 + 2000 + t,
            message: 'Error: connect ECONNREFUSED 10.0.3.42:5432',
          });
        }
      }
    });
    putLogEvents(moto.endpoint, GROUP, events);
  });
  after(async () => moto?.stop());

  it('analyses a log group read live, with the same findings as its saved export', () => {
    const live = runCli(
      ['analyze', '--format', 'json', '--log-group', GROUP, '--since', '1d', '--endpoint-url', moto.endpoint],
      { env: env() },
    );
    assert.equal(live.status, 0, live.stderr);
    const report = JSON.parse(live.stdout) as Report;
    assert.deepEqual(
      report.inputs.map((i) => [i.name, i.format, i.events]),
      [[GROUP, 'cloudwatch-logs', 18]],
    );
    const f = report.findings[0];
    assert.equal(f?.pattern, 'ecs-network-connectivity');
    assert.deepEqual(
      [f?.severity, f?.evidence.windowsWithErrors, f?.evidence.windows, f?.evidence.events],
      ['high', 6, 6, 6],
    );

    const out = join(tmp, 'export.json.gz');
    const fetched = runCli(
      ['fetch', '--log-group', GROUP, '--since', '1d', '--endpoint-url', moto.endpoint, '-o', out],
      { env: env() },
    );
    assert.equal(fetched.status, 0, fetched.stderr);
    assert.match(fetched.stderr, /wrote 18 events/);
    const offline = runCli(['analyze', '--format', 'json', out]);
    assert.equal(offline.status, 0, offline.stderr);
    assert.deepEqual((JSON.parse(offline.stdout) as Report).findings, report.findings);
  });

  it('runs the Logs Insights engine end to end (moto ignores stats, so only the plumbing is checked here)', () => {
    const r = runCli(
      [
        'analyze',
        '--format',
        'json',
        '--engine',
        'insights',
        '--log-group',
        GROUP,
        '--since',
        '1d',
        '--endpoint-url',
        moto.endpoint,
      ],
      { env: env() },
    );
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(
      report.inputs.map((i) => [i.name, i.format]),
      [[GROUP, 'logs-insights-aggregates']],
    );
    const missing = runCli(
      [
        'analyze',
        '--engine',
        'insights',
        '--log-group',
        '/nope',
        '--since',
        '1h',
        '--endpoint-url',
        moto.endpoint,
      ],
      {
        env: env(),
      },
    );
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /log group \/nope not found/);
    assert.match(
      runCli(['analyze', '--engine', 'insights', 'x.json']).stderr,
      /--engine insights needs --log-group NAME/,
    );
  });

  it('says in one sentence what is wrong: a missing group, bad time flags, nothing to read', () => {
    const missing = runCli(
      ['analyze', '--log-group', '/nope', '--since', '1h', '--endpoint-url', moto.endpoint],
      { env: env() },
    );
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^netsleuth: log group \/nope not found in us-east-1/);
    const both = runCli(
      ['analyze', '--log-group', GROUP, '--since', '1h', '--start', '2026-01-01T00:00:00Z'],
      { env: env() },
    );
    assert.equal(both.status, 2);
    assert.match(both.stderr, /--since cannot be combined with --start or --end/);
    const none = runCli(['analyze', '--log-group', GROUP], { env: env() });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /needs --since DURATION or --start TIME/);
    const nothing = runCli(['analyze'], { env: env() });
    assert.equal(nothing.status, 2);
    assert.match(nothing.stderr, /give export files, or --log-group NAME/);
  });
});
