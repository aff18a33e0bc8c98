/** A remote endpoint read from message text. */
export interface Endpoint {
  host: string | null;
  port: number | null;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443, ws: 80, wss: 443 };

/** Normalises a host as printed: brackets off IPv6, lower case, no trailing dot. */
export function normaliseHost(raw: string): string | null {
  let host = raw.trim();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  host = host.replace(/\.$/, '').toLowerCase();
  return host.length > 0 && host.length <= 253 ? host : null;
}

export function parsePort(raw: string | undefined): number | null {
  if (!raw) return null;
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : null;
}

const URL_RE =
  /\b(https?|wss?):\/\/(?:[^@/\s"'<>]{1,200}@)?(\[[0-9A-Fa-f:.%]{2,60}\]|[0-9A-Za-z._-]{1,253})(?::(\d{1,5}))?/;

/** Host and port of a URL as printed in a log line (credentials are skipped, never returned). */
export function endpointOfUrl(text: string): Endpoint | null {
  const m = URL_RE.exec(text);
  if (!m) return null;
  return {
    host: normaliseHost(m[2] ?? ''),
    port: parsePort(m[3]) ?? DEFAULT_PORTS[(m[1] ?? '').toLowerCase()] ?? null,
  };
}

// Node's error dump (`address: '10.0.2.47',` / `port: 5432`) and its JSON form (`"address":"10.0.2.47","port":5432`).
const ADDRESS_RE = /["']?address["']?\s{0,3}:\s{0,3}["']([0-9A-Za-z:._%-]{1,253})["']/;
const PORT_RE = /["']?port["']?\s{0,3}:\s{0,3}(\d{1,5})\b/;
// IPv4:port, [IPv6]:port, or a dotted hostname:port whose last label starts with a letter.
const HOST_PORT_RE =
  /(?<![\w.:-])((?:\d{1,3}\.){3}\d{1,3}|\[[0-9A-Fa-f:.%]{2,60}\]|(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z][A-Za-z0-9-]{0,62}|localhost):(\d{1,5})(?![\w.])/;

/** Finds the most likely remote endpoint in a short piece of text. The caller bounds the text's length. */
export function findEndpoint(text: string): Endpoint | null {
  const url = endpointOfUrl(text);
  if (url) return url;
  const address = ADDRESS_RE.exec(text);
  if (address) return { host: normaliseHost(address[1] ?? ''), port: parsePort(PORT_RE.exec(text)?.[1]) };
  const hp = HOST_PORT_RE.exec(text);
  if (hp) return { host: normaliseHost(hp[1] ?? ''), port: parsePort(hp[2]) };
  return null;
}
