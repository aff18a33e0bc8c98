import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { Analyzer, type ClassifiedEvent } from '../core/analyzer.js';
import { NetsleuthError } from '../core/errors.js';
import { INPUT_FORMATS, type InputFormat, type LogEvent } from '../core/events.js';
import { findPattern, PATTERNS } from '../core/patterns/registry.js';
import { type Report, SEVERITIES, type Severity, severityRank } from '../core/report.js';
import { isoOrNull, parseDuration } from '../core/time.js';
import { VERSION } from '../core/version.js';
import { formatJson } from '../format/jsonReport.js';
import { formatText } from '../format/textReport.js';
import { analyzeInput } from '../node/analyzeInput.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

const defaultIo = (): Io => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
});

function parseWindow(value: string): number {
  const ms = parseDuration(value);
  if (!(ms >= 1000))
    throw new InvalidArgumentError('expected a duration of at least 1s, such as 5m, 30s or 1h.');
  return ms;
}

/** Reads every input into the analyser; inputs that cannot be read are reported and skipped. */
async function analyzeFiles(
  files: string[],
  options: { format: InputFormat },
  analyzer: Analyzer,
  io: Io,
  onEvent?: (input: string, event: LogEvent, classified: ClassifiedEvent) => void,
): Promise<{ failed: number }> {
  let failed = 0;
  for (const file of files) {
    const name = file === '-' ? '(stdin)' : file;
    try {
      const summary = await analyzeInput(analyzer, file, {
        ...options,
        ...(onEvent ? { onEvent: (event: LogEvent, c: ClassifiedEvent) => onEvent(name, event, c) } : {}),
      });
      for (const w of summary.warnings) io.stderr(`netsleuth: warning: ${summary.name}: ${w.message}\n`);
    } catch (err) {
      if (!(err instanceof NetsleuthError)) throw err;
      failed++;
      io.stderr(`netsleuth: ${err.message}\n`);
    }
  }
  return { failed };
}

function exitFor(report: Report, failOn: Severity | undefined): number {
  if (!failOn) return EXIT_OK;
  return report.findings.some((f) => severityRank(f.severity) >= severityRank(failOn))
    ? EXIT_FINDINGS
    : EXIT_OK;
}

async function patternPage(id: string): Promise<string> {
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/cli → package root; the pages live beside each pattern's source.
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
      '<files...>',
      'exports: aws logs filter-log-events / get-log-events JSON, or plain text; gzip is detected',
    )
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json']).default('text'))
    .addOption(
      new Option('--input-format <format>', 'force the input format instead of sniffing it')
        .choices([...INPUT_FORMATS])
        .default('auto'),
    )
    .option(
      '-w, --window <duration>',
      'log window length for ECS (aligned to the epoch, UTC)',
      parseWindow,
      5 * 60_000,
    )
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices([
        ...SEVERITIES,
      ]),
    )
    .option('--no-color', 'never colour the text report (NO_COLOR is honoured too)')
    .action(
      async (
        files: string[],
        opts: {
          format: string;
          inputFormat: InputFormat;
          window: number;
          failOn?: Severity;
          color: boolean;
        },
      ) => {
        const analyzer = new Analyzer({ windowMs: opts.window });
        const { failed } = await analyzeFiles(files, { format: opts.inputFormat }, analyzer, io);
        if (failed === files.length) {
          setExit(EXIT_USAGE);
          return;
        }
        const report = analyzer.finish();
        const color = opts.color && io.isTTY && !io.env['NO_COLOR'] && io.env['TERM'] !== 'dumb';
        io.stdout(opts.format === 'json' ? formatJson(report) : formatText(report, { color }));
        setExit(failed > 0 && report.findings.length === 0 ? EXIT_USAGE : exitFor(report, opts.failOn));
      },
    );

  program
    .command('classify')
    .description(
      'print one NDJSON line per connection-failure event (every event with --all), saying why it matched',
    )
    .argument('<files...>', 'exports, as for analyze')
    .option('-a, --all', 'also print events that are not failures, with class "none"')
    .addOption(
      new Option('--input-format <format>', 'force the input format')
        .choices([...INPUT_FORMATS])
        .default('auto'),
    )
    .action(async (files: string[], opts: { all?: boolean; inputFormat: InputFormat }) => {
      const analyzer = new Analyzer();
      const many = files.length > 1;
      const { failed } = await analyzeFiles(
        files,
        { format: opts.inputFormat },
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
            ...(f ? { error: f.error } : {}),
          };
          io.stdout(JSON.stringify(line) + '\n');
        },
      );
      setExit(failed === files.length ? EXIT_USAGE : EXIT_OK);
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
