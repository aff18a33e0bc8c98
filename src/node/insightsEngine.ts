import { GetQueryResultsCommand, StartQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Analyzer } from '../core/analyzer.js';
import { NetsleuthError } from '../core/errors.js';
import {
  aggregatesFromRows,
  buildInsightsQueries,
  type InsightsRow,
} from '../core/insights/insightsQuery.js';
import type { InputSummary } from '../core/report.js';
import { explain, type LiveClient, type LiveReadOptions, openClient } from './cloudWatchSource.js';

const POLL_MS = 1000;
const MAX_WAIT_MS = 15 * 60_000;

async function runQuery(
  live: LiveClient,
  options: LiveReadOptions,
  group: string,
  queryString: string,
): Promise<InsightsRow[]> {
  try {
    const started = await live.client.send(
      new StartQueryCommand({
        logGroupName: group,
        startTime: Math.floor(options.startTime / 1000),
        endTime: Math.ceil(options.endTime / 1000),
        queryString,
        limit: 10_000,
      }),
    );
    const queryId = started.queryId;
    if (!queryId)
      throw new NetsleuthError('AWS_REQUEST_FAILED', `StartQuery on ${group} returned no query id`);
    const deadline = Date.now() + MAX_WAIT_MS;
    for (;;) {
      const result = await live.client.send(new GetQueryResultsCommand({ queryId }));
      const status = result.status ?? 'Unknown';
      if (status === 'Complete') return (result.results ?? []) as InsightsRow[];
      if (status === 'Failed' || status === 'Cancelled' || status === 'Timeout') {
        throw new NetsleuthError(
          'AWS_REQUEST_FAILED',
          `the Logs Insights query on ${group} ended as ${status}`,
        );
      }
      if (Date.now() > deadline)
        throw new NetsleuthError(
          'AWS_REQUEST_FAILED',
          `the Logs Insights query on ${group} did not finish in 15 minutes`,
        );
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } catch (err) {
    throw explain(err, group, live, options, 'StartQuery');
  }
}

/**
 * `analyze --engine insights`: counts the failures server-side with Logs Insights (one query set per log
 * group) and feeds the aggregated rows into the same patterns. Lambda is recognised by the group name.
 */
export async function analyzeWithInsights(
  analyzer: Analyzer,
  options: LiveReadOptions,
): Promise<InputSummary[]> {
  const live = await openClient(options);
  const windowMinutes = analyzer.windowMs / 60_000;
  if (!Number.isInteger(windowMinutes)) {
    live.client.destroy();
    throw new NetsleuthError('USAGE', '--engine insights needs a --window of whole minutes');
  }
  const queries = buildInsightsQueries(windowMinutes);
  const summaries: InputSummary[] = [];
  try {
    for (const group of options.logGroups) {
      const rows = {
        windows: await runQuery(live, options, group, queries.windows),
        failures: await runQuery(live, options, group, queries.failures),
        failingInvocations: await runQuery(live, options, group, queries.failingInvocations),
      };
      const platform = group.startsWith('/aws/lambda/') ? 'lambda' : 'ecs';
      const input = aggregatesFromRows(platform, rows, windowMinutes);
      analyzer.addAggregates(input);
      const warnings = [];
      for (const [name, list] of Object.entries(rows)) {
        if (list.length >= 10_000)
          warnings.push({
            message: `the ${name} query returned 10,000 rows, the Logs Insights limit: counts may be incomplete; use a shorter time range`,
          });
      }
      const summary: InputSummary = {
        name: group,
        format: 'logs-insights-aggregates',
        gzip: false,
        events: input.windows.reduce((a, w) => a + w.events, 0),
        bytes: 0,
        warnings,
      };
      analyzer.closeInput(summary);
      summaries.push(summary);
    }
  } finally {
    live.client.destroy();
  }
  return summaries;
}
