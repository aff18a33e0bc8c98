import { classFromPhrases, ERRNO_NUMBERS } from './phrases.js';
import type { Signature } from './types.js';

/** Python: socket errnos, urllib3/requests, botocore, psycopg2 and redis-py wording. */
export const PYTHON_SIGNATURES: Signature[] = [
  {
    // HTTPSConnectionPool(host='api.example.com', port=443): Max retries exceeded ... (Caused by NewConnectionError(...[Errno 111] Connection refused'))
    id: 'python.urllib3-pool',
    runtime: 'python',
    pattern:
      /\bHTTPS?ConnectionPool\(host='([^'\s]{0,253})', port=([^)\s,]{1,10})\): (?:Max retries exceeded[^\n]{0,400}?(NewConnectionError|ConnectTimeoutError|NameResolutionError|ProxyError|ConnectionResetError|SSLError|ConnectionRefusedError|gaierror)|(Read timed out))/,
    errorClass: (m) => {
      if (m[3] === 'ConnectTimeoutError') return 'timeout';
      if (m[3] === 'NameResolutionError' || m[3] === 'gaierror') return 'dns';
      if (m[3] === 'ConnectionResetError') return 'reset';
      if (m[3] === 'ConnectionRefusedError') return 'refused';
      if (m[3] === 'SSLError') {
        // a certificate the client refused is not a network failure
        const around = m.input.slice(m.index, m.index + 1500);
        return /CERTIFICATE_VERIFY_FAILED|certificate verify failed|doesn't match|hostname mismatch/i.test(
          around,
        )
          ? undefined
          : 'tls';
      }
      if (m[4]) return undefined; // the server accepted the connection and was slow to answer: not connectivity
      return classFromPhrases(m.input.slice(m.index, m.index + 1200)) ?? 'unreachable';
    },
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // botocore: Could not connect to the endpoint URL: "https://sqs.us-east-1.amazonaws.com/"
    id: 'python.botocore-endpoint',
    runtime: 'python',
    pattern:
      /\b(Could not connect to the endpoint URL|Connect timeout on endpoint URL|Connection was closed before we received a valid response from endpoint URL): "([^"\s]{1,2000})"/,
    errorClass: (m) =>
      m[1]?.startsWith('Connect timeout')
        ? 'timeout'
        : m[1]?.startsWith('Connection was closed')
          ? 'reset'
          : 'unreachable',
    urlGroup: 2,
  },
  {
    // urllib3: ConnectTimeoutError(<…>, 'Connection to api.example.com timed out. (connect timeout=10)')
    id: 'python.urllib3-connect-timeout',
    runtime: 'python',
    pattern: /\bConnection to ([0-9A-Za-z._-]{1,253}) timed out\. \(connect timeout=/,
    errorClass: 'timeout',
    hostGroup: 1,
  },
  {
    // psycopg2 / libpq 14+: connection to server at "db.internal" (10.0.2.47), port 5432 failed: Connection timed out
    id: 'python.libpq-server-at',
    runtime: 'python',
    pattern:
      /\bconnection to server at "([^"\s]{1,253})"(?: \([0-9A-Fa-f.:]{2,45}\))?, port (\d{1,5}) failed: ([^\n]{1,120})/,
    errorClass: (m) => classFromPhrases(m[3] ?? ''),
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // libpq before 14: could not connect to server: Connection refused\n\tIs the server running on host "db" (10.0.0.1) and accepting\n\tTCP/IP connections on port 5432?
    id: 'python.libpq-could-not-connect',
    runtime: 'python',
    pattern:
      /\bcould not connect to server: (Connection refused|Connection timed out|No route to host|Network is unreachable)(?:\s{1,10}Is the server running on host "([^"\s]{1,253})"[^\n]{0,80}\s{1,10}TCP\/IP connections on port (\d{1,5}))?/,
    errorClass: (m) => classFromPhrases(m[1] ?? ''),
    hostGroup: 2,
    portGroup: 3,
  },
  {
    id: 'python.libpq-translate-host',
    runtime: 'python',
    pattern: /\bcould not translate host name \\?"([^"\s\\]{1,253})\\?" to address/,
    errorClass: 'dns',
    hostGroup: 1,
  },
  {
    // redis-py: Error 111 connecting to cache.internal:6379. Connection refused.
    id: 'python.redis-connecting',
    runtime: 'python',
    pattern: /\bError (-?\d{1,5}) connecting to ([0-9A-Za-z._-]{1,253}):(\d{1,5})\./,
    errorClass: (m) => ERRNO_NUMBERS[m[1] ?? ''] ?? classFromPhrases(m.input.slice(m.index, m.index + 300)),
    hostGroup: 2,
    portGroup: 3,
  },
  {
    // aiohttp: Cannot connect to host api.example.com:443 ssl:default [Connect call failed ('10.0.0.5', 443)]
    id: 'python.aiohttp-connect',
    runtime: 'python',
    pattern:
      /\bCannot connect to host ([0-9A-Za-z._-]{1,253}|\[[0-9A-Fa-f:.%]{2,60}\]):(\d{1,5}) ssl:[^\s[]{0,40} ?\[([^\n]{0,200})/,
    errorClass: (m) => {
      const why = m[3] ?? '';
      // a certificate or protocol mismatch is not a network failure
      if (/SSL|CERTIFICATE|certificate/.test(why)) return undefined;
      if (/^Connect call failed/.test(why)) return 'refused';
      if (/DNS|Domain name not found|getaddrinfo/i.test(why)) return 'dns';
      return classFromPhrases(why) ?? 'unreachable';
    },
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // PyMySQL / mysqlclient 2003: Can't connect to MySQL server on 'db.internal' ([Errno 111] Connection refused)
    // or on 'db.internal:3306' (110); 2005: Unknown MySQL server host 'db' (-2)
    id: 'python.mysql-2003',
    runtime: 'python',
    pattern:
      /\b(?:Can't connect to MySQL server on|(Unknown MySQL server host)) '([0-9A-Za-z._-]{1,253})(?::(\d{1,5}))?' \(([^\n)]{0,120})\)/,
    errorClass: (m) => {
      if (m[1]) return 'dns';
      const why = m[4] ?? '';
      const errno = /^(?:\[Errno )?(-?\d{1,5})\]?/.exec(why)?.[1];
      return (errno ? ERRNO_NUMBERS[errno] : undefined) ?? classFromPhrases(why);
    },
    hostGroup: 2,
    portGroup: 3,
  },
  {
    // PyMongo: ServerSelectionTimeoutError: db.internal:27017: [Errno 111] Connection refused, Timeout: 30s, …
    id: 'python.pymongo-server-selection',
    runtime: 'python',
    pattern: /\bServerSelectionTimeoutError: ([0-9A-Za-z._-]{1,253}):(\d{1,5}): ([^,\n]{1,160})/,
    errorClass: (m) => {
      const why = m[3] ?? '';
      if (
        /No address associated|Name or service not known|nodename nor servname|Temporary failure in name resolution/.test(
          why,
        )
      )
        return 'dns';
      return classFromPhrases(why) ?? (/\[Errno 111\]/.test(why) ? 'refused' : undefined);
    },
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // redis-py: redis.exceptions.TimeoutError: Timeout connecting to server
    id: 'python.redis-timeout-connecting',
    runtime: 'python',
    pattern: /\bTimeout connecting to server\b/,
    errorClass: 'timeout',
  },
  {
    // asyncio: [Errno 111] Connect call failed ('10.0.2.47', 5432)
    id: 'python.asyncio-connect-call',
    runtime: 'python',
    pattern: /\[Errno (\d{1,5})\] Connect call failed \('([^'\s]{1,253})', (\d{1,5})/,
    errorClass: (m) => ERRNO_NUMBERS[m[1] ?? ''] ?? 'refused',
    hostGroup: 2,
    portGroup: 3,
  },
  {
    // [Errno 111] Connection refused / [Errno -3] Temporary failure in name resolution
    id: 'python.errno',
    runtime: 'python',
    pattern: /\[Errno (111|110|113|101|104|32|-2|-3|-5|8|11001)\] [A-Za-z][A-Za-z /-]{0,60}/,
    errorClass: (m) => ERRNO_NUMBERS[m[1] ?? ''],
  },
  {
    // http.client / ssl wrappers: Error connecting to "forums.example.com": [Errno 8] _ssl.c:504: EOF occurred in violation of protocol
    id: 'python.error-connecting-quoted',
    runtime: 'python',
    pattern: /\bError connecting to "([0-9A-Za-z._-]{1,253})": ([^\n]{1,200})/,
    errorClass: (m) => classFromPhrases(m[2] ?? ''),
    hostGroup: 1,
  },
];
