import type { PatternDefinition } from './context.js';
import { ecsNetworkConnectivity } from './ecs-network-connectivity/pattern.js';
import { lambdaConnectionFailures } from './lambda-connection-failures/pattern.js';

/** Every detection pattern, in report order. A catalogue test checks folders, ids and READMEs agree. */
export const PATTERNS: readonly PatternDefinition[] = [ecsNetworkConnectivity, lambdaConnectionFailures];

export function findPattern(id: string): PatternDefinition | undefined {
  return PATTERNS.find((p) => p.id === id);
}
