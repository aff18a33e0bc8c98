/**
 * Reads events live from CloudWatch Logs with the AWS SDK v3 (`FilterLogEvents`, every page of every log
 * group), so that `analyze` and `fetch` can work without an export file.
 *
 * Configuration follows the AWS SDK's own rules: the standard credential chain (environment, SSO, shared
 * config/credentials files, process, web identity, container/instance roles), `profile` like AWS_PROFILE,
 * the endpoint from `endpointUrl` or else AWS_ENDPOINT_URL_CLOUDWATCH_LOGS / AWS_ENDPOINT_URL / the
 * profile's `endpoint_url`. Throttling is retried by the SDK's adaptive retry strategy (exponential
 * backoff with jitter plus client-side rate limiting). Every failure becomes one NetsleuthError sentence.
 */
import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  type FilterLogEventsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import type { Analyzer, ClassifiedEvent } from '../core/analyzer.js';
import { NetsleuthError } from '../core/errors.js';
import type { LogEvent } from '../core/events.js';
import type { InputSummary } from '../core/report.js';

/** Attempts per request (the first try included) unless `maxAttempts` or AWS_MAX_ATTEMPTS says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** Milliseconds allowed to open a TCP connection to the endpoint. */
const CONNECTION_TIMEOUT_MS = 5_000;
/** Milliseconds a connection may stay silent while a response is awaited. */
const SOCKET_TIMEOUT_MS = 120_000;
const NODE_WARNING_OPT_OUT = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

export interface LiveProgress {
  /** Events yielded so far, over every log group. */
  events: number;
  /** UTF-8 bytes of the messages yielded so far. */
  bytes: number;
  /** FilterLogEvents pages received so far (empty pages included). */
  pages: number;
  /** The log group being read. */
  logGroup: string;
}

export interface LiveReadOptions {
  /** Log group names (or ARNs), read one after the other. */
  logGroups: string[];
  logStreamNamePrefix?: string;
  /** Epoch milliseconds, inclusive. */
  startTime: number;
  /** Epoch milliseconds, inclusive. */
  endTime: number;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  /** Called after every page. */
  onProgress?: (p: LiveProgress) => void;
  /** Attempts per request, retries included (default: AWS_MAX_ATTEMPTS, else 5). */
  maxAttempts?: number;
  /** Events per page (FilterLogEvents `limit`, 1–10000); the service default (10,000) when absent. */
  pageSize?: number;
}

export type ClientOptions = Pick<LiveReadOptions, 'region' | 'profile' | 'endpointUrl' | 'maxAttempts'>;

/** A client plus what is needed to word its errors. */
export interface LiveClient {
  client: CloudWatchLogsClient;
  region: string;
  /** The endpoint of the last request sent, e.g. `https://logs.us-east-1.amazonaws.com`. */
  endpoint: () => string | undefined;
  profile: string | undefined;
}

const envValue = (name: string): string | undefined => {
  const v = process.env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
};

function checkOptions(options: LiveReadOptions): void {
  if (options.logGroups.length === 0) throw new NetsleuthError('USAGE', 'give at least one log group');
  for (const group of options.logGroups) {
    if (group.trim() === '') throw new NetsleuthError('USAGE', 'a log group name is empty');
  }
  const { startTime, endTime } = options;
  if (!Number.isSafeInteger(startTime) || startTime < 0 || !Number.isSafeInteger(endTime) || endTime < 0) {
    throw new NetsleuthError('USAGE', 'the time range must be given as whole epoch milliseconds');
  }
  if (startTime > endTime) {
    throw new NetsleuthError(
      'USAGE',
      `the time range starts (${new Date(startTime).toISOString()}) after it ends (${new Date(endTime).toISOString()})`,
    );
  }
  const { pageSize } = options;
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 10_000)) {
    throw new NetsleuthError('USAGE', 'the page size must be a whole number from 1 to 10000');
  }
  if (options.endpointUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(options.endpointUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new NetsleuthError(
        'USAGE',
        `--endpoint-url "${options.endpointUrl}" is not an http:// or https:// URL`,
      );
    }
  }
  if (
    options.maxAttempts !== undefined &&
    !(Number.isInteger(options.maxAttempts) && options.maxAttempts >= 1)
  ) {
    throw new NetsleuthError('USAGE', 'maxAttempts must be a whole number of at least 1');
  }
}

function maxAttemptsFromEnv(): number | undefined {
  const text = envValue('AWS_MAX_ATTEMPTS');
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new NetsleuthError('USAGE', `AWS_MAX_ATTEMPTS="${text}" is not a whole number of at least 1`);
  }
  return n;
}

/**
 * Creates the CloudWatch Logs client and resolves its region (option, AWS_REGION, AWS_DEFAULT_REGION, then
 * the profile's `region`), so that errors can name it.
 */
export async function openClient(options: ClientOptions): Promise<LiveClient> {
  const region = options.region ?? envValue('AWS_REGION') ?? envValue('AWS_DEFAULT_REGION');
  const retryMode = envValue('AWS_RETRY_MODE') ?? 'adaptive';
  // On Node 20 the SDK prints a multi-line NodeVersionSupportWarning to stderr for every process; netsleuth
  // supports Node 20, so it is noise in a CLI's output. Its documented opt-out, unless the user set it.
  process.env[NODE_WARNING_OPT_OUT] ??= 'true';
  const client = new CloudWatchLogsClient({
    ...(region !== undefined ? { region } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.endpointUrl !== undefined ? { endpoint: options.endpointUrl } : {}),
    maxAttempts: options.maxAttempts ?? maxAttemptsFromEnv() ?? DEFAULT_MAX_ATTEMPTS,
    retryMode,
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, socketTimeout: SOCKET_TIMEOUT_MS },
  });
  let lastEndpoint: string | undefined;
  client.middlewareStack.add(
    (next) => async (args) => {
      const req = args.request as { protocol?: string; hostname?: string; port?: number } | undefined;
      if (req?.hostname) {
        lastEndpoint = `${req.protocol ?? 'https:'}//${req.hostname}${req.port ? `:${req.port}` : ''}`;
      }
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'netsleuthEndpointRecorder' },
  );
  let resolved: string;
  try {
    resolved = await client.config.region();
  } catch (err) {
    client.destroy();
    const why = err instanceof Error ? err.message : String(err);
    if (/region is missing/i.test(why)) {
      throw new NetsleuthError(
        'AWS_NO_REGION',
        'no AWS region: pass --region, set AWS_REGION, or set region in the profile (aws configure set region us-east-1)',
      );
    }
    throw new NetsleuthError('AWS_NO_REGION', `cannot determine the AWS region (${oneLine(why)})`);
  }
  return { client, region: resolved, endpoint: () => lastEndpoint, profile: options.profile };
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'timed out',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
  ECONNABORTED: 'connection aborted',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate not trusted',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host',
};

/** The network reason of an error (its own code, or one of its causes'), or undefined. */
function networkReason(err: ErrorLike): string | undefined {
  for (let e: ErrorLike | undefined = err, depth = 0; e && depth < 5; depth++) {
    if (e.code && NETWORK_CODES[e.code]) return NETWORK_CODES[e.code];
    if (e.name === 'TimeoutError') return 'timed out';
    // AggregateError (happy eyeballs: every address refused)
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      const inner = networkReason(errors[0] as ErrorLike);
      if (inner) return inner;
    }
    e = e.cause as ErrorLike | undefined;
  }
  return undefined;
}

function describeEndpoint(live: LiveClient, options: ClientOptions): string {
  return (
    live.endpoint() ??
    options.endpointUrl ??
    envValue('AWS_ENDPOINT_URL_CLOUDWATCH_LOGS') ??
    envValue('AWS_ENDPOINT_URL') ??
    `https://logs.${live.region}.amazonaws.com`
  );
}

/** Turns an SDK or network error into one sentence. */
export function explain(
  err: unknown,
  group: string,
  live: LiveClient,
  options: ClientOptions,
  action = 'FilterLogEvents',
): NetsleuthError {
  if (err instanceof NetsleuthError) return err;
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as ErrorLike;
  const name = e.name ?? 'Error';
  const message = oneLine(e.message ?? '');
  const where = `log group ${group} in ${live.region}`;
  const attempts = e.$metadata?.attempts;
  const afterAttempts = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';

  if (name === 'CredentialsProviderError' || name === 'ProviderError' || name === 'TokenProviderError') {
    const from = live.profile ? `profile "${live.profile}"` : 'the environment, ~/.aws or an attached role';
    return new NetsleuthError(
      'AWS_NO_CREDENTIALS',
      `no AWS credentials from ${from} (${message}): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ` +
        'run aws configure or aws sso login and pass --profile NAME, or run where an IAM role is attached',
    );
  }
  if (name === 'ResourceNotFoundException') {
    return new NetsleuthError('LOG_GROUP_NOT_FOUND', `log group ${group} not found in ${live.region}`);
  }
  if (name === 'AccessDeniedException') {
    return new NetsleuthError(
      'AWS_ACCESS_DENIED',
      `access denied to logs:${action} on ${where} (${message || name}): ` +
        `the caller needs logs:${action} on arn:aws:logs:${live.region}:*:log-group:${group}:*`,
    );
  }
  if (
    name === 'UnrecognizedClientException' ||
    name === 'InvalidSignatureException' ||
    name === 'ExpiredTokenException' ||
    name === 'IncompleteSignatureException' ||
    name === 'MissingAuthenticationTokenException'
  ) {
    return new NetsleuthError(
      'AWS_ACCESS_DENIED',
      `the AWS credentials were rejected when calling logs:${action} on ${where} ` +
        `(${name}${message ? `: ${message}` : ''}); check or refresh them (an expired session needs a new aws sso login or assume-role)`,
    );
  }
  const network = networkReason(e);
  if (network) {
    return new NetsleuthError(
      'AWS_UNREACHABLE',
      `cannot reach the CloudWatch Logs endpoint ${describeEndpoint(live, options)} (${network})${afterAttempts}`,
    );
  }
  if (name === 'ThrottlingException' || e.$metadata?.httpStatusCode === 429) {
    return new NetsleuthError(
      'AWS_REQUEST_FAILED',
      `CloudWatch Logs kept throttling ${action} on ${where}${afterAttempts}; try again later, or with a shorter time range`,
    );
  }
  return new NetsleuthError(
    'AWS_REQUEST_FAILED',
    `${action} on ${where} failed${afterAttempts} (${name}${message ? `: ${message}` : ''})`,
  );
}

interface Counters {
  index: number;
  events: number;
  bytes: number;
  pages: number;
}

/** Every event of one log group, all pages: the loop ends only when a page comes without `nextToken`. */
async function* readGroup(
  live: LiveClient,
  group: string,
  options: LiveReadOptions,
  counters: Counters,
): AsyncGenerator<LogEvent> {
  const prefix = options.logStreamNamePrefix;
  const isArn = group.startsWith('arn:');
  const base: FilterLogEventsCommandInput = {
    ...(isArn ? { logGroupIdentifier: group.replace(/:\*$/, '') } : { logGroupName: group }),
    startTime: options.startTime,
    endTime: options.endTime,
    ...(prefix ? { logStreamNamePrefix: prefix } : {}),
    ...(options.pageSize !== undefined ? { limit: options.pageSize } : {}),
  };
  let nextToken: string | undefined;
  do {
    let page;
    try {
      page = await live.client.send(
        new FilterLogEventsCommand(nextToken === undefined ? base : { ...base, nextToken }),
      );
    } catch (err) {
      throw explain(err, group, live, options);
    }
    counters.pages++;
    for (const e of page.events ?? []) {
      const stream = e.logStreamName;
      // The service applies the prefix; checking again costs nothing and covers emulators that ignore it.
      if (prefix && stream !== undefined && !stream.startsWith(prefix)) continue;
      const message = e.message ?? '';
      counters.events++;
      counters.bytes += Buffer.byteLength(message, 'utf8');
      yield {
        index: counters.index++,
        timestamp: typeof e.timestamp === 'number' ? Math.floor(e.timestamp) : NaN,
        stream,
        message,
      };
    }
    options.onProgress?.({
      events: counters.events,
      bytes: counters.bytes,
      pages: counters.pages,
      logGroup: group,
    });
    nextToken = page.nextToken === null || page.nextToken === '' ? undefined : page.nextToken;
  } while (nextToken !== undefined);
}

/**
 * Yields every event of every log group in `options.logGroups` (one group after the other, each in the
 * order the service returns it) between `startTime` and `endTime`, with a running 0-based `index`.
 * Throws a NetsleuthError with one sentence on any failure.
 */
export async function* readLiveEvents(options: LiveReadOptions): AsyncGenerator<LogEvent> {
  checkOptions(options);
  const live = await openClient(options);
  try {
    const counters: Counters = { index: 0, events: 0, bytes: 0, pages: 0 };
    for (const group of options.logGroups) yield* readGroup(live, group, options, counters);
  } finally {
    live.client.destroy();
  }
}

/**
 * Reads the log groups into the analyser, one input per log group (named after the group, `index`
 * counted from 0 in each), and returns their summaries. Stops at the first error (a NetsleuthError).
 */
export async function analyzeLive(
  analyzer: Analyzer,
  options: LiveReadOptions,
  onEvent?: (input: string, event: LogEvent, classified: ClassifiedEvent) => void,
): Promise<InputSummary[]> {
  checkOptions(options);
  const live = await openClient(options);
  const summaries: InputSummary[] = [];
  try {
    const totals: Counters = { index: 0, events: 0, bytes: 0, pages: 0 };
    for (const group of options.logGroups) {
      const state = analyzer.openInput(group);
      const before = { events: totals.events, bytes: totals.bytes };
      totals.index = 0;
      for await (const event of readGroup(live, group, options, totals)) {
        const classified = analyzer.addEvent(state, event);
        onEvent?.(group, event, classified);
      }
      const summary: InputSummary = {
        name: group,
        format: 'cloudwatch-logs',
        gzip: false,
        events: totals.events - before.events,
        bytes: totals.bytes - before.bytes,
        warnings: [],
      };
      analyzer.closeInput(summary);
      summaries.push(summary);
    }
  } finally {
    live.client.destroy();
  }
  return summaries;
}

export { parseSince, parseTimeArg } from './timeArgs.js';
