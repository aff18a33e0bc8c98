import { classFromPhrases, ERRNO_NUMBERS } from './phrases.js';
import type { Signature } from './types.js';

/** .NET: SocketException, HttpClient, Npgsql, SqlClient, StackExchange.Redis. */
export const DOTNET_SIGNATURES: Signature[] = [
  {
    // System.Net.Http.HttpRequestException: Connection refused (api.example.com:443) — .NET 5+ adds host:port
    id: 'dotnet.http-request',
    runtime: 'dotnet',
    pattern:
      /\b(Connection refused|Connection timed out|Name or service not known|No such host is known\.?|Resource temporarily unavailable|No route to host|Network is unreachable|Connection reset by peer|(?:node|host)name nor servname provided, or not known) \(([0-9A-Za-z._-]{1,253}|\[[0-9A-Fa-f:.%]{2,60}\]):(\d{1,5})\)/,
    errorClass: (m) =>
      m[1] === 'Resource temporarily unavailable' ? 'dns' : (classFromPhrases(m[1] ?? '') ?? 'dns'),
    hostGroup: 2,
    portGroup: 3,
  },
  {
    // System.Net.Sockets.SocketException (111): Connection refused / (00000005, 0xFFFDFFFF): Name or service not known
    id: 'dotnet.socket-exception',
    runtime: 'dotnet',
    pattern: /\bSocketException \((\d{1,8})(?:, 0x[0-9A-Fa-f]{8})?\): ([^\n]{1,200})/,
    errorClass: (m) =>
      classFromPhrases(m[2] ?? '') ??
      ERRNO_NUMBERS[m[1] ?? ''] ??
      (m[2]?.includes('No such host') ? 'dns' : undefined),
  },
  {
    // .NET on Linux words EAI_AGAIN as EAGAIN's text
    id: 'dotnet.eai-again',
    runtime: 'dotnet',
    pattern: /\b(?:HttpRequestException|SocketException(?: \(\d{1,8}\))?): Resource temporarily unavailable/,
    errorClass: 'dns',
  },
  {
    // StackExchange.Redis: UnableToConnect on cache:6379/Interactive
    id: 'dotnet.redis-unable-to-connect',
    runtime: 'dotnet',
    pattern: /\bUnableToConnect on ([0-9A-Za-z._-]{1,253}):(\d{1,5})/,
    errorClass: (m) =>
      /ConnectTimeout|timed out/i.test(m.input.slice(m.index, m.index + 600)) ? 'timeout' : 'unreachable',
    hostGroup: 1,
    portGroup: 2,
  },
  {
    id: 'dotnet.no-such-host',
    runtime: 'dotnet',
    pattern: /\bNo such host is known\b/,
    errorClass: 'dns',
  },
  {
    id: 'dotnet.connection-attempt-failed',
    runtime: 'dotnet',
    pattern:
      /\bA connection attempt failed because the connected party did not properly respond after a period of time/,
    errorClass: 'timeout',
  },
  {
    // Npgsql.NpgsqlException (0x80004005): Failed to connect to 10.0.2.47:5432 (the inner SocketException says why)
    id: 'dotnet.npgsql-failed-to-connect',
    runtime: 'dotnet',
    pattern: /\bFailed to connect to ([0-9A-Za-z._-]{1,253}|\[[0-9A-Fa-f:.%]{2,60}\]):(\d{1,5})/,
    errorClass: (m) => classFromPhrases(m.input.slice(m.index, m.index + 1500)) ?? 'unreachable',
    hostGroup: 1,
    portGroup: 2,
  },
  {
    id: 'dotnet.sqlclient-network',
    runtime: 'dotnet',
    pattern:
      /\bA network-related or instance-specific error occurred while establishing a connection to SQL Server/,
    errorClass: (m) => {
      const around = m.input.slice(m.index, m.index + 1500);
      // error 35 with a failed host lookup underneath: the server's name did not resolve
      if (/Dns\.GetHost|Resource temporarily unavailable/.test(around)) return 'dns';
      return classFromPhrases(around) ?? 'unreachable';
    },
  },
  {
    // StackExchange.Redis: It was not possible to connect to the redis server(s). UnableToConnect on cache:6379/Interactive
    id: 'dotnet.stackexchange-redis',
    runtime: 'dotnet',
    pattern:
      /\bIt was not possible to connect to the redis server\(s\)[^\n]{0,200}?(?:(UnableToConnect|ConnectTimeout|UnableToResolvePhysicalConnection) on ([0-9A-Za-z._-]{1,253}):(\d{1,5}))?/,
    // an authentication failure (wrong password, client certificate) reached the server: not connectivity
    errorClass: (m) => {
      const around = m.input.slice(m.index, m.index + 1500);
      if (/authentication failure|AuthenticationFailure|NOAUTH|WRONGPASS/.test(around)) return undefined;
      return /ConnectTimeout|timed out|Timeout/.test(around)
        ? 'timeout'
        : (classFromPhrases(around) ?? 'unreachable');
    },
    hostGroup: 2,
    portGroup: 3,
  },
  {
    // StackExchange.Redis: No connection is available to service this operation: GET key; SocketFailure on cache:6379/Interactive
    id: 'dotnet.redis-no-connection',
    runtime: 'dotnet',
    pattern:
      /\bNo connection is available to service this operation\b[^\n]{0,300}?(?:(?:SocketFailure|UnableToConnect|UnableToResolvePhysicalConnection|ConnectionDisposed) on ([0-9A-Za-z._-]{1,253}):(\d{1,5}))?/,
    errorClass: (m) =>
      /timeout|timed out/i.test(m.input.slice(m.index, m.index + 1500)) ? 'timeout' : 'unreachable',
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // HttpClient: the TCP connection opened and TLS did not finish (a certificate the client refused is not this)
    id: 'dotnet.ssl-not-established',
    runtime: 'dotnet',
    pattern: /\bThe SSL connection could not be established\b/,
    errorClass: (m) =>
      /remote certificate is invalid|RemoteCertificate/i.test(m.input.slice(m.index, m.index + 1500))
        ? undefined
        : 'tls',
  },
  {
    // SqlClient: the TCP connection opened and the pre-login (TLS) handshake failed
    id: 'dotnet.sqlclient-prelogin',
    runtime: 'dotnet',
    pattern:
      /\bA connection was successfully established with the server, but then an error occurred during the pre-login handshake\b/,
    errorClass: 'tls',
  },
  {
    // HttpClient.Timeout elapsed (as Go's Client.Timeout: the request, connect included, ran out of time)
    id: 'dotnet.httpclient-timeout',
    runtime: 'dotnet',
    pattern:
      /\bThe request was canceled due to the configured HttpClient\.Timeout of [0-9.]{1,12} seconds elapsing/,
    errorClass: 'timeout',
  },
  {
    // SqlClient: Connection Timeout Expired.  The timeout period elapsed while attempting to consume the pre-login handshake acknowledgement
    id: 'dotnet.sqlclient-connection-timeout',
    runtime: 'dotnet',
    pattern: /\bConnection Timeout Expired\.\s{1,3}The timeout period elapsed (?:while attempting to|during)/,
    errorClass: 'timeout',
  },
  {
    // MySqlConnector / Connector/NET: the inner SocketException (when printed) says why
    id: 'dotnet.mysql-unable-to-connect',
    runtime: 'dotnet',
    pattern: /\bUnable to connect to any of the specified MySQL hosts\b/,
    errorClass: (m) => classFromPhrases(m.input.slice(m.index, m.index + 1500)) ?? 'unreachable',
  },
];
