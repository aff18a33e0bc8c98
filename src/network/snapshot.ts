import { addDocument } from './buildModel.js';
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
