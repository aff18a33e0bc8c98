/**
 * The flow log record fields AWS documents, with the flow log version that introduced each
 * (https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html). Data, not code: a new field
 * is one line here. Names not in this table are still read (kept as text) so a newer format never fails.
 * The ecs-* and reject-reason names match the CDK `LogFormat` enum; their versions (7, 8) could not be
 * checked against the docs here and only feed `FlowLogFormat.version`, never parsing.
 */
export const FLOW_LOG_FIELDS: Readonly<Record<string, number>> = {
  version: 2,
  'account-id': 2,
  'interface-id': 2,
  srcaddr: 2,
  dstaddr: 2,
  srcport: 2,
  dstport: 2,
  protocol: 2,
  packets: 2,
  bytes: 2,
  start: 2,
  end: 2,
  action: 2,
  'log-status': 2,
  'vpc-id': 3,
  'subnet-id': 3,
  'instance-id': 3,
  'tcp-flags': 3,
  type: 3,
  'pkt-srcaddr': 3,
  'pkt-dstaddr': 3,
  region: 4,
  'az-id': 4,
  'sublocation-type': 4,
  'sublocation-id': 4,
  'pkt-src-aws-service': 5,
  'pkt-dst-aws-service': 5,
  'flow-direction': 5,
  'traffic-path': 5,
  'ecs-cluster-arn': 7,
  'ecs-cluster-name': 7,
  'ecs-container-instance-arn': 7,
  'ecs-container-instance-id': 7,
  'ecs-container-id': 7,
  'ecs-second-container-id': 7,
  'ecs-service-name': 7,
  'ecs-task-definition-arn': 7,
  'ecs-task-arn': 7,
  'ecs-task-id': 7,
  'reject-reason': 8,
};

/** The default (version 2) format, in its fixed order. */
export const DEFAULT_FLOW_LOG_FIELDS: readonly string[] = [
  'version',
  'account-id',
  'interface-id',
  'srcaddr',
  'dstaddr',
  'srcport',
  'dstport',
  'protocol',
  'packets',
  'bytes',
  'start',
  'end',
  'action',
  'log-status',
];

/** Fields whose values are integers (or `-`); a non-number there makes the line bad. */
export const NUMERIC_FLOW_LOG_FIELDS: ReadonlySet<string> = new Set([
  'version',
  'srcport',
  'dstport',
  'protocol',
  'packets',
  'bytes',
  'start',
  'end',
  'tcp-flags',
  'traffic-path',
]);

export function isKnownFlowLogField(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(FLOW_LOG_FIELDS, name);
}
