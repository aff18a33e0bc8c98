import type { FlowEvidence, FlowTarget } from './flowEvidence.js';
import { FlowCorrelator, type FlowCorrelatorOptions } from './flowCorrelator.js';
import type { FlowRecord } from './flowRecord.js';

/** Pure form of FlowCorrelator: the evidence for each target from any iterable of records. */
export function correlateFlows(
  targets: readonly FlowTarget[],
  records: Iterable<FlowRecord>,
  options: FlowCorrelatorOptions = {},
): FlowEvidence[] {
  const correlator = new FlowCorrelator(targets, options);
  for (const r of records) correlator.add(r);
  return correlator.result();
}
