import { chooseFixSteps } from '../../fixes/fixSteps.js';
import type { Finding } from '../../report.js';
import type { PatternContext, PatternDefinition } from '../context.js';
import { attributeFailures, type FailureAttribution } from '../../../flowlogs/attributeFailures.js';
import { connectivityRows, optional, plural, asideSentence, primaryTargets } from '../describe.js';

/**
 * Failures by task, before any configuration says where the tasks ran (analyze --config adds subnets and
 * AZs). When one task of several holds at least 80 % of the failures, the sentence says so: a single bad
 * task points at its host, its ENI or its own state rather than at the shared network.
 */
export function attributeByTask(
  tasks: ReadonlySet<string>,
  failuresByTask: ReadonlyMap<string, number>,
): FailureAttribution & { basis: 'log-events' } {
  const counts = [...tasks].map((taskId) => ({ taskId, failures: failuresByTask.get(taskId) ?? 0 }));
  const attribution = { ...attributeFailures({ counts, enis: new Map() }), basis: 'log-events' as const };
  const top = [...counts].sort((a, b) => b.failures - a.failures)[0];
  if (top && tasks.size >= 2 && attribution.total >= 3 && top.failures >= 0.8 * attribution.total) {
    const others = attribution.total - top.failures;
    const rest = tasks.size - 1;
    attribution.sentence =
      others === 0
        ? `All ${attribution.total} failures came from task ${top.taskId}; the other ${plural(rest, 'task')} had none.`
        : `${top.failures} of ${attribution.total} failures came from task ${top.taskId}; the other ${plural(rest, 'task')} had ${others}.`;
  }
  return attribution;
}

/** More log windows with failures than this is a structural problem, not a blip. */
export const HIGH_WINDOWS_THRESHOLD = 2;

export const ecsNetworkConnectivity: PatternDefinition = {
  id: 'ecs-network-connectivity',
  title: 'Network Connectivity Failures',
  platform: 'ecs',
  tagline: 'ECS containers failing to open or keep network connections to the services they depend on.',
  criteria: [
    'A log window is a window of `--window` (default 5 minutes, aligned to the epoch, UTC) that holds at least one ECS event.',
    `high: connection failures in more than ${HIGH_WINDOWS_THRESHOLD} log windows.`,
    `elevated: connection failures in 1 to ${HIGH_WINDOWS_THRESHOLD} log windows (a blip, said so in the summary).`,
    'info: pool-acquire timeouts (class `pool`) or certificate validation failures, and no connection failure; neither ever raises the severity.',
  ],
  evaluate(ctx: PatternContext): Finding | null {
    const ecs = ctx.ecs;
    if (ecs.failures === 0 && ecs.poolEvents === 0 && ecs.certificateEvents === 0) return null;
    const targets = ecs.targets.toRows();
    const pool = {
      ...(ecs.poolEvents > 0 ? { poolEvents: ecs.poolEvents } : {}),
      ...(ecs.certificateEvents > 0 ? { certificateEvents: ecs.certificateEvents } : {}),
    };
    const fix = chooseFixSteps({
      platform: 'ecs',
      targets,
      taskIds: [...ecs.tasksWithErrors].slice(0, 3),
      functionNames: [],
    });
    if (ecs.failures === 0) {
      return {
        pattern: 'ecs-network-connectivity',
        title: 'Network Connectivity Failures',
        severity: 'info',
        summary: asideSentence(ecs.poolEvents, ecs.certificateEvents, targets, true),
        severityReason: 'no connection failure (pool-acquire timeouts or certificate failures only)',
        evidence: { events: 0, windowsWithErrors: 0, windows: ecs.logWindows.size, ...pool },
        targets,
        timeline: [],
        ...optional('logWindows', ecs.logWindowStarts()),
        fix,
      };
    }
    const windows = ecs.logWindows.size;
    const withErrors = ecs.failureWindows.size;
    const high = withErrors > HIGH_WINDOWS_THRESHOLD;
    const blip = high
      ? ''
      : ' Seen in so few windows this may be a one-off blip rather than a structural problem.';
    const taskText =
      ecs.tasks.size > 0
        ? ` Failures came from ${ecs.tasksWithErrors.size} of ${plural(ecs.tasks.size, 'task')}.`
        : '';
    const summary =
      withErrors > 0
        ? `Connection errors detected in ${withErrors} of ${plural(windows, 'log window')}. Primary targets: ${primaryTargets(connectivityRows(targets))}.${taskText}${blip}${asideSentence(ecs.poolEvents, ecs.certificateEvents, targets, false)}`
        : `${plural(ecs.failures, 'connection error')} detected (the events carry no timestamps, so log windows are unknown). Primary targets: ${primaryTargets(connectivityRows(targets))}.${asideSentence(ecs.poolEvents, ecs.certificateEvents, targets, false)}`;
    return {
      pattern: 'ecs-network-connectivity',
      title: 'Network Connectivity Failures',
      severity: high ? 'high' : 'elevated',
      summary,
      severityReason: high
        ? `connection failures in ${withErrors} log windows (more than ${HIGH_WINDOWS_THRESHOLD})`
        : `connection failures in ${withErrors} log window${withErrors === 1 ? '' : 's'} (${HIGH_WINDOWS_THRESHOLD} or fewer)`,
      evidence: {
        events: ecs.failures,
        windowsWithErrors: withErrors,
        windows,
        ...(ecs.tasks.size > 0 ? { tasksWithErrors: ecs.tasksWithErrors.size, tasks: ecs.tasks.size } : {}),
        ...pool,
      },
      targets,
      ...(ecs.tasks.size > 0 ? { attribution: attributeByTask(ecs.tasks, ecs.failuresByTask) } : {}),
      timeline: ecs.timeline(),
      ...optional('logWindows', ecs.logWindowStarts()),
      fix,
    };
  },
};
