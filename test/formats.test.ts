import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Report } from '../src/core/report.js';
import { ROOT, runCli } from './helpers.js';
import { hostileLog, XSS_PAYLOADS } from './xssCorpus.js';

const tmp = mkdtempSync(join(tmpdir(), 'netsleuth-formats-'));
const ECS = join(ROOT, 'examples', 'ecs-orders-api.json');
const LAMBDA = join(ROOT, 'examples', 'lambda-orders-worker.json');
// A hostile log line: HTML, a script, backticks and table pipes around a real failure.
const HOSTILE = join(tmp, 'hostile.txt');
writeFileSync(
  HOSTILE,
  '2024-05-14T09:21:08.114Z <img src=x onerror=alert(1)><script>alert(2)</script> `x` | y | Error: connect ECONNREFUSED 10.0.3.42:5432\n' +
    '2024-05-14T09:31:08.114Z Error: connect ECONNREFUSED 10.0.3.42:5432 </pre><svg onload=alert(3)>\n' +
    '2024-05-14T09:41:08.114Z Error: connect ECONNREFUSED 10.0.3.42:5432\n',
);

function json(file: string): Report {
  return JSON.parse(runCli(['analyze', '--format', 'json', file]).stdout) as Report;
}

/** The targets table of a Markdown report, read back as [target, class, events]. */
function markdownTargets(md: string): Array<[string, string, number]> {
  const rows: Array<[string, string, number]> = [];
  for (const line of md.split('\n')) {
    const m = /^\| `([^`]+)` \| [^|]+ \| (\w+) \| (\d+) \|/.exec(line);
    if (m) rows.push([m[1] as string, m[2] as string, Number(m[3])]);
  }
  return rows;
}

/** The targets table of an HTML report, read back the same way. */
function htmlTargets(html: string): Array<[string, string, number]> {
  return [
    ...html.matchAll(
      /<tr><td><code>([^<]+)<\/code><\/td><td>[^<]*<\/td><td>(\w+)<\/td><td class="n">(\d+)<\/td>/g,
    ),
  ].map((m) => [(m[1] as string).replace(/&amp;/g, '&'), m[2] as string, Number(m[3])]);
}

const expectedTargets = (r: Report): Array<[string, string, number]> =>
  (r.findings[0]?.targets ?? []).map((t) => [
    t.port === null ? (t.host ?? '') : `${t.host}:${t.port}`,
    t.class,
    t.count,
  ]);

describe('--format markdown', () => {
  it('reads back to the same findings, targets and counts as the JSON report', () => {
    for (const file of [ECS, LAMBDA]) {
      const md = runCli(['analyze', '--format', 'markdown', file]).stdout;
      const report = json(file);
      assert.ok(md.startsWith('# netsleuth report\n'));
      assert.deepEqual(markdownTargets(md), expectedTargets(report));
      for (const f of report.findings) {
        assert.ok(md.includes(`## ${f.severity.toUpperCase()}: ${f.title} (\`${f.pattern}\`)`));
        for (const step of f.fix) for (const c of step.commands) assert.ok(md.includes(`   ${c}\n`), c);
      }
    }
  });
  it('keeps log text in code spans, so no HTML in it renders', () => {
    const md = runCli(['analyze', '--format', 'markdown', HOSTILE]).stdout;
    const outsideCode = md.replace(/(`+)[\s\S]*?\1/g, '');
    assert.doesNotMatch(outsideCode, /<img|<script|<svg/);
    assert.deepEqual(markdownTargets(md), [['10.0.3.42:5432', 'refused', 3]]);
  });
});

describe('the XSS corpus', () => {
  const file = join(tmp, 'xss.txt');
  writeFileSync(file, hostileLog());
  it('stays inert in the HTML report: no element, attribute or URL from a log line', () => {
    const html = runCli(['analyze', '--format', 'html', file]).stdout;
    const body = html.slice(html.indexOf('<body>') + '<body>'.length);
    assert.doesNotMatch(body, /<(script|img|iframe|body|details|a |math|style|meta|base|link)\b/i);
    assert.equal(
      (body.match(/<svg/g) ?? []).length,
      (body.match(/<svg viewBox="0 0 1000 120"/g) ?? []).length,
      'only the chart',
    );
    // escaped text holds no `<`, so every `<…>` here is a real tag: none may carry a link, a source or a handler
    assert.doesNotMatch(
      body,
      /<[a-z][^>]*\s(href|src|on\w+)=/i,
      'no link, source or event handler attribute',
    );
    assert.equal(htmlTargets(html).length, XSS_PAYLOADS.length, 'every line still counted');
  });
  it('stays inside code spans in Markdown', () => {
    const md = runCli(['analyze', '--format', 'markdown', file]).stdout;
    const outsideCode = md.replace(/(`+)[\s\S]*?\1/g, '');
    assert.doesNotMatch(outsideCode, /<(script|img|svg|iframe|style|meta|base|link)|javascript:|\]\(/i);
  });
});

describe('--format html', () => {
  it('is one self-contained file with the same targets and counts, written with -o', () => {
    const out = join(tmp, 'report.html');
    const r = runCli(['analyze', '--format', 'html', '-o', out, LAMBDA]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    const html = readFileSync(out, 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'/,
    );
    assert.doesNotMatch(html, /<script|<link|src=|href=/i);
    assert.deepEqual(htmlTargets(html), expectedTargets(json(LAMBDA)));
    assert.match(html, /<svg viewBox="0 0 1000 120"/);
    const segments = (json(LAMBDA).findings[0]?.timeline ?? []).reduce(
      (a, b) => a + Object.keys(b.failures).length,
      0,
    );
    assert.ok(segments > 0);
    assert.equal(
      (html.match(/<rect [^>]*><title>/g) ?? []).length,
      segments,
      'one bar segment per window and class',
    );
    const finding = json(LAMBDA).findings[0];
    const quietLogWindows = (finding?.logWindows?.length ?? 0) - (finding?.timeline.length ?? 0);
    assert.ok(quietLogWindows > 0);
    assert.equal(
      (html.match(/fill="#ced4da"/g) ?? []).length,
      quietLogWindows,
      'a grey tick per log window without failures',
    );
  });
  it('escapes every log line: the hostile payloads stay inert text', () => {
    const html = runCli(['analyze', '--format', 'html', HOSTILE]).stdout;
    assert.doesNotMatch(html, /<img|<script|<svg onload|<\/pre><svg/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;&lt;script&gt;alert\(2\)&lt;\/script&gt;/);
    assert.deepEqual(htmlTargets(html), [['10.0.3.42:5432', 'refused', 3]]);
  });
  it('says when it cannot write the file', () => {
    const r = runCli(['analyze', '--format', 'html', '-o', join(tmp, 'no', 'such', 'dir', 'r.html'), LAMBDA]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /r\.html: cannot write the report \(ENOENT\)/);
  });
});
