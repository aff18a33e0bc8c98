/**
 * Running a command for the benchmarks (bench/run.ts, bench/compare.ts): its wall time, output, and its
 * peak RSS and CPU time (user + system, every thread) from bench/rss-hook.cjs, preloaded into a Node.js
 * process (`rssFrom` 'hook'), or from GNU time around any other command ('time').
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Preload it (`node --require HOOK …`) for the 'hook' figures. */
export const HOOK = join(ROOT, 'bench', 'rss-hook.cjs');
export const GNU_TIME = '/usr/bin/time';
const HOOK_RE = /^NETSLEUTH_BENCH_MAXRSS_KB=(\d+)$/m;
const TIME_RE = /^NETSLEUTH_BENCH_TIME_MAXRSS_KB=(\d+)$/m;
const HOOK_CPU_RE = /^NETSLEUTH_BENCH_CPU_MS=(\d+)$/m;
const TIME_CPU_RE = /^NETSLEUTH_BENCH_TIME_CPU_S=([\d.]+) ([\d.]+)$/m;

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  wallMs: number;
  stdout: string;
  stderr: string;
  maxRssKb: number | undefined;
  /** User + system CPU time of the process and all its threads. */
  cpuMs: number | undefined;
}

/** Runs a command without a shell, collecting stdout/stderr; peak RSS from the hook or GNU time line. */
export function run(command: string, args: string[], rssFrom: 'hook' | 'time' | 'none'): Promise<RunResult> {
  let cmd = command;
  let argv = args;
  if (rssFrom === 'time') {
    cmd = GNU_TIME;
    argv = ['-f', 'NETSLEUTH_BENCH_TIME_MAXRSS_KB=%M\nNETSLEUTH_BENCH_TIME_CPU_S=%U %S', command, ...args];
  }
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const stderr = Buffer.concat(err).toString('utf8');
      const m = (rssFrom === 'hook' ? HOOK_RE : TIME_RE).exec(stderr);
      const cpuHook = HOOK_CPU_RE.exec(stderr);
      const cpuTime = TIME_CPU_RE.exec(stderr);
      resolve({
        code,
        signal,
        wallMs,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr,
        maxRssKb: m ? Number(m[1]) : undefined,
        cpuMs: cpuHook
          ? Number(cpuHook[1])
          : cpuTime
            ? (Number(cpuTime[1]) + Number(cpuTime[2])) * 1000
            : undefined,
      });
    });
  });
}
