import { classFromPhrases } from './phrases.js';
import type { Signature } from './types.js';

/** Go: the `net` package's `*net.OpError` / `*net.DNSError` wording, also used by pgx, go-redis and the AWS SDK. */
export const GO_SIGNATURES: Signature[] = [
  {
    // pgx v5: failed to connect to `user=app database=orders`: 10.0.2.47:5432 (orders-db.internal): dial error: dial tcp 10.0.2.47:5432: connect: connection refused
    // — the name in parentheses is the host the address was resolved from
    id: 'go.pgx-dial-error',
    runtime: 'go',
    pattern:
      /\b([0-9A-Fa-f.:[\]]{2,60}):(\d{1,5}) \(([0-9A-Za-z._-]{1,253})\): dial error: [^\n]{0,120}?(connection refused|no route to host|network is unreachable|connection timed out|operation timed out|i\/o timeout|no such host|connection reset by peer)/,
    errorClass: (m) => classFromPhrases(m[4] ?? ''),
    hostGroup: 3,
    portGroup: 2,
  },
  {
    // dial tcp: lookup db.internal on 10.0.0.2:53: no such host — the host is the name looked up, not the resolver
    id: 'go.dns-lookup',
    runtime: 'go',
    pattern:
      /\blookup ([0-9A-Za-z._-]{1,253})(?: on [0-9A-Fa-f.:[\]]{2,60})?: (?:no such host|server misbehaving|read udp|write udp|dial udp|i\/o timeout|no answer)/,
    errorClass: 'dns',
    hostGroup: 1,
  },
  {
    // gRPC: Failed to dial target host "greeter-grpc:5000": dial tcp 10.10.161.57:5000: connect: connection refused
    id: 'go.grpc-dial-target',
    runtime: 'go',
    pattern:
      /\bFailed to dial target host "([0-9A-Za-z._-]{1,253}):(\d{1,5})": [^\n]{0,120}?(connection refused|no route to host|network is unreachable|connection timed out|i\/o timeout|no such host)/,
    errorClass: (m) => classFromPhrases(m[3] ?? ''),
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // dial tcp 10.0.2.47:5432: connect: connection refused / dial tcp [::1]:6379: i/o timeout
    id: 'go.dial',
    runtime: 'go',
    pattern:
      /\bdial (?:tcp[46]?|udp) ([0-9A-Za-z._-]{1,253}|\[[0-9A-Fa-f:.%]{2,60}\]):(\d{1,5}): (connect: connection refused|connect: no route to host|connect: network is unreachable|connect: connection timed out|connect: connection reset by peer|i\/o timeout|operation was canceled|connectex: [^\n]{1,160})/,
    errorClass: (m) => (m[3] === 'operation was canceled' ? 'timeout' : classFromPhrases(m[3] ?? '')),
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // read tcp 10.0.1.5:43210->10.0.2.47:5432: read: connection reset by peer — the target is after the arrow
    id: 'go.socket',
    runtime: 'go',
    pattern:
      /\b(?:read|write) tcp [0-9A-Fa-f.:[\]]{2,60}->([0-9A-Za-z._-]{1,253}|\[[0-9A-Fa-f:.%]{2,60}\]):(\d{1,5}): (?:read|write): (connection reset by peer|broken pipe|i\/o timeout|connection timed out)/,
    errorClass: (m) => classFromPhrases(m[3] ?? ''),
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // aws-sdk-go: RequestError: send request failed\ncaused by: Post https://sqs…/: dial tcp: i/o timeout
    id: 'go.dial-no-address',
    runtime: 'go',
    pattern: /\bdial tcp: (i\/o timeout|connect: connection refused|connect: no route to host)/,
    errorClass: (m) => classFromPhrases(m[1] ?? ''),
  },
  {
    // net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)
    id: 'go.request-canceled',
    runtime: 'go',
    pattern: /\bnet\/http: request canceled while waiting for connection\b/,
    errorClass: 'timeout',
  },
  {
    id: 'go.tls-handshake-timeout',
    runtime: 'go',
    pattern: /\bnet\/http: TLS handshake timeout\b/,
    errorClass: 'tls',
  },
  {
    // Get "https://api.example.com/v1": context deadline exceeded (Client.Timeout exceeded while awaiting headers);
    // Go before 1.14 printed the URL without quotes
    id: 'go.client-timeout',
    runtime: 'go',
    pattern:
      /\b(?:Get|Post|Put|Patch|Delete|Head) \\?"?(https?:\/\/[^"\s\\]{1,2000}?)\\?"?: (?:context deadline exceeded|net\/http: request canceled while waiting for connection|net\/http: timeout awaiting response headers)/,
    errorClass: 'timeout',
    urlGroup: 1,
  },
];
