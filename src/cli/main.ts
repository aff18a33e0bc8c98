import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { Analyzer, type ClassifiedEvent } from '../core/analyzer.js';
import { NetsleuthError } from '../core/errors.js';
import { redact } from '../core/redact.js';
import { INPUT_FORMATS, type InputFormat, type LogEvent } from '../core/events.js';
import { findPattern, PATTERNS } from '../core/patterns/registry.js';
import { type Report, SEVERITIES, type Severity, severityRank } from '../core/report.js';
import { isoOrNull, parseDuration } from '../core/time.js';
import { VERSION } from '../core/version.js';
import { FORMAT_NAMES, FORMATTERS, type FormatName } from '../format/index.js';
import { ProgressLine } from './progressLine.js';
import { analyzeInput } from '../node/analyzeInput.js';
import type { LiveProgress, LiveReadOptions } from '../node/cloudWatchSource.js';
import { parseSince, parseTimeArg } from '../node/timeArgs.js';
import { expandInputs } from '../node/expandInputs.js';
import { buildInsightsQueries } from '../core/insights/insightsQuery.js';
import type { Dependency } from '../network/doctor.js';
import type { AthenaQueryResultsPage } from '../flowlogs/evidenceFromAthenaResults.js';
import type { FlowTarget } from '../flowlogs/flowEvidence.js';
import type { FlowLogFormat } from '../flowlogs/flowLogFormat.js';
import type { NetworkModel } from '../network/model.js';

/** The configuration, path and flow-log features, loaded when a command needs them (see networkCommands). */
const networkCommands = () => import('./networkCommands.js');
type NetworkCommands = Awaited<ReturnType<typeof networkCommands>>;

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  isStderrTTY: boolean;
  env: NodeJS.ProcessEnv;
}

const defaultIo = (): Io => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stdout.isTTY),
  isStderrTTY: Boolean(process.stderr.isTTY),
  env: process.env,
});

function openInBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  // loaded here, not with the CLI: `serve --open` alone starts a process (child_process costs every run ~3 ms)
  void import('node:child_process').then(({ spawn }) =>
    spawn(command, [url], { stdio: 'ignore', detached: true })
      .on('error', () => undefined)
      .unref(),
  );
}

/** Writes a report file; a failure is one sentence naming the file. */
async function writeReport(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new NetsleuthError(
      'OUTPUT_UNWRITABLE',
      `${path}: cannot write the report (${e.code ?? e.message})`,
    );
  }
}

function warnIfUnredacted(redacting: boolean, io: Io): void {
  if (!redacting) {
    io.stderr(
      'netsleuth: warning: --no-redact: passwords, tokens and keys in log lines will appear in the output\n',
    );
  }
}

/** Without --flow-log-format, the one custom format the configuration's describe-flow-logs shows. */
function flowFormatFromConfig(
  net: NetworkCommands,
  model: NetworkModel | undefined,
  io: Io,
): FlowLogFormat | undefined {
  const formats = new Set(model?.flowLogFormats.values() ?? []);
  if (formats.size !== 1) {
    if (formats.size > 1)
      io.stderr(
        `netsleuth: warning: the configuration shows ${formats.size} flow log formats; files without a header line need --flow-log-format\n`,
      );
    return undefined;
  }
  return net.parseFlowLogFormat([...formats][0] as string);
}

/** A live read of one `/aws/lambda/NAME` group names its function. */
function lambdaGroupFunction(groups: string[]): { functionName?: string } {
  const names = groups.filter((g) => g.startsWith('/aws/lambda/')).map((g) => g.slice('/aws/lambda/'.length));
  return names.length === 1 && names[0] ? { functionName: names[0] } : {};
}

/** Targets for flowlogs-query: from a JSON report's findings, or from --to with a time range. */
async function flowQueryTargets(opts: {
  to: string[];
  report?: string;
  since?: string;
  start?: string;
  end?: string;
}): Promise<FlowTarget[]> {
  if (opts.report) {
    if (opts.to.length > 0) throw new NetsleuthError('USAGE', 'give --report or --to, not both');
    let report: Report;
    try {
      report = JSON.parse(await readFile(opts.report, 'utf8')) as Report;
    } catch (err) {
      throw new NetsleuthError(
        'INPUT_INVALID_JSON',
        `--report ${opts.report}: not a netsleuth JSON report (${(err as Error).message})`,
      );
    }
    if (!Array.isArray(report.findings))
      throw new NetsleuthError(
        'INPUT_WRONG_SHAPE',
        `--report ${opts.report}: no findings array (make it with analyze -f json)`,
      );
    const { flowTargetsOf } = await networkCommands();
    const targets = report.findings.flatMap((f) => flowTargetsOf(f, undefined));
    if (targets.length === 0)
      throw new NetsleuthError(
        'INPUT_WRONG_SHAPE',
        `--report ${opts.report}: no failing target with an IP address and a port`,
      );
    return targets;
  }
  if (opts.to.length === 0)
    throw new NetsleuthError(
      'USAGE',
      'flowlogs-query needs --to IP:PORT (with --since or --start) or --report FILE',
    );
  if (!opts.since && !opts.start)
    throw new NetsleuthError('USAGE', '--to needs a time range: --since DURATION or --start TIME');
  const now = Date.now();
  const from = opts.since ? parseSince(opts.since, now) : parseTimeArg(opts.start as string, '--start');
  const to = opts.end ? parseTimeArg(opts.end, '--end') : now;
  return opts.to.map((t) => {
    const { host, port } = parseHostPort(t);
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(host))
      throw new NetsleuthError('USAGE', `--to ${t}: flow logs record addresses, so give the IP address`);
    return { ip: host, port, from, to };
  });
}

/** `host:port`, `[v6]:port` or `ip:port`. */
function parseHostPort(value: string): { host: string; port: number } {
  const m = /^(\[[^\]]{1,100}\]|[^:\s]{1,253}):(\d{1,5})$/.exec(value.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) {
    throw new NetsleuthError(
      'USAGE',
      `--to ${value}: expected HOST:PORT, e.g. orders-db.abc123.us-east-1.rds.amazonaws.com:5432 or 10.0.3.47:5432`,
    );
  }
  return { host: m[1] as string, port };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface LiveFlags {
  logGroup: string[];
  logStreamPrefix?: string;
  since?: string;
  start?: string;
  end?: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
}

/** The live-read options from the flags, or undefined when no --log-group was given. */
function liveOptions(files: string[], flags: LiveFlags, io: Io): LiveReadOptions | undefined {
  if (flags.logGroup.length === 0) {
    if (files.length === 0)
      throw new NetsleuthError('USAGE', 'give export files, or --log-group NAME to read live');
    const stray = (
      ['since', 'start', 'end', 'region', 'profile', 'endpointUrl', 'logStreamPrefix'] as const
    ).find((k) => flags[k] !== undefined);
    if (stray) {
      const flag = `--${stray.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      throw new NetsleuthError(
        'USAGE',
        `${flag} applies to live reads: add --log-group NAME, or leave it out`,
      );
    }
    return undefined;
  }
  if (flags.since && (flags.start || flags.end)) {
    throw new NetsleuthError('USAGE', '--since cannot be combined with --start or --end');
  }
  if (!flags.since && !flags.start)
    throw new NetsleuthError('USAGE', 'a live read needs --since DURATION or --start TIME');
  const now = Date.now();
  const startTime = flags.since
    ? parseSince(flags.since, now)
    : parseTimeArg(flags.start as string, '--start');
  const endTime = flags.end ? parseTimeArg(flags.end, '--end') : now;
  const progress = io.isStderrTTY
    ? (p: LiveProgress) =>
        io.stderr(
          `\rnetsleuth: ${p.logGroup}: ${p.events.toLocaleString('en-US')} events, ${(p.bytes / 1048576).toFixed(1)} MB, ${p.pages} pages`,
        )
    : undefined;
  return {
    logGroups: flags.logGroup,
    startTime,
    endTime,
    ...(flags.logStreamPrefix ? { logStreamNamePrefix: flags.logStreamPrefix } : {}),
    ...(flags.region ? { region: flags.region } : {}),
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.endpointUrl ? { endpointUrl: flags.endpointUrl } : {}),
    ...(progress ? { onProgress: progress } : {}),
  };
}

function windowOption(description: string): Option {
  return new Option('-w, --window <duration>', description).argParser(parseWindow).default(5 * 60_000, '5m');
}

function parseThreads(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 2) throw new InvalidArgumentError('expected auto, 1 or 2.');
  return n;
}

function parseWindow(value: string): number {
  const ms = parseDuration(value);
  if (!(ms >= 1000))
    throw new InvalidArgumentError('expected a duration of at least 1s, such as 5m, 30s or 1h.');
  return ms;
}

/** Reads every input into the analyser; inputs that cannot be read are reported and skipped. */
async function analyzeFiles(
  files: string[],
  options: {
    format: InputFormat;
    threads?: number | 'auto';
    progress?: boolean;
    decode?: 'bytes' | 'strings';
  },
  analyzer: Analyzer,
  io: Io,
  onEvent?: (input: string, event: LogEvent, classified: ClassifiedEvent) => void,
): Promise<{ failed: number; total: number }> {
  let failed = 0;
  const inputs = await expandInputs(files);
  for (const file of inputs) {
    const name = file === '-' ? '(stdin)' : file;
    const progress = options.progress ? new ProgressLine(io.stderr, name) : undefined;
    try {
      const { decode, ...rest } = options;
      const summary = await analyzeInput(analyzer, file, {
        ...rest,
        ...(decode === 'strings' ? { engine: 'strings' as const } : {}),
        ...(progress
          ? { onProgress: (p: { bytes: number; totalBytes: number; events: number }) => progress.update(p) }
          : {}),
        ...(onEvent ? { onEvent: (event: LogEvent, c: ClassifiedEvent) => onEvent(name, event, c) } : {}),
      });
      progress?.done();
      for (const w of summary.warnings) io.stderr(`netsleuth: warning: ${summary.name}: ${w.message}\n`);
    } catch (err) {
      progress?.done();
      if (!(err instanceof NetsleuthError)) throw err;
      failed++;
      io.stderr(`netsleuth: ${err.message}\n`);
    }
  }
  return { failed, total: inputs.length };
}

function exitFor(report: Report, failOn: Severity | undefined): number {
  if (!failOn) return EXIT_OK;
  return report.findings.some((f) => severityRank(f.severity) >= severityRank(failOn))
    ? EXIT_FINDINGS
    : EXIT_OK;
}

async function patternPage(id: string): Promise<string> {
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/cli or dist/bin (the bundle) → package root; the pages live beside each pattern's source.
  return readFile(join(here, '..', '..', 'src', 'core', 'patterns', id, 'README.md'), 'utf8');
}

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('netsleuth')
    .description(
      'Finds why ECS tasks and Lambda functions cannot reach the services they depend on, from their CloudWatch Logs.',
    )
    .version(VERSION, '-V, --version')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError('(run netsleuth --help for usage)');

  program
    .command('analyze')
    .description(
      'analyse CloudWatch Logs exports (files, .gz, or - for stdin) and report connection-failure findings',
    )
    .argument(
      '[files...]',
      'exports (files, directories such as an S3 export, or - for stdin); or read live with --log-group',
    )
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMAT_NAMES).default('text'))
    .option('-o, --output <file>', 'write the report to this file instead of standard output')
    .addOption(
      new Option('--input-format <format>', 'force the input format instead of sniffing it')
        .choices([...INPUT_FORMATS])
        .default('auto'),
    )
    .addOption(windowOption('log window length (aligned to multiples of it since the epoch, UTC)'))
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices([
        ...SEVERITIES,
      ]),
    )
    .option('--no-color', 'never colour the text report (NO_COLOR is honoured too)')
    .addOption(
      new Option('--log-group <name>', 'read this log group live from CloudWatch Logs (repeatable)')
        .argParser(collect)
        .default([], 'none'),
    )
    .option('--log-stream-prefix <prefix>', 'only streams whose name starts with this')
    .option('--since <duration>', 'live read: from this long ago until now, e.g. 2h, 30m, 7d')
    .option('--start <time>', 'live read: from this ISO 8601 time')
    .option('--end <time>', 'live read: until this ISO 8601 time (default: now)')
    .option('--region <region>', 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile)')
    .option('--profile <name>', 'AWS profile from ~/.aws/config')
    .option('--endpoint-url <url>', 'CloudWatch Logs endpoint (for emulators such as moto)')
    .option('--no-redact', 'quote log lines as they are, secrets included (masked by default)')
    .option('-q, --quiet', 'no progress line on the terminal')
    .addOption(
      new Option(
        '--engine <engine>',
        'with --log-group: read the events (local) or count them with Logs Insights (insights)',
      )
        .choices(['local', 'insights'])
        .default('local'),
    )
    .option(
      '--config <path>',
      'VPC configuration: a directory of aws describe-* JSON outputs or a snapshot file',
    )
    .option(
      '--source <spec>',
      'with --config: who connects (task/ID, eni-…, function:NAME, service/NAME, subnet-…,sg-…)',
    )
    .option('--function <name>', 'with --config: the Lambda function these logs belong to')
    .addOption(
      new Option(
        '--flow-logs <path>',
        'VPC Flow Logs (files, .gz, S3 delivery trees, CloudWatch exports; repeatable)',
      )
        .argParser(collect)
        .default([], 'none'),
    )
    .option(
      '--flow-log-format <format>',
      'the flow log format (${version} ${srcaddr} …) when files have no header line',
    )
    .option(
      '--threads <n>',
      'threads for one large JSON export: auto (2 above 64 MiB, or 12 MiB gzipped, on a multi-core machine), 1 or 2',
      parseThreads,
      'auto',
    )
    .addOption(
      new Option(
        '--decode <how>',
        'bytes: read JSON exports at the byte level, decoding a message only when it may matter; strings: decode every message first (slower, for comparison)',
      )
        .choices(['bytes', 'strings'])
        .default('bytes'),
    )
    .action(
      async (
        files: string[],
        opts: {
          format: FormatName;
          output?: string;
          inputFormat: InputFormat;
          window: number;
          failOn?: Severity;
          color: boolean;
          threads: number | 'auto';
          decode: 'bytes' | 'strings';
          redact: boolean;
          quiet?: boolean;
          engine: 'local' | 'insights';
          config?: string;
          source?: string;
          function?: string;
          flowLogs: string[];
          flowLogFormat?: string;
        } & LiveFlags,
      ) => {
        warnIfUnredacted(opts.redact, io);
        if (!opts.config && (opts.source || opts.function)) {
          throw new NetsleuthError(
            'USAGE',
            `--${opts.source ? 'source' : 'function'} needs --config PATH (the VPC configuration to evaluate paths in)`,
          );
        }
        // Read the configuration first: a wrong --config should fail before a long analysis.
        const net = opts.config || opts.flowLogs.length > 0 ? await networkCommands() : undefined;
        const model = opts.config && net ? await net.loadConfig(opts.config) : undefined;
        if (opts.flowLogFormat && opts.flowLogs.length === 0) {
          throw new NetsleuthError('USAGE', '--flow-log-format needs --flow-logs PATH');
        }
        const flowFormat = opts.flowLogFormat && net ? net.parseFlowLogFormat(opts.flowLogFormat) : undefined;
        for (const w of model?.warnings ?? []) io.stderr(`netsleuth: warning: --config ${w}\n`);
        const analyzer = new Analyzer({ windowMs: opts.window, redact: opts.redact });
        const live = liveOptions(files, opts, io);
        if (opts.engine === 'insights' && !live) {
          throw new NetsleuthError('USAGE', '--engine insights needs --log-group NAME');
        }
        if (live && opts.engine === 'insights') {
          // the AWS SDK loads only when a live read needs it: offline analyses start faster
          const { analyzeWithInsights } = await import('../node/insightsEngine.js');
          await analyzeWithInsights(analyzer, live);
        } else if (live) {
          const { analyzeLive } = await import('../node/cloudWatchSource.js');
          await analyzeLive(analyzer, live);
          if (io.isStderrTTY) io.stderr('\n');
        }
        const { failed, total } = await analyzeFiles(
          files,
          {
            format: opts.inputFormat,
            threads: opts.threads,
            decode: opts.decode,
            progress: io.isStderrTTY && !opts.quiet,
          },
          analyzer,
          io,
        );
        if (total > 0 && failed === total && !live) {
          setExit(EXIT_USAGE);
          return;
        }
        const report = analyzer.finish();
        if (model && net) {
          net.attachRootCauses(report, model, {
            ...(opts.source ? { source: opts.source } : {}),
            ...(opts.function ? { functionName: opts.function } : lambdaGroupFunction(opts.logGroup)),
          });
          net.attachEcsAttribution(report, model, analyzer.taskFailureCounts());
        }
        if (opts.flowLogs.length > 0 && net) {
          const format = flowFormat ?? flowFormatFromConfig(net, model, io);
          const fnOption = opts.function ?? lambdaGroupFunction(opts.logGroup).functionName;
          const join = new net.FlowJoin(
            report,
            model,
            model ? net.lambdaFunctionsFor(report, model, fnOption) : [],
          );
          const { readFlowLogs } = await import('../flowlogs/node/readFlowLogs.js');
          const read = await readFlowLogs(opts.flowLogs, {
            ...(format ? { format } : {}),
            onRecord: (r) => join.add(r),
          });
          join.attach();
          for (const w of read.warnings) io.stderr(`netsleuth: warning: --flow-logs ${w.message}\n`);
          report.flowLogs = {
            files: read.files.length,
            records: read.records,
            badLines: read.badLines,
            warnings: read.warnings.map((w) => w.message).slice(0, 50),
          };
        }
        const toFile = opts.output !== undefined && opts.output !== '-';
        const color = !toFile && opts.color && io.isTTY && !io.env['NO_COLOR'] && io.env['TERM'] !== 'dumb';
        const rendered = FORMATTERS[opts.format](report, { color });
        if (toFile) await writeReport(opts.output as string, rendered);
        else io.stdout(rendered);
        setExit(failed > 0 && report.findings.length === 0 ? EXIT_USAGE : exitFor(report, opts.failOn));
      },
    );

  program
    .command('path')
    .description(
      'evaluate, hop by hop, whether a source can reach HOST:PORT in a VPC configuration (offline)',
    )
    .requiredOption('--config <path>', 'a directory of aws describe-* JSON outputs, or a snapshot file')
    .requiredOption('--from <source>', 'task/ID, eni-…, function:NAME, service/NAME, i-…, or subnet-…,sg-…')
    .addOption(
      new Option(
        '--to <host:port>',
        'the target (repeatable): an IP, an RDS/ElastiCache/endpoint name or any host',
      )
        .argParser(collect)
        .default([], 'none'),
    )
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--protocol <protocol>', 'protocol').choices(['tcp', 'udp']).default('tcp'))
    .action(
      async (opts: {
        config: string;
        from: string;
        to: string[];
        format: 'text' | 'json';
        protocol: 'tcp' | 'udp';
      }) => {
        if (opts.to.length === 0) throw new NetsleuthError('USAGE', 'path needs --to HOST:PORT');
        const targets = opts.to.map(parseHostPort);
        const { loadConfig, pathText, resolveSource, rootCausesFor } = await networkCommands();
        const model = await loadConfig(opts.config);
        for (const w of model.warnings) io.stderr(`netsleuth: warning: --config ${w}\n`);
        const source = resolveSource(model, opts.from);
        const results = targets.flatMap((t) =>
          rootCausesFor(model, [source], t.host, t.port, undefined, opts.protocol === 'udp' ? '17' : '6'),
        );
        if (opts.format === 'json')
          io.stdout(JSON.stringify({ schemaVersion: 1, paths: results }, null, 2) + '\n');
        else io.stdout(pathText(results));
        setExit(results.some((r) => r.verdict === 'blocked') ? EXIT_FINDINGS : EXIT_OK);
      },
    );

  program
    .command('doctor')
    .description(
      'run the awsvpc diagnostic checklist for a service, task or function: PASS / FAIL / UNKNOWN per step',
    )
    .argument('[logs...]', 'exports whose failing targets are dependencies to check too')
    .requiredOption('--config <path>', 'a directory of aws describe-* JSON outputs, or a snapshot file')
    .option('--service <name>', 'the ECS service')
    .option('--task <id>', 'the ECS task (id or ARN)')
    .option('--function <name>', 'the Lambda function')
    .addOption(
      new Option('--to <host:port>', 'a dependency (repeatable)').argParser(collect).default([], 'none'),
    )
    .option('--region <region>', 'region of the AWS endpoints to check (default: from the subnets)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json', 'markdown'])
        .default('text'),
    )
    .action(
      async (
        logs: string[],
        opts: {
          config: string;
          service?: string;
          task?: string;
          function?: string;
          to: string[];
          region?: string;
          format: 'text' | 'json' | 'markdown';
        },
      ) => {
        const chosen = [opts.service, opts.task, opts.function].filter((v) => v !== undefined);
        if (chosen.length !== 1)
          throw new NetsleuthError(
            'USAGE',
            'doctor needs exactly one of --service NAME, --task ID or --function NAME',
          );
        const targets = opts.to.map(parseHostPort);
        const {
          dependenciesFromEnvironment,
          doctorMarkdown,
          doctorSource,
          doctorText,
          loadConfig,
          runDoctor,
        } = await networkCommands();
        const model = await loadConfig(opts.config);
        for (const w of model.warnings) io.stderr(`netsleuth: warning: --config ${w}\n`);
        const source = doctorSource(model, {
          ...(opts.service ? { service: opts.service } : {}),
          ...(opts.task ? { task: opts.task } : {}),
          ...(opts.function ? { functionName: opts.function } : {}),
        });
        const deps: Dependency[] = targets.map((t) => ({ ...t, origin: '--to' }));
        if (logs.length > 0) {
          const analyzer = new Analyzer({});
          const { failed, total } = await analyzeFiles(
            logs,
            { format: 'auto', threads: 'auto' },
            analyzer,
            io,
          );
          if (failed === total) {
            setExit(EXIT_USAGE);
            return;
          }
          for (const f of analyzer.finish().findings) {
            for (const t of f.targets) {
              if (t.host && t.port !== null && t.class !== 'pool')
                deps.push({ host: t.host, port: t.port, origin: `logs (${t.class})` });
            }
          }
        }
        deps.push(...dependenciesFromEnvironment(model, source));
        const seen = new Set<string>();
        const unique = deps.filter((d) => {
          const key = `${d.host}:${d.port}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        const report = runDoctor(model, source, unique.slice(0, 50), opts.region ?? null);
        io.stdout(
          opts.format === 'json'
            ? JSON.stringify(report, null, 2) + '\n'
            : opts.format === 'markdown'
              ? doctorMarkdown(report)
              : doctorText(report),
        );
        setExit(report.steps.some((s) => s.status === 'FAIL') ? EXIT_FINDINGS : EXIT_OK);
      },
    );

  program
    .command('verify')
    .description(
      'check reachability intents (what must reach what, what must stay closed) against a configuration; for CI',
    )
    .argument('<intents>', 'a YAML or JSON file of intents: from, to, expect (reachable | blocked)')
    .requiredOption('--config <path>', 'a directory of aws describe-* JSON outputs, or a snapshot file')
    .option('--strict', 'an intent the configuration cannot decide (unknown) fails too')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json', 'markdown'])
        .default('text'),
    )
    .action(
      async (
        file: string,
        opts: { config: string; strict?: boolean; format: 'text' | 'json' | 'markdown' },
      ) => {
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch (err) {
          throw new NetsleuthError(
            'INPUT_UNREADABLE',
            `${file}: cannot read the intents (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
          );
        }
        let doc: unknown;
        try {
          // YAML is a superset of JSON: one parser reads both (loaded only here)
          const { parse } = await import('yaml');
          doc = parse(text.replace(/^\uFEFF/, ''));
        } catch (err) {
          throw new NetsleuthError(
            'INPUT_INVALID_JSON',
            `${file}: not valid YAML or JSON (${(err as Error).message.split('\n')[0]})`,
          );
        }
        const { loadConfig, parseIntents, verifyIntents, verifyMarkdown, verifyText } =
          await networkCommands();
        const intents = parseIntents(doc, file);
        const model = await loadConfig(opts.config);
        for (const w of model.warnings) io.stderr(`netsleuth: warning: --config ${w}\n`);
        const report = verifyIntents(model, intents);
        io.stdout(
          opts.format === 'json'
            ? JSON.stringify(report, null, 2) + '\n'
            : opts.format === 'markdown'
              ? verifyMarkdown(report)
              : verifyText(report),
        );
        setExit(report.violations > 0 || (opts.strict && report.unknown > 0) ? EXIT_FINDINGS : EXIT_OK);
      },
    );

  program
    .command('snapshot')
    .description('collect the VPC, ECS, Lambda, RDS and ElastiCache configuration into one file for --config')
    .option('--region <region>', 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile)')
    .option('--profile <name>', 'AWS profile from ~/.aws/config')
    .option('--endpoint-url <url>', 'one endpoint for every service (for emulators such as moto)')
    .option('--vpc <id>', 'only this VPC (ECS, Lambda, RDS and ElastiCache are read whole)')
    .requiredOption('-o, --output <file>', 'where to write the snapshot (JSON)')
    .option('-q, --quiet', 'no progress on the terminal')
    .action(
      async (opts: {
        region?: string;
        profile?: string;
        endpointUrl?: string;
        vpc?: string;
        output: string;
        quiet?: boolean;
      }) => {
        const { collectSnapshot } = await import('../node/snapshotCollector.js');
        const snapshot = await collectSnapshot({
          ...(opts.region ? { region: opts.region } : {}),
          ...(opts.profile ? { profile: opts.profile } : {}),
          ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
          ...(opts.vpc ? { vpcId: opts.vpc } : {}),
          ...(io.isStderrTTY && !opts.quiet
            ? { onCall: (c: string) => io.stderr(`\rnetsleuth: ${c.slice(0, 70).padEnd(70)}`) }
            : {}),
        });
        if (io.isStderrTTY && !opts.quiet) io.stderr('\n');
        for (const w of snapshot.warnings) io.stderr(`netsleuth: warning: ${w}\n`);
        await writeReport(opts.output, JSON.stringify(snapshot, null, 2) + '\n');
        io.stderr(
          `netsleuth: wrote ${snapshot.documents.length} documents from ${snapshot.region} to ${opts.output}${snapshot.warnings.length ? ` (${snapshot.warnings.length} calls failed; see the warnings)` : ''}\n`,
        );
      },
    );

  program
    .command('flowlogs-query')
    .description(
      'print the Athena SQL that correlates failing targets with months of VPC Flow Logs server-side; with --results, read its answer',
    )
    .addOption(
      new Option('--to <ip:port>', 'a failing target (repeatable)').argParser(collect).default([], 'none'),
    )
    .option('--report <file>', 'take the targets and their time ranges from a netsleuth JSON report')
    .option('--since <duration>', 'with --to: from this long ago until now, e.g. 2h, 7d')
    .option('--start <time>', 'with --to: from this ISO 8601 time')
    .option('--end <time>', 'with --to: until this ISO 8601 time (default: now)')
    .option('--table <name>', 'the Athena table of the flow logs', 'vpc_flow_logs')
    .addOption(
      new Option(
        '--partition <scheme>',
        'how the table is partitioned (AWS docs: date; partition projection: day)',
      )
        .choices(['date', 'day', 'none'])
        .default('date'),
    )
    .addOption(
      new Option('--columns <set>', 'v5: the documented table; v2: a default-format table')
        .choices(['v5', 'v2'])
        .default('v5'),
    )
    .addOption(
      new Option('--results <file>', 'aws athena get-query-results output for the query (repeatable: pages)')
        .argParser(collect)
        .default([], 'none'),
    )
    .addOption(
      new Option('-f, --format <format>', 'with --results: output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .action(
      async (opts: {
        to: string[];
        report?: string;
        since?: string;
        start?: string;
        end?: string;
        table: string;
        partition: 'date' | 'day' | 'none';
        columns: 'v5' | 'v2';
        results: string[];
        format: 'text' | 'json';
      }) => {
        const targets = await flowQueryTargets(opts);
        const { buildAthenaFlowQuery, evidenceFromAthenaResults, flowEvidenceLine } = await networkCommands();
        if (opts.results.length === 0) {
          io.stdout(
            buildAthenaFlowQuery(targets, {
              table: opts.table,
              partition: opts.partition,
              columns: opts.columns,
            }) + '\n',
          );
          return;
        }
        const pages = await Promise.all(
          opts.results.map(async (file) => {
            try {
              return JSON.parse(await readFile(file, 'utf8')) as AthenaQueryResultsPage;
            } catch (err) {
              throw new NetsleuthError(
                'INPUT_INVALID_JSON',
                `--results ${file}: not an aws athena get-query-results output (${(err as Error).message})`,
              );
            }
          }),
        );
        const evidence = evidenceFromAthenaResults(pages, targets, {});
        if (opts.format === 'json')
          io.stdout(JSON.stringify({ schemaVersion: 1, flowEvidence: evidence }, null, 2) + '\n');
        else io.stdout(evidence.map((e) => flowEvidenceLine(e)).join('\n') + '\n');
      },
    );

  program
    .command('classify')
    .description(
      'print one NDJSON line per connection-failure event (every event with --all), saying why it matched',
    )
    .argument('<files...>', 'exports, as for analyze')
    .option('-a, --all', 'also print events that are not failures, with class "none"')
    .option('--no-redact', 'print the matched error text as it is, secrets included (masked by default)')
    .addOption(
      new Option('--input-format <format>', 'force the input format')
        .choices([...INPUT_FORMATS])
        .default('auto'),
    )
    .action(async (files: string[], opts: { all?: boolean; inputFormat: InputFormat; redact: boolean }) => {
      warnIfUnredacted(opts.redact, io);
      const analyzer = new Analyzer({ redact: opts.redact });
      const many = files.length > 1;
      const { failed, total } = await analyzeFiles(
        files,
        { format: opts.inputFormat, threads: 1 },
        analyzer,
        io,
        (input, event, classified) => {
          const f = classified.failure;
          if (!f && !opts.all) return;
          const line = {
            ...(many ? { input } : {}),
            index: event.index,
            timestamp: isoOrNull(event.timestamp),
            stream: event.stream ?? null,
            platform: classified.platform,
            class: f ? f.errorClass : 'none',
            host: f?.host ?? null,
            port: f?.port ?? null,
            service: f?.service ?? null,
            runtime: f?.runtime ?? null,
            signature: f?.signature ?? null,
            ...(f ? { error: opts.redact ? redact(f.error) : f.error } : {}),
            ...(classified.stitched ? { stitched: true } : {}),
          };
          io.stdout(JSON.stringify(line) + '\n');
        },
      );
      setExit(failed === total ? EXIT_USAGE : EXIT_OK);
    });

  program
    .command('fetch')
    .description('read log groups live from CloudWatch Logs and save them in the filter-log-events shape')
    .addOption(
      new Option('--log-group <name>', 'log group to read (repeatable; at least one)')
        .argParser(collect)
        .default([], 'none'),
    )
    .option('--log-stream-prefix <prefix>', 'only streams whose name starts with this')
    .option('--since <duration>', 'from this long ago until now, e.g. 2h, 30m, 7d')
    .option('--start <time>', 'from this ISO 8601 time')
    .option('--end <time>', 'until this ISO 8601 time (default: now)')
    .option('--region <region>', 'AWS region')
    .option('--profile <name>', 'AWS profile')
    .option('--endpoint-url <url>', 'CloudWatch Logs endpoint (for emulators such as moto)')
    .option('-o, --output <file>', 'where to write (.gz compresses); - or none for stdout', '-')
    .action(async (opts: LiveFlags & { output: string }) => {
      if (opts.logGroup.length === 0) throw new NetsleuthError('USAGE', 'fetch needs --log-group NAME');
      const live = liveOptions([], opts, io) as LiveReadOptions;
      const [{ readLiveEvents }, { writeFilterLogEventsExport }] = await Promise.all([
        import('../node/cloudWatchSource.js'),
        import('../node/fetchExport.js'),
      ]);
      const written = await writeFilterLogEventsExport(readLiveEvents(live), opts.output);
      if (io.isStderrTTY) io.stderr('\n');
      if (opts.output !== '-') {
        io.stderr(
          `netsleuth: wrote ${written.events.toLocaleString('en-US')} events (${written.bytes.toLocaleString('en-US')} bytes) to ${opts.output}\n`,
        );
      }
    });

  program
    .command('insights-query')
    .description(
      'print the Logs Insights queries that count the same failures server-side (for huge log groups)',
    )
    .addOption(windowOption('bin size, whole minutes'))
    .action((opts: { window: number }) => {
      const minutes = opts.window / 60_000;
      if (!Number.isInteger(minutes))
        throw new NetsleuthError('USAGE', 'the window must be whole minutes, e.g. 5m');
      const q = buildInsightsQueries(minutes);
      io.stdout(
        `# Failure events per ${minutes}-minute bin, error keyword and first host:port:\n${q.failures}\n\n` +
          `# Failing Lambda invocations (distinct request ids among those events):\n${q.failingInvocations}\n\n` +
          `# Events and Lambda invocations per bin (the log windows):\n${q.windows}\n`,
      );
    });

  program
    .command('serve')
    .description(
      'serve the local page: drop an export, see the findings (analysed in the browser, never uploaded)',
    )
    .option(
      '-p, --port <n>',
      'port (0 picks a free one)',
      (v: string) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535)
          throw new InvalidArgumentError('expected a port number.');
        return n;
      },
      8377,
    )
    .option(
      '--host <address>',
      'address to listen on (only this machine unless you say otherwise)',
      '127.0.0.1',
    )
    .option('--open', 'open the page in the default browser')
    .action(async (opts: { port: number; host: string; open?: boolean }) => {
      const { serve } = await import('../node/serve.js');
      const { url } = await serve(opts).catch((err: NodeJS.ErrnoException) => {
        throw new NetsleuthError(
          'USAGE',
          `cannot listen on ${opts.host}:${opts.port} (${err.code ?? err.message})`,
        );
      });
      io.stderr(`netsleuth: serving the page at ${url} (Ctrl-C to stop)\n`);
      if (opts.host !== '127.0.0.1' && opts.host !== 'localhost' && opts.host !== '::1') {
        io.stderr(
          `netsleuth: warning: listening on ${opts.host}: other machines can load the page (logs still stay in each browser)\n`,
        );
      }
      if (opts.open) openInBrowser(url);
      await new Promise(() => undefined); // until interrupted
    });

  program
    .command('patterns')
    .description('list the detection patterns, or print one pattern page')
    .argument('[id]', 'pattern id, e.g. lambda-connection-failures')
    .action(async (id?: string) => {
      if (!id) {
        for (const p of PATTERNS)
          io.stdout(`${p.id.padEnd(28)} ${p.title.padEnd(32)} ${p.platform.padEnd(7)} ${p.tagline}\n`);
        return;
      }
      if (!findPattern(id)) {
        throw new NetsleuthError(
          'UNKNOWN_PATTERN',
          `no pattern "${id}"; known: ${PATTERNS.map((p) => p.id).join(', ')}`,
        );
      }
      io.stdout(await patternPage(id));
    });
  return program;
}

/** Runs the CLI; returns the exit code. The only place that decides exit codes. */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  let code = EXIT_OK;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_OK;
      return EXIT_USAGE;
    }
    if (err instanceof NetsleuthError) {
      io.stderr(`netsleuth: ${err.message}\n`);
      return EXIT_USAGE;
    }
    const e = err as Error;
    io.stderr(`netsleuth: internal error: ${e.message} (please report it with the input that caused it)\n`);
    if (io.env['NETSLEUTH_DEBUG']) io.stderr(`${e.stack}\n`);
    return EXIT_USAGE;
  }
}
