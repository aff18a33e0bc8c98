/**
 * Benchmark and accuracy check: `npm run bench` (= `npm run build && node --import tsx bench/run.ts`).
 *
 * Generates (or reuses) a large Lambda and ECS export in bench/out/, runs `netsleuth analyze --format json` on
 * each, plain and gzipped (wall time, throughput, peak RSS), compares every number in the report with the
 * generator's truth and times `rg -c`, `jq '.events | length'` and `zcat` on the same files as baselines,
 * with the ratios the performance targets are stated in, and bench/floor.mjs: the least any Node.js reader
 * of the file does (find each event's timestamp and message, nothing else). Exits 1 on any mismatch.
 *
 * Environment: BENCH_LAMBDA_MB (default 500), BENCH_ECS_MB (default 500), BENCH_SEED (default 20240514),
 * BENCH_RUNS (timed runs per tool, median reported; default 1), BENCH_GZIP (0 skips the .gz runs).
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, GENERATOR_VERSION, MIB, type Kind, type Truth } from './generate.js';
import { GNU_TIME, HOOK, run, type RunResult } from './timedRun.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(ROOT, 'bench', 'out');
const CLI = join(ROOT, 'bin', 'netsleuth.js');
const FLOOR = join(ROOT, 'bench', 'floor.mjs');
const RG_PATTERN = 'ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|ENETUNREACH';

const EXPECTED_PATTERN: Record<Kind, string> = {
  lambda: 'lambda-connection-failures',
  ecs: 'ecs-network-connectivity',
};

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return n;
}

// ---------------------------------------------------------------------------------------------------------
// Processes

/** True when `command --version` can be started. */
async function installed(command: string): Promise<boolean> {
  try {
    const r = await run(command, ['--version'], 'none');
    return r.code === 0;
  } catch {
    return false;
  }
}

/**
 * Times tools over one file `runs` times each, in rounds (every tool once a round, in turn), the file read
 * into the page cache before every run; returns each tool's median run. The 2-vCPU VMs this runs on change
 * speed by 20-40 % within minutes and their kernel reclaims page cache between runs (a 500 MiB file read
 * from disk once took 23 s instead of 1): tools timed in the same rounds, each from a warm cache, see the
 * same machine, so the ratios between them mean something.
 */
async function timedInRounds<T extends readonly (() => Promise<RunResult>)[]>(
  runs: number,
  file: string,
  tools: T,
): Promise<{ [K in keyof T]: RunResult }> {
  const results: RunResult[][] = tools.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, tool] of tools.entries()) {
      await warmCache(file);
      (results[k] as RunResult[]).push(await tool());
    }
  }
  return results.map((rs) => {
    rs.sort((a, b) => a.wallMs - b.wallMs);
    return rs[Math.floor((rs.length - 1) / 2)] as RunResult;
  }) as { [K in keyof T]: RunResult };
}

/** Reads the file once, so that the run after it does not pay for a cold page cache. */
async function warmCache(file: string): Promise<number> {
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }))
    bytes += (chunk as Buffer).length;
  return bytes;
}

// ---------------------------------------------------------------------------------------------------------
// Inputs

async function ensureInput(
  kind: Kind,
  sizeMb: number,
  seed: number,
): Promise<{ file: string; truth: Truth }> {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(
    OUT_DIR,
    seed === 20240514 ? `${kind}-${sizeMb}mb.json` : `${kind}-${sizeMb}mb-s${seed}.json`,
  );
  const truthFile = `${file}.truth.json`;
  if (existsSync(file) && existsSync(truthFile)) {
    try {
      const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Truth;
      if (
        truth.generatorVersion === GENERATOR_VERSION &&
        truth.kind === kind &&
        truth.sizeMb === sizeMb &&
        truth.seed === seed &&
        statSync(file).size === truth.bytes
      ) {
        console.log(`reusing ${rel(file)} (${fmtMib(truth.bytes)} MiB, ${truth.events} events)`);
        return { file, truth };
      }
    } catch {
      // regenerate
    }
  }
  process.stdout.write(`generating ${rel(file)} (${sizeMb} MiB) ... `);
  const started = performance.now();
  const truth = await generate({ kind, outFile: file, sizeMb, seed });
  console.log(`${truth.events} events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { file, truth };
}

// ---------------------------------------------------------------------------------------------------------
// Report vs truth

interface ReportTarget {
  host?: unknown;
  port?: unknown;
  class?: unknown;
  count?: unknown;
  firstSeen?: unknown;
  lastSeen?: unknown;
}

interface ReportFinding {
  pattern?: unknown;
  evidence?: Record<string, unknown>;
  targets?: ReportTarget[];
  timeline?: Array<{ start?: unknown; failures?: Record<string, unknown> }>;
}

interface Report {
  schemaVersion?: unknown;
  inputs?: Array<{ events?: unknown; bytes?: unknown; warnings?: unknown[] }>;
  timeRange?: { start?: unknown; end?: unknown };
  window?: { ms?: unknown; total?: unknown; withEvents?: unknown };
  lambda?: Record<string, unknown>;
  ecs?: Record<string, unknown>;
  findings?: ReportFinding[];
}

/** Epoch ms from a number or an ISO string; NaN otherwise. */
function toMs(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Date.parse(value);
  return NaN;
}

const isoOf = (ms: number | null): string => (ms === null ? 'null' : new Date(ms).toISOString());

class Checker {
  readonly mismatches: string[] = [];
  readonly notes: string[] = [];
  compared = 0;

  constructor(private readonly label: string) {}

  eq(what: string, expected: unknown, got: unknown): void {
    this.compared++;
    if (expected !== got) {
      this.mismatches.push(
        `MISMATCH ${this.label}: ${what}: expected ${fmtVal(expected)}, got ${fmtVal(got)}`,
      );
    }
  }

  /** `expectedMs` null: the report must say null (an input without events has no time range). */
  time(what: string, expectedMs: number | null, got: unknown): void {
    this.compared++;
    if (expectedMs === null ? got !== null : toMs(got) !== expectedMs) {
      this.mismatches.push(
        `MISMATCH ${this.label}: ${what}: expected ${isoOf(expectedMs)}, got ${fmtVal(got)}`,
      );
    }
  }

  fail(message: string): void {
    this.mismatches.push(`MISMATCH ${this.label}: ${message}`);
  }

  note(message: string): void {
    this.notes.push(`NOTE ${this.label}: ${message}`);
  }
}

function fmtVal(v: unknown): string {
  return v === undefined ? 'undefined' : JSON.stringify(v);
}

const targetKey = (host: unknown, port: unknown, cls: unknown): string =>
  `${String(host)}:${port === null || port === undefined ? '-' : String(port)} ${String(cls)}`;

function checkReport(c: Checker, report: Report, truth: Truth): void {
  c.eq('schemaVersion', 1, report.schemaVersion);

  const inputs = report.inputs ?? [];
  c.eq('inputs.length', 1, inputs.length);
  const input = inputs[0];
  if (input) {
    c.eq('inputs[0].events', truth.events, input.events);
    c.eq('inputs[0].bytes', truth.bytes, input.bytes);
    c.eq('inputs[0].warnings.length', 0, input.warnings?.length);
  }

  c.time('timeRange.start', truth.firstTimestamp, report.timeRange?.start);
  c.time('timeRange.end', truth.lastTimestamp, report.timeRange?.end);
  c.eq('window.ms', truth.windowMs, report.window?.ms);
  c.eq('window.withEvents', truth.windows, report.window?.withEvents);
  c.eq('window.total (windows spanned by timeRange)', truth.windowsSpanned, report.window?.total);

  if (truth.lambda && (report.lambda || truth.lambda.invocations > 0)) {
    if (!report.lambda) c.fail('lambda summary missing');
    c.eq('lambda.invocations', truth.lambda.invocations, report.lambda?.invocations);
    c.eq('lambda.failingInvocations', truth.lambda.failingInvocations, report.lambda?.failingInvocations);
    c.eq('lambda.timedOut', truth.lambda.timedOut, report.lambda?.timedOut);
    c.eq('lambda.billedMs', truth.lambda.billedMs, report.lambda?.billedMs);
  } else if (report.lambda && report.lambda.invocations !== 0) {
    c.fail(`lambda summary on a non-Lambda input: ${JSON.stringify(report.lambda)}`);
  }
  // Fields beyond the brief's contract are checked when the report has them.
  if (truth.kind === 'ecs' && report.ecs) {
    c.eq('ecs.events', truth.events, report.ecs.events);
    c.eq('ecs.tasks', truth.streams, report.ecs.tasks);
    c.eq('ecs.windows', truth.windows, report.ecs.windows);
  }

  const pattern = EXPECTED_PATTERN[truth.kind];
  const findings = report.findings ?? [];
  for (const f of findings) {
    if (f.pattern !== pattern) c.note(`unexpected finding ${fmtVal(f.pattern)} (not checked)`);
  }
  const mine = findings.filter((f) => f.pattern === pattern);
  if (truth.failureEvents === 0) {
    c.eq(`findings with pattern ${pattern}`, 0, mine.length);
    return;
  }
  c.eq(`findings with pattern ${pattern}`, 1, mine.length);
  const finding = mine[0];
  if (!finding) return;
  const ev = finding.evidence ?? {};
  const at = `finding ${pattern}`;
  c.eq(`${at} evidence.events (failure events)`, truth.failureEvents, ev.events);
  if (truth.lambda) {
    c.eq(`${at} evidence.failingInvocations`, truth.lambda.failingInvocations, ev.failingInvocations);
    c.eq(`${at} evidence.invocations`, truth.lambda.invocations, ev.invocations);
    if ('failingTimedOut' in ev)
      c.eq(`${at} evidence.failingTimedOut`, truth.lambda.failingTimedOut, ev.failingTimedOut);
    if ('failingBilledMs' in ev)
      c.eq(`${at} evidence.failingBilledMs`, truth.lambda.failingBilledMs, ev.failingBilledMs);
    if ('unattributedEvents' in ev) c.eq(`${at} evidence.unattributedEvents`, 0, ev.unattributedEvents);
    if ('windowsWithErrors' in ev)
      c.eq(`${at} evidence.windowsWithErrors`, truth.windowsWithErrors, ev.windowsWithErrors);
    if ('windows' in ev) c.eq(`${at} evidence.windows`, truth.windows, ev.windows);
  } else {
    c.eq(`${at} evidence.windowsWithErrors`, truth.windowsWithErrors, ev.windowsWithErrors);
    c.eq(`${at} evidence.windows`, truth.windows, ev.windows);
    if ('tasksWithErrors' in ev)
      c.eq(`${at} evidence.tasksWithErrors`, truth.streamsWithErrors, ev.tasksWithErrors);
    if ('tasks' in ev) c.eq(`${at} evidence.tasks`, truth.streams, ev.tasks);
  }
  if (finding.timeline) {
    let sum = 0;
    for (const bucket of finding.timeline) {
      for (const n of Object.values(bucket.failures ?? {})) sum += typeof n === 'number' ? n : NaN;
    }
    c.eq(`${at} timeline buckets (windows with errors)`, truth.windowsWithErrors, finding.timeline.length);
    c.eq(`${at} timeline failure total`, truth.failureEvents, sum);
  }

  const got = new Map<string, ReportTarget>();
  for (const t of finding.targets ?? []) {
    const key = targetKey(t.host, t.port, t.class);
    if (got.has(key)) c.fail(`${at}: target ${key} listed twice`);
    got.set(key, t);
  }
  for (const t of truth.targets) {
    const key = targetKey(t.host, t.port, t.class);
    const r = got.get(key);
    c.compared++;
    if (!r) {
      c.fail(`${at}: target ${key} missing (expected count ${t.count})`);
      continue;
    }
    got.delete(key);
    c.eq(`${at} target ${key} count`, t.count, r.count);
    c.time(`${at} target ${key} firstSeen`, t.firstSeen, r.firstSeen);
    c.time(`${at} target ${key} lastSeen`, t.lastSeen, r.lastSeen);
  }
  for (const [key, r] of got) c.fail(`${at}: unexpected target ${key} with count ${fmtVal(r.count)}`);
}

// ---------------------------------------------------------------------------------------------------------
// Output

const rel = (file: string): string => (file.startsWith(ROOT) ? file.slice(ROOT.length) : file);
const fmtMib = (bytes: number): string => (bytes / MIB).toFixed(1);

interface Row {
  input: string;
  tool: string;
  wall: string;
  cpu: string;
  mibs: string;
  rss: string;
  eventsPerSec: string;
  result: string;
}

function rowFor(
  input: string,
  tool: string,
  bytes: number,
  events: number | undefined,
  r: RunResult,
  result: string,
) {
  const secs = r.wallMs / 1000;
  return {
    input,
    tool,
    wall: `${secs.toFixed(2)} s`,
    cpu: r.cpuMs === undefined ? '-' : `${(r.cpuMs / 1000).toFixed(2)} s`,
    mibs: (bytes / MIB / secs).toFixed(1),
    rss: r.maxRssKb === undefined ? '-' : `${(r.maxRssKb / 1024).toFixed(0)} MiB`,
    eventsPerSec: events === undefined ? '-' : Math.round(events / secs).toLocaleString('en-US'),
    result,
  };
}

function printTable(rows: Row[]): void {
  const header: Row = {
    input: 'input',
    tool: 'tool',
    wall: 'wall',
    cpu: 'CPU',
    mibs: 'MiB/s',
    rss: 'peak RSS',
    eventsPerSec: 'events/s',
    result: 'result',
  };
  const cols: Array<keyof Row> = ['input', 'tool', 'wall', 'cpu', 'mibs', 'rss', 'eventsPerSec', 'result'];
  const right = new Set<keyof Row>(['wall', 'cpu', 'mibs', 'rss', 'eventsPerSec']);
  const width = (k: keyof Row): number => Math.max(header[k].length, ...rows.map((r) => r[k].length));
  const line = (r: Row): string =>
    cols
      .map((k, i) =>
        i === cols.length - 1 ? r[k] : right.has(k) ? r[k].padStart(width(k)) : r[k].padEnd(width(k)),
      )
      .join('  ');
  console.log(line(header));
  console.log(cols.map((k) => '-'.repeat(k === 'result' ? Math.min(width(k), 40) : width(k))).join('  '));
  for (const r of rows) console.log(line(r));
}

// ---------------------------------------------------------------------------------------------------------

/** `file.gz` beside the generated export (gzip level 6, as `gzip` does by default), made once. */
async function ensureGzip(file: string): Promise<string> {
  const gz = `${file}.gz`;
  try {
    const [a, b] = await Promise.all([stat(file), stat(gz)]);
    if (b.mtimeMs >= a.mtimeMs && b.size > 0) return gz;
  } catch {
    // not made yet
  }
  process.stdout.write(`compressing ${rel(file)} ... `);
  await pipeline(createReadStream(file), createGzip({ level: 6 }), createWriteStream(gz));
  console.log('done');
  return gz;
}

async function main(): Promise<number> {
  const lambdaMb = envNumber('BENCH_LAMBDA_MB', 500);
  const ecsMb = envNumber('BENCH_ECS_MB', 500);
  const seed = envNumber('BENCH_SEED', 20240514);
  const runs = Math.max(1, Math.floor(envNumber('BENCH_RUNS', 1)));

  const cpu = cpus();
  console.log(
    `netsleuth bench: node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'}` +
      `${runs > 1 ? `, median of ${runs} runs` : ''}`,
  );
  const [hasRg, hasJq, hasTime] = await Promise.all([installed('rg'), installed('jq'), installed(GNU_TIME)]);
  const baselineRss = hasTime ? 'time' : 'none';

  const inputs = [
    { kind: 'lambda' as const, ...(await ensureInput('lambda', lambdaMb, seed)) },
    { kind: 'ecs' as const, ...(await ensureInput('ecs', ecsMb, seed)) },
  ];

  const rows: Row[] = [];
  const ratios: string[] = [];
  const checkers: Checker[] = [];
  const gzipToo = envNumber('BENCH_GZIP', 1) > 0;
  for (const { kind, file, truth } of inputs) {
    const name = `${kind} ${fmtMib(truth.bytes)} MiB`;
    const c = new Checker(rel(file));
    checkers.push(c);
    // netsleuth, the JS floor and rg in the same rounds (see timedInRounds); jq (10 s a run) on its own
    const nsRun = () =>
      run(process.execPath, ['--require', HOOK, CLI, 'analyze', '--format', 'json', file], 'hook');
    const floorRun = () => run(process.execPath, [FLOOR, file], baselineRss);
    const rgRun = () => run('rg', ['-c', RG_PATTERN, file], baselineRss);
    const [ns, floor, rg] = hasRg
      ? await timedInRounds(runs, file, [nsRun, floorRun, rgRun] as const)
      : [...(await timedInRounds(runs, file, [nsRun, floorRun] as const)), undefined];
    let result: string;
    let report: Report | undefined;
    try {
      report = JSON.parse(ns.stdout) as Report;
    } catch {
      c.fail(`netsleuth printed no JSON report (exit ${ns.code ?? ns.signal}); stderr: ${tail(ns.stderr)}`);
    }
    if (report) {
      checkReport(c, report, truth);
      if (ns.code !== 0) c.note(`netsleuth exited with code ${ns.code ?? ns.signal}`);
      result =
        c.mismatches.length === 0
          ? `truth check OK (${c.compared} values)`
          : `${c.mismatches.length} MISMATCH(ES) of ${c.compared} values`;
    } else {
      result = 'no report';
    }
    rows.push(rowFor(name, 'netsleuth analyze', truth.bytes, report ? truth.events : undefined, ns, result));
    const nsWall = ns.wallMs;

    let floorEvents: number | undefined;
    try {
      floorEvents = (JSON.parse(floor.stdout) as { events: number }).events;
    } catch {
      c.note(`bench/floor.mjs printed no count (exit ${floor.code ?? floor.signal}): ${tail(floor.stderr)}`);
    }
    if (floorEvents !== undefined && floorEvents !== truth.events)
      c.note(`bench/floor.mjs counted ${floorEvents} events, truth says ${truth.events}`);
    rows.push(
      rowFor(
        name,
        'JS floor (floor.mjs)',
        truth.bytes,
        floorEvents,
        floor,
        floorEvents === undefined ? 'no count' : `${floorEvents} events walked, nothing analysed`,
      ),
    );
    ratios.push(
      `${kind}: netsleuth analyze takes ${(nsWall / floor.wallMs).toFixed(1)}x the wall time of the JS floor`,
    );

    if (rg) {
      ratios.push(
        `${kind}: netsleuth analyze takes ${(nsWall / rg.wallMs).toFixed(1)}x the wall time of rg -c (target 6x, stretch 3x); ` +
          `the JS floor alone takes ${(floor.wallMs / rg.wallMs).toFixed(1)}x`,
      );
      const lines = rg.stdout.trim();
      rows.push(
        rowFor(
          name,
          'rg -c',
          truth.bytes,
          undefined,
          rg,
          `${lines || '0'} lines (${truth.failureEvents} failure events)`,
        ),
      );
    } else {
      rows.push({
        input: name,
        tool: 'rg -c',
        wall: '-',
        cpu: '-',
        mibs: '-',
        rss: '-',
        eventsPerSec: '-',
        result: 'not installed',
      });
    }
    if (hasJq) {
      const [r] = await timedInRounds(runs, file, [
        () => run('jq', ['.events | length', file], baselineRss),
      ] as const);
      const n = r.stdout.trim();
      if (r.code !== 0) c.note(`jq exited with code ${r.code ?? r.signal}: ${tail(r.stderr)}`);
      else if (Number(n) !== truth.events) c.note(`jq counted ${n} events, truth says ${truth.events}`);
      rows.push(rowFor(name, "jq '.events | length'", truth.bytes, truth.events, r, `${n} events`));
    } else {
      rows.push({
        input: name,
        tool: "jq '.events | length'",
        wall: '-',
        cpu: '-',
        mibs: '-',
        rss: '-',
        eventsPerSec: '-',
        result: 'not installed',
      });
    }
    if (gzipToo) {
      const gz = await ensureGzip(file);
      const [nz, z] = await timedInRounds(runs, gz, [
        () => run(process.execPath, ['--require', HOOK, CLI, 'analyze', '--format', 'json', gz], 'hook'),
        () => run('sh', ['-c', 'exec zcat "$0" > /dev/null', gz], baselineRss),
      ] as const);
      let gzResult = 'no report';
      try {
        const r = JSON.parse(nz.stdout) as Report;
        const before = c.mismatches.length;
        checkReport(c, r, truth);
        gzResult =
          c.mismatches.length === before ? 'truth check OK' : `${c.mismatches.length - before} MISMATCH(ES)`;
      } catch {
        c.fail(`netsleuth printed no JSON report for ${rel(gz)}; stderr: ${tail(nz.stderr)}`);
      }
      rows.push(rowFor(`${name} .gz`, 'netsleuth analyze', truth.bytes, truth.events, nz, gzResult));
      rows.push(
        rowFor(
          `${name} .gz`,
          'zcat > /dev/null',
          truth.bytes,
          undefined,
          z,
          z.code === 0 ? 'decompressed' : `exit ${z.code}`,
        ),
      );
      ratios.push(
        `${kind}: netsleuth analyze on .gz takes ${(nz.wallMs / z.wallMs).toFixed(2)}x the wall time of zcat alone (target 1.5x)`,
      );
    }
  }

  console.log('');
  printTable(rows);
  console.log('');
  for (const r of ratios) console.log(r);
  console.log('');
  if (!hasTime) console.log('(peak RSS of baselines omitted: /usr/bin/time not found)');
  for (const { file, truth } of inputs) {
    const l = truth.lambda;
    console.log(
      `truth ${rel(file)}: ${truth.events} events, ${truth.streams} streams, ${truth.failureEvents} failure events, ` +
        `${truth.windowsWithErrors}/${truth.windows} windows with errors` +
        (l
          ? `, ${l.invocations} invocations (${l.failingInvocations} failing, ${l.timedOut} timed out)`
          : ''),
    );
  }
  const notes = checkers.flatMap((c) => c.notes);
  const mismatches = checkers.flatMap((c) => c.mismatches);
  for (const n of notes) console.log(n);
  for (const m of mismatches) console.log(m);
  if (mismatches.length > 0) {
    console.log(`\n${mismatches.length} mismatch(es) between netsleuth's report and the known truth`);
    return 1;
  }
  console.log('\nall reports match the known truth');
  return 0;
}

function tail(text: string): string {
  const t = text.trim();
  return t.length > 400 ? `...${t.slice(-400)}` : t;
}

process.exitCode = await main();
