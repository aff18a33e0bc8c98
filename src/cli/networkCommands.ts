// What the configuration, path, doctor, verify and flow-log features use, in one module that the CLI loads
// with import() when a command needs it: `analyze` on log files alone starts without it.
export { loadConfig } from '../node/loadConfig.js';
export { attachRootCauses, lambdaFunctionsFor, rootCausesFor } from '../network/rootCauses.js';
export { resolveSource } from '../network/pathEnds.js';
export { flowEvidenceLine, pathText } from '../format/pathReport.js';
export { doctorMarkdown, doctorText, verifyMarkdown, verifyText } from '../format/doctorReport.js';
export { parseIntents, verifyIntents } from '../network/intents.js';
export { dependenciesFromEnvironment, doctorSource, runDoctor } from '../network/doctor.js';
export { attachEcsAttribution, flowTargetsOf, FlowJoin } from '../network/flowJoin.js';
export { buildAthenaFlowQuery } from '../flowlogs/athenaQuery.js';
export { evidenceFromAthenaResults } from '../flowlogs/evidenceFromAthenaResults.js';
export { parseFlowLogFormat } from '../flowlogs/flowLogFormat.js';
