/**
 * Compares builds of the CLI on one export, the way every change to the engine has been judged: runs of
 * the builds taken in turn so a machine that speeds up or slows down between minutes affects all alike,
 * in an order reversed every other round (A B, B A, A B, …: on a 2-vCPU VM of session 13 the first run of
 * a round was the slower one often enough to make one build look 25-65 ms faster than itself), and for
 * each build after the first the median of its paired differences from the first, wall and CPU time
 * (user + system, every thread), with how many of the pairs it was lower in. The
 * JSON report of each build is checked against the first's (`generatedAt` aside): a faster build that
 * says something else is no comparison.
 *
 *   node --import tsx bench/compare.ts snapshot DIR             copy this checkout's build into DIR
 *   node --import tsx bench/compare.ts [--rounds N] FILE DIR…   compare the builds in DIR… on FILE
 *
 * A build is a directory with `bin/`, `dist/` and `package.json` (what `snapshot` copies after `npm run
 * build`; its `node_modules` is a link to this checkout's). Copy the input to /dev/shm first on a machine
 * whose page cache is reclaimed behind your back.
 */
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HOOK, run } from './timedRun.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The median of `other[i] - base[i]` over the pairs both have, and in how many of them `other` was lower. */
export function paired(
  base: readonly number[],
  other: readonly number[],
): { medianDiff: number; lower: number; pairs: number } {
  const pairs = Math.min(base.length, other.length);
  const diffs: number[] = [];
  for (let i = 0; i < pairs; i++) diffs.push((other[i] as number) - (base[i] as number));
  return { medianDiff: median(diffs), lower: diffs.filter((d) => d < 0).length, pairs };
}

/** Whether two JSON reports say the same, `generatedAt` aside. */
export function sameReport(a: string, b: string): boolean {
  const strip = (text: string) => {
    const { generatedAt: _, ...rest } = JSON.parse(text) as Record<string, unknown>;
    return JSON.stringify(rest);
  };
  return strip(a) === strip(b);
}

/** Copies this checkout's build (bin, dist, package.json) into `dir`, with node_modules linked. */
export function snapshot(dir: string): void {
  if (!existsSync(join(ROOT, 'dist', 'bin', 'main.js')))
    throw new Error('no build to copy: run npm run build first');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const part of ['bin', 'dist', 'package.json'])
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
}

interface Timed {
  wallMs: number;
  cpuMs: number;
  report: string;
}

async function analyze(build: string, file: string): Promise<Timed> {
  const args = ['--require', HOOK, join(build, 'bin', 'netsleuth.js'), 'analyze', '--format', 'json', file];
  const r = await run(process.execPath, args, 'hook');
  // (no --fail-on is given: a report is exit status 0)
  if (r.code !== 0 || r.cpuMs === undefined) {
    throw new Error(
      `${build}: analyze ${file} exited with ${r.code ?? r.signal}: ${r.stderr.trim().slice(0, 400)}`,
    );
  }
  return { wallMs: r.wallMs, cpuMs: r.cpuMs, report: r.stdout };
}

/** Runs each build `rounds` times in turn on `file`; returns the lines to print. */
export async function compare(file: string, builds: readonly string[], rounds: number): Promise<string[]> {
  const wall = builds.map(() => [] as number[]);
  const cpu = builds.map(() => [] as number[]);
  const reports: string[] = [];
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < builds.length; k++) {
      const b = r % 2 === 0 ? k : builds.length - 1 - k;
      const run = await analyze(builds[b] as string, file);
      (wall[b] as number[]).push(run.wallMs);
      (cpu[b] as number[]).push(run.cpuMs);
      if (r === 0) reports[b] = run.report;
    }
  }
  const name = (b: number) => basename(builds[b] as string);
  const ms = (v: number) => `${Math.round(v)} ms`;
  const signed = (v: number) => `${v > 0 ? '+' : ''}${Math.round(v)} ms`;
  const lines = [
    `${basename(file)}: ${rounds} round(s), builds in turn, the order reversed every other round`,
  ];
  for (let b = 0; b < builds.length; b++) {
    let line = `${name(b)}: wall ${ms(median(wall[b] as number[]))}, CPU ${ms(median(cpu[b] as number[]))}`;
    if (b > 0) {
      const w = paired(wall[0] as number[], wall[b] as number[]);
      const c = paired(cpu[0] as number[], cpu[b] as number[]);
      line +=
        `; against ${name(0)}: wall ${signed(w.medianDiff)} (lower in ${w.lower} of ${w.pairs} pairs),` +
        ` CPU ${signed(c.medianDiff)} (lower in ${c.lower} of ${c.pairs})` +
        `; report ${sameReport(reports[0] as string, reports[b] as string) ? 'the same' : 'DIFFERENT'}`;
    }
    lines.push(line);
  }
  return lines;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'snapshot' && argv.length === 2) {
    snapshot(resolve(argv[1] as string));
    return 0;
  }
  let rounds = 10;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rounds') rounds = Number(argv[++i]);
    else rest.push(argv[i] as string);
  }
  const [file, ...builds] = rest;
  if (!file || builds.length < 2 || !Number.isInteger(rounds) || rounds < 1) {
    process.stderr.write(
      'usage: compare.ts snapshot DIR | compare.ts [--rounds N] FILE DIR DIR [DIR…]\n' +
        '(see the header of bench/compare.ts)\n',
    );
    return 64;
  }
  const lines = await compare(
    resolve(file),
    builds.map((b) => resolve(b)),
    rounds,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  return lines.some((l) => l.endsWith('DIFFERENT')) ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`compare: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
