import type { DecodeWarning } from './events.js';
import type { FailureAttribution } from '../flowlogs/attributeFailures.js';
import type { FlowEvidence } from '../flowlogs/flowEvidence.js';
import type { RootCause } from '../network/rootCauses.js';
import type { ErrorClass } from './signatures/types.js';

/**
 * The JSON report. This is a public contract (schema/report.v1.schema.json): add fields freely,
 * but removing or retyping one means a new schemaVersion.
 */
export const SCHEMA_VERSION = 1;

export const SEVERITIES = ['info', 'elevated', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export interface InputSummary {
  name: string;
  /**
   * Shape recognised: filter-log-events, get-log-events, events-array, json-lines, logs-insights,
   * subscription, text, s3-export (several joined with `+` for a directory), cloudwatch-logs (a live read),
   * logs-insights-aggregates (`--engine insights`), unreadable (the page, for a file it could not read).
   */
  format: string;
  gzip: boolean;
  events: number;
  /** Bytes read after decompression. */
  bytes: number;
  warnings: DecodeWarning[];
}

export interface TargetRow {
  host: string | null;
  port: number | null;
  service: string | null;
  class: ErrorClass;
  /** Failure events for this (host, port, class). */
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** The error as printed, e.g. `connect ETIMEDOUT 10.0.3.47:5432`. */
  error: string;
  /** One log line that shows it. */
  example: string;
  /** ECS only: up to 3 task ids (from awslogs stream names) that logged this failure. */
  tasks?: string[];
  /** With `--config`: the path from each source to this target, evaluated against the VPC configuration. */
  rootCauses?: RootCause[];
}

export interface FixStep {
  id: string;
  title: string;
  detail: string;
  commands: string[];
}

export interface TimelineBucket {
  /** Window start, ISO 8601. */
  start: string;
  /** Failure events in the window, by class. */
  failures: Partial<Record<ErrorClass, number>>;
}

export interface Evidence {
  /** Failure events. */
  events: number;
  failingInvocations?: number;
  invocations?: number;
  /** Failing invocations that also ran into their configured timeout. */
  failingTimedOut?: number;
  /** Billed milliseconds of the failing invocations. */
  failingBilledMs?: number;
  /** GB-seconds of the failing invocations (billed ms × memory size). */
  failingGbSeconds?: number;
  /** Log windows (windows holding ≥ 1 event) that hold ≥ 1 failure. */
  windowsWithErrors?: number;
  /** Log windows: windows holding ≥ 1 event. */
  windows?: number;
  /** ECS tasks (from awslogs stream names) with ≥ 1 failure, and all tasks seen. */
  tasksWithErrors?: number;
  tasks?: number;
  /** Failure events that no invocation could be assigned to (for example, during init). */
  unattributedEvents?: number;
  /**
   * Pool-acquire timeouts (class `pool`): a client gave up waiting for a pooled connection. They have target
   * rows but are not in `events`, the timeline, failing invocations or the severity. Absent when 0.
   */
  poolEvents?: number;
  /**
   * Certificate validation failures (expired, untrusted or mismatched certificates): not network failures, so
   * not in `events`, targets, the timeline, failing invocations or the severity. Absent when 0.
   */
  certificateEvents?: number;
}

export interface Finding {
  pattern: string;
  title: string;
  severity: Severity;
  summary: string;
  /** Why this severity, in the words of the detection criteria. */
  severityReason: string;
  evidence: Evidence;
  targets: TargetRow[];
  /** Failure events per window, only windows with failures. */
  timeline: TimelineBucket[];
  /** Start of every log window of the finding's platform (windows holding ≥ 1 event), when ≤ 10,000. */
  logWindows?: string[];
  fix: FixStep[];
  /**
   * Where the failures came from: by task (ECS, from stream names), and with `--config` by subnet and AZ,
   * with a sentence when they concentrate in one place.
   */
  attribution?: FailureAttribution & {
    /** What was counted: failure events in the logs, or flow-log records of failing attempts (Lambda). */
    basis?: 'log-events' | 'flow-records';
  };
  /** With `--flow-logs`: what VPC Flow Logs recorded for each failing IP target in the finding's time range. */
  flowEvidence?: FlowEvidence[];
}

export interface LambdaSummary {
  invocations: number;
  failingInvocations: number;
  timedOut: number;
  billedMs: number;
  functionNames: string[];
}

export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'netsleuth'; version: string };
  generatedAt: string;
  inputs: InputSummary[];
  timeRange: { start: string | null; end: string | null };
  window: { ms: number; total: number; withEvents: number };
  lambda?: LambdaSummary;
  ecs?: { events: number; tasks: number; windows: number };
  findings: Finding[];
  /** With `--config`: which describe-* outputs were read, and what could not be. */
  configuration?: { present: string[]; warnings: string[]; files?: string[] };
  /** With `--flow-logs`: what was read. */
  flowLogs?: { files: number; records: number; badLines: number; warnings: string[] };
}
