// The local page: files are analysed by the core in a Web Worker; every log line is rendered as text.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import ecsPage from '../core/patterns/ecs-network-connectivity/README.md';
import lambdaPage from '../core/patterns/lambda-connection-failures/README.md';
import type { Finding, Report } from '../core/report.js';
import { ERROR_CLASSES } from '../core/signatures/types.js';
import { CLASS_COLOURS, targetLabel as where, utcTime as time } from '../format/labels.js';
import { timelineColumns } from '../format/timeline.js';
import { groupRootCauses } from '../format/pathReport.js';
import type { AnalyzeRequest, WorkerMessage } from './protocol.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const PATTERN_PAGES: Array<[string, string]> = [
  ['ecs-network-connectivity', ecsPage],
  ['lambda-connection-failures', lambdaPage],
];

type Child = Node | string | null | undefined | false;

/** Builds an element; strings become text nodes, never markup (log lines are attacker-controlled). */
function el(tag: string, props: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

const $ = (id: string) => document.getElementById(id) as HTMLElement;
const fmt = (n: number) => n.toLocaleString('en-US');

function evidence(f: Finding): HTMLElement {
  const e = f.evidence;
  const items: Array<[string, string]> = [['failure events', fmt(e.events)]];
  if (e.invocations !== undefined)
    items.push(['failing invocations', `${fmt(e.failingInvocations ?? 0)} of ${fmt(e.invocations)}`]);
  if (e.failingTimedOut) items.push(['ran into their timeout', fmt(e.failingTimedOut)]);
  if (e.failingBilledMs)
    items.push(['billed in failing invocations', `${(e.failingBilledMs / 1000).toFixed(1)} s`]);
  if (e.windows !== undefined)
    items.push(['log windows with errors', `${fmt(e.windowsWithErrors ?? 0)} of ${fmt(e.windows)}`]);
  if (e.tasks !== undefined)
    items.push(['tasks with errors', `${fmt(e.tasksWithErrors ?? 0)} of ${fmt(e.tasks)}`]);
  return el(
    'div',
    { class: 'evidence' },
    ...items.map(([label, value]) => el('div', {}, el('b', {}, value), el('span', {}, label))),
  );
}

function chart(report: Report, f: Finding): HTMLElement {
  const columns = timelineColumns(report, f, 120);
  const canvas = el('canvas', { 'aria-label': 'failures per window' }) as HTMLCanvasElement;
  const box = el('div', { class: 'chart' }, canvas);
  const classes = ERROR_CLASSES.filter((cls) => columns.some((c) => (c.failures[cls] ?? 0) > 0));
  queueMicrotask(
    () =>
      new Chart(canvas, {
        type: 'bar',
        data: {
          labels: columns.map((c) => new Date(c.start).toISOString().slice(11, 16)),
          datasets: [
            ...classes.map((cls) => ({
              label: cls,
              data: columns.map((c) => c.failures[cls] ?? 0),
              backgroundColor: CLASS_COLOURS[cls],
            })),
            {
              // log windows without failures: a low grey bar, so gaps in the logs stand out from quiet times
              label: 'logged, no failures',
              data: columns.map((c) =>
                c.logged && c.total === 0 ? Math.max(...columns.map((x) => x.total)) * 0.04 : 0,
              ),
              backgroundColor: '#ced4da',
            },
          ],
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          scales: {
            x: { stacked: true, ticks: { maxTicksLimit: 12 } },
            y: { stacked: true, beginAtZero: true },
          },
          plugins: { legend: { position: 'bottom' } },
        },
      }),
  );
  return box;
}

function copyButton(text: string): HTMLElement {
  const button = el('button', { type: 'button' }, 'Copy');
  button.addEventListener('click', () => {
    void navigator.clipboard?.writeText(text).then(() => (button.textContent = 'Copied'));
  });
  return button;
}

/** Failures by subnet (with a configuration) or by task, as rows with a bar: where the failures come from. */
function breakdown(f: Finding): HTMLElement[] {
  const a = f.attribution;
  if (!a || a.total === 0) return [];
  const rows: { label: string; failures: number }[] =
    a.bySubnet.length > 0
      ? a.bySubnet.map((r) => ({ label: `${r.subnetId}${r.az ? ` (${r.az})` : ''}`, failures: r.failures }))
      : a.byTask.map((r) => ({
          label: r.taskId ? `task ${r.taskId}` : (r.eniId ?? '(other)'),
          failures: r.failures,
        }));
  if (rows.length < 2 && !a.sentence) return [];
  const max = Math.max(1, ...rows.map((r) => r.failures));
  return [
    el('h3', {}, 'Where failures come from'),
    ...(a.sentence ? [el('p', { class: 'attribution' }, a.sentence)] : []),
    el(
      'table',
      { class: 'breakdown' },
      el(
        'tbody',
        {},
        ...rows.slice(0, 20).map((r) => {
          const bar = el('span', { class: 'bar' });
          bar.style.width = `${Math.round((r.failures / max) * 100)}%`;
          return el(
            'tr',
            {},
            el('td', {}, el('code', {}, r.label)),
            el('td', { class: 'n' }, fmt(r.failures)),
            el('td', { class: 'barcell' }, bar),
          );
        }),
      ),
    ),
  ];
}

/** With configuration files dropped beside the logs: each target's root cause, with the fix to copy. */
function rootCauses(f: Finding): HTMLElement[] {
  const items = f.targets
    .filter((t) => t.rootCauses && t.rootCauses.length > 0)
    .slice(0, 50)
    .flatMap((t) =>
      groupRootCauses(t.rootCauses ?? []).map(({ rc, line }) =>
        el(
          'li',
          { class: `rc ${rc.verdict}` },
          el('code', {}, where(t)),
          ' ',
          el('strong', {}, rc.verdict),
          `: ${line}`,
          ...rc.fix.commands.map((c) => el('div', { class: 'cmd' }, el('pre', {}, c), copyButton(c))),
        ),
      ),
    );
  return items.length
    ? [el('h3', {}, 'Root cause (VPC configuration)'), el('ul', { class: 'rootcauses' }, ...items)]
    : [];
}

function findingCard(report: Report, f: Finding): HTMLElement {
  const rows = f.targets
    .slice(0, 50)
    .map((t) =>
      el(
        'tr',
        {},
        el('td', {}, el('code', {}, where(t))),
        el('td', {}, t.service ?? '–'),
        el('td', {}, t.class),
        el('td', { class: 'n' }, fmt(t.count)),
        el('td', {}, time(t.firstSeen)),
        el('td', {}, time(t.lastSeen)),
      ),
    );
  const head = el(
    'tr',
    {},
    ...['Target', 'Service', 'Class', 'Events', 'First seen', 'Last seen'].map((h) => el('th', {}, h)),
  );
  return el(
    'article',
    { class: 'finding', 'data-pattern': f.pattern },
    el(
      'h2',
      {},
      el('span', { class: `sev ${f.severity}` }, f.severity.toUpperCase()),
      f.title,
      el('span', { class: 'pattern-id' }, f.pattern),
    ),
    el('p', { class: 'summary' }, f.summary),
    evidence(f),
    el('p', { class: 'reason' }, `Severity: ${f.severityReason}.`),
    el('h3', {}, `Failures per ${report.window.ms / 60000}-minute window`),
    chart(report, f),
    el('h3', {}, 'Targets'),
    el('table', { class: 'targets' }, el('thead', {}, head), el('tbody', {}, ...rows)),
    ...rootCauses(f),
    ...breakdown(f),
    el('h3', {}, 'Example log lines'),
    ...f.targets.slice(0, 3).map((t) => el('pre', { class: 'example' }, t.example)),
    el('h3', {}, 'What to do'),
    el(
      'ol',
      { class: 'fix' },
      ...f.fix.map((s) =>
        el(
          'li',
          {},
          el('strong', {}, s.title),
          el('p', {}, s.detail),
          ...s.commands.map((c) => el('div', { class: 'cmd' }, el('pre', {}, c), copyButton(c))),
        ),
      ),
    ),
  );
}

function render(report: Report): void {
  const out = $('report');
  out.replaceChildren();
  const events = report.inputs.reduce((a, i) => a + i.events, 0);
  const facts = [`${fmt(events)} events`, `${time(report.timeRange.start)} – ${time(report.timeRange.end)}`];
  if (report.lambda) facts.push(`${fmt(report.lambda.invocations)} Lambda invocations`);
  if (report.ecs) facts.push(`${fmt(report.ecs.tasks)} ECS tasks`);
  out.append(el('p', { class: 'summary-line' }, facts.join(' · ')));
  for (const input of report.inputs)
    for (const w of input.warnings) out.append(el('div', { class: 'warn' }, `${input.name}: ${w.message}`));
  if (report.findings.length === 0)
    out.append(el('p', { id: 'no-findings' }, 'No connection failures found.'));
  for (const f of report.findings) out.append(findingCard(report, f));
}

let worker: Worker | undefined;

function analyse(files: File[]): void {
  if (files.length === 0) return;
  worker?.terminate();
  $('error').hidden = true;
  $('report').replaceChildren();
  $('progress').hidden = false;
  const bar = $('bar') as HTMLProgressElement;
  bar.value = 0;
  worker = new Worker('worker.js', { type: 'module' });
  worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
    const m = e.data;
    if (m.type === 'progress') {
      bar.value = m.totalBytes > 0 ? m.bytes / m.totalBytes : 1;
      $('progress-text').textContent =
        `${(m.bytes / 1048576).toFixed(1)} of ${(m.totalBytes / 1048576).toFixed(1)} MB, ${fmt(m.events)} events`;
    } else {
      $('progress').hidden = true;
      worker?.terminate();
      worker = undefined;
      if (m.type === 'done') {
        document.body.dataset['engine'] = m.engine; // for the curious, and the browser tests
        render(m.report);
      } else {
        $('error').textContent = m.message;
        $('error').hidden = false;
      }
    }
  };
  worker.onerror = (e) => {
    $('progress').hidden = true;
    worker?.terminate();
    worker = undefined;
    $('error').textContent = `The analysis stopped: ${e.message || 'the worker failed'}.`;
    $('error').hidden = false;
  };
  const request: AnalyzeRequest = {
    type: 'analyze',
    files,
    windowMs: Number(($('window') as HTMLSelectElement).value),
  };
  worker.postMessage(request);
}

function setUp(): void {
  const input = $('files') as HTMLInputElement;
  input.addEventListener('change', () => analyse([...(input.files ?? [])]));
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    analyse([...(e.dataTransfer?.files ?? [])]);
  });
  $('cancel').addEventListener('click', () => {
    worker?.terminate();
    worker = undefined;
    $('progress').hidden = true;
    $('error').textContent = 'Cancelled.';
    $('error').hidden = false;
  });
  $('pattern-list').replaceChildren(
    ...PATTERN_PAGES.map(([id, page]) =>
      el('details', { id: `pattern-${id}` }, el('summary', {}, id), el('pre', {}, page)),
    ),
  );
}

setUp();
