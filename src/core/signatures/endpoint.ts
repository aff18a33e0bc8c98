/** A remote endpoint read from message text. */
export interface Endpoint {
  host: string | null;
  port: number | null;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  http: 80,
  https: 443,
  ws: 80,
  wss: 443,
  redis: 6379,
  rediss: 6379,
  postgres: 5432,
  postgresql: 5432,
  mysql: 3306,
  mongodb: 27017,
  amqp: 5672,
  amqps: 5671,
};

/** Normalises a host as printed: brackets off IPv6, lower case, no trailing dot. */
export function normaliseHost(raw: string): string | null {
  let host = raw.trim();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  host = host.replace(/\.$/, '');
  // Host names, IPv4 and IPv6 only: the host goes into shell commands and terminals, and log text is hostile.
  return host.length > 0 && host.length <= 253 && /^[A-Za-z0-9._:%-]+$/.test(host) ? host : null;
}

export function parsePort(raw: string | undefined): number | null {
  if (!raw) return null;
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : null;
}

const URL_RE =
  /\b(https?|wss?|tcp|tls|ssl|redis|rediss|postgres|postgresql|mysql|mongodb|amqps?|nats|kafka):\/\/(?:[^@/\s"'<>]{1,200}@)?(\[[0-9A-Fa-f:.%]{2,60}\]|[0-9A-Za-z._-]{1,253})(?::(\d{1,5}))?/g;
// Links that error messages print to their own documentation: never the target.
const DOC_HOSTS = new Set([
  'curl.haxx.se',
  'curl.se',
  'sqlalche.me',
  'docs.aws.amazon.com',
  'aka.ms',
  'learn.microsoft.com',
  'go.microsoft.com',
  'nodejs.org',
]);

/** Host and port of the first URL in the text (credentials are skipped, never returned; doc links ignored). */
export function endpointOfUrl(text: string): Endpoint | null {
  // every URL_RE match holds `://`: most texts (an error and its dump) have none, and skip the regex
  if (!text.includes('://')) return null;
  URL_RE.lastIndex = 0;
  for (let m = URL_RE.exec(text), n = 0; m !== null && n < 10; m = URL_RE.exec(text), n++) {
    const host = normaliseHost(m[2] ?? '');
    if (host === null || DOC_HOSTS.has(host.toLowerCase())) continue;
    return { host, port: parsePort(m[3]) ?? DEFAULT_PORTS[(m[1] ?? '').toLowerCase()] ?? null };
  }
  return null;
}

// Node's error dump (`address: '10.0.2.47',` / `port: 5432`) and its JSON form (`"address":"10.0.2.47","port":5432`).
const ADDRESS_RE = /["']?(?:address|hostname|host)["']?\s{0,3}:\s{0,3}["']([0-9A-Za-z:._%-]{1,253})["']/;
// the same dump's host name (a name, not an address): `hostname: 'localhost'` (not `host:`, which is also
// how web servers print the Host header of the request being served)
const DUMP_HOST_NAME_RE = /\bhostname["']?\s{0,3}:\s{0,3}["']([A-Za-z][0-9A-Za-z._-]{0,252})["']/;
const PORT_RE = /["']?port["']?\s{0,3}:\s{0,3}(\d{1,5})\b/;
const GRPC_ADDRESS_RE = /\bipv[46]:((?:\d{1,3}\.){3}\d{1,3}|\[[0-9A-Fa-f:.%]{2,60}\]):(\d{1,5})\b/;
// reqwest's Debug form of a URL: Url { scheme: "https", …, host: Some(Domain("api.example.com")), port: None, … }
const RUST_URL_RE =
  /scheme: "([a-z]{2,10})"[^}]{0,200}?host: Some\((?:Domain|Ipv4|Ipv6)\("?([0-9A-Za-z._:-]{1,253})"?\)\)(?:, port: Some\((\d{1,5})\))?/;
// IPv4:port, [IPv6]:port, or a dotted hostname:port whose last label starts with a letter.
// A bracketed address may follow a word (Hazelcast's `Address[10.0.0.5]:5701`).
export const HOST_PORT_RE =
  /(?:(?<![\w.:/-])((?:\d{1,3}\.){3}\d{1,3}|(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z][A-Za-z0-9-]{0,62}|localhost)|(\[[0-9A-Fa-f:.%]{2,60}\])):(\d{1,5})(?![\w.])/g;
// the same, tried at one place only (see hostPorts)
const HOST_PORT_AT = new RegExp(HOST_PORT_RE.source, 'y');
// a bracketed address before a port: only then can a match start anywhere but where hostPorts tries
const BRACKET_PORT = /\]:\d/;
// `index.js:317`, `Foo.java:42`: stack-frame positions, not endpoints.
const SOURCE_FILE = /\.(?:[cm]?js|ts|jsx|tsx|java|kt|scala|py|go|rb|cs|php|rs|groovy|clj)$/i;
const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;

export function isIpAddress(host: string): boolean {
  return IPV4.test(host) || host.includes(':');
}

/** Every `host:port` in the text that is not a source-file position (the matches of HOST_PORT_RE, in order). */
export function hostPorts(text: string): Endpoint[] {
  const found: Endpoint[] = [];
  const add = (m: RegExpExecArray) => {
    const host = m[1] ?? m[2] ?? '';
    if (!SOURCE_FILE.test(host)) found.push({ host: normaliseHost(host), port: parsePort(m[3]) });
  };
  if (BRACKET_PORT.test(text)) {
    HOST_PORT_RE.lastIndex = 0;
    for (let m = HOST_PORT_RE.exec(text); m !== null && found.length < 20; m = HOST_PORT_RE.exec(text))
      add(m);
    return found;
  }
  // Without a bracketed address, a match is a run of host characters ([A-Za-z0-9.-]) and then `:` and a
  // digit, and it can only start where that run starts: anywhere inside, the look-behind sees a host
  // character and fails. So the regex is tried once per `:digit`, at the start of the run before it,
  // instead of at every position of the text (a third of the time spent classifying a Node.js failure).
  // `floor` is where the last match ended: a global regex starts its next search there.
  let floor = 0;
  for (
    let colon = text.indexOf(':');
    colon !== -1 && found.length < 20;
    colon = text.indexOf(':', colon + 1)
  ) {
    const next = text.charCodeAt(colon + 1);
    if (next < 0x30 || next > 0x39) continue;
    let start = colon;
    while (start > floor && isHostChar(text.charCodeAt(start - 1))) start--;
    if (start === colon) continue;
    HOST_PORT_AT.lastIndex = start;
    const m = HOST_PORT_AT.exec(text);
    if (m === null) continue;
    add(m);
    floor = HOST_PORT_AT.lastIndex;
    colon = floor - 1;
  }
  return found;
}

/** [A-Za-z0-9.-]: what the host names and IPv4 addresses HOST_PORT_RE reads are made of. */
export function isHostChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2e ||
    c === 0x2d
  );
}

/**
 * When the error names an IP, the same text often names the host it resolved from (a URL, or `host:port`
 * with the same port): people know their services by name, so the name wins.
 */
export function preferHostName(endpoint: Endpoint, text: string): Endpoint {
  if (endpoint.host === null || !isIpAddress(endpoint.host)) return endpoint;
  const url = endpointOfUrl(text);
  if (url?.host && !isIpAddress(url.host) && (endpoint.port === null || url.port === endpoint.port)) {
    return { host: url.host, port: endpoint.port ?? url.port };
  }
  const named = hostPorts(text).find(
    (e) => e.host !== null && !isIpAddress(e.host) && e.port === endpoint.port,
  );
  return named ?? endpoint;
}

/** The port a URL in the text gives for `host`, when the error printed the host alone. */
export function portFromUrlFor(host: string, text: string): number | null {
  const url = endpointOfUrl(text);
  return url && url.host === host ? url.port : null;
}

/** Finds the most likely remote endpoint in a short piece of text. The caller bounds the text's length. */
export function findEndpoint(text: string): Endpoint | null {
  const url = endpointOfUrl(text);
  if (url) return url;
  // gRPC C core: ipv4:10.0.3.4:50051 / ipv6:[::1]:50051
  const grpc = GRPC_ADDRESS_RE.exec(text);
  if (grpc) return { host: normaliseHost(grpc[1] ?? ''), port: parsePort(grpc[2]) };
  const rust = RUST_URL_RE.exec(text);
  if (rust) {
    const host = normaliseHost(rust[2] ?? '');
    return { host, port: parsePort(rust[3]) ?? DEFAULT_PORTS[rust[1] ?? ''] ?? null };
  }
  const address = ADDRESS_RE.exec(text);
  if (address) return { host: normaliseHost(address[1] ?? ''), port: parsePort(PORT_RE.exec(text)?.[1]) };
  return hostPorts(text)[0] ?? null;
}

/**
 * The fields of an error object dumped after its message (Node's util.inspect or JSON): they can come after
 * a long stack, so the caller passes a longer stretch of text than the context window.
 */
export function dumpEndpoint(text: string): Endpoint | null {
  const address = ADDRESS_RE.exec(text);
  if (!address) return null;
  const host = normaliseHost(address[1] ?? '');
  return host === null ? null : { host, port: parsePort(PORT_RE.exec(text)?.[1]) };
}

/** The host name an error dump gives beside the address it printed, if any. */
export function dumpHostName(text: string): string | null {
  const m = DUMP_HOST_NAME_RE.exec(text);
  return m ? normaliseHost(m[1] ?? '') : null;
}
