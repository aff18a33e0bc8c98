import { chooseFixSteps } from '../../fixes/fixSteps.js';
import type { Finding } from '../../report.js';
import type { PatternContext, PatternDefinition } from '../context.js';
import { connectivityRows, optional, plural, asideSentence } from '../describe.js';

/** More failing invocations than this is `high`. */
export const HIGH_INVOCATIONS_THRESHOLD = 5;

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export const lambdaConnectionFailures: PatternDefinition = {
  id: 'lambda-connection-failures',
  title: 'Connection Failures',
  platform: 'lambda',
  tagline: 'Lambda invocations failing to connect to downstream services.',
  criteria: [
    'An invocation fails when at least one of its log events is a connection failure; events are assigned to invocations by request id, or by the invocation open in the same log stream.',
    `high: more than ${HIGH_INVOCATIONS_THRESHOLD} failing invocations.`,
    'elevated: at least 1 failing invocation.',
    'info: pool-acquire timeouts (class `pool`) or certificate validation failures, and no connection failure; neither ever makes an invocation fail.',
  ],
  evaluate(ctx: PatternContext): Finding | null {
    const lambda = ctx.lambda;
    const t = lambda.totals;
    if (lambda.failures === 0 && lambda.poolEvents === 0 && lambda.certificateEvents === 0) return null;
    const targets = lambda.targets.toRows();
    const pool = {
      ...(lambda.poolEvents > 0 ? { poolEvents: lambda.poolEvents } : {}),
      ...(lambda.certificateEvents > 0 ? { certificateEvents: lambda.certificateEvents } : {}),
    };
    const fix = chooseFixSteps({
      platform: 'lambda',
      targets,
      taskIds: [],
      functionNames: [...lambda.functionNames],
    });
    if (lambda.failures === 0) {
      return {
        pattern: 'lambda-connection-failures',
        title: 'Connection Failures',
        severity: 'info',
        summary: asideSentence(lambda.poolEvents, lambda.certificateEvents, targets, true),
        severityReason: 'no connection failure (pool-acquire timeouts or certificate failures only)',
        evidence: {
          events: 0,
          failingInvocations: 0,
          invocations: t.invocations,
          windowsWithErrors: 0,
          windows: lambda.logWindows.size,
          ...pool,
        },
        targets,
        timeline: [],
        ...optional('logWindows', lambda.logWindowStarts()),
        fix,
      };
    }
    const failing = t.failingInvocations;
    const top = connectivityRows(targets)[0];
    const primary = top ? ` Primary error: "${top.error}"${top.service ? ` (${top.service})` : ''}.` : '';
    const share =
      t.invocations > 0
        ? ` (${round((100 * failing) / t.invocations, 1)} % of ${plural(t.invocations, 'invocation')})`
        : '';
    const timeouts =
      failing > 0 && t.failingTimedOut > 0 ? ` ${t.failingTimedOut} of them ran into their timeout.` : '';
    const cost =
      t.failingBilledMs > 0
        ? ` Cost: ${round(t.failingBilledMs / 1000, 1)} s billed in failing invocations (${round(t.failingGbSeconds, 2)} GB-s).`
        : '';
    const outside =
      t.unattributedFailures > 0
        ? ` ${plural(t.unattributedFailures, 'failure event')} fell outside any invocation (init phase or unknown request).`
        : '';
    const summary =
      failing > 0
        ? `${plural(failing, 'invocation')} failed with connection errors${share}.${primary}${timeouts}${cost}${outside}${asideSentence(lambda.poolEvents, lambda.certificateEvents, targets, false)}`
        : `${plural(lambda.failures, 'connection error')} outside any invocation.${primary}${outside}${asideSentence(lambda.poolEvents, lambda.certificateEvents, targets, false)}`;
    const high = failing > HIGH_INVOCATIONS_THRESHOLD;
    return {
      pattern: 'lambda-connection-failures',
      title: 'Connection Failures',
      severity: high ? 'high' : 'elevated',
      summary,
      severityReason: high
        ? `${failing} failing invocations (more than ${HIGH_INVOCATIONS_THRESHOLD})`
        : `${failing} failing invocation${failing === 1 ? '' : 's'} (at least 1, at most ${HIGH_INVOCATIONS_THRESHOLD})`,
      evidence: {
        events: lambda.failures,
        failingInvocations: failing,
        invocations: t.invocations,
        failingTimedOut: t.failingTimedOut,
        failingBilledMs: t.failingBilledMs,
        failingGbSeconds: round(t.failingGbSeconds, 3),
        windowsWithErrors: lambda.failureWindows.size,
        windows: lambda.logWindows.size,
        unattributedEvents: t.unattributedFailures,
        ...pool,
      },
      targets,
      timeline: lambda.timeline(),
      ...optional('logWindows', lambda.logWindowStarts()),
      fix,
    };
  },
};
