import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Analyzer } from '../src/core/analyzer.js';
import {
  aggregatesFromRows,
  buildInsightsQueries,
  classOfKeyword,
  type InsightsRow,
  pushedDownKeywords,
} from '../src/core/insights/insightsQuery.js';
import { runCli } from './helpers.js';

// Logs Insights commands this project relies on, as documented (CWL_QuerySyntax): nothing else may appear.
const DOCUMENTED = ['fields', 'filter', 'parse', 'stats', 'limit'];

/** The JS regex inside `like /…/` or `parse @message /…/` (Logs Insights' `(?i)` becomes the i flag). */
function regexOf(line: string): RegExp {
  const m = /\/(.*)\/$/.exec(line);
  assert.ok(m, line);
  const body = m[1] as string;
  return body.startsWith('(?i)') ? new RegExp(body.slice(4), 'i') : new RegExp(body);
}

const row = (cells: Record<string, string>): InsightsRow =>
  Object.entries(cells).map(([field, value]) => ({ field, value }));

describe('insights-query', () => {
  const q = buildInsightsQueries(5);

  it('uses only documented commands, one per line, and 5-minute bins', () => {
    for (const query of [q.failures, q.failingInvocations, q.windows]) {
      const lines = query.split('\n');
      assert.match(lines[0] as string, /^fields @/);
      for (const line of lines.slice(1)) {
        const command = /^\| (\w+) /.exec(line)?.[1];
        assert.ok(command && DOCUMENTED.includes(command), line);
      }
    }
    assert.match(
      q.failures,
      /\| stats count\(\*\) as failures, count_distinct\(@requestId\) as requests by bin\(5m\), keyword, target/,
    );
    assert.match(q.windows, /by bin\(5m\)$/m);
    assert.match(buildInsightsQueries(15).windows, /by bin\(15m\)/);
  });

  it('is built from the signature tables: every pushed-down keyword has a class', () => {
    for (const keyword of pushedDownKeywords()) assert.ok(classOfKeyword(keyword), keyword);
    assert.equal(classOfKeyword('econnrefused'), 'refused');
    assert.equal(classOfKeyword('No such host'), 'dns');
  });

  it('its regexes find real failures, skip stack continuation lines, and parse the keyword and target', () => {
    const [, filter, notContinuation, parseKeyword, parseTarget] = q.failures.split('\n') as string[];
    const matches = (m: string) =>
      regexOf(filter as string).test(m) && !regexOf(notContinuation as string).test(m);
    assert.ok(matches('Error: connect ECONNREFUSED 10.0.3.42:5432'));
    assert.ok(matches('dial tcp 10.0.2.47:5432: i/o timeout'));
    assert.ok(matches('[Errno -3] Temporary failure in name resolution'));
    assert.ok(!matches("  code: 'ECONNREFUSED',"));
    assert.ok(!matches('GET /orders/42 200 12ms'));
    assert.equal(
      regexOf(parseKeyword as string).exec('Error: connect ECONNREFUSED 10.0.3.42:5432')?.groups?.['keyword'],
      'ECONNREFUSED',
    );
    assert.equal(
      regexOf(parseTarget as string).exec('Error: connect ECONNREFUSED 10.0.3.42:5432')?.groups?.['target'],
      '10.0.3.42:5432',
    );
    assert.equal(
      regexOf(parseTarget as string).exec('connect ETIMEDOUT db.internal:5432')?.groups?.['target'],
      'db.internal:5432',
    );
  });

  it('prints the three queries', () => {
    const r = runCli(['insights-query']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout.match(/^fields /gm)?.length, 3);
    assert.equal(runCli(['insights-query', '--window', '90s']).status, 2);
  });
});

describe('--engine insights: rows to findings', () => {
  // Recorded in the shape GetQueryResults returns: every value a string, bins as `YYYY-MM-DD HH:MM:SS.mmm`.
  const ecsRows = {
    windows: ['08:00', '08:05', '08:10', '08:15'].map((t, i) =>
      row({ 'bin(5m)': `2026-11-20 ${t}:00.000`, events: String(100 + i), requests: '0' }),
    ),
    failures: [
      row({
        'bin(5m)': '2026-11-20 08:00:00.000',
        keyword: 'ECONNREFUSED',
        target: '10.0.3.42:5432',
        failures: '4',
        requests: '0',
      }),
      row({
        'bin(5m)': '2026-11-20 08:05:00.000',
        keyword: 'ECONNREFUSED',
        target: '10.0.3.42:5432',
        failures: '2',
        requests: '0',
      }),
      row({
        'bin(5m)': '2026-11-20 08:15:00.000',
        keyword: 'ETIMEDOUT',
        target: 'redis.internal:6379',
        failures: '1',
        requests: '0',
      }),
      row({ 'bin(5m)': '2026-11-20 08:15:00.000', keyword: 'something else', failures: '9', requests: '0' }),
    ],
    failingInvocations: [row({ requests: '0' })],
  };

  it('gives the ECS finding from aggregated rows', () => {
    const analyzer = new Analyzer();
    analyzer.addAggregates(aggregatesFromRows('ecs', ecsRows));
    const f = analyzer.finish().findings[0];
    assert.equal(f?.pattern, 'ecs-network-connectivity');
    assert.equal(f?.severity, 'high');
    assert.deepEqual([f?.evidence.events, f?.evidence.windowsWithErrors, f?.evidence.windows], [7, 3, 4]);
    assert.deepEqual(
      f?.targets.map((t) => [t.host, t.port, t.service, t.class, t.count, t.firstSeen]),
      [
        ['10.0.3.42', 5432, 'PostgreSQL', 'refused', 6, '2026-11-20T08:00:00.000Z'],
        ['redis.internal', 6379, 'Redis', 'timeout', 1, '2026-11-20T08:15:00.000Z'],
      ],
    );
  });

  it('gives the Lambda finding: invocations from distinct request ids', () => {
    const analyzer = new Analyzer();
    analyzer.addAggregates(
      aggregatesFromRows('lambda', {
        windows: [row({ 'bin(5m)': '2026-11-20 08:00:00.000', events: '500', requests: '100' })],
        failures: [
          row({
            'bin(5m)': '2026-11-20 08:00:00.000',
            keyword: 'ETIMEDOUT',
            target: '10.0.3.47:5432',
            failures: '9',
            requests: '7',
          }),
        ],
        failingInvocations: [row({ requests: '7' })],
      }),
    );
    const report = analyzer.finish();
    assert.deepEqual([report.lambda?.invocations, report.lambda?.failingInvocations], [100, 7]);
    const f = report.findings[0];
    assert.equal(f?.severity, 'high');
    assert.match(f?.summary ?? '', /^7 invocations failed with connection errors \(7 % of 100 invocations\)/);
  });
});
