import { classFromPhrases } from './phrases.js';
import type { Signature } from './types.js';

/** Java: java.net exceptions, Apache HttpClient, JDBC drivers. */
export const JAVA_SIGNATURES: Signature[] = [
  {
    // org.apache.http.conn.HttpHostConnectException: Connect to api.example.com:443 [api.example.com/1.2.3.4] failed: Connection refused
    id: 'java.httpclient-connect',
    runtime: 'java',
    pattern: /\bConnect to ([0-9A-Za-z._-]{1,253}):(\d{1,5}) (?:\[[^\]\n]{0,300}\] )?failed: ([^\n]{1,80})/,
    errorClass: (m) => classFromPhrases(m[3] ?? ''),
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // org.postgresql.util.PSQLException: Connection to db.internal:5432 refused.
    id: 'java.pgjdbc-refused',
    runtime: 'java',
    pattern: /\bConnection to ([0-9A-Za-z._-]{1,253}):(\d{1,5}) refused\b/,
    errorClass: 'refused',
    hostGroup: 1,
    portGroup: 2,
  },
  {
    id: 'java.unknown-host',
    runtime: 'java',
    pattern: /\bjava\.net\.UnknownHostException: ([0-9A-Za-z._-]{1,253})/,
    errorClass: 'dns',
    hostGroup: 1,
  },
  {
    id: 'java.net-exception',
    runtime: 'java',
    pattern:
      /\bjava\.net\.(ConnectException|NoRouteToHostException|SocketTimeoutException: [Cc]onnect timed out|SocketException: Connection reset|SocketException: Network is unreachable)/,
    errorClass: (m) => {
      const what = m[1] ?? '';
      if (what.startsWith('NoRoute') || what.endsWith('unreachable')) return 'unreachable';
      if (what.startsWith('SocketTimeout')) return 'timeout';
      if (what.endsWith('reset')) return 'reset';
      return classFromPhrases(m.input.slice(m.index, m.index + 300)) ?? 'refused';
    },
  },
  {
    // MySQL Connector/J and MariaDB: Communications link failure
    id: 'java.jdbc-communications-link',
    runtime: 'java',
    pattern: /\bCommunications link failure\b/,
    errorClass: (m) => classFromPhrases(m.input.slice(m.index, m.index + 2000)) ?? 'timeout',
  },
  {
    // Netty (Lettuce, Reactor Netty, AWS SDK v2): AnnotatedConnectException: Connection refused: redis.internal/10.0.4.5:6379
    // ConnectTimeoutException: connection timed out: /10.0.4.5:6379 — host name before the slash when known
    id: 'java.netty-connect',
    runtime: 'java',
    pattern:
      /\b(?:AnnotatedConnectException|AnnotatedNoRouteToHostException|AnnotatedSocketException|ConnectTimeoutException): ((?:[Cc]onnection refused|[Cc]onnection timed out|No route to host|Network is unreachable)[^:\n]{0,40}): ([0-9A-Za-z._-]{0,253})\/([0-9A-Fa-f.:]{2,45}):(\d{1,5})/,
    errorClass: (m) => classFromPhrases(m[1] ?? ''),
    hostGroup: 2,
    portGroup: 4,
    altHostGroup: 3,
  },
  {
    // Lettuce: RedisConnectionException: Unable to connect to redis.internal:6379 (its cause says why)
    id: 'java.lettuce-unable-to-connect',
    runtime: 'java',
    pattern:
      /\bRedisConnectionException: Unable to connect to ([0-9A-Za-z._-]{1,253}|\[[0-9A-Fa-f:.%]{2,60}\]):(\d{1,5})/,
    errorClass: (m) => classFromPhrases(m.input.slice(m.index, m.index + 1500)) ?? 'unreachable',
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // Jedis: JedisConnectionException: Failed connecting to host 10.0.4.5:6379 (its cause says why)
    id: 'java.jedis-failed-connecting',
    runtime: 'java',
    pattern: /\bJedisConnectionException: Failed connecting to(?: host)? ([0-9A-Za-z._-]{1,253}):(\d{1,5})/,
    errorClass: (m) => classFromPhrases(m.input.slice(m.index, m.index + 1500)) ?? 'unreachable',
    hostGroup: 1,
    portGroup: 2,
  },
];
