import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compare, median, paired, sameReport, snapshot } from '../bench/compare.js';
import { generate } from '../bench/generate.js';
import { ROOT } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'netsleuth-compare-'));

/** A stand-in for a build: its bin/netsleuth.js notes its name in `log` and prints `report` as JSON. */
function fakeBuild(name: string, report: Record<string, unknown>, log: string): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  writeFileSync(
    join(dir, 'bin', 'netsleuth.js'),
    `require('node:fs').appendFileSync(${JSON.stringify(log)}, ${JSON.stringify(`${name}\n`)});\n` +
      `process.stdout.write(JSON.stringify({ generatedAt: new Date().toISOString(), ...${JSON.stringify(report)} }));\n`,
  );
  return dir;
}

describe('bench/compare', () => {
  it('takes the median of an odd or even number of values, and of none', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });

  it('pairs runs by round: the median difference from the first build, and how often it was lower', () => {
    assert.deepEqual(paired([100, 110, 120, 130], [90, 115, 100, 131]), {
      medianDiff: -4.5,
      lower: 2,
      pairs: 4,
    });
    // a build with a run fewer: only the rounds both have are paired
    assert.deepEqual(paired([100, 110, 120], [105, 100]), { medianDiff: -2.5, lower: 1, pairs: 2 });
  });

  it('calls two reports the same when only generatedAt differs', () => {
    const a = JSON.stringify({ generatedAt: '2026-12-02T10:00:00Z', findings: [{ pattern: 'x' }] });
    const b = JSON.stringify({ generatedAt: '2026-12-02T11:00:00Z', findings: [{ pattern: 'x' }] });
    const c = JSON.stringify({ generatedAt: '2026-12-02T10:00:00Z', findings: [{ pattern: 'y' }] });
    assert.equal(sameReport(a, b), true);
    assert.equal(sameReport(a, c), false);
  });

  it('runs the builds in turn, the order reversed every other round, and names a build whose report differs', async () => {
    const log = join(tmp, 'order.log');
    const input = join(tmp, 'input.json');
    writeFileSync(input, '{"events": []}');
    const a = fakeBuild('a', { findings: 1 }, log);
    const b = fakeBuild('b', { findings: 1 }, log);
    const c = fakeBuild('c', { findings: 2 }, log);
    const lines = await compare(input, [a, b, c], 3);
    assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), [
      'a',
      'b',
      'c',
      'c',
      'b',
      'a',
      'a',
      'b',
      'c',
    ]);
    assert.match(lines[0] as string, /^input\.json: 3 round\(s\)/);
    assert.match(lines[1] as string, /^a: wall \d+ ms, CPU \d+ ms$/);
    assert.match(
      lines[2] as string,
      /^b: .*against a: wall [+-]?\d+ ms \(lower in \d of 3 pairs\), CPU .*; report the same$/,
    );
    assert.match(lines[3] as string, /^c: .*; report DIFFERENT$/);
    // the script says so in its exit status too
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench', 'compare.ts'), '--rounds', '1', input, a, c],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /report DIFFERENT/);
    const usage = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench', 'compare.ts'), input, a],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(usage.status, 64);
    assert.match(usage.stderr, /^usage: /);
  });

  it('stops at a build whose run fails, naming it and what it printed', async () => {
    const input = join(tmp, 'input-fail.json');
    writeFileSync(input, '{"events": []}');
    const dir = join(tmp, 'broken');
    mkdirSync(join(dir, 'bin'), { recursive: true });
    writeFileSync(
      join(dir, 'bin', 'netsleuth.js'),
      "process.stderr.write('no such option'); process.exit(3);\n",
    );
    await assert.rejects(compare(input, [dir, dir], 1), /broken: analyze .* exited with 3: no such option/);
  });

  it("copies this checkout's build, which then analyses an export as the checkout does", async () => {
    const copy = join(tmp, 'copy');
    snapshot(copy);
    assert.ok(existsSync(join(copy, 'bin', 'netsleuth.js')));
    assert.ok(existsSync(join(copy, 'dist', 'bin', 'main.js')));
    assert.equal(readlinkSync(join(copy, 'node_modules')), join(ROOT, 'node_modules'));
    const input = join(tmp, 'ecs.json');
    await generate({ kind: 'ecs', outFile: input, sizeMb: 1, seed: 5 });
    const lines = await compare(input, [join(ROOT), copy], 1);
    assert.match(lines[2] as string, /^copy: .*; report the same$/);
  });
});
