import { classFromPhrases, ERRNO_NUMBERS } from './phrases.js';
import type { Signature } from './types.js';

/**
 * A server writing about one of its own clients (PostgreSQL's `could not receive data from client: Connection
 * reset by peer`, nginx's `… while sending to client`): the client went away; this service's dependencies
 * are fine.
 */
const ABOUT_A_CLIENT =
  /(?:from|to) client: [^\n]{0,40}$|\bwhile (?:sending to|reading client|reading request|writing to|proxying upgraded)[^,\n]{0,30}|\bto client\b/m;

/** Runtime-neutral wording, tried last: the phrases the C library and most clients print. */
export const GENERIC_SIGNATURES: Signature[] = [
  {
    // nginx: the upstream accepted the connection and was slow to answer (a read timeout, not connectivity)
    id: 'generic.nginx-upstream-read-timeout',
    runtime: 'generic',
    pattern:
      /\bupstream timed out \(\d{1,5}: [^)\n]{1,60}\) while reading (?:response header from )?upstream\b/,
    errorClass: 'timeout',
    nearMiss: true,
    urlGroup: 4,
  },
  {
    // nginx: connect() failed (111: Connection refused) while connecting to upstream, client: …, upstream: "http://10.0.3.4:8080/"
    // — the target is the upstream, never the client or the Host header
    id: 'generic.nginx-upstream',
    runtime: 'generic',
    pattern:
      /\b(?:connect\(\) failed|upstream timed out|recv\(\) failed|peer closed connection in SSL handshake) \((\d{1,5}): ([^)\n]{1,60})\) while (connecting to|reading response header from|SSL handshaking to) upstream\b[^\n]{0,600}?(?:upstream: "([a-z]{2,10}:\/\/[^"\s]{1,300})"|$)/,
    errorClass: (m) =>
      m[3] === 'SSL handshaking to' ? 'tls' : (ERRNO_NUMBERS[m[1] ?? ''] ?? classFromPhrases(m[2] ?? '')),
  },
  {
    // nginx: api.internal could not be resolved (3: Host not found)
    id: 'generic.nginx-resolve',
    runtime: 'generic',
    pattern: /\b([0-9A-Za-z._-]{1,253}) could not be resolved \((\d{1,3}): [^)\n]{1,60}\)/,
    errorClass: 'dns',
    hostGroup: 1,
  },
  {
    // BusyBox nc: can't connect to remote host (10.0.1.189): Connection refused
    id: 'generic.busybox-nc',
    runtime: 'generic',
    pattern: /\bcan't connect to remote host \(([0-9A-Fa-f.:]{2,45})\): ([^\n]{1,80})/,
    errorClass: (m) => classFromPhrases(m[2] ?? ''),
    hostGroup: 1,
  },
  {
    // OpenSSH and netcat: ssh: connect to host 10.0.0.5 port 22: Connection timed out /
    // nc: connect to db.internal port 5432 (tcp) failed: Connection refused
    id: 'generic.connect-to-host-port',
    runtime: 'generic',
    pattern:
      /\bconnect to (?:host )?([0-9A-Za-z._-]{1,253}|\[[0-9A-Fa-f:.%]{2,60}\]) port (\d{1,5})(?: \((?:tcp|udp)\))?(?: failed)?: ([^\n]{1,80})/,
    errorClass: (m) => classFromPhrases(m[3] ?? ''),
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // wget: Connecting to api.example.com (api.example.com)|93.184.216.34|:443... failed: Connection timed out.
    id: 'generic.wget-connecting',
    runtime: 'generic',
    pattern:
      /\bConnecting to ([0-9A-Za-z._-]{1,253}) (?:\([^)\n]{0,260}\))?\|[0-9A-Fa-f.:]{2,45}\|:(\d{1,5})\.\.\. failed: ([^\n]{1,80})/,
    errorClass: (m) => classFromPhrases(m[3] ?? ''),
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // wget: unable to resolve host address 'api.example.com' / BusyBox: bad address 'db.internal'
    id: 'generic.unresolved-address',
    runtime: 'generic',
    pattern: /\b(?:unable to resolve host address|bad address) [‘'`"]([0-9A-Za-z._-]{1,253})[’'`"]/,
    errorClass: 'dns',
    hostGroup: 1,
  },
  {
    // a pooled keep-alive connection the server (or an idle timeout on the path) had already closed:
    // Apache HttpClient's NoHttpResponseException, Python's RemoteDisconnected
    id: 'generic.closed-without-response',
    runtime: 'generic',
    pattern:
      /\b(?:NoHttpResponseException: (?:([0-9A-Za-z._-]{1,253}):(\d{1,5}) )?(?:failed to respond|The target server failed to respond)|The target server failed to respond|RemoteDisconnected\(?'?:? ?Remote end closed connection without response)/,
    errorClass: 'reset',
    hostGroup: 1,
    portGroup: 2,
  },
  {
    id: 'generic.phrase',
    runtime: 'generic',
    pattern:
      /\b(?:[Cc]onnection refused|[Cc]onnection timed out|[Nn]o route to host|[Nn]etwork is unreachable|[Cc]onnection reset by peer|forcibly closed by the remote host|[Nn]ame or service not known|[Tt]emporary failure in name resolution|nodename nor servname provided|failed to lookup address information|TLS handshake timeout|EOF occurred in violation of protocol)\b/,
    // an HTTP error page quoting the phrase (a CDN's "522: Connection timed out") came from a server that
    // answered; a Unix socket path (`/run/app.sock`) is a local connection, not the network
    errorClass: (m) =>
      /<title>|<h[1-3][ >]|<!DOCTYPE|HTTP code \d{3}|\.sock\b/i.test(
        m.input.slice(Math.max(0, m.index - 300), m.index),
      ) || ABOUT_A_CLIENT.test(m.input.slice(Math.max(0, m.index - 60), m.index + m[0].length + 80))
        ? undefined
        : classFromPhrases(m[0]),
  },
];
