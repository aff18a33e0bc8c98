import { groupDigits } from '../core/patterns/describe.js';
import { attributionLine, flowEvidenceLine, groupRootCauses } from './pathReport.js';
import type { Finding, Report, Severity } from '../core/report.js';
import { ERROR_CLASSES } from '../core/signatures/types.js';
import { timelineColumns } from './timeline.js';
import { CLASS_COLOURS, targetLabel as where, utcTime as time } from './labels.js';

/** Escapes text for HTML element content and quoted attribute values. Log lines are attacker-controlled. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const SEVERITY_COLOURS: Record<Severity, string> = {
  critical: '#a51111',
  high: '#c92a2a',
  elevated: '#e67700',
  info: '#1864ab',
};

// No script, no external resource: the CSP forbids anything but inline styles.
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#212529;margin:0;background:#f8f9fa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:0}h3{font-size:15px;margin:18px 0 6px}
.meta{color:#495057;margin:0 0 16px}.meta span{margin-right:16px}
.finding{background:#fff;border:1px solid #dee2e6;border-radius:8px;padding:18px 20px;margin:16px 0}
.sev{display:inline-block;color:#fff;font-weight:700;font-size:12px;border-radius:4px;padding:2px 8px;margin-right:8px;vertical-align:2px}
.id{color:#868e96;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
.reason{color:#868e96;font-size:13px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e9ecef;vertical-align:top}
th{font-size:12px;color:#495057;text-transform:uppercase;letter-spacing:.03em}td.n{text-align:right;font-variant-numeric:tabular-nums}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}
pre{background:#f1f3f5;border-radius:6px;padding:8px 10px;overflow-x:auto;white-space:pre-wrap;word-break:break-all;margin:4px 0}
.example{color:#495057}
.rc.blocked strong{color:#c92a2a}.rc.allowed strong{color:#2b8a3e}
ol.fix li{margin:0 0 12px}.fix p{margin:2px 0 4px}
.warn{background:#fff4e6;border:1px solid #ffd8a8;border-radius:6px;padding:8px 12px;margin:8px 0}
.legend span{display:inline-block;margin-right:14px;font-size:12px}.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
svg{display:block;margin:6px 0}
footer{color:#868e96;font-size:12px;margin-top:24px}
`;

/** A stacked bar chart of failures per window, by class, as inline SVG (no script needed to read it). */
export function timelineSvg(report: Report, finding: Finding): string {
  const columns = timelineColumns(report, finding, 240);
  if (columns.length === 0) return '';
  const width = 1000;
  const height = 120;
  const pad = 18;
  const barW = (width - 2) / columns.length;
  const max = Math.max(1, ...columns.map((c) => c.total));
  const bars: string[] = [];
  columns.forEach((c, i) => {
    let y = height - pad;
    if (c.logged && c.total === 0) {
      // a log window without failures: a thin grey tick, so gaps in the logs stand out from quiet times
      bars.push(
        `<rect x="${(1 + i * barW).toFixed(2)}" y="${y - 2}" width="${Math.max(1, barW - 1).toFixed(2)}" height="2" fill="#ced4da"/>`,
      );
      return;
    }
    for (const cls of ERROR_CLASSES) {
      const n = c.failures[cls] ?? 0;
      if (n === 0) continue;
      const h = ((height - pad - 4) * n) / max;
      y -= h;
      const title = `${new Date(c.start).toISOString().slice(0, 16).replace('T', ' ')} UTC: ${n} ${cls}`;
      bars.push(
        `<rect x="${(1 + i * barW).toFixed(2)}" y="${y.toFixed(2)}" width="${Math.max(1, barW - 1).toFixed(2)}" height="${h.toFixed(2)}" fill="${CLASS_COLOURS[cls]}"><title>${escapeHtml(title)}</title></rect>`,
      );
    }
  });
  const first = time(new Date(columns[0]?.start ?? 0).toISOString());
  const last = time(report.timeRange.end);
  const classes = ERROR_CLASSES.filter((cls) => columns.some((c) => (c.failures[cls] ?? 0) > 0));
  const legend = classes
    .map((cls) => `<span><i style="background:${CLASS_COLOURS[cls]}"></i>${cls}</span>`)
    .join('');
  return (
    `<svg viewBox="0 0 ${width} ${height}" width="100%" height="${height}" role="img" aria-label="failures per ${report.window.ms / 60000}-minute window">` +
    `<line x1="0" y1="${height - pad}" x2="${width}" y2="${height - pad}" stroke="#ced4da"/>` +
    bars.join('') +
    `<text x="2" y="${height - 4}" font-size="11" fill="#868e96">${escapeHtml(first)}</text>` +
    `<text x="${width - 2}" y="${height - 4}" font-size="11" fill="#868e96" text-anchor="end">${escapeHtml(last)}</text>` +
    `<text x="2" y="11" font-size="11" fill="#868e96">max ${max} per column</text>` +
    `</svg><div class="legend">${legend}</div>`
  );
}

function findingHtml(report: Report, f: Finding): string {
  const rows = f.targets
    .slice(0, 50)
    .map(
      (t) =>
        `<tr><td><code>${escapeHtml(where(t))}</code></td><td>${escapeHtml(t.service ?? '–')}</td><td>${t.class}</td><td class="n">${t.count}</td><td>${escapeHtml(time(t.firstSeen))}</td><td>${escapeHtml(time(t.lastSeen))}</td></tr>`,
    )
    .join('');
  const more =
    f.targets.length > 50 ? `<p>…and ${f.targets.length - 50} more targets in the JSON report.</p>` : '';
  const examples = f.targets
    .slice(0, 3)
    .map((t) => `<pre class="example">${escapeHtml(t.example)}</pre>`)
    .join('');
  const causes = f.targets
    .filter((t) => t.rootCauses && t.rootCauses.length > 0)
    .slice(0, 50)
    .flatMap((t) =>
      groupRootCauses(t.rootCauses ?? []).map(
        ({ rc, line }) =>
          `<li class="rc ${rc.verdict}"><code>${escapeHtml(where(t))}</code> <strong>${rc.verdict}</strong>: ${escapeHtml(line)}${rc.fix.commands.map((c) => `<pre>${escapeHtml(c)}</pre>`).join('')}</li>`,
      ),
    )
    .join('');
  const rootCauses = causes
    ? `<h3>Root cause (VPC configuration)</h3>\n<ul class="rootcauses">${causes}</ul>`
    : '';
  const place = attributionLine(f.attribution);
  const origin =
    f.attribution?.sentence || place || f.flowEvidence?.length
      ? `<h3>Where failures come from</h3>\n${f.attribution?.sentence ? `<p class="attribution">${escapeHtml(f.attribution.sentence)}</p>` : ''}${place ? `<p>${escapeHtml(place)}</p>` : ''}${(f.flowEvidence ?? []).map((e) => `<p class="flow">Flow logs: ${escapeHtml(flowEvidenceLine(e))}</p>`).join('')}`
      : '';
  const fix = f.fix
    .map(
      (s) =>
        `<li><strong>${escapeHtml(s.title)}</strong><p>${escapeHtml(s.detail)}</p>${s.commands.map((c) => `<pre>${escapeHtml(c)}</pre>`).join('')}</li>`,
    )
    .join('');
  const minutes = report.window.ms / 60000;
  return `<section class="finding">
<h2><span class="sev" style="background:${SEVERITY_COLOURS[f.severity]}">${f.severity.toUpperCase()}</span>${escapeHtml(f.title)} <span class="id">${escapeHtml(f.pattern)}</span></h2>
<p>${escapeHtml(f.summary)}</p>
<p class="reason">Severity: ${escapeHtml(f.severityReason)}.</p>
<h3>Failures per ${minutes}-minute window</h3>
${timelineSvg(report, f)}
<h3>Targets</h3>
<table><thead><tr><th>Target</th><th>Service</th><th>Class</th><th>Events</th><th>First seen</th><th>Last seen</th></tr></thead><tbody>${rows}</tbody></table>${more}
<h3>Example log lines</h3>
${examples}
${rootCauses}
${origin}
<h3>What to do</h3>
<ol class="fix">${fix}</ol>
</section>`;
}

/** One self-contained HTML file: inline CSS and SVG, no script, a CSP that forbids anything external. */
export function formatHtml(report: Report): string {
  const inputs = report.inputs
    .map(
      (i) =>
        `<span><code>${escapeHtml(i.name)}</code> (${escapeHtml(i.format)}, ${groupDigits(i.events)} events)</span>`,
    )
    .join('');
  const facts = [
    `<span>${escapeHtml(time(report.timeRange.start))} – ${escapeHtml(time(report.timeRange.end))}</span>`,
    report.lambda
      ? `<span>Lambda: ${groupDigits(report.lambda.invocations)} invocations, ${report.lambda.failingInvocations} failing</span>`
      : '',
    report.ecs ? `<span>ECS: ${groupDigits(report.ecs.events)} events, ${report.ecs.tasks} tasks</span>` : '',
  ].join('');
  const warnings = report.inputs
    .flatMap((i) =>
      i.warnings.map((w) => `<div class="warn">${escapeHtml(i.name)}: ${escapeHtml(w.message)}</div>`),
    )
    .join('');
  const body =
    report.findings.length === 0
      ? '<p>No connection failures found.</p>'
      : report.findings.map((f) => findingHtml(report, f)).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>netsleuth report</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>netsleuth report</h1>
<p class="meta">${inputs}</p>
<p class="meta">${facts}</p>
${warnings}
${body}
<footer>netsleuth ${escapeHtml(report.tool.version)} · report schema ${report.schemaVersion} · generated ${escapeHtml(time(report.generatedAt))}</footer>
</main>
</body>
</html>
`;
}
