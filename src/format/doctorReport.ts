import type { DoctorReport } from '../network/doctor.js';
import type { VerifyReport } from '../network/intents.js';
import { stripControls } from './labels.js';

function header(r: DoctorReport): string {
  const s = r.source;
  return `${s.kind} ${s.id}${s.subnetIds.length ? ` · subnets ${s.subnetIds.join(', ')}` : ''}${s.securityGroupIds.length ? ` · groups ${s.securityGroupIds.join(', ')}` : ''}`;
}

function tally(r: DoctorReport): string {
  const failed = r.steps.filter((s) => s.status === 'FAIL').length;
  const unknown = r.steps.filter((s) => s.status === 'UNKNOWN').length;
  return `${r.status}: ${failed} of ${r.steps.length} steps failed${unknown ? `, ${unknown} unknown` : ''}`;
}

/** `doctor` for a terminal: the steps in order, each with its evidence and the fix to run. */
export function doctorText(report: DoctorReport): string {
  const r = JSON.parse(
    JSON.stringify(report, (_k, v: unknown) => (typeof v === 'string' ? stripControls(v) : v)),
  ) as DoctorReport;
  const out = [`netsleuth doctor · ${header(r)}`];
  out.push(
    r.dependencies.length
      ? `dependencies: ${r.dependencies.map((d) => `${d.host}:${d.port} (${d.origin})`).join(', ')}`
      : 'dependencies: none given (--to HOST:PORT, logs, or endpoint variables in the task definition)',
    '',
  );
  r.steps.forEach((s, i) => {
    out.push(`${String(i + 1).padStart(2)}. ${s.status.padEnd(7)} ${s.title}`);
    for (const e of s.evidence) out.push(`             ${e}`);
    for (const f of s.fix) out.push(`             $ ${f}`);
  });
  out.push('', tally(r), '');
  return out.join('\n');
}

/** `doctor` for a CI summary or a pull-request comment. */
export function doctorMarkdown(r: DoctorReport): string {
  const esc = (t: string) => t.replace(/[\\`*_{}[\]<>#|!]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
  const out = [
    `## netsleuth doctor: ${esc(header(r))}`,
    '',
    `**${esc(tally(r))}**`,
    '',
    '| # | step | status |',
    '|---:|---|---|',
  ];
  r.steps.forEach((s, i) => out.push(`| ${i + 1} | ${esc(s.title)} | ${s.status} |`));
  out.push('');
  for (const [i, s] of r.steps.entries()) {
    if (s.status === 'PASS' || s.status === 'SKIP') continue;
    out.push(`### ${i + 1}. ${s.status}: ${esc(s.title)}`, '', ...s.evidence.map((e) => `- ${esc(e)}`), '');
    if (s.fix.length) out.push('```sh', ...s.fix.map((f) => f.replace(/`/g, "'")), '```', '');
  }
  return out.join('\n');
}

/** `verify` for a terminal: one line per intent, the reason under each one that failed or is unknown. */
export function verifyText(report: VerifyReport): string {
  const r = JSON.parse(
    JSON.stringify(report, (_k, v: unknown) => (typeof v === 'string' ? stripControls(v) : v)),
  ) as VerifyReport;
  const out: string[] = [];
  for (const x of r.results) {
    out.push(
      `${x.outcome.toUpperCase().padEnd(9)} ${x.intent.from} → ${x.intent.to} (expect ${x.intent.expect})${x.intent.description ? `  ${x.intent.description}` : ''}`,
    );
    if (x.outcome !== 'pass') out.push(`          ${x.explanation}`);
  }
  out.push('', `${r.passed} passed, ${r.violations} violated, ${r.unknown} unknown`, '');
  return out.join('\n');
}

/** `verify` for a CI summary or a pull-request comment. */
export function verifyMarkdown(r: VerifyReport): string {
  const esc = (t: string) => t.replace(/[\\`*_{}[\]<>#|!]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
  const out = [
    `## netsleuth verify: ${r.passed} passed, ${r.violations} violated, ${r.unknown} unknown`,
    '',
    '| outcome | from | to | expect | why |',
    '|---|---|---|---|---|',
  ];
  for (const x of r.results) {
    out.push(
      `| ${x.outcome} | ${esc(x.intent.from)} | ${esc(x.intent.to)} | ${x.intent.expect} | ${x.outcome === 'pass' ? '' : esc(x.explanation)} |`,
    );
  }
  return out.join('\n') + '\n';
}
