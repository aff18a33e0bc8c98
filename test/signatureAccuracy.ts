import { classifyMessage } from '../src/core/signatures/matcher.js';
import { ERROR_CLASSES, type ErrorClass } from '../src/core/signatures/types.js';
import { SIGNATURE_CASES } from './signatureCases.js';
import { MORE_SIGNATURE_CASES } from './signatureCases2.js';
import { THIRD_SIGNATURE_CASES } from './signatureCases3.js';

/** What every table shares: a message, what it must classify as, and where it was seen. */
export interface TableCase {
  message: string;
  expect: null | { class: string; host?: string; port?: number };
  source: string;
}

/** Every real-world case, in table order. */
export const TABLE: TableCase[] = [...SIGNATURE_CASES, ...MORE_SIGNATURE_CASES, ...THIRD_SIGNATURE_CASES];

export interface Outcome {
  ok: boolean;
  got: null | { class: string; host?: string; port?: number };
}

/** Whether a case is classified exactly: class, host and port (absent when the case leaves them out). */
export function outcome(c: TableCase): Outcome {
  const f = classifyMessage(c.message);
  const got = f ? { class: f.errorClass, host: f.host ?? undefined, port: f.port ?? undefined } : null;
  const want = c.expect ? { class: c.expect.class, host: c.expect.host, port: c.expect.port } : null;
  return { ok: JSON.stringify(got) === JSON.stringify(want), got };
}

export interface ClassScore {
  errorClass: ErrorClass;
  /** Cases expected in the class. */
  cases: number;
  truePositives: number;
  falseNegatives: number;
  falsePositives: number;
  /** Percentages; 100 when there is nothing to miss (or nothing claimed). */
  recall: number;
  precision: number;
}

/** Per-class recall and precision of the class alone (targets aside), plus exact matches, on a table. */
export function scoreTable(table: readonly TableCase[] = TABLE): {
  classes: ClassScore[];
  exact: number;
  total: number;
  nearMisses: number;
  nearMissesKept: number;
} {
  const got = table.map((c) => classifyMessage(c.message)?.errorClass ?? null);
  const classes = ERROR_CLASSES.map((cls): ClassScore => {
    let tp = 0;
    let fn = 0;
    let fp = 0;
    table.forEach((c, i) => {
      if (c.expect?.class === cls) {
        if (got[i] === cls) tp++;
        else fn++;
      } else if (got[i] === cls) fp++;
    });
    return {
      errorClass: cls,
      cases: tp + fn,
      truePositives: tp,
      falseNegatives: fn,
      falsePositives: fp,
      recall: tp + fn > 0 ? (100 * tp) / (tp + fn) : 100,
      precision: tp + fp > 0 ? (100 * tp) / (tp + fp) : 100,
    };
  });
  const nearMisses = table.filter((c) => c.expect === null);
  return {
    classes,
    exact: table.filter((c) => outcome(c).ok).length,
    total: table.length,
    nearMisses: nearMisses.length,
    nearMissesKept: nearMisses.filter((c) => classifyMessage(c.message) === null).length,
  };
}

/** The score as lines of text (the test and scripts/signature-accuracy.ts print it). */
export function formatScore(score: ReturnType<typeof scoreTable>): string[] {
  return [
    ...score.classes.map(
      (s) =>
        `${s.errorClass.padEnd(11)} recall ${s.recall.toFixed(1).padStart(5)} %  precision ${s.precision.toFixed(1).padStart(5)} %  (${s.cases} cases, ${s.falsePositives} false positives)`,
    ),
    `near misses left alone: ${score.nearMissesKept} of ${score.nearMisses}`,
    `exact (class, host, port): ${score.exact} of ${score.total}`,
  ];
}
