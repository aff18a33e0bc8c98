import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from 'playwright-core';
import { generate } from '../bench/generate.js';
import { BIN, ROOT } from './helpers.js';
import { hostileLog, XSS_PAYLOADS } from './xssCorpus.js';

// The page in a real browser: Debian's Chromium driven by playwright-core (never a downloaded browser).
const CHROMIUM = '/usr/bin/chromium';
const tmp = mkdtempSync(join(tmpdir(), 'netsleuth-web-'));

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /serving the page at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return { url, child };
}

describe('the local page (netsleuth serve) in Chromium', () => {
  let server: { url: string; child: ChildProcess };
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    server = await startServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      requests.push(`dialog:${d.message()}`);
      void d.dismiss();
    });
  });
  after(async () => {
    await browser?.close();
    server?.child.kill();
  });

  it('analyses a chosen file in the browser: the finding, its numbers and its chart appear', async () => {
    await page.goto(server.url);
    await page.setInputFiles('#files', join(ROOT, 'examples', 'lambda-orders-worker.json'));
    const card = page.locator('article.finding[data-pattern="lambda-connection-failures"]');
    await card.waitFor({ timeout: 20_000 });
    assert.match(
      await card.locator('.summary').innerText(),
      /^10 invocations failed with connection errors \(16\.7 % of 60 invocations\)/,
    );
    assert.equal(await card.locator('.sev').innerText(), 'HIGH');
    assert.match(await card.locator('.evidence').innerText(), /10 of 60\s+failing invocations/);
    const firstRow = await card.locator('table.targets tbody tr').first().locator('td').allInnerTexts();
    assert.deepEqual(firstRow.slice(0, 4), ['10.0.3.47:5432', 'PostgreSQL', 'timeout', '8']);
    const box = await card.locator('.chart canvas').boundingBox();
    assert.ok(box && box.width > 100 && box.height > 50, 'the chart is drawn');
    await page.screenshot({ path: join(tmp, 'page.png'), fullPage: true });
  });

  it("reads with the decoder's WebAssembly module in its worker (the page's policy allows compiling it)", async () => {
    await page.goto(server.url);
    await page.setInputFiles('#files', join(ROOT, 'examples', 'ecs-orders-api.json'));
    await page.locator('article.finding').first().waitFor({ timeout: 20_000 });
    assert.equal(await page.evaluate(() => document.body.dataset['engine']), 'webassembly');
  });

  it('reads gzip and several files at once', async () => {
    const gz = join(tmp, 'ecs.json.gz');
    writeFileSync(
      gz,
      gzipSync(
        Buffer.from((await import('node:fs')).readFileSync(join(ROOT, 'examples', 'ecs-orders-api.json'))),
      ),
    );
    await page.goto(server.url);
    await page.setInputFiles('#files', [gz, join(ROOT, 'examples', 'lambda-orders-worker.json')]);
    await page
      .locator('article.finding[data-pattern="ecs-network-connectivity"]')
      .waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('article.finding').count(), 2);
  });

  it('takes files dropped on the page', async () => {
    await page.goto(server.url);
    const text = readFileSync(join(ROOT, 'examples', 'ecs-orders-api.json'), 'utf8');
    const dataTransfer = await page.evaluateHandle((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'dropped.json', { type: 'application/json' }));
      return dt;
    }, text);
    await page.dispatchEvent('#drop', 'drop', { dataTransfer });
    const card = page.locator('article.finding[data-pattern="ecs-network-connectivity"]');
    await card.waitFor({ timeout: 20_000 });
    assert.match(
      await card.locator('.summary').innerText(),
      /^Connection errors detected in 8 of 48 log windows/,
    );
    // where the failures come from: one row per task, the task without failures included
    const rows = await card.locator('table.breakdown tr').allInnerTexts();
    assert.equal(rows.length, 3);
    assert.deepEqual(
      rows.map((r) => Number(r.split('\t')[1])).sort((x, y) => x - y),
      [0, 8, 8],
    );
  });

  it('reads configuration files dropped beside the logs: the blocking rule and where failures come from', async () => {
    const config = join(ROOT, 'examples', 'vpc-config');
    await page.goto(server.url);
    await page.setInputFiles('#files', [
      join(ROOT, 'examples', 'ecs-orders-api.json'),
      ...readdirSync(config).map((f) => join(config, f)),
    ]);
    const card = page.locator('article.finding[data-pattern="ecs-network-connectivity"]');
    await card.waitFor({ timeout: 20_000 });
    const causes = await card.locator('ul.rootcauses li').allInnerTexts();
    assert.ok(
      causes.some(
        (c) => c.includes('10.0.5.18:6379') && c.includes('BLOCKED at acl-0appa0000000002 outbound'),
      ),
      causes.join('\n'),
    );
    assert.ok(causes.some((c) => c.startsWith('10.0.3.42:5432') && c.includes('allowed')));
    assert.equal(
      await card.locator('p.attribution').innerText(),
      'All 16 failures came from subnet-0a1b2c3d4e5f6a7b8 (us-east-1a); subnet-0e4f5a6b7c8d9e0f1 (us-east-1b) had none.',
    );
    // configuration alone is not something to analyse
    await page.goto(server.url);
    await page.setInputFiles('#files', [join(config, 'subnets.json')]);
    await page.locator('#error:not([hidden])').waitFor({ timeout: 10_000 });
    assert.match(
      await page.locator('#error').innerText(),
      /configuration files .* drop a log export with them/,
    );
  });

  it('shows progress on a large file and can cancel it', async () => {
    const big = join(tmp, 'big.json');
    await generate({ kind: 'lambda', outFile: big, sizeMb: 120, seed: 5 });
    await page.goto(server.url);
    await page.setInputFiles('#files', big);
    await page.locator('#progress:not([hidden])').waitFor({ timeout: 10_000 });
    await page.click('#cancel');
    assert.equal(await page.locator('#error').innerText(), 'Cancelled.');
    assert.equal(await page.locator('#progress').isHidden(), true);
    assert.equal(await page.locator('article.finding').count(), 0);
  });

  it('renders hostile log lines as inert text', async () => {
    const hostile = join(tmp, 'hostile.txt');
    writeFileSync(
      hostile,
      '2024-05-14T09:21:08.114Z <img src=x onerror=alert(1)><script>alert(2)</script> Error: connect ECONNREFUSED 10.0.3.42:5432\n',
    );
    await page.goto(server.url);
    await page.setInputFiles('#files', hostile);
    const example = page.locator('pre.example').first();
    await example.waitFor({ timeout: 20_000 });
    assert.match(await example.innerText(), /<img src=x onerror=alert\(1\)><script>alert\(2\)<\/script>/);
    assert.equal(await page.locator('#report img, #report script').count(), 0);
    assert.ok(!requests.some((r) => r.startsWith('dialog:')), 'no script ran');
  });

  it('keeps the whole XSS corpus inert on the page', async () => {
    const file = join(tmp, 'xss.txt');
    writeFileSync(file, hostileLog());
    await page.goto(server.url);
    await page.setInputFiles('#files', file);
    await page.locator('article.finding').waitFor({ timeout: 20_000 });
    assert.equal(
      await page
        .locator('#report :is(script, img, svg, iframe, details, a, math, style, meta, base, link)')
        .count(),
      0,
    );
    assert.equal(await page.locator('table.targets tbody tr').count(), XSS_PAYLOADS.length);
    assert.ok(
      !requests.some((r) => r.startsWith('dialog:') || r.includes('evil.example')),
      'no script ran, nothing was fetched',
    );
  });

  it('analyses a truncated .gz up to the cut, with a warning', async () => {
    const whole = gzipSync(readFileSync(join(ROOT, 'examples', 'lambda-orders-worker.json')));
    const file = join(tmp, 'cut.json.gz');
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length * 0.7)));
    await page.goto(server.url);
    await page.setInputFiles('#files', file);
    await page.locator('.warn').first().waitFor({ timeout: 20_000 });
    assert.match(
      await page.locator('.warn').first().innerText(),
      /cut\.json\.gz: .*(gzip stream ends early|truncated)/,
    );
    assert.match(await page.locator('.summary-line').innerText(), /^[\d,]+ events/);
  });

  it('masks secrets in the lines it quotes', async () => {
    const file = join(tmp, 'secret.txt');
    writeFileSync(
      file,
      '2024-05-14T09:21:08.114Z Error: connect ECONNREFUSED postgres://orders:s3cr3t@db.internal:5432/orders\n',
    );
    await page.goto(server.url);
    await page.setInputFiles('#files', file);
    const example = page.locator('pre.example').first();
    await example.waitFor({ timeout: 20_000 });
    assert.match(await example.innerText(), /orders:\[REDACTED\]@db\.internal:5432/);
    assert.ok(!(await page.content()).includes('s3cr3t'));
  });

  it('shows the pattern pages and makes no request outside 127.0.0.1', async () => {
    await page.goto(server.url);
    assert.match(
      (await page.locator('#pattern-lambda-connection-failures pre').textContent()) ?? '',
      /^# Connection Failures/,
    );
    const outside = requests.filter(
      (r) => !r.startsWith('http://127.0.0.1:') && !r.startsWith('blob:') && !r.startsWith('data:'),
    );
    assert.deepEqual(outside, []);
  });
});
