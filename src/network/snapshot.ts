import { addDocument } from './buildModel.js';
import { documentsFromTerraform, isTerraformShow } from './terraformPlan.js';
import { emptyModel, type NetworkModel } from './model.js';

/** A snapshot file: every describe-* output collected in one go, kept as the AWS CLI would print it. */
export interface Snapshot {
  netsleuthSnapshot: 1;
  region: string | null;
  collectedAt: string;
  vpcId: string | null;
  /** One entry per API call: the call as the `aws` CLI spells it, and its (merged, paginated) output. */
  documents: { call: string; output: unknown }[];
  /** Calls that failed (denied, unsupported) and what that leaves unknown. */
  warnings: string[];
}

export function isSnapshot(doc: unknown): doc is Snapshot {
  return (
    typeof doc === 'object' &&
    doc !== null &&
    (doc as { netsleuthSnapshot?: unknown }).netsleuthSnapshot === 1
  );
}

/** Adds a parsed JSON file (a snapshot, a describe-* output, or an array of them) to the model. */
export function addJsonFile(model: NetworkModel, doc: unknown, name: string): void {
  if (isTerraformShow(doc)) {
    // a resource type the plan does not have must not look exported (it would hide what is missing)
    for (const d of documentsFromTerraform(doc)) {
      if (Object.values(d).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined)))
        addDocument(model, d, `${name} (terraform)`);
    }
    return;
  }
  if (isSnapshot(doc)) {
    for (const [i, d] of (Array.isArray(doc.documents) ? doc.documents : []).entries()) {
      addDocument(model, d?.output, `${name} (${d?.call ?? `document ${i + 1}`})`);
    }
    for (const w of Array.isArray(doc.warnings) ? doc.warnings : [])
      model.warnings.push(`${name}: ${typeof w === 'string' ? w : JSON.stringify(w)}`);
    return;
  }
  if (Array.isArray(doc)) {
    doc.forEach((d, i) => addJsonFile(model, d, `${name}[${i}]`));
    return;
  }
  addDocument(model, doc, name);
}

export function modelFromDocuments(docs: readonly { name: string; json: unknown }[]): NetworkModel {
  const model = emptyModel();
  for (const d of docs) addJsonFile(model, d.json, d.name);
  return model;
}

/** First keys of the `aws … describe-*` outputs (and snapshots) the configuration model reads. */
export const CONFIG_KEYS = new Set([
  'netsleuthSnapshot',
  'format_version',
  'Vpcs',
  'VpcId',
  'EnableDnsSupport',
  'EnableDnsHostnames',
  'EnableNetworkAddressUsageMetrics',
  'Subnets',
  'RouteTables',
  'NetworkAcls',
  'SecurityGroups',
  'NetworkInterfaces',
  'NatGateways',
  'InternetGateways',
  'VpcEndpoints',
  'PrefixLists',
  'Reservations',
  'InstanceTypes',
  'tasks',
  'services',
  'taskDefinition',
  'containerInstances',
  'settings',
  'FunctionName',
  'Functions',
  'DBInstances',
  'DBClusters',
  'CacheClusters',
  'LoadBalancers',
  'FlowLogs',
  'HostedZone',
  // a page printed with --no-paginate can start with its token (CloudWatch Logs spells its own in lower case)
  'NextToken',
  'NextMarker',
  'Marker',
]);

/** Whether a file that starts with `head` is a configuration document (or an array of them), by its first key. */
export function looksLikeConfiguration(head: string): boolean {
  const first = firstKey(head);
  return first !== undefined && CONFIG_KEYS.has(first);
}

/** The first key of the JSON object (or array of objects) that `head` starts. */
export function firstKey(head: string): string | undefined {
  return /^\uFEFF?\s*\[?\s*\{\s*"([^"\\]{1,40})"\s*:/.exec(head)?.[1];
}
