import { classFromPhrases, ERRNO_CLASSES } from './phrases.js';
import type { Signature } from './types.js';

const byCode = (group: number) => (m: RegExpExecArray) => ERRNO_CLASSES[m[group] ?? ''];

/** Node.js: libuv errno errors as `net`, `dns`, `tls` and `http` word them, in plain lines, stacks and Invoke Error JSON. */
export const NODE_SIGNATURES: Signature[] = [
  {
    // connect ECONNREFUSED 10.0.3.42:5432 / connect ETIMEDOUT ::1:6379 / connect EHOSTUNREACH 10.0.0.5:443
    id: 'node.connect-errno',
    runtime: 'node',
    pattern:
      /\bconnect (ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EHOSTDOWN)(?: ([0-9A-Za-z:._%[\]-]{1,260}):(\d{1,5})\b)?/,
    // `connect ECONNREFUSED /var/run/docker.sock`: a Unix socket on the same host, not the network
    errorClass: (m) =>
      m[2] === undefined && /^ \//.test(m.input.slice(m.index + m[0].length, m.index + m[0].length + 2))
        ? undefined
        : byCode(1)(m),
    hostGroup: 2,
    portGroup: 3,
  },
  {
    // getaddrinfo ENOTFOUND orders-service.local (older Node: "... host host:443")
    id: 'node.getaddrinfo',
    runtime: 'node',
    pattern:
      /\bgetaddrinfo (ENOTFOUND|EAI_AGAIN|EAI_FAIL|EAI_NONAME|EAI_NODATA)(?: ([0-9A-Za-z._-]{1,253})(?::(\d{1,5}))?(?: [0-9A-Za-z._-]{1,253}:(\d{1,5}))?)?/,
    errorClass: 'dns',
    hostGroup: 2,
    // the host may carry a port (`EAI_AGAIN smtp.example.com:587`) when a host:port was configured as a host
    portGroup: 3,
    altPortGroup: 4,
  },
  {
    // queryA ETIMEOUT db.internal / querySrv ENOTFOUND _mongodb._tcp.cluster0
    id: 'node.dns-query',
    runtime: 'node',
    pattern:
      /\bquery[A-Za-z]{0,5} (ETIMEOUT|ENOTFOUND|ESERVFAIL|ECONNREFUSED|ENODATA) ([0-9A-Za-z._-]{1,253})/,
    errorClass: 'dns',
    hostGroup: 2,
  },
  {
    id: 'node.tls-disconnected',
    runtime: 'node',
    pattern: /Client network socket disconnected before secure TLS connection was established/,
    errorClass: 'tls',
  },
  {
    // read ECONNRESET / write EPIPE / read ETIMEDOUT on an established socket
    id: 'node.socket-errno',
    runtime: 'node',
    pattern: /\b(?:read|write) (ECONNRESET|EPIPE|ETIMEDOUT|ECONNABORTED)\b/,
    errorClass: byCode(1),
  },
  {
    id: 'node.socket-hang-up',
    runtime: 'node',
    pattern: /\bsocket hang up\b/,
    errorClass: 'reset',
  },
  {
    // AWS SDK for JavaScript v2: UnknownEndpoint: Inaccessible host: `secretsmanager.us-east-1.amazonaws.com' at port `undefined'
    id: 'node.aws-sdk-inaccessible-host',
    runtime: 'node',
    pattern: /Inaccessible host: [`']([0-9A-Za-z._-]{1,253})'(?: at port [`'](\d{1,5})')?/,
    errorClass: 'dns',
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // undici / fetch: `cause: ConnectTimeoutError: Connect Timeout Error … code: 'UND_ERR_CONNECT_TIMEOUT'`
    id: 'node.undici',
    runtime: 'node',
    pattern: /\b(UND_ERR_CONNECT_TIMEOUT|UND_ERR_SOCKET)\b/,
    errorClass: (m) => (m[1] === 'UND_ERR_SOCKET' ? 'reset' : 'timeout'),
  },
  {
    // JSON.stringify(err) or util.inspect(err) of a connect error in one event: {"code":"ETIMEDOUT","syscall":"connect",…}.
    // Both fields must be in the same event, so a lone `  code: 'ETIMEDOUT',` stack line (awslogs) never counts.
    id: 'node.error-object',
    runtime: 'node',
    pattern:
      /["']?code["']?\s{0,3}:\s{0,3}["'](ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET|ENOTFOUND|EAI_AGAIN)["'],?[\s\S]{0,120}?["']?syscall["']?\s{0,3}:\s{0,3}["'](?:connect|getaddrinfo|read|write)["']/,
    errorClass: byCode(1),
  },
  {
    // Error: ETIMEDOUT / Error: ESOCKETTIMEDOUT / RequestError: Error: ECONNRESET (request, got, superagent)
    id: 'node.bare-errno',
    runtime: 'node',
    pattern:
      /\b(?:Error|error): (ECONNREFUSED|ETIMEDOUT|ESOCKETTIMEDOUT|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE)\b/,
    errorClass: byCode(1),
  },
  {
    // Prisma P1001: Can't reach database server at `db.internal`:`5432` (also unquoted, or in double quotes)
    id: 'node.prisma-unreachable',
    runtime: 'node',
    pattern:
      /\bCan't reach database server at [`"]?([0-9A-Za-z._-]{1,253}|\[[0-9A-Fa-f:.%]{2,60}\])[`"]?:[`"]?(\d{1,5})\b/,
    errorClass: 'unreachable',
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // MongoDB Node driver / Mongoose: no server answered within serverSelectionTimeoutMS
    id: 'node.mongo-server-selection',
    runtime: 'node',
    pattern:
      /\b(?:Mongo|Mongoose)(?:ServerSelection|Timeout)Error: Server selection timed out after \d{1,9} ?ms\b/,
    errorClass: 'timeout',
  },
  {
    // undici: ConnectTimeoutError: Connect Timeout Error (attempted address: api.example.com:443, timeout: 10000ms)
    id: 'node.undici-connect-timeout',
    runtime: 'node',
    pattern:
      /\bConnect Timeout Error(?: \(attempted address: ([0-9A-Za-z._-]{1,253}|\[[0-9A-Fa-f:.%]{2,60}\]):(\d{1,5}))?/,
    errorClass: 'timeout',
    hostGroup: 1,
    portGroup: 2,
  },
  {
    // Node 20+ trying every address of a name in turn (autoSelectFamily): none answered in time
    id: 'node.socket-connection-timeout',
    runtime: 'node',
    pattern:
      /\b(?:ERR_SOCKET_CONNECTION_TIMEOUT|Error \[ERR_SOCKET_CONNECTION_TIMEOUT\]: Socket connection timeout)\b/,
    errorClass: 'timeout',
  },
  {
    // kafkajs: KafkaJSConnectionError: Connection timeout (a refused or failed lookup names its errno instead)
    id: 'node.kafkajs-connection-timeout',
    runtime: 'node',
    pattern:
      /(?:\bKafkaJSConnectionError: |\[Connection\] |Failed to connect to seed broker, trying another broker from the list: )Connection timeout\b/,
    errorClass: 'timeout',
  },
  {
    // nodemailer: Error: Connection timeout … code: 'ETIMEDOUT', command: 'CONN'
    id: 'node.nodemailer-conn',
    runtime: 'node',
    pattern: /\bcode: '(ETIMEDOUT|ECONNECTION)',\s{1,20}command: 'CONN'/,
    errorClass: (m) => (m[1] === 'ETIMEDOUT' ? 'timeout' : 'unreachable'),
  },
  {
    // MongoDB Node driver 3.x: failed to connect to server [db:27017] on first connect [MongoNetworkError: connection 0 to db:27017 timed out]
    id: 'node.mongo-first-connect',
    runtime: 'node',
    pattern:
      /\b(?:failed to connect to server \[([0-9A-Za-z._-]{1,253}):(\d{1,5})\] on first connect|Mongo(?:Network)?Error: connection (?:\d{1,6} to ([0-9A-Za-z._-]{1,253}):(\d{1,5}) )?(?:timed out|closed))([^\n]{0,300})/,
    errorClass: (m) => {
      const rest = m[0];
      if (/timed out/.test(rest)) return 'timeout';
      if (/ closed/.test(rest)) return 'reset';
      return classFromPhrases(rest) ?? 'unreachable';
    },
    hostGroup: 1,
    portGroup: 2,
    altHostGroup: 3,
    altPortGroup: 4,
  },
  {
    // @grpc/grpc-js: 14 UNAVAILABLE: Name resolution failed for target dns:orders-api:50051
    id: 'node.grpc-name-resolution',
    runtime: 'node',
    pattern:
      /\bName resolution failed for target (?:dns:(?:\/\/[^/\s]{0,100}\/)?)?([0-9A-Za-z._-]{1,253})(?::(\d{1,5}))?/,
    errorClass: 'dns',
    hostGroup: 1,
    portGroup: 2,
  },
];
