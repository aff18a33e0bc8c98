import {
  endpointOfUrl,
  findEndpoint,
  normaliseHost,
  parsePort,
  portFromUrlFor,
  preferHostName,
} from './endpoint.js';
import { DOTNET_SIGNATURES } from './dotnetSignatures.js';
import { GENERIC_SIGNATURES } from './genericSignatures.js';
import { GO_SIGNATURES } from './goSignatures.js';
import { JAVA_SIGNATURES } from './javaSignatures.js';
import { NODE_SIGNATURES } from './nodeSignatures.js';
import { PYTHON_SIGNATURES } from './pythonSignatures.js';
import {
  ECS_SIGNATURES,
  PHP_SIGNATURES,
  RUBY_SIGNATURES,
  RUST_SIGNATURES,
  TLS_SIGNATURES,
} from './rubyPhpRustSignatures.js';
import { serviceName } from './services.js';
import type { ConnectionFailure, Signature } from './types.js';

/** Every signature, most specific first: the first that matches an event decides its class and target. */
export const SIGNATURES: readonly Signature[] = [
  ...NODE_SIGNATURES,
  ...GO_SIGNATURES,
  ...PYTHON_SIGNATURES,
  ...JAVA_SIGNATURES,
  ...DOTNET_SIGNATURES,
  ...RUBY_SIGNATURES,
  ...PHP_SIGNATURES,
  ...RUST_SIGNATURES,
  ...ECS_SIGNATURES,
  ...TLS_SIGNATURES,
  ...GENERIC_SIGNATURES,
];

/**
 * A cheap first look: every signature above contains one of these words, so a message without any of them
 * cannot match and skips the table. Keep it in step with the tables (a test checks it).
 */
const PREFILTER =
  /E(?:CONN|TIMEDOUT|NOTFOUND|AI_|HOSTUNREACH|NETUNREACH|HOSTDOWN|PIPE|TIMEOUT|SERVFAIL|NODATA|SOCKETTIMEDOUT)|hang up|TLS|SSL|[Rr]efused|[Tt]imed ?[Oo]ut|[Tt]imeout|nreachable|[Rr]eset|[Nn]o route|not known|name resolution|servname|[Nn]o such host|Inaccessible host|Errno|Error -?\d|endpoint URL|translate host|Communications link|UnknownHost|ConnectException|deadline exceeded|canceled|violation of protocol|broken pipe|UND_ERR_|temporarily unavailable|connection attempt failed|did not respond|Failed to connect|network-related|UnableToConnect|cURL error|Could not resolve|getaddrinfo|error trying to connect|os error/;

/** Messages longer than this are matched on their first part only (CloudWatch events are at most 1 MB). */
const MAX_MATCH_CHARS = 1 << 20;
const CONTEXT_CHARS = 300;

/** Classifies one log message: a connection failure with its target, or null. */
export function classifyMessage(message: string): ConnectionFailure | null {
  const text = message.length > MAX_MATCH_CHARS ? message.slice(0, MAX_MATCH_CHARS) : message;
  if (!PREFILTER.test(text)) return null;
  for (const signature of SIGNATURES) {
    const m = signature.pattern.exec(text);
    if (!m) continue;
    const errorClass =
      typeof signature.errorClass === 'function' ? signature.errorClass(m) : signature.errorClass;
    if (!errorClass) continue;
    let host: string | null = null;
    let port: number | null = null;
    if (signature.urlGroup !== undefined) {
      const url = endpointOfUrl(m[signature.urlGroup] ?? '');
      host = url?.host ?? null;
      port = url?.port ?? null;
    }
    if (signature.hostGroup !== undefined && m[signature.hostGroup])
      host = normaliseHost(m[signature.hostGroup] ?? '');
    if (signature.portGroup !== undefined) port = parsePort(m[signature.portGroup]) ?? port;
    if (signature.altPortGroup !== undefined) port = port ?? parsePort(m[signature.altPortGroup]);
    // Text printed near the error (a bounded window keeps this linear) fills in what the match lacks.
    const around = text.slice(Math.max(0, m.index - CONTEXT_CHARS), m.index + m[0].length + CONTEXT_CHARS);
    if (host === null) {
      const found = findEndpoint(around);
      if (found) {
        host = found.host;
        port = port ?? found.port;
      }
    } else {
      ({ host, port } = preferHostName({ host, port }, around));
      if (port === null && host !== null) port = portFromUrlFor(host, around);
    }
    return {
      errorClass,
      host,
      port,
      service: serviceName(host, port),
      runtime: signature.runtime,
      signature: signature.id,
      error: m[0].replace(/\s+/g, ' ').slice(0, 200),
      excerpt: excerptOf(text, m.index, m[0].length),
    };
  }
  return null;
}

/** The line of the message that holds the match, trimmed to a readable length. */
function excerptOf(text: string, at: number, length: number): string {
  let start = text.lastIndexOf('\n', at) + 1;
  let end = text.indexOf('\n', at + length);
  if (end === -1) end = text.length;
  if (at - start > 120) start = at - 40;
  if (end - start > 240) end = Math.min(end, Math.max(at + length + 40, start + 240));
  return text
    .slice(start, end)
    .replace(/[\r\t]+/g, ' ')
    .trim();
}
