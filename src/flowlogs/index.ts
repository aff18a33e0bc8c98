// The isomorphic part of the flow logs module (no `node:` imports); file reading is in ./node/.
export { FLOW_LOG_FIELDS, DEFAULT_FLOW_LOG_FIELDS, isKnownFlowLogField } from './flowLogFields.js';
export {
  DEFAULT_FLOW_LOG_FORMAT,
  headerFormat,
  parseFlowLogFormat,
  type FlowLogFormat,
} from './flowLogFormat.js';
export type { FlowRecord } from './flowRecord.js';
export { FlowLogParser, type FlowLogParseSummary, type FlowLogParserOptions } from './flowLogParser.js';
export {
  readFlowLogBytes,
  type FlowLogInputSummary,
  type ReadFlowLogBytesOptions,
} from './readFlowLogBytes.js';
export type {
  FlowCounts,
  FlowEniInfo,
  FlowEniMap,
  FlowEvidence,
  FlowGroupRow,
  FlowObservedAt,
  FlowSample,
  FlowSourceRow,
  FlowTarget,
  FlowVerdictCode,
} from './flowEvidence.js';
export { FlowCorrelator, type FlowCorrelatorOptions } from './flowCorrelator.js';
export { correlateFlows } from './correlateFlows.js';
export {
  attributeFailures,
  CONCENTRATION_SHARE,
  type AttributionAzRow,
  type AttributionInput,
  type AttributionSubnetRow,
  type AttributionTaskRow,
  type FailureAttribution,
  type FailureCount,
} from './attributeFailures.js';
export {
  ATHENA_RESULT_COLUMNS,
  buildAthenaFlowQuery,
  type AthenaPartitionScheme,
  type AthenaQueryOptions,
} from './athenaQuery.js';
export { evidenceFromAthenaResults, type AthenaQueryResultsPage } from './evidenceFromAthenaResults.js';
