import {
  dumpEndpoint,
  dumpHostName,
  endpointOfUrl,
  findEndpoint,
  isHostChar,
  isIpAddress,
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
import { POOL_SIGNATURES } from './poolSignatures.js';
import { PYTHON_SIGNATURES } from './pythonSignatures.js';
import {
  ECS_SIGNATURES,
  PHP_SIGNATURES,
  RUBY_SIGNATURES,
  RUST_SIGNATURES,
  TLS_SIGNATURES,
} from './rubyPhpRustSignatures.js';
import { serviceName } from './services.js';
import { CERTIFICATE_PREFILTER_SOURCE } from './certificates.js';
import { MAY_MATTER_TRIGRAMS } from './mayMatterTrigrams.js';
import { TrigramFilter } from './trigramFilter.js';
import type { ConnectionFailure, Signature } from './types.js';

/** Every signature, most specific first: the first that matches an event decides its class and target. */
export const SIGNATURES: readonly Signature[] = [
  ...POOL_SIGNATURES,
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
  /E(?:CONN|TIMEDOUT|NOTFOUND|AI_|HOSTUNREACH|NETUNREACH|HOSTDOWN|PIPE|TIMEOUT|SERVFAIL|NODATA|SOCKETTIMEDOUT)|[Cc]onnect|lookup |SocketError|forcibly closed|hang up|TLS|SSL|[Rr]efused|[Tt]imed ?[Oo]ut|[Tt]imeout|nreachable|[Rr]eset|[Nn]o route|not known|name resolution|servname|[Nn]o such host|Inaccessible host|Errno|Error -?\d|endpoint URL|translate host|Communications link|UnknownHost|ConnectException|deadline exceeded|canceled|violation of protocol|broken pipe|UND_ERR_|[Pp]ool|Acquire operation|Can't reach database|Cannot connect to host|Can't connect to MySQL|Unknown MySQL server|Unable to connect to|Failed connecting to|dial error|IOException: connect |Unable to execute HTTP request|KafkaJSConnectionError|\[Connection\] Connection timeout|command: 'CONN'|first connect|MongoNetworkError|Name resolution failed|Connect call failed|could not be established|No connection is available|pre-login handshake|HttpClient\.Timeout|bad address|could not be resolved|can't connect to remote host|resolve host address|failed to respond|RemoteDisconnected|SSL peer shut down|Connect Timeout Error|lookup address|error trying to connect|ConnectError|temporarily unavailable|connection attempt failed|did not respond|[Ff]ailed to connect|network-related|UnableToConnect|cURL error|Could not resolve|getaddrinfo|error trying to connect|os error/;

/** Messages longer than this are matched on their first part only (CloudWatch events are at most 1 MB). */
const MAX_MATCH_CHARS = 1 << 20;
const CONTEXT_CHARS = 300;
/** How far after an error its dumped fields (Node's `{ code, address, port, host }`) are looked for. */
const DUMP_CHARS = 1500;

/**
 * Where a printed exception names its cause: Java `Caused by:` and Spring's `nested exception is`, .NET's
 * ` ---> ` inner exception, Node's `[cause]:`, aws-sdk-go's `caused by:` (the cause follows), and Python's
 * chained tracebacks (the cause came before).
 */
const CAUSE_MARKER =
  /(Caused by: |caused by: |nested exception is |\s---> |\[cause\]: )|(During handling of the above exception, another exception occurred|The above exception was the direct cause of the following exception)/g;
const MAX_SEGMENTS = 32;
/** How much of its causes' text an exception is read with (the signatures look at most 2,000 characters on). */
const SCOPE_CHARS = 4000;
/**
 * Text just before a match that makes it a description, not a report: help and configuration that name the
 * condition (`--retry-connrefused: Retry on connection refused`, `Consider "connection refused" a transient
 * error`, `ignore ECONNRESET`), and lines saying a failure is over (`connection restored after …`).
 */
const DESCRIBES_CONDITION =
  /\b(?:(?:retry|retries|retrying|reconnect)\s{1,3}(?:on|if|when|upon)|ignor(?:e|es|ing)|treat(?:s|ing)?|consider(?:s|ing)?|(?:restored|recovered|succeeded|reconnected|re-established)\s{1,3}after)\W{0,3}$/i;

interface Segment {
  /** The exception with its causes (the deeper segments next to it). */
  start: number;
  end: number;
  /** The exception's own text. */
  ownStart: number;
  ownEnd: number;
  depth: number;
}

/** The message cut at its cause markers, innermost cause first (one segment when it names no cause). */
export function causeSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  let depth = 0;
  CAUSE_MARKER.lastIndex = 0;
  for (let m = CAUSE_MARKER.exec(text); m !== null; m = CAUSE_MARKER.exec(text)) {
    if (segments.length >= MAX_SEGMENTS - 1) break;
    segments.push({ start, end: m.index, ownStart: start, ownEnd: m.index, depth });
    start = m.index;
    depth += m[1] !== undefined ? 1 : -1;
  }
  segments.push({ start, end: text.length, ownStart: start, ownEnd: text.length, depth });
  if (segments.length === 1) return segments;
  // Each exception is read together with its causes (the deeper segments next to it), as wrappers often
  // quote or summarise them; deepest first, among equals the later one.
  const scoped = segments.map((s, i) => {
    let l = i;
    let r = i;
    while (l > 0 && (segments[l - 1] as Segment).depth > s.depth) l--;
    while (r < segments.length - 1 && (segments[r + 1] as Segment).depth > s.depth) r++;
    return {
      // bounded, so a message of many causes is read a bounded number of times over
      seg: {
        ...s,
        start: Math.max((segments[l] as Segment).start, s.ownStart - SCOPE_CHARS),
        end: Math.min((segments[r] as Segment).end, s.ownEnd + SCOPE_CHARS),
      },
      i,
    };
  });
  return scoped.sort((a, b) => b.seg.depth - a.seg.depth || b.i - a.i).map((x) => x.seg);
}

/**
 * Whether a text may matter: false means `classifyMessage` finds no failure in it and `isCertificateFailure`
 * is false for it (one pass of both prefilters). The raw body of a JSON string whose escapes are only \n \t
 * \r \" \\ may be given instead of its decoded text: every word of both prefilters is letters, digits,
 * spaces and punctuation that such escapes leave where they are.
 */
export function mayMatter(text: string): boolean {
  return MAY_MATTER.test(text);
}
const MAY_MATTER = new RegExp(`${PREFILTER.source}|${CERTIFICATE_PREFILTER_SOURCE}`);
/**
 * The byte-level first look of mayMatter (exported for its tests), with the trigrams derived from its source at
 * build time (scripts/build-trigrams.mjs; test/trigramFilter.test.ts derives them again).
 */
export const MAY_MATTER_BYTES = new TrigramFilter(MAY_MATTER.source, MAY_MATTER_TRIGRAMS);

/**
 * The first look of `mayMatter` on bytes (a raw JSON string body, as `mayMatter` may be given): false means
 * `mayMatter` is false for the Latin-1 text of bytes[start, end); true means it may be (ask it).
 */
export function mayMatterBytes(bytes: Uint8Array, start: number, end: number): boolean {
  return MAY_MATTER_BYTES.mayMatch(bytes, start, end);
}

/** Classifies one log message: a connection failure with its target, or null. */
export function classifyMessage(message: string): ConnectionFailure | null {
  return classifyWithSpan(message, undefined);
}

/**
 * Where the `error` and `excerpt` of a failure classifyMessage found were taken from: the match
 * message[at, at + length), in the part message[partStart, partEnd) that was searched.
 */
export interface MatchSpan {
  partStart: number;
  partEnd: number;
  at: number;
  length: number;
}

/** classifyMessage, which also fills `span` (when given) with where the failure's texts come from. */
export function classifyWithSpan(message: string, span: MatchSpan | undefined): ConnectionFailure | null {
  const text = message.length > MAX_MATCH_CHARS ? message.slice(0, MAX_MATCH_CHARS) : message;
  if (!PREFILTER.test(text)) return null;
  const segments = causeSegments(text);
  if (segments.length === 1) return classifyPart(text, 0, text.length, true, span);
  // A stack trace with causes: the innermost cause that is a failure decides the class; when it prints no
  // target, the nearest wrapper that is a failure and names one gives it.
  let chosen: ConnectionFailure | null = null;
  let chosenSegment: Segment | undefined;
  // the innermost failure's texts stay the chosen one's (combineCause keeps them)
  const chosenSpan: MatchSpan | undefined = span && { partStart: 0, partEnd: 0, at: 0, length: 0 };
  for (const seg of segments) {
    // the innermost failure is read with its causes; a wrapper only by its own text, for the target it names
    const inner: ConnectionFailure | null = chosen;
    const f: ConnectionFailure | null = inner
      ? classifyPart(text, seg.ownStart, seg.ownEnd, false, undefined)
      : classifyPart(text, seg.start, seg.end, false, chosenSpan);
    if (!f) continue;
    const next: ConnectionFailure = inner ? combineCause(inner, f) : f;
    if (!inner) chosenSegment = seg;
    chosen = next;
    if (next.host !== null && next.port !== null) break;
  }
  if (!chosen || !chosenSegment) return null;
  if (span && chosenSpan) Object.assign(span, chosenSpan);
  if (chosen.host === null) {
    // nothing named a target: look around the innermost failure, as for a message without causes
    return classifyPart(text, chosenSegment.start, chosenSegment.end, true, span) ?? chosen;
  }
  return chosen;
}

/**
 * The failure `template` that classifyWithSpan found at `span` in another text of the message's length,
 * with line breaks and whitespace where the message has them (a runtime line masked by maskRuntimeStamp),
 * with its error text and excerpt taken from `message` instead: for the text itself, exactly what
 * classifyMessage gives.
 */
export function failureAt(template: ConnectionFailure, span: MatchSpan, message: string): ConnectionFailure {
  return {
    ...template,
    error: errorText(message.slice(span.at, span.at + span.length)),
    excerpt: excerptOf(message.slice(span.partStart, span.partEnd), span.at - span.partStart, span.length),
  };
}

/** The matched text as a failure's `error`: whitespace runs as one space, at most 200 characters. */
function errorText(match: string): string {
  return match.replace(/\s+/g, ' ').slice(0, 200);
}

/**
 * One failure from an exception and a wrapper of it (the same connection attempt): the inner cause decides
 * the class; the target is the inner one's, completed from the wrapper's (its port for the same host, a host
 * name for the IP it resolved to, or the whole target when the cause printed none).
 */
export function combineCause(inner: ConnectionFailure, outer: ConnectionFailure): ConnectionFailure {
  let { host, port } = inner;
  if (outer.host !== null) {
    if (host === null) {
      host = outer.host;
      port = port ?? outer.port;
    } else if (host === outer.host) {
      port = port ?? outer.port;
    } else if (
      isIpAddress(host) &&
      !isIpAddress(outer.host) &&
      (port === null || outer.port === null || port === outer.port)
    ) {
      host = outer.host;
      port = port ?? outer.port;
    }
  }
  if (host === inner.host && port === inner.port) return inner;
  return { ...inner, host, port, service: serviceName(host, port) };
}

/**
 * Classifies text[start, end) with the first signature that matches. With `context`, a target the match
 * does not print is looked for in the message around it.
 */
function classifyPart(
  text: string,
  start: number,
  end: number,
  context: boolean,
  span: MatchSpan | undefined,
): ConnectionFailure | null {
  const part = start === 0 && end === text.length ? text : text.slice(start, end);
  if (start !== 0 && !PREFILTER.test(part)) return null;
  for (const signature of SIGNATURES) {
    const m = signature.pattern.exec(part);
    if (!m) continue;
    if (DESCRIBES_CONDITION.test(part.slice(Math.max(0, m.index - 40), m.index))) continue;
    if (signature.nearMiss) return null;
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
    else if (signature.altHostGroup !== undefined && m[signature.altHostGroup])
      host = normaliseHost(m[signature.altHostGroup] ?? '');
    if (signature.portGroup !== undefined) port = parsePort(m[signature.portGroup]) ?? port;
    if (signature.altPortGroup !== undefined) port = port ?? parsePort(m[signature.altPortGroup]);
    // Text printed near the error (a bounded window keeps this linear) fills in what the match lacks.
    const at = start + m.index;
    const around = text.slice(Math.max(0, at - CONTEXT_CHARS), at + m[0].length + CONTEXT_CHARS);
    if (host === null) {
      // a pool timeout rarely names its database; text near it (client addresses, URLs) is not the target
      const found =
        context && errorClass !== 'pool'
          ? (findEndpoint(around) ?? dumpEndpoint(text.slice(at, Math.min(end, at + DUMP_CHARS))))
          : null;
      if (found) {
        host = found.host;
        port = port ?? found.port;
      }
    } else {
      if (isIpAddress(host)) {
        // Node's error dump names the host it resolved: `hostname: 'localhost'` after `address: '127.0.0.1'`
        const name = dumpHostName(text.slice(at, Math.min(end, at + DUMP_CHARS)));
        if (name !== null) host = name;
      }
      ({ host, port } = preferHostName({ host, port }, around));
      if (port === null && host !== null) port = portFromUrlFor(host, around) ?? portNextTo(host, around);
    }
    if (span) {
      span.partStart = start;
      span.partEnd = end;
      span.at = at;
      span.length = m[0].length;
    }
    return {
      errorClass,
      host,
      port,
      service: serviceName(host, port),
      runtime: signature.runtime,
      signature: signature.id,
      error: errorText(m[0]),
      excerpt: excerptOf(part, m.index, m[0].length),
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

/** The port printed right after `host:` near the error (`Redis connection to redis:6379 failed - … ENOTFOUND redis`). */
function portNextTo(host: string, text: string): number | null {
  for (
    let at = text.indexOf(`${host}:`), n = 0;
    at !== -1 && n < 5;
    at = text.indexOf(`${host}:`, at + 1), n++
  ) {
    // the whole host name, not the end of a longer one
    if (at > 0 && isHostChar(text.charCodeAt(at - 1))) continue;
    const m = /^(\d{1,5})(?![\d.])/.exec(text.slice(at + host.length + 1, at + host.length + 7));
    const port = parsePort(m?.[1]);
    if (port !== null) return port;
  }
  return null;
}
