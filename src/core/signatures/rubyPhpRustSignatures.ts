import { classFromPhrases, ERRNO_CLASSES, ERRNO_NUMBERS } from './phrases.js';
import type { Signature } from './types.js';

/** Ruby: Errno::*, Net::HTTP, redis-rb. */
export const RUBY_SIGNATURES: Signature[] = [
  {
    // Failed to open TCP connection to api.example.com:443 (Connection refused - connect(2) for "api.example.com" port 443)
    id: 'ruby.net-http-open',
    runtime: 'ruby',
    pattern: /\bFailed to open TCP connection to ([0-9A-Za-z._-]{0,253}):(\d{1,5}) \(([^\n)]{1,200})/,
    // `(execution expired)`: Net::OpenTimeout's message
    errorClass: (m) =>
      classFromPhrases(m[3] ?? '') ??
      (m[3]?.includes('getaddrinfo')
        ? 'dns'
        : m[3]?.startsWith('execution expired')
          ? 'timeout'
          : 'unreachable'),
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // Errno::ECONNREFUSED: Connection refused - connect(2) for "db.internal" port 5432
    id: 'ruby.errno',
    runtime: 'ruby',
    pattern:
      /\bErrno::(ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EPIPE)\b(?:[^\n]{0,80}? for "([^"\s]{1,253})" port (\d{1,5}))?/,
    // a list of error classes (a rescue clause, a retry configuration) names them without one happening
    errorClass: (m) =>
      /^,\s{0,3}Errno::/.test(m.input.slice(m.index + m[0].length, m.index + m[0].length + 12))
        ? undefined
        : ERRNO_CLASSES[m[1] ?? ''],
    hostGroup: 2,
    portGroup: 3,
  },
  {
    // Connection refused - connect(2) for "api.example.com" port 443 (without the Errno:: prefix)
    id: 'ruby.connect2',
    runtime: 'ruby',
    pattern:
      /\b(Connection refused|Connection timed out|No route to host|Network is unreachable|Connection reset by peer) - connect\(2\) for "([^"\s]{1,253})" port (\d{1,5})/,
    errorClass: (m) => classFromPhrases(m[1] ?? ''),
    hostGroup: 2,
    portGroup: 3,
  },
  {
    id: 'ruby.socket-error',
    runtime: 'ruby',
    pattern: /\bSocketError\b[^\n]{0,40}?getaddrinfo/,
    errorClass: 'dns',
  },
  {
    id: 'ruby.open-timeout',
    runtime: 'ruby',
    pattern: /\bNet::OpenTimeout\b/,
    errorClass: 'timeout',
  },
  {
    // Redis::CannotConnectError: Error connecting to Redis on 127.0.0.1:6379 (Errno::ECONNREFUSED)
    id: 'ruby.redis-cannot-connect',
    runtime: 'ruby',
    pattern:
      /\b(Error|Timed out) connecting to Redis on ([0-9A-Za-z._-]{1,253}):(\d{1,5})(?: \((?:Errno::)?([A-Za-z_:]{1,40}))?/,
    errorClass: (m) =>
      m[1] === 'Timed out'
        ? 'timeout'
        : (ERRNO_CLASSES[(m[4] ?? '').replace(/^.*::/, '')] ??
          (/Timeout/.test(m[4] ?? '') ? 'timeout' : 'unreachable')),
    hostGroup: 2,
    portGroup: 3,
  },
  {
    // Faraday / the AWS SDK for Ruby wrapping Net::OpenTimeout: ConnectionFailed: execution expired
    id: 'ruby.connection-failed-expired',
    runtime: 'ruby',
    pattern:
      /\b(?:(?:Faraday::ConnectionFailed|Seahorse::Client::NetworkingError|HTTP::TimeoutError): execution expired\b|execution expired \((?:Faraday::ConnectionFailed|Net::OpenTimeout)\))/,
    errorClass: 'timeout',
  },
  {
    // AWS SDK for Ruby: Encountered a `SocketError` while attempting to connect to:\n\n  https://sqs.us-east-1.amazonaws.com
    id: 'ruby.aws-no-such-endpoint',
    runtime: 'ruby',
    pattern:
      /\bEncountered a .SocketError. while attempting to connect to:\s{1,10}(https?:\/\/[^\s]{1,2000})/,
    errorClass: 'dns',
    urlGroup: 1,
  },
];

/** PHP: PDO (SQLSTATE 2002), cURL / Guzzle, stream sockets. */
export const PHP_SIGNATURES: Signature[] = [
  {
    // cURL error 6: Could not resolve host: api.example.com (curl's own wording, with or without PHP's prefix)
    id: 'php.curl-resolve',
    runtime: 'php',
    // cURL error 5: Could not resolve proxy: the proxy is what failed
    pattern: /\bCould not resolve (?:host|proxy): ([0-9A-Za-z._-]{1,253})/,
    errorClass: 'dns',
    hostGroup: 1,
  },
  {
    // cURL error 7: Failed to connect to api.example.com port 443 after 3 ms: Connection refused
    id: 'php.curl-connect',
    runtime: 'php',
    pattern:
      /\bFailed to connect to ([0-9A-Za-z._-]{1,253}|\[[0-9A-Fa-f:.%]{2,60}\]) port (\d{1,5})(?: after \d{1,9} ms)?: ([^\n(]{1,100})/,
    errorClass: (m) => classFromPhrases(m[3] ?? '') ?? 'unreachable',
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // cURL error 28: Connection timed out after 5001 milliseconds (see …) for https://api.example.com/v1 (Guzzle)
    id: 'php.curl-error',
    runtime: 'php',
    pattern: /\bcURL error (28|35|52|56): [^\n]{0,300}?(?: for (https?:\/\/[^\s]{1,2000})|$|\n)/,
    errorClass: (m) =>
      ({ '28': 'timeout', '35': 'tls', '52': 'reset', '56': 'reset' })[m[1] ?? ''] as
        'timeout' | 'tls' | 'reset',
    urlGroup: 2,
  },
  {
    // php_network_getaddresses: getaddrinfo for db failed: Name or service not known
    id: 'php.getaddresses',
    runtime: 'php',
    pattern: /\bphp_network_getaddresses: getaddrinfo(?: for ([0-9A-Za-z._-]{1,253}))? failed/,
    errorClass: 'dns',
    hostGroup: 1,
  },
  {
    id: 'php.pdo-2002',
    runtime: 'php',
    pattern: /\bSQLSTATE\[HY000\] \[2002\] ([^\n]{1,200})/,
    // `No such file or directory`: PDO tried a local socket for "localhost", a configuration error
    errorClass: (m) =>
      /No such file or directory/.test(m[1] ?? '')
        ? undefined
        : (classFromPhrases(m[1] ?? '') ?? (/getaddrinfo/.test(m[1] ?? '') ? 'dns' : 'unreachable')),
  },
  {
    // stream_socket_client(): unable to connect to tcp://redis:6379 (Connection refused)
    id: 'php.stream-socket',
    runtime: 'php',
    pattern:
      /\bunable to connect to (?:tcp|tls|ssl):\/\/([0-9A-Za-z._-]{1,253}):(\d{1,5}) \(([^\n)]{1,100})\)/,
    errorClass: (m) => classFromPhrases(m[3] ?? ''),
    hostGroup: 1,
    portGroup: 2,
  },
];

/** Rust: reqwest / hyper, std::io errors. */
export const RUST_SIGNATURES: Signature[] = [
  {
    // error sending request for url (https://api.example.com/v1): error trying to connect: tcp connect error: Connection refused (os error 111)
    id: 'rust.reqwest',
    runtime: 'rust',
    pattern:
      /\berror sending request for url \((https?:\/\/[^)\s]{1,2000})\)[^\n]{0,100}?: (?:error trying to connect|client error \(Connect\)): ([^\n]{1,300})/,
    errorClass: (m) => {
      const why = m[2] ?? '';
      if (why.startsWith('dns error')) return 'dns';
      const os = /os error (\d{1,5})/.exec(why);
      if (os?.[1] === '10060') return 'timeout'; // WSAETIMEDOUT
      return (os ? ERRNO_NUMBERS[os[1] ?? ''] : undefined) ?? classFromPhrases(why) ?? 'unreachable';
    },
    urlGroup: 1,
  },
  {
    // hyper without reqwest's prefix, or its Debug form: ConnectError("dns error", …) / error trying to connect: tcp connect error: …
    id: 'rust.hyper-connect',
    runtime: 'rust',
    pattern: /\b(?:error trying to connect: |ConnectError\(")(dns error|tcp connect error)[^\n]{0,300}/,
    errorClass: (m) => {
      if (m[1] === 'dns error') return 'dns';
      const why = m[0];
      const os = /os error (\d{1,5})/.exec(why);
      if (os?.[1] === '10060') return 'timeout';
      const kind =
        /kind: (ConnectionRefused|TimedOut|HostUnreachable|NetworkUnreachable|ConnectionReset)/.exec(
          why,
        )?.[1];
      if (kind)
        return (
          ({ ConnectionRefused: 'refused', TimedOut: 'timeout', ConnectionReset: 'reset' } as const)[
            kind as 'ConnectionRefused'
          ] ?? 'unreachable'
        );
      return (os ? ERRNO_NUMBERS[os[1] ?? ''] : undefined) ?? classFromPhrases(why) ?? 'unreachable';
    },
  },
  {
    // hyper's Debug form: Os { code: 111, kind: ConnectionRefused, message: "Connection refused" }
    id: 'rust.io-error-kind',
    runtime: 'rust',
    pattern:
      /\bkind: (ConnectionRefused|TimedOut|ConnectionReset|HostUnreachable|NetworkUnreachable|ConnectionAborted)\b/,
    errorClass: (m) =>
      ({
        ConnectionRefused: 'refused',
        TimedOut: 'timeout',
        ConnectionReset: 'reset',
        ConnectionAborted: 'reset',
        HostUnreachable: 'unreachable',
        NetworkUnreachable: 'unreachable',
      })[m[1] ?? ''] as 'refused' | 'timeout' | 'reset' | 'unreachable' | undefined,
  },
  {
    id: 'rust.os-error',
    runtime: 'rust',
    pattern: /\(os error (111|110|113|101|104)\)/,
    errorClass: (m) => ERRNO_NUMBERS[m[1] ?? ''],
  },
];

/** ECS agent: task stopped reasons that name no socket error of their own. */
export const ECS_SIGNATURES: Signature[] = [
  {
    // ResourceInitializationError: unable to pull secrets or registry auth: … context deadline exceeded
    id: 'ecs.resource-initialization',
    runtime: 'ecs',
    pattern:
      /\bResourceInitializationError: [^\n]{0,600}?(context deadline exceeded|i\/o timeout|connection refused|no such host)/,
    errorClass: (m) => classFromPhrases(m[1] === 'context deadline exceeded' ? 'timed out' : (m[1] ?? '')),
  },
];

/** TLS handshakes that fail on the network (certificate validation failures are not connectivity). */
export const TLS_SIGNATURES: Signature[] = [
  {
    id: 'java.tls-handshake',
    runtime: 'java',
    pattern:
      /\b(?:SSLHandshakeException|SSLException): (?:Remote host terminated the handshake|Remote host closed connection during handshake)/,
    errorClass: 'tls',
  },
  {
    // the peer (or something on the path) closed the connection during the TLS handshake
    id: 'java.tls-reset',
    runtime: 'java',
    pattern:
      /\b(?:SSLHandshakeException: Connection reset|EOFException: SSL peer shut down incorrectly|SSLException: Connection reset)\b/,
    errorClass: (m) => (m[0].startsWith('SSLException') ? 'reset' : 'tls'),
  },
  {
    id: 'python.ssl-eof',
    runtime: 'python',
    pattern: /\bSSL: UNEXPECTED_EOF_WHILE_READING\b/,
    errorClass: 'tls',
  },
];
