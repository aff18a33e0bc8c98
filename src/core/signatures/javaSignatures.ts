import { classFromPhrases, ERRNO_CLASSES } from './phrases.js';
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
    // Netty (Lettuce, Reactor Netty, AWS SDK v2): AnnotatedConnectException: Connection refused: redis.internal/10.0.4.5:6379
    // ConnectTimeoutException: connection timed out: /10.0.4.5:6379 — host name before the slash when known
    id: 'java.netty-connect',
    runtime: 'java',
    pattern:
      /\b(?:AnnotatedConnectException|AnnotatedNoRouteToHostException|AnnotatedSocketException|ConnectTimeoutException|ConnectException): (?:finishConnect\(\.\.\) failed: )?((?:[Cc]onnection refused|[Cc]onnection timed out|No route to host|Network is unreachable)(?:: no further information)?[^:\n]{0,40}): ([0-9A-Za-z._-]{0,253})\/([0-9A-Fa-f.:]{2,45}):(\d{1,5})/,
    errorClass: (m) => classFromPhrases(m[1] ?? ''),
    hostGroup: 2,
    portGroup: 4,
    altHostGroup: 3,
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
    // MariaDB Connector/J names the host: Communications link failure with primary host db.internal:3306
    pattern:
      /\bCommunications link failure\b(?: with (?:primary |replica )?host ([0-9A-Za-z._-]{1,253}):(\d{1,5}))?/,
    errorClass: (m) => classFromPhrases(m.input.slice(m.index, m.index + 2000)) ?? 'timeout',
    hostGroup: 1,
    portGroup: 2,
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
  {
    // OkHttp on Android: failed to connect to api.example.com/203.0.113.7 (port 443) from /10.0.2.15 (port 41234) after 10000ms: isConnected failed: ETIMEDOUT
    id: 'java.okhttp-failed-to-connect',
    runtime: 'java',
    pattern:
      /\bfailed to connect to ([0-9A-Za-z._-]{1,253})\/[0-9A-Fa-f.:]{2,45} \(port (\d{1,5})\)(?: from \/?[0-9A-Fa-f.:]{2,45} \(port \d{1,5}\))?(?: after \d{1,9} ?ms)?(?:: ([^\n]{0,160}))?/,
    errorClass: (m) => {
      const why = m[3] ?? '';
      const code = /\b(ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET)\b/.exec(why)?.[1];
      return (code ? ERRNO_CLASSES[code] : undefined) ?? classFromPhrases(why) ?? 'timeout';
    },
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // a connector's own wrapper: java.io.IOException: connect db.internal/10.0.2.47:3306 failure (the cause says why)
    id: 'java.io-connect-failure',
    runtime: 'java',
    pattern: /\bIOException: connect ([0-9A-Za-z._-]{1,253})\/[^\s:/]{1,60}:(\d{1,5}) failure\b/,
    errorClass: (m) => classFromPhrases(m.input.slice(m.index, m.index + 1500)) ?? 'unreachable',
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // AWS SDK for Java v1: Unable to execute HTTP request: <the cause's message>. An UnknownHostException's
    // message is the bare host name, so a lone name there is a failed lookup.
    id: 'java.aws-sdk-unable-to-execute',
    runtime: 'java',
    pattern:
      /\bUnable to execute HTTP request: (?:([0-9A-Za-z-]{1,63}(?:\.[0-9A-Za-z-]{1,63}){1,8})(?=[\s:]|$)(?!:\d)|([^\n]{1,200}))/,
    errorClass: (m) => {
      if (m[1]) return 'dns';
      const why = m[2] ?? '';
      // a server that accepted the connection and was slow to answer is not a connectivity failure
      if (/Read timed out|read timeout/i.test(why)) return undefined;
      return classFromPhrases(why);
    },
    hostGroup: 1,
  },
  {
    // Kafka clients: Connection to node -1 (broker.internal/10.0.4.5:9092) could not be established. Broker may not be available.
    id: 'java.kafka-node-unavailable',
    runtime: 'java',
    pattern:
      /\bConnection to node -?\d{1,9} (?:\(([0-9A-Za-z._-]{0,253})\/([0-9A-Fa-f.:]{2,45}):(\d{1,5})\) )?could not be established/,
    errorClass: 'unreachable',
    hostGroup: 1,
    altHostGroup: 2,
    portGroup: 3,
  },
];
