import { groupDigits } from '../core/patterns/describe.js';
import { stripControls } from './labels.js';
import { attributionLine, flowEvidenceLine, groupRootCauses } from './pathReport.js';
import type { Finding, Report, Severity, TargetRow } from '../core/report.js';
import { timelineColumns } from './timeline.js';

export interface TextOptions {
  color: boolean;
  /** Column width to wrap prose at. */
  width?: number;
}

const SEVERITY_COLOURS: Record<Severity, string> = {
  critical: '\x1b[1;37;41m',
  high: '\x1b[1;31m',
  elevated: '\x1b[1;33m',
  info: '\x1b[1;36m',
};
const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';
const SPARKS = '▁▂▃▄▅▆▇█';
const MAX_SPARK = 60;
const MAX_TARGET_ROWS = 10;

function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width - indent.length) {
      lines.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

function clock(iso: string | null): string {
  return iso ? iso.slice(11, 19) : '-';
}

function formatRange(report: Report): string {
  const { start, end } = report.timeRange;
  if (!start || !end) return 'no timestamps';
  const day = start.slice(0, 10);
  const endText = end.slice(0, 10) === day ? end.slice(11, 16) : `${end.slice(0, 10)} ${end.slice(11, 16)}`;
  return `${day} ${start.slice(11, 16)}–${endText} UTC`;
}

function table(rows: TargetRow[]): string[] {
  const head = ['target', 'service', 'class', 'events', 'first', 'last'];
  const body = rows
    .slice(0, MAX_TARGET_ROWS)
    .map((t) => [
      t.host === null ? '(not printed)' : t.port === null ? t.host : `${t.host}:${t.port}`,
      t.service ?? '-',
      t.class,
      groupDigits(t.count),
      clock(t.firstSeen),
      clock(t.lastSeen),
    ]);
  const widths = head.map((h, i) =>
    Math.min(48, Math.max(h.length, ...body.map((r) => (r[i] as string).length))),
  );
  const fmt = (r: string[]) =>
    r
      .map((cell, i) => {
        const w = widths[i] as number;
        const c = cell.length > w ? `${cell.slice(0, w - 1)}…` : cell;
        return i === 3 ? c.padStart(w) : c.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  const lines = [fmt(head), ...body.map(fmt)];
  if (rows.length > MAX_TARGET_ROWS)
    lines.push(`… and ${rows.length - MAX_TARGET_ROWS} more targets (see --format json)`);
  return lines;
}

/** One character per window (or per group of windows when the range is long), height = failures. */
export function sparkline(report: Report, finding: Finding): string {
  if (finding.timeline.length === 0) return '';
  const columns = timelineColumns(report, finding, MAX_SPARK);
  const max = Math.max(0, ...columns.map((c) => c.total));
  if (max === 0) return '';
  return columns
    .map((c) => (c.total === 0 ? ' ' : SPARKS[Math.min(7, Math.floor((c.total / max) * 7.999))]))
    .join('');
}

/** The terminal report: numbers first, then the evidence, then the fix. */
export function formatText(report: Report, options: TextOptions): string {
  const clean = JSON.parse(
    JSON.stringify(report, (_key, value: unknown) =>
      typeof value === 'string' ? stripControls(value) : value,
    ),
  ) as Report;
  return renderText(clean, options);
}

function renderText(report: Report, options: TextOptions): string {
  const width = options.width ?? 100;
  const c = (code: string, s: string) => (options.color ? `${code}${s}${RESET}` : s);
  const out: string[] = [];
  const names = report.inputs.map((i) => i.name).join(', ') || '(no input)';
  const parts = [`netsleuth ${report.tool.version}`, names];
  if (report.lambda) parts.push(`Lambda · ${groupDigits(report.lambda.invocations)} invocations`);
  if (report.ecs) parts.push(`ECS · ${groupDigits(report.ecs.events)} events`);
  parts.push(formatRange(report));
  out.push(c(DIM, parts.join(' · ')), '');
  for (const input of report.inputs) {
    for (const w of input.warnings)
      out.push(c(SEVERITY_COLOURS.elevated, `warning: ${input.name}: ${w.message}`));
  }
  if (report.inputs.some((i) => i.warnings.length > 0)) out.push('');
  if (report.findings.length === 0) {
    const events = report.inputs.reduce((a, i) => a + i.events, 0);
    out.push(`No connection failures found in ${groupDigits(events)} events.`);
    return out.join('\n') + '\n';
  }
  for (const f of report.findings) {
    out.push(
      `${c(SEVERITY_COLOURS[f.severity], f.severity.toUpperCase().padEnd(8))}  ${c(BOLD, f.title)}  ${c(DIM, `(${f.pattern})`)}`,
    );
    out.push(wrap(f.summary, width, '  '));
    out.push(c(DIM, wrap(`Severity: ${f.severityReason}.`, width, '  ')), '');
    for (const line of table(f.targets)) out.push(`  ${line}`);
    const causes = f.targets.filter((t) => t.rootCauses && t.rootCauses.length > 0);
    if (causes.length > 0) {
      out.push('', `  ${c(BOLD, 'Root cause (VPC configuration)')}`);
      for (const t of causes.slice(0, MAX_TARGET_ROWS)) {
        for (const { rc, line } of groupRootCauses(t.rootCauses ?? [])) {
          const label = `${t.host ?? '?'}:${t.port ?? rc.target.port ?? '?'}`;
          const colour =
            rc.verdict === 'blocked'
              ? SEVERITY_COLOURS.high
              : rc.verdict === 'allowed'
                ? DIM
                : SEVERITY_COLOURS.elevated;
          out.push(wrap(`${c(colour, label)}  ${line}`, width, '  '));
          for (const cmd of rc.fix.commands) out.push(c(DIM, `     $ ${cmd}`));
        }
      }
    }
    const place = attributionLine(f.attribution);
    if (f.attribution?.sentence || place || f.flowEvidence?.length) {
      out.push('', `  ${c(BOLD, 'Where failures come from')}`);
      if (f.attribution?.sentence) out.push(wrap(f.attribution.sentence, width, '  '));
      if (place) out.push(wrap(place, width, '  '));
      for (const e of f.flowEvidence ?? []) out.push(wrap(`Flow logs: ${flowEvidenceLine(e)}`, width, '  '));
    }
    const spark = sparkline(report, f);
    if (spark) {
      const minutes = report.window.ms / 60_000;
      const withErrors = f.evidence.windowsWithErrors ?? f.timeline.length;
      const windows = f.evidence.windows ?? report.window.withEvents;
      out.push(
        '',
        `  Timeline (${minutes} min windows)  ${c(SEVERITY_COLOURS[f.severity], spark)}   failures in ${withErrors} of ${windows} log windows`,
      );
    }
    out.push('', `  ${c(BOLD, 'Why it happens, and what to do')}`);
    f.fix.forEach((step, i) => {
      out.push(`  ${i + 1}. ${c(BOLD, step.title)}`);
      out.push(wrap(step.detail, width, '     '));
      for (const cmd of step.commands) out.push(c(DIM, `     $ ${cmd}`));
    });
    out.push('');
  }
  return out.join('\n');
}
