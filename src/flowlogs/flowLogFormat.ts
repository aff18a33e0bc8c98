import { NetsleuthError } from '../core/errors.js';
import { DEFAULT_FLOW_LOG_FIELDS, FLOW_LOG_FIELDS, isKnownFlowLogField } from './flowLogFields.js';

/** How the records of one input are laid out: field names in order, and where that came from. */
export interface FlowLogFormat {
  fields: readonly string[];
  /** `header` (first line of an S3 delivery file), `option` (a format string given), `default-v2`. */
  origin: 'header' | 'option' | 'default-v2';
  /** Highest version among the fields, as AWS computes the `version` field of a custom format. */
  version: number;
  /** Names not in the documented table: read as text, reported once. */
  unknownFields: string[];
}

const FIELD_NAME = /^[a-z][a-z0-9-]*$/;
const PLACEHOLDER = /\$\{([^}\s]*)\}/g;

function formatOf(fields: string[], origin: FlowLogFormat['origin']): FlowLogFormat {
  let version = 2;
  const unknownFields: string[] = [];
  for (const f of fields) {
    const v = FLOW_LOG_FIELDS[f];
    if (v === undefined) unknownFields.push(f);
    else if (v > version) version = v;
  }
  return { fields, origin, version, unknownFields };
}

export const DEFAULT_FLOW_LOG_FORMAT: FlowLogFormat = formatOf([...DEFAULT_FLOW_LOG_FIELDS], 'default-v2');

/**
 * Reads a format as `describe-flow-logs` returns it in `LogFormat` (`${version} ${account-id} …`), or as
 * plain space-separated names. Throws a USAGE error that shows the expected spelling when it is neither.
 */
export function parseFlowLogFormat(text: string): FlowLogFormat {
  const trimmed = text.trim();
  let fields: string[];
  if (trimmed.includes('${')) {
    fields = [...trimmed.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
    // anything outside the placeholders other than spaces means a mangled string (shell ate a `$`)
    const rest = trimmed.replace(PLACEHOLDER, '').trim();
    if (rest.length > 0) throw badFormat(text, `unexpected text "${rest.slice(0, 40)}"`);
  } else {
    fields = trimmed.split(/\s+/).filter((f) => f.length > 0);
  }
  if (fields.length === 0) throw badFormat(text, 'it names no field');
  const bad = fields.find((f) => !FIELD_NAME.test(f));
  if (bad !== undefined) throw badFormat(text, `"${bad}" is not a field name`);
  return formatOf(fields, 'option');
}

function badFormat(text: string, why: string): NetsleuthError {
  return new NetsleuthError(
    'USAGE',
    `flow log format "${text.slice(0, 80)}" cannot be read (${why}); pass it as describe-flow-logs prints LogFormat, e.g. '\${version} \${interface-id} \${srcaddr} \${dstaddr} …' (single quotes keep the shell from expanding it)`,
  );
}

/**
 * A header line of an S3 delivery file: only field names, at least half of them documented ones. Data
 * values never qualify: they are numbers, `-`, upper-case actions or ids that are not field names.
 */
export function headerFormat(tokens: readonly string[]): FlowLogFormat | undefined {
  if (tokens.length === 0) return undefined;
  let known = 0;
  for (const t of tokens) {
    if (!FIELD_NAME.test(t)) return undefined;
    if (isKnownFlowLogField(t)) known++;
  }
  return known * 2 >= tokens.length ? formatOf([...tokens], 'header') : undefined;
}
