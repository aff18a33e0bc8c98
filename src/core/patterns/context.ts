import type { ScopeAggregates } from '../aggregate/scopeAggregates.js';
import type { InvocationTotals } from '../lambda/invocationTracker.js';
import type { Finding } from '../report.js';

/** Everything a pattern may read: the aggregates, never the raw events. */
export interface PatternContext {
  windowMs: number;
  lambda: ScopeAggregates & { totals: InvocationTotals; functionNames: ReadonlySet<string> };
  ecs: ScopeAggregates & {
    tasks: ReadonlySet<string>;
    tasksWithErrors: ReadonlySet<string>;
    failuresByTask: ReadonlyMap<string, number>;
  };
}

export interface PatternDefinition {
  /** Equals the folder name under src/core/patterns/. */
  id: string;
  title: string;
  platform: 'ecs' | 'lambda';
  /** One line: what the pattern is about. */
  tagline: string;
  /** The detection criteria, as the README states them. */
  criteria: string[];
  evaluate(context: PatternContext): Finding | null;
}
