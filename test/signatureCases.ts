/**
 * Real-world log lines (connection failures and near misses) for testing the
 * signature matcher in src/core/signatures/.
 *
 * Error strings are taken from the public sources named in `source`; stack frames
 * and config dumps were trimmed in places. Lambda wrappers marked as such use the
 * documented runtime line formats around a real error payload. Cases marked
 * 'synthetic' come from the task brief.
 */
export type ExpectedClass = 'refused' | 'timeout' | 'dns' | 'unreachable' | 'reset' | 'tls' | 'pool';
export interface SignatureCase {
  /** the CloudWatch event message exactly as the app would print it (one event; may contain \n for multi-line events) */
  message: string;
  /** null = must NOT be classified as a connection failure (near miss) */
  expect: null | { class: ExpectedClass; host?: string; port?: number };
  runtime: 'node' | 'python' | 'java' | 'go' | 'generic';
  source: string;
}
export const SIGNATURE_CASES: SignatureCase[] = [
  {
    // pg: whole util.inspect dump as one event
    message:
      "Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (net.js:1142:16) {\n  errno: -111,\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '127.0.0.1',\n  port: 5432\n}",
    expect: { class: 'refused', host: '127.0.0.1', port: 5432 },
    runtime: 'node',
    source: 'https://github.com/brianc/node-postgres/issues/2222',
  },
  {
    // IPv6 without brackets: host/port split on the LAST colon
    message: 'Error: connect ECONNREFUSED ::1:6379',
    expect: { class: 'refused', host: '::1', port: 6379 },
    runtime: 'node',
    source: 'https://github.com/55555-Jyeon/z-com/issues/13',
  },
  {
    message:
      "MongoServerSelectionError: connect ECONNREFUSED 127.0.0.1:27017\n    at Timeout._onTimeout (/built_app/programs/server/npm/node_modules/meteor/npm-mongo/node_modules/mongodb/lib/core/sdam/topology.js:437:30)\n    at listOnTimeout (internal/timers.js:557:17)\n    at processTimers (internal/timers.js:500:7) {\n  reason: TopologyDescription {\n    type: 'ReplicaSetNoPrimary',\n    setName: 'meteor',",
    expect: { class: 'refused', host: '127.0.0.1', port: 27017 },
    runtime: 'node',
    source: 'https://github.com/zodern/meteor-up/issues/1334',
  },
  {
    // hostname in [brackets], resolved IP later: prefer the hostname
    message:
      'MongoError: failed to connect to server [ds113566.mlab.com:13566] on first connect [MongoError: connect ETIMEDOUT 54.158.46.240:13566]',
    expect: { class: 'timeout', host: 'ds113566.mlab.com', port: 13566 },
    runtime: 'node',
    source: 'https://github.com/mongo-js/mongojs/issues/341',
  },
  {
    // ioredis connect timeout carries no address
    message:
      '2024-05-14T09:21:09.115Z\t6b1e2f0a-9c3d-4e5f-8a7b-1c2d3e4f5a6b\tERROR\t[ioredis] Unhandled error event: Error: connect ETIMEDOUT\n    at TLSSocket.<anonymous> (/var/task/node_modules/ioredis/built/redis/index.js:317:37)\n    at Object.onceWrapper (events.js:482:28)\n    at TLSSocket.emit (events.js:376:20)\n    at TLSSocket.emit (domain.js:470:12)\n    at TLSSocket.Socket._onTimeout (net.js:483:8)\n    at listOnTimeout (internal/timers.js:555:17)\n    at processTimers (internal/timers.js:498:7)',
    expect: { class: 'timeout' },
    runtime: 'node',
    source:
      'https://github.com/redis/ioredis/issues/1386 (timestamp/request id added; Lambda Node.js line format: https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html)',
  },
  {
    // misconfig: 'host:port' was passed as the hostname, so getaddrinfo prints host:port
    message:
      '[ioredis] Unhandled error event: Error: getaddrinfo ENOTFOUND 127.0.0.1:6379\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (dns.js:60:26)',
    expect: { class: 'dns', host: '127.0.0.1', port: 6379 },
    runtime: 'node',
    source: 'https://github.com/redis/ioredis/issues/1333',
  },
  {
    // node-redis v2/v3: hostname and resolved IP both printed; prefer hostname
    message:
      'redis error: Error: Redis connection to localhost:6379 failed - connect ECONNREFUSED 127.0.0.1:6379',
    expect: { class: 'refused', host: 'localhost', port: 6379 },
    runtime: 'node',
    source: 'https://github.com/floatinghotpot/casino-server/issues/44',
  },
  {
    message:
      "[01/06/2021, 20:10:58] [FRITZ!Box] Error: connect ENETUNREACH 192.168.178.1:49443 - Local (0.0.0.0:0)\n    at internalConnect (net.js:921:16)\n    at defaultTriggerAsyncIdScope (internal/async_hooks.js:430:12)\n    at net.js:1009:9\n    at processTicksAndRejections (internal/process/task_queues.js:75:11) {\n  errno: -101,\n  code: 'ENETUNREACH',\n  syscall: 'connect',\n  address: '192.168.178.1',\n  port: 49443\n}",
    expect: { class: 'unreachable', host: '192.168.178.1', port: 49443 },
    runtime: 'node',
    source: 'https://github.com/andig/homebridge-fritz/issues/168',
  },
  {
    // Local (...) contains a real IP:port that must NOT be taken as the target
    message:
      "Error: connect EHOSTUNREACH 192.168.21.34:22 - Local (192.168.21.58:49182)\n    at internalConnect (node:net:953:16)\n    at defaultTriggerAsyncIdScope (node:internal/async_hooks:465:18)\n    at node:net:1044:9\n    at processTicksAndRejections (node:internal/process/task_queues:78:11) {\n  errno: -65,\n  code: 'EHOSTUNREACH',\n  syscall: 'connect',\n  address: '192.168.21.34',\n  port: 22,\n  level: 'client-socket'\n}",
    expect: { class: 'unreachable', host: '192.168.21.34', port: 22 },
    runtime: 'node',
    source: 'https://github.com/mscdex/ssh2/issues/1428',
  },
  {
    // full IPv6 with port appended after a colon, no brackets
    message: 'Error: connect EHOSTUNREACH 2a05:d018:8c4:3201:2a72:eccf:e8a:2b76:8883',
    expect: { class: 'unreachable', host: '2a05:d018:8c4:3201:2a72:eccf:e8a:2b76', port: 8883 },
    runtime: 'node',
    source: 'https://github.com/hardillb/node-red-contrib-googlehome-web/issues/71',
  },
  {
    message:
      "getaddrinfo EAI_AGAIN api.fungenerators.com\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:71:26) {\n  errno: -3001,\n  code: 'EAI_AGAIN',\n  syscall: 'getaddrinfo',\n  hostname: 'api.fungenerators.com',",
    expect: { class: 'dns', host: 'api.fungenerators.com' },
    runtime: 'node',
    source: 'https://github.com/localstack/localstack/issues/7155',
  },
  {
    // old Node appends :port to the getaddrinfo message
    message:
      "{ [Error: getaddrinfo EAI_AGAIN west.exch032.serverdata.net:587]\n  code: 'EAI_AGAIN',\n  errno: 'EAI_AGAIN',\n  syscall: 'getaddrinfo',\n  hostname: 'west.exch032.serverdata.net',\n  host: 'west.exch032.serverdata.net',\n  port: 587 }",
    expect: { class: 'dns', host: 'west.exch032.serverdata.net', port: 587 },
    runtime: 'node',
    source: 'https://github.com/nodemailer/nodemailer/issues/679',
  },
  {
    // old Lambda line without level column; misconfigured hostname is literally 'https'
    message:
      '2017-09-26T14:37:45.687Z\t4216836b-a2c8-11e7-9c44-7de0dbf9c43e\tUnhandled rejection Error: getaddrinfo ENOTFOUND https https:443\nat errnoException (dns.js:28:10)\nat GetAddrInfoReqWrap.onlookup [as oncomplete] (dns.js:76:26)',
    expect: { class: 'dns', host: 'https', port: 443 },
    runtime: 'node',
    source: 'https://github.com/abeyahmad/servicenow-rest/issues/9',
  },
  {
    // fetch failed: the class is only in the cause: block
    message:
      "TypeError: fetch failed\n    at Object.fetch (node:internal/deps/undici/undici:11372:11)\n    at processTicksAndRejections (node:internal/process/task_queues:95:5)\n    at /app/packages/api-client-proxy/src/createApiClientProxy.ts:57:26 {\n  cause: Error: getaddrinfo ENOTFOUND api\n      at GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:118:26) {\n    errno: -3008,\n    code: 'ENOTFOUND',\n    syscall: 'getaddrinfo',\n    hostname: 'api'\n  }\n}",
    expect: { class: 'dns', host: 'api' },
    runtime: 'node',
    source: 'https://github.com/scalar/scalar/issues/569 (tool prefix stripped, path shortened)',
  },
  {
    // host only as a JSON field; message has no 'getaddrinfo ENOTFOUND <host>' text
    message:
      'TypeError: fetch failed\n    at node:internal/deps/undici/undici:13502:13\n    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)\n\ncause\n\n{\n  "errno": -3008,\n  "code": "ENOTFOUND",\n  "syscall": "getaddrinfo",\n  "hostname": "api.github.com"\n}',
    expect: { class: 'dns', host: 'api.github.com' },
    runtime: 'node',
    source: 'https://github.com/datum-cloud/datum.net/issues/320',
  },
  {
    // undici connect timeout: no host/port anywhere in the event
    message:
      "TypeError: fetch failed\n    at Object.fetch (node:internal/deps/undici/undici:11372:11)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {\n  cause: _ConnectTimeoutError: Connect Timeout Error\n      at onConnectTimeout (node:internal/deps/undici/undici:6616:28)\n      at node:internal/deps/undici/undici:6574:50\n      at Immediate._onImmediate (node:internal/deps/undici/undici:6603:37)\n      at process.processImmediate (node:internal/timers:478:21)\n      at process.callbackTrampoline (node:internal/async_hooks:130:17) {\n    code: 'UND_ERR_CONNECT_TIMEOUT'\n  }\n}",
    expect: { class: 'timeout' },
    runtime: 'node',
    source: 'https://github.com/SawyerHood/draw-a-ui/issues/37',
  },
  {
    // non-ASCII hostname; a \w-based host regex misses it
    message:
      'FetchError: request to https://이름/v2/selectUserGroup failed, reason: getaddrinfo ENOTFOUND 이름\n    at ClientRequest.<anonymous>',
    expect: { class: 'dns', host: '이름', port: 443 },
    runtime: 'node',
    source: 'https://github.com/kimcore/hcs.js/issues/7',
  },
  {
    message:
      'AxiosError: connect ECONNREFUSED 127.0.0.1:8080\n    at Function.AxiosError.from (file:///app/node_modules/axios/lib/core/AxiosError.js:89:14)\n    at RedirectableRequest.handleRequestError (file:///app/node_modules/axios/lib/adapters/http.js:610:25)\n    at RedirectableRequest.emit (node:events:513:28)\n    at Socket.socketErrorListener (node:_http_client:494:9)',
    expect: { class: 'refused', host: '127.0.0.1', port: 8080 },
    runtime: 'node',
    source: 'https://github.com/nodejs/node/issues/53577 (paths shortened)',
  },
  {
    // refused by an HTTP proxy; the request url in the dump is a different host:port
    message:
      "{ Error: connect ECONNREFUSED 10.37.20.102:3128\n    at Object.exports._errnoException (util.js:1026:11)\n    at exports._exceptionWithHostPort (util.js:1049:20)\n    at TCPConnectWrap.afterConnect [as oncomplete] (net.js:1085:14)\n  code: 'ECONNREFUSED',\n  errno: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '10.37.20.102',\n  port: 3128,\n  config:\n   { adapter: [Function: httpAdapter],\n     method: 'get',\n     url: 'http://hostxxx:10001/ping',\n     data: undefined },\n  response: undefined }",
    expect: { class: 'refused', host: '10.37.20.102', port: 3128 },
    runtime: 'node',
    source: 'https://github.com/axios/axios/issues/543 (config dump trimmed)',
  },
  {
    // mysql2 connectTimeout: no address
    message:
      "Error: connect ETIMEDOUT\n    at Connection._handleTimeoutError (/home/ec2-user/workspace/odinnodeserver/node_modules/mysql2/lib/connection.js:169:17)\n    at listOnTimeout (internal/timers.js:531:17)\n    at processTimers (internal/timers.js:475:7) {\n  errorno: 'ETIMEDOUT',\n  code: 'ETIMEDOUT',\n  syscall: 'connect',\n  fatal: true\n}",
    expect: { class: 'timeout' },
    runtime: 'node',
    source: 'https://github.com/sidorares/node-mysql2/issues/1039',
  },
  {
    // JSON.stringify'd error: stack contains literal backslash-n sequences
    message:
      'Error object: {\n  "errno": -110,\n  "code": "ETIMEDOUT",\n  "syscall": "connect",\n  "address": "100.28.151.148",\n  "port": 5432,\n  "name": "Error",\n  "message": "connect ETIMEDOUT 100.28.151.148:5432",\n  "stack": "Error: connect ETIMEDOUT 100.28.151.148:5432\\n    at /app/node_modules/pg-pool/index.js:45:11\\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)"\n}',
    expect: { class: 'timeout', host: '100.28.151.148', port: 5432 },
    runtime: 'node',
    source: 'https://github.com/sciety/sciety/issues/3287',
  },
  {
    // JSON.stringify(err) drops the non-enumerable message: only code/address/port fields remain
    message:
      'Unable to start:\n{\n  "errno": -110,\n  "code": "ETIMEDOUT",\n  "syscall": "connect",\n  "address": "100.28.151.148",\n  "port": 5432\n}',
    expect: { class: 'timeout', host: '100.28.151.148', port: 5432 },
    runtime: 'node',
    source: 'https://github.com/sciety/sciety/issues/3287',
  },
  {
    message:
      'Connection error! PostgreSQL Error: Error: read ECONNRESET\nat TCP.onStreamRead (internal/stream_base_commons.js:205:27)',
    expect: { class: 'reset' },
    runtime: 'node',
    source: 'https://github.com/Bajdzis/vscode-database/issues/312',
  },
  {
    message:
      'Error: write EPIPE\n    at afterWriteDispatched (node:internal/stream_base_commons:160:15)\n    at writevGeneric (node:internal/stream_base_commons:143:3)\n    at Socket._writeGeneric (node:net:929:11)\n    at Socket._writev (node:net:938:8)\n    at doWrite (node:internal/streams/writable:409:12)',
    expect: { class: 'reset' },
    runtime: 'node',
    source: 'https://github.com/web-widget/web-widget/pull/194',
  },
  {
    message:
      "Error: socket hang up\n    at connResetException (node:internal/errors:691:14)\n    at Socket.socketOnEnd (node:_http_client:466:23)\n    at Socket.emit (node:events:538:35)\n    at endReadableNT (node:internal/streams/readable:1345:12)\n    at processTicksAndRejections (node:internal/process/task_queues:83:21) {\n  code: 'ECONNRESET',",
    expect: { class: 'reset' },
    runtime: 'node',
    source: 'https://github.com/HCLonely/AWA-Helper/issues/2',
  },
  {
    // code is ECONNRESET but the class should be tls; host/port only as inspect fields
    message:
      "2024-05-14T09:21:09.115Z\t6b1e2f0a-9c3d-4e5f-8a7b-1c2d3e4f5a6b\tERROR\tError: Client network socket disconnected before secure TLS connection was established\n    at connResetException (internal/errors.js:570:14)\n    at TLSSocket.onConnectEnd (_tls_wrap.js:1361:19)\n    at Object.onceWrapper (events.js:299:28)\n    at TLSSocket.emit (events.js:215:7)\n    at TLSSocket.EventEmitter.emit (domain.js:476:20)\n    at endReadableNT (_stream_readable.js:1183:12)\n    at processTicksAndRejections (internal/process/task_queues.js:80:21) {\n  code: 'ECONNRESET',\n  path: undefined,\n  host: 'edge-mqtt.facebook.com',\n  port: 443,\n  localAddress: undefined\n}",
    expect: { class: 'tls', host: 'edge-mqtt.facebook.com', port: 443 },
    runtime: 'node',
    source:
      'https://github.com/Nerixyz/instagram_mqtt/issues/10 (timestamp/request id added; Lambda Node.js line format: https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html)',
  },
  {
    // AWS SDK v3 on Node 20: AggregateError with ETIMEDOUT (IPv4) AND ENETUNREACH (IPv6); top-level code decides the class, first attempt gives the host
    message:
      "AggregateError\n    at internalConnectMultiple (node:net:1114:18)\n    at internalConnectMultiple (node:net:1177:5)\n    at Timeout.internalConnectMultipleTimeout (node:net:1687:3)\n    at listOnTimeout (node:internal/timers:575:11)\n    at process.processTimers (node:internal/timers:514:7) {\n  code: 'ETIMEDOUT',\n  name: 'TimeoutError',\n  '$metadata': { attempts: 3, totalRetryDelay: 157 },\n  [errors]: [\n    Error: connect ETIMEDOUT 18.179.209.155:443\n        at createConnectionError (node:net:1634:14)\n        at Timeout.internalConnectMultipleTimeout (node:net:1685:38)\n        at listOnTimeout (node:internal/timers:575:11)\n        at process.processTimers (node:internal/timers:514:7) {\n      errno: -110,\n      code: 'ETIMEDOUT',\n      syscall: 'connect',\n      address: '18.179.209.155',\n      port: 443\n    },\n    Error: connect ENETUNREACH 2406:da14:afa:8a00:e3de:c82b:7b57:b9a4:443 - Local (:::0)\n        at internalConnectMultiple (node:net:1176:40)\n        at Timeout.internalConnectMultipleTimeout (node:net:1687:3)\n        at listOnTimeout (node:internal/timers:575:11)\n        at process.processTimers (node:internal/timers:514:7) {\n      errno: -101,\n      code: 'ENETUNREACH',\n      syscall: 'connect',\n      address: '2406:da14:afa:8a00:e3de:c82b:7b57:b9a4',\n      port: 443\n    },",
    expect: { class: 'timeout', host: '18.179.209.155', port: 443 },
    runtime: 'node',
    source: 'https://github.com/aws/aws-sdk-js-v3/issues/6708',
  },
  {
    message:
      "Error Error: getaddrinfo ENOTFOUND dynamodb.region.amazonaws.com\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (dns.js:71:26) {\n  errno: -3008,\n  code: 'ENOTFOUND',\n  syscall: 'getaddrinfo',\n  hostname: 'dynamodb.region.amazonaws.com',\n  '$metadata': { attempts: 1, totalRetryDelay: 0 }\n}",
    expect: { class: 'dns', host: 'dynamodb.region.amazonaws.com' },
    runtime: 'node',
    source: 'https://github.com/awsdocs/aws-doc-sdk-examples/issues/4213',
  },
  {
    // Lambda runtime 'Invoke Error' line: the error appears 3 times (errorMessage, address/port, stack)
    message:
      '2024-05-14T09:21:09.115Z\t6b1e2f0a-9c3d-4e5f-8a7b-1c2d3e4f5a6b\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"connect ETIMEDOUT 100.28.151.148:5432","code":"ETIMEDOUT","errno":-110,"syscall":"connect","address":"100.28.151.148","port":5432,"stack":["Error: connect ETIMEDOUT 100.28.151.148:5432","    at /var/task/node_modules/pg-pool/index.js:45:11","    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)"]}',
    expect: { class: 'timeout', host: '100.28.151.148', port: 5432 },
    runtime: 'node',
    source:
      'error content: https://github.com/sciety/sciety/issues/3287; Invoke Error JSON shape: aws/aws-lambda-nodejs-runtime-interface-client src/CallbackContext.js + src/Errors.js; Lambda Node.js line format: https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html',
  },
  {
    // pretty-printed multi-line Lambda 'Uncaught Exception' event; request id as in source
    message:
      '2021-12-08T22:57:06.856Z\t3eb11653-unique-identifier-string-123\tERROR\tUncaught Exception \t{\n    "errorType": "Error",\n    "errorMessage": "connect ECONNREFUSED 127.0.0.1:443",\n    "code": "ECONNREFUSED",\n    "errno": "ECONNREFUSED",\n    "syscall": "connect",\n    "address": "127.0.0.1",\n    "port": 443,\n    "stack": [\n        "Error: connect ECONNREFUSED 127.0.0.1:443",\n        "    at TCPConnectWrap.afterConnect [as oncomplete] (net.js:1144:16)"\n    ]\n}',
    expect: { class: 'refused', host: '127.0.0.1', port: 443 },
    runtime: 'node',
    source: 'https://github.com/aws-samples/amazon-guardduty-to-slack/issues/24',
  },
  {
    // aws-sdk v2 TimeoutError (httpOptions.timeout; may be a read timeout, not connect); host only in the 'hostname' field
    message:
      '2021-09-26T09:04:42.010Z\tc086167a-3c7e-48c6-8557-577dd98f281e\tERROR\tInvoke Error \t{"errorType":"TimeoutError","errorMessage":"Connection timed out after 120000ms","code":"TimeoutError","message":"Connection timed out after 120000ms","time":"2021-09-26T09:04:42.010Z","region":"us-east-1","hostname":"lambda.us-east-1.amazonaws.com","retryable":true,"stack":["TimeoutError: Connection timed out after 120000ms"," at ClientRequest.<anonymous> (/var/runtime/node_modules/aws-sdk/lib/http/node.js:86:34)"," at Object.onceWrapper (events.js:519:28)"," at ClientRequest.emit (events.js:400:28)"]}',
    expect: { class: 'timeout', host: 'lambda.us-east-1.amazonaws.com' },
    runtime: 'node',
    source:
      'https://github.com/alexcasalboni/aws-lambda-power-tuning/issues/140 (tabs restored, stack trimmed)',
  },
  {
    // logged at INFO level; error repeats after the dump; hostname field names the host behind 127.0.0.1; code is 'NetworkingError'
    message:
      "2020-10-17T11:03:58.629Z\t362148a5-88ec-1e25-3197-6ea9d94e38fd\tINFO\tError: connect ECONNREFUSED 127.0.0.1:4566\n    at TCPConnectWrap.afterConnect [as oncomplete] (net.js:1141:16) {\n  errno: 'ECONNREFUSED',\n  code: 'NetworkingError',\n  syscall: 'connect',\n  address: '127.0.0.1',\n  port: 4566,\n  region: 'us-east-1',\n  hostname: 'localhost',\n  retryable: true,\n  time: 2020-10-17T11:03:58.625Z\n} Error: connect ECONNREFUSED 127.0.0.1:4566\n    at TCPConnectWrap.afterConnect [as oncomplete] (net.js:1141:16)",
    expect: { class: 'refused', host: 'localhost', port: 4566 },
    runtime: 'node',
    source: 'https://github.com/localstack/localstack/issues/3068 (tabs restored)',
  },
  {
    // nodemailer overwrites code with 'ESOCKET'; only the message text says ETIMEDOUT
    message:
      "Error: connect ETIMEDOUT 74.125.133.109:465\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1284:16) {\n  errno: -4039,\n  code: 'ESOCKET',\n  syscall: 'connect',\n  address: '74.125.133.109',\n  port: 465,\n  command: 'CONN'\n}",
    expect: { class: 'timeout', host: '74.125.133.109', port: 465 },
    runtime: 'node',
    source: 'https://github.com/nodejs/help/issues/4146',
  },
  {
    // Node 20 AggregateError: headline has no address; two attempts (::1 and 127.0.0.1); first attempt taken as host
    message:
      "Error connecting to PostgreSQL database AggregateError [ECONNREFUSED]: \n    at internalConnectMultiple (node:net:1116:18)\n    at afterConnectMultiple (node:net:1683:7) {\n  code: 'ECONNREFUSED',\n  [errors]: [\n    Error: connect ECONNREFUSED ::1:5432\n        at createConnectionError (node:net:1646:14)\n        at afterConnectMultiple (node:net:1676:16) {\n      errno: -111,\n      code: 'ECONNREFUSED',\n      syscall: 'connect',\n      address: '::1',\n      port: 5432\n    },\n    Error: connect ECONNREFUSED 127.0.0.1:5432\n        at createConnectionError (node:net:1646:14)\n        at afterConnectMultiple (node:net:1676:16) {\n      errno: -111,\n      code: 'ECONNREFUSED',\n      syscall: 'connect',\n      address: '127.0.0.1',\n      port: 5432\n    }\n  ]\n}",
    expect: { class: 'refused', host: '::1', port: 5432 },
    runtime: 'node',
    source:
      'https://github.com/bezkoder/docker-compose-nodejs-postgres/issues/2 (docker build prefix stripped)',
  },
  {
    message:
      "HTTPConnectionPool(host='164.52.196.65', port=8888): Max retries exceeded with url: / (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7fc1089f04a8>: Failed to establish a new connection: [Errno 111] Connection refused',))",
    expect: { class: 'refused', host: '164.52.196.65', port: 8888 },
    runtime: 'python',
    source: 'https://github.com/dmis-lab/bern/issues/42',
  },
  {
    message:
      "ERROR    HTTPSConnectionPool(host='linuxacademy.com', port=443): Max retries exceeded with url: /cp/login/quit (Caused by NewConnectionError('<requests.packages.urllib3.connection.VerifiedHTTPSConnection object at 0x7fe20423a400>: Failed to establish a new connection: [Errno -2] Name or service not known',))",
    expect: { class: 'dns', host: 'linuxacademy.com', port: 443 },
    runtime: 'python',
    source: 'https://github.com/vassim/linuxacademy-dl/issues/48',
  },
  {
    message:
      "urllib3.exceptions.MaxRetryError: HTTPSConnectionPool(host='auth-api.apps.silver.devops.gov.bc.ca', port=443): Max retries exceeded with url: /api/v1/users/orgs (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x3ea781aa9040>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution'))",
    expect: { class: 'dns', host: 'auth-api.apps.silver.devops.gov.bc.ca', port: 443 },
    runtime: 'python',
    source: 'https://github.com/bcgov/entity/issues/11036',
  },
  {
    // empty host='' (misconfigured URL): no host expected
    message:
      "ConnectionError: HTTPSConnectionPool(host='', port=443): Max retries exceeded with url: /oauth2/access_token/ (Caused by <class 'socket.gaierror'>: [Errno -3] Temporary failure in name resolution)",
    expect: { class: 'dns', port: 443 },
    runtime: 'python',
    source: 'https://github.com/psf/requests/issues/3677',
  },
  {
    message:
      "urllib3.exceptions.MaxRetryError: HTTPSConnectionPool(host='flk.npc.gov.cn', port=443): Max retries exceeded with url: /api/?xlwj=02&xlwj=03&searchType=title%3Baccurate%3B1%2C3&sort=true&page=1&size=10 (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f86f5915d00>: Failed to establish a new connection: [Errno 110] Connection timed out'))",
    expect: { class: 'timeout', host: 'flk.npc.gov.cn', port: 443 },
    runtime: 'python',
    source: 'https://github.com/LawRefBook/Laws/issues/8 (query string shortened)',
  },
  {
    // redacted by reporter: port=xxx is not a number; matcher must not crash and should omit port
    message:
      "HTTPConnectionPool(host='xxx', port=xxx): Max retries exceeded with url: /Upload/Processing.aspx (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f79f9c9c1d0>: Failed to establish a new connection: [Errno 113] No route to host',))",
    expect: { class: 'unreachable', host: 'xxx' },
    runtime: 'python',
    source: 'https://github.com/psf/requests/issues/4189',
  },
  {
    message:
      "HTTPConnectionPool(host='169.254.169.254', port=80): Max retries exceeded with url: /latest/api/token (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f77e8ee3ac0>: Failed to establish a new connection: [Errno 101] Network is unreachable'))",
    expect: { class: 'unreachable', host: '169.254.169.254', port: 80 },
    runtime: 'python',
    source:
      'https://github.com/ansible-lockdown/AMAZON2023-CIS/issues/80 (inner exception text of a cloud-init log line)',
  },
  {
    // WARNING level retry line; Errno 61 is macOS ECONNREFUSED; only a path, no host
    message:
      "WARNING:urllib3.connectionpool:Retrying (Retry(total=1, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<urllib3.connection.HTTPConnection object at 0x11a404b20>: Failed to establish a new connection: [Errno 61] Connection refused')': /api/v1/namespaces/openshift-kube-scheduler/pods?pretty=True&limit=",
    expect: { class: 'refused' },
    runtime: 'python',
    source: 'https://github.com/krkn-chaos/cerberus/issues/170',
  },
  {
    // host is inside 'Connection to <host> timed out'; port not printed
    message:
      "urllib3.exceptions.ConnectTimeoutError: (<urllib3.connection.HTTPSConnection object at 0x0000022E9B501750>, 'Connection to openaipublic.blob.core.windows.net timed out. (connect timeout=None)')",
    expect: { class: 'timeout', host: 'openaipublic.blob.core.windows.net' },
    runtime: 'python',
    source: 'https://github.com/microsoft/graphrag/issues/802',
  },
  {
    // class AMBIGUOUS: EndpointConnectionError wraps refused, unreachable and DNS errors alike; 'unreachable' is a placeholder
    message:
      'botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://sts.amazonaws.com/"',
    expect: { class: 'unreachable', host: 'sts.amazonaws.com', port: 443 },
    runtime: 'python',
    source: 'https://github.com/nccgroup/Scout2/issues/196',
  },
  {
    message:
      'botocore.exceptions.ConnectTimeoutError: Connect timeout on endpoint URL: "https://ec2.us-west-2.amazonaws.com/"',
    expect: { class: 'timeout', host: 'ec2.us-west-2.amazonaws.com', port: 443 },
    runtime: 'python',
    source: 'https://github.com/aws/aws-cli/issues/6450',
  },
  {
    message:
      'botocore.exceptions.ConnectionClosedError: Connection was closed before we received a valid response from endpoint URL: "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions".',
    expect: { class: 'reset', host: 'lambda.us-east-1.amazonaws.com', port: 443 },
    runtime: 'python',
    source: 'https://github.com/spcl/serverless-benchmarks/issues/135',
  },
  {
    // Lambda Python logger line: '[ERROR]\t<ts>\t<request id>\t<msg>\n'
    message:
      '[ERROR]\t2024-05-14T09:21:07.114Z\t6b1e2f0a-9c3d-4e5f-8a7b-1c2d3e4f5a6b\tError in Function: Connect timeout on endpoint URL: "https://codepipeline.us-east-1.amazonaws.com/".\n',
    expect: { class: 'timeout', host: 'codepipeline.us-east-1.amazonaws.com', port: 443 },
    runtime: 'python',
    source:
      'https://github.com/aws-samples/aws-codepipeline-third-party-git-repositories/issues/1 (wrapped in the Lambda logging format; Lambda Python [ERROR] formats: aws/aws-lambda-python-runtime-interface-client awslambdaric/bootstrap.py)',
  },
  {
    // unhandled Lambda error: host on the 2nd line, port on the 3rd; traceback indented with NO-BREAK SPACE
    message:
      '[ERROR] OperationalError: could not connect to server: Connection timed out\n\tIs the server running on host "konodata-prod.ckff6c3ynuwi.eu-west-1.rds.amazonaws.com" (34.246.133.146) and accepting\n\tTCP/IP connections on port 5432?\n\nTraceback (most recent call last):\n\u00a0\u00a0File "/var/task/lambda_function.py", line 14, in lambda_handler\n\u00a0\u00a0\u00a0\u00a0conn = psycopg2.connect(DSN)\n\u00a0\u00a0File "/var/task/psycopg2/__init__.py", line 130, in connect\n\u00a0\u00a0\u00a0\u00a0conn = _connect(dsn, connection_factory=connection_factory, **kwasync)',
    expect: { class: 'timeout', host: 'konodata-prod.ckff6c3ynuwi.eu-west-1.rds.amazonaws.com', port: 5432 },
    runtime: 'python',
    source:
      'error text: https://github.com/hellno/kono_data/issues/262; unhandled-exception layout and U+00A0 indentation: Lambda Python [ERROR] formats: aws/aws-lambda-python-runtime-interface-client awslambdaric/bootstrap.py',
  },
  {
    // libpq 14+ format: hostname, (ip), 'port N failed:'
    message:
      'psycopg2.OperationalError: connection to server at "localhost" (127.0.0.1), port 5432 failed: Connection refused\n        Is the server running on that host and accepting TCP/IP connections?\nconnection to server at "localhost" (::1), port 5432 failed: Cannot assign requested address\n        Is the server running on that host and accepting TCP/IP connections?',
    expect: { class: 'refused', host: 'localhost', port: 5432 },
    runtime: 'python',
    source: 'https://github.com/worldveil/dejavu/issues/306',
  },
  {
    // libpq via Ruby pg
    message:
      'connection to server at "10.1.209.231", port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?',
    expect: { class: 'refused', host: '10.1.209.231', port: 5432 },
    runtime: 'generic',
    source: 'https://github.com/tines/rails-pg-adapter/pull/15',
  },
  {
    // libpq <14 format: port is on a later line ('connections on port N?')
    message:
      'django.db.utils.OperationalError: could not connect to server: Connection timed out\n\tIs the server running on host "konodata-prod.ckff6c3ynuwi.eu-west-1.rds.amazonaws.com" (34.246.133.146) and accepting\n\tTCP/IP connections on port 5432?',
    expect: { class: 'timeout', host: 'konodata-prod.ckff6c3ynuwi.eu-west-1.rds.amazonaws.com', port: 5432 },
    runtime: 'python',
    source: 'https://github.com/hellno/kono_data/issues/262',
  },
  {
    message:
      'psycopg2.OperationalError: could not translate host name "postgres.demo.docker" to address: Name or service not known',
    expect: { class: 'dns', host: 'postgres.demo.docker' },
    runtime: 'python',
    source: 'https://github.com/dalibo/ldap2pg/pull/182',
  },
  {
    // musl/Alpine wording 'Name does not resolve'
    message:
      'ERROR:coe_assembly.init:(psycopg2.OperationalError) could not translate host name "postgres" to address: Name does not resolve',
    expect: { class: 'dns', host: 'postgres' },
    runtime: 'python',
    source: 'https://github.com/opensanctions/opensanctions/issues/44',
  },
  {
    // JSON-encoded: the event contains literal backslash-n and backslash-quote around the host
    message:
      'ERROR: {"error": "Connection failed!\\n\\nThe error message returned was:\\n(psycopg2.OperationalError) could not translate host name \\"example.com\\" to address: Name or service not known\\n (Background on this error at: http://sqlalche.me/e/e3q8)"}',
    expect: { class: 'dns', host: 'example.com' },
    runtime: 'python',
    source: 'https://github.com/apache/superset/issues/8235',
  },
  {
    message: 'redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused.',
    expect: { class: 'refused', host: 'localhost', port: 6379 },
    runtime: 'python',
    source: 'https://github.com/redis/redis-py/issues/1466',
  },
  {
    // class name says Timeout but the cause is refused
    message: 'ServerSelectionTimeoutError: localhost:27017: [Errno 111] Connection refused',
    expect: { class: 'refused', host: 'localhost', port: 27017 },
    runtime: 'python',
    source: 'https://github.com/virtool/virtool/issues/699',
  },
  {
    message: 'ssl.SSLEOFError: EOF occurred in violation of protocol (_ssl.c:992)',
    expect: { class: 'tls' },
    runtime: 'python',
    source: 'https://github.com/pymedusa/Medusa/issues/11088',
  },
  {
    message:
      'Error connecting to "forums.wildshadow.com": [Errno 8] _ssl.c:504: EOF occurred in violation of protocol',
    expect: { class: 'tls', host: 'forums.wildshadow.com' },
    runtime: 'python',
    source: 'https://github.com/mitmproxy/mitmproxy/issues/115',
  },
  {
    message:
      'Exception in thread "main" java.net.ConnectException: Connection refused (Connection refused)\n\tat java.base/java.net.PlainSocketImpl.socketConnect(Native Method)\n\tat java.base/java.net.AbstractPlainSocketImpl.doConnect(AbstractPlainSocketImpl.java:399)\n\tat java.base/java.net.AbstractPlainSocketImpl.connectToAddress(AbstractPlainSocketImpl.java:242)\n\tat java.base/java.net.Socket.connect(Socket.java:609)',
    expect: { class: 'refused' },
    runtime: 'java',
    source: 'https://github.com/daolanfler/test/issues/58',
  },
  {
    // 'http-nio-8080' thread name contains a port that is NOT the target
    message:
      '2019-08-04 17:45:40,711  ERROR [parashift.onlyoffice.CallBack] [http-nio-8080-exec-2] java.net.ConnectException: Connection refused (Connection refused)',
    expect: { class: 'refused' },
    runtime: 'java',
    source: 'https://github.com/ONLYOFFICE/onlyoffice-alfresco/issues/11',
  },
  {
    // [host/ip] resolved-address bracket
    message:
      'HttpHostConnectException: Connect to localhost:8080 [localhost/127.0.0.1] failed: Connection refused (Connection refused)\n    at org.apache.http.impl.conn.DefaultHttpClientConnectionOperator.connect(DefaultHttpClientConnectionOperator.java:158)',
    expect: { class: 'refused', host: 'localhost', port: 8080 },
    runtime: 'java',
    source: 'https://github.com/zalando-zmon/zmon-controller/issues/668',
  },
  {
    message:
      'org.postgresql.util.PSQLException: Connection to localhost:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.',
    expect: { class: 'refused', host: 'localhost', port: 5432 },
    runtime: 'java',
    source: 'https://github.com/tminglei/slick-pg/issues/632',
  },
  {
    message:
      'java.net.SocketTimeoutException: connect timed out\n     at java.net.PlainSocketImpl.socketConnect(Native Method)\n     at java.net.AbstractPlainSocketImpl.doConnect(AbstractPlainSocketImpl.java:334)\n     at okhttp3.internal.platform.AndroidPlatform.connectSocket(AndroidPlatform.java:70)',
    expect: { class: 'timeout' },
    runtime: 'java',
    source: 'https://github.com/lysine-dev/okhttp/issues/3724',
  },
  {
    // Android: host/ip then '(port 80)'
    message:
      'java.net.SocketTimeoutException: failed to connect to aquarium.lipetsk.ru/195.34.232.103 (port 80) after 5000ms: isConnected failed: ETIMEDOUT (Connection timed out)',
    expect: { class: 'timeout', host: 'aquarium.lipetsk.ru', port: 80 },
    runtime: 'java',
    source: 'https://github.com/tolbxela/AerostatApp/issues/42',
  },
  {
    // container-id hostname (hex, no dots)
    message:
      'Caused by: java.net.UnknownHostException: 5cfa284d4fc9: Name or service not known\n        at java.net.Inet4AddressImpl.lookupAllHostAddr(Native Method)\n        at java.net.InetAddress$2.lookupAllHostAddr(InetAddress.java:929)',
    expect: { class: 'dns', host: '5cfa284d4fc9' },
    runtime: 'java',
    source: 'https://github.com/spring-cloud/spring-cloud-netflix/issues/3949',
  },
  {
    message:
      'I/O error on GET request for "http://demo-backend:8080": demo-backend; nested exception is java.net.UnknownHostException: demo-backend',
    expect: { class: 'dns', host: 'demo-backend', port: 8080 },
    runtime: 'java',
    source: 'https://github.com/eugenp/tutorials/issues/7370',
  },
  {
    message: 'java.net.NoRouteToHostException: No route to host (Host unreachable)',
    expect: { class: 'unreachable' },
    runtime: 'java',
    source: 'https://github.com/seungsoo-lee/DELTA/issues/5',
  },
  {
    // INFO level; route printed as '{}->http://host:port'
    message:
      '15:54:41.801 [main] INFO  o.a.http.impl.execchain.RetryExec - I/O exception (java.net.NoRouteToHostException) caught when processing request to {}->http://192.168.1.112:8080: Host is unreachable (Host unreachable)',
    expect: { class: 'unreachable', host: '192.168.1.112', port: 8080 },
    runtime: 'java',
    source: 'https://github.com/opencast/opencast-docker/issues/136',
  },
  {
    // netty epoll: ConnectException but class is unreachable
    message: 'java.net.ConnectException: finishConnect(..) failed: No route to host',
    expect: { class: 'unreachable' },
    runtime: 'java',
    source: 'https://github.com/netty/netty/issues/13317',
  },
  {
    // the class comes from the Caused by: line, not the headline
    message:
      'com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure\n\nThe last packet sent successfully to the server was 0 milliseconds ago. The driver has not received any packets from the server.\n\tat com.mysql.cj.exceptions.ExceptionFactory.createCommunicationsException(ExceptionFactory.java:165)\n\tat com.mysql.cj.protocol.a.NativeSocketConnection.connect(NativeSocketConnection.java:92)\n\t... 14 more\nCaused by: java.net.ConnectException: Connection refused: connect\n\tat java.net.DualStackPlainSocketImpl.waitForConnect(Native Method)',
    expect: { class: 'refused' },
    runtime: 'java',
    source: 'https://github.com/brettwooldridge/HikariCP/issues/1263 (frames trimmed)',
  },
  {
    // MariaDB connector; read (socketTimeout) not connect
    message:
      'edu.ucar.metviewer.db.mysql.MysqlAppDatabaseManager.executeQueriesAndSaveToFile(Unknown Source) -1 executeQueriesAndSaveToFile - (conn=168107) Communications link failure with primary host metviewer-dev.czbts4gd2wm2.us-east-1.rds.amazonaws.com:3306. Read timed out',
    expect: { class: 'timeout', host: 'metviewer-dev.czbts4gd2wm2.us-east-1.rds.amazonaws.com', port: 3306 },
    runtime: 'java',
    source: 'https://github.com/dtcenter/METviewer/issues/148',
  },
  {
    // Java InetSocketAddress 'host/ip:port' (ip redacted as xxx)
    message:
      '2019-09-17 16:27:27.644 [destination = example , address = rm-xxx.mysql.rds.aliyuncs.com/xxx:3306 , EventParser] ERROR c.a.o.c.p.inbound.mysql.rds.RdsBinlogEventParserProxy - dump address rm-xxx.mysql.rds.aliyuncs.com/xxx:3306 has an error, retrying. caused by \ncom.alibaba.otter.canal.parse.exception.CanalParseException: java.io.IOException: connect rm-xxx.mysql.rds.aliyuncs.com/xxx:3306 failure\nCaused by: java.io.IOException: connect rm-xxx.mysql.rds.aliyuncs.com/xxx:3306 failure\n\tat com.alibaba.otter.canal.parse.driver.mysql.MysqlConnector.connect(MysqlConnector.java:83) ~[canal.parse.driver-1.1.4.jar:na]\nCaused by: java.net.SocketTimeoutException: connect timed out\n\tat java.net.PlainSocketImpl.socketConnect(Native Method) ~[na:1.8.0_181]',
    expect: { class: 'timeout', host: 'rm-xxx.mysql.rds.aliyuncs.com', port: 3306 },
    runtime: 'java',
    source: 'https://github.com/alibaba/canal/issues/2206 (frames trimmed)',
  },
  {
    message:
      'time="2023-10-29T12:38:56Z" level=fatal msg="dial tcp 172.24.0.2:5432: connect: connection refused"',
    expect: { class: 'refused', host: '172.24.0.2', port: 5432 },
    runtime: 'go',
    source: 'https://github.com/tolyo/open-outcry/issues/9',
  },
  {
    // bracketed IPv6
    message:
      'panic: dial tcp [::1]:5432: connect: connection refused\n\ngoroutine 1 [running]:\nmain.setupDatabase()\n    /etc/ente/cmd/museum/main.go:848 +0x338',
    expect: { class: 'refused', host: '::1', port: 5432 },
    runtime: 'go',
    source: 'https://github.com/EdyTheCow/ente-selfhost/issues/2 (compose prefix stripped)',
  },
  {
    // Go on Windows
    message:
      'dial tcp [::1]:5432: connectex: No connection could be made because the target machine actively refused it.',
    expect: { class: 'refused', host: '::1', port: 5432 },
    runtime: 'go',
    source: 'https://github.com/utronframework/todo/issues/1',
  },
  {
    // mentions 'timeout' but the failure is a refusal
    message:
      'connect to 127.0.0.1:8099 error: net.DialTimeout failed with network "tcp", address "127.0.0.1:8099", timeout "10s": dial tcp 127.0.0.1:8099: connectex: No connection could be made because the target machine actively refused it.',
    expect: { class: 'refused', host: '127.0.0.1', port: 8099 },
    runtime: 'go',
    source: 'https://github.com/bufanyun/hotgo/issues/56 (file:line prefix dropped, wrapped line joined)',
  },
  {
    // empty host, port 0 (unset config)
    message: 'dial tcp :0: connect: connection refused',
    expect: { class: 'refused', port: 0 },
    runtime: 'go',
    source: 'https://github.com/uberswe/golang-base-project/issues/22',
  },
  {
    message: 'Error: dial tcp 137.74.6.25:411: i/o timeout',
    expect: { class: 'timeout', host: '137.74.6.25', port: 411 },
    runtime: 'go',
    source: 'https://github.com/direct-connect/go-dcpp/issues/120',
  },
  {
    // pgx v5: 'ip:port (hostname): dial error: ...' - hostname AFTER the ip
    message:
      '[redshift] Could not connect to Redshift: failed to connect to `user=root database=dev`:\n        34.192.253.184:5439 (my-cluster-name.identifier.us-east-1.redshift.amazonaws.com): dial error: timeout: dial tcp 34.192.253.184:5439: connect: operation timed out\n        34.192.253.184:5439 (my-cluster-name.identifier.us-east-1.redshift.amazonaws.com): dial error: timeout: dial tcp 34.192.253.184:5439: connect: operation timed out',
    expect: {
      class: 'timeout',
      host: 'my-cluster-name.identifier.us-east-1.redshift.amazonaws.com',
      port: 5439,
    },
    runtime: 'go',
    source: 'https://github.com/dbt-labs/dbt-core/issues/16109',
  },
  {
    // 'dial tcp: i/o timeout' has no address; host only in the URL; logrus escapes \n
    message:
      'time="2019-03-20T12:33:01Z" level=fatal msg="RequestError: send request failed\\ncaused by: Post https://sqs.cn-north-1.amazonaws.com.cn/: dial tcp: i/o timeout"',
    expect: { class: 'timeout', host: 'sqs.cn-north-1.amazonaws.com.cn', port: 443 },
    runtime: 'go',
    source: 'https://github.com/amazon-archives/aws-service-operator/issues/177',
  },
  {
    // 8.8.8.8:53 is the DNS server, not the target
    message:
      "ERRO[0001] Error executing 'ps RequestError: send request failed\ncaused by: Post https://ecs.ap-southeest-1.amazonaws.com/: dial tcp: lookup ecs.ap-southeest-1.amazonaws.com on 8.8.8.8:53: no such host",
    expect: { class: 'dns', host: 'ecs.ap-southeest-1.amazonaws.com', port: 443 },
    runtime: 'go',
    source: 'https://github.com/aws/amazon-ecs-cli/issues/232',
  },
  {
    // the DNS SERVER refused ([::1]:53); it is a lookup failure, not a refusal by the target
    message:
      'ERRO[0000] Failed to Create Cluster                      cluster=linccluster error="RequestError: send request failed\\ncaused by: Post https://ecs.ap-northeast-1.amazonaws.com/: dial tcp: lookup ecs.ap-northeast-1.amazonaws.com on [::1]:53: read udp [::1]:56846->[::1]:53: read: connection refused"',
    expect: { class: 'dns', host: 'ecs.ap-northeast-1.amazonaws.com', port: 443 },
    runtime: 'go',
    source: 'https://github.com/aws/amazon-ecs-cli/issues/778',
  },
  {
    // DNS query timed out: contains 'i/o timeout' and an -> arrow to the resolver; class dns
    message:
      'unable to proxy request - Get "https://s3.amazonaws.com/xxxxxxxx/packages": dial tcp: lookup s3.amazonaws.com on 10.73.52.2:53: read udp 172.17.0.2:41175->10.73.52.2:53: i/o timeout',
    expect: { class: 'dns', host: 's3.amazonaws.com', port: 443 },
    runtime: 'go',
    source: 'https://github.com/awslabs/aws-sigv4-proxy/issues/239',
  },
  {
    // target is after the ->
    message:
      '[2019-01-21 18:20:04]  read tcp 10.81.74.132:51416->10.81.74.68:5432: read: connection reset by peer ',
    expect: { class: 'reset', host: '10.81.74.68', port: 5432 },
    runtime: 'go',
    source: 'https://github.com/go-gorm/gorm/issues/2081',
  },
  {
    message: 'read tcp [::1]:49528->[::1]:5432: read: connection reset by peer',
    expect: { class: 'reset', host: '::1', port: 5432 },
    runtime: 'go',
    source: 'https://github.com/lib/pq/issues/835',
  },
  {
    // URL hostname plus resolved ip after ->: prefer the hostname
    message:
      '2023/01/30 13:26:00 error: Post "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=": read tcp 10.88.0.13:59784->43.135.106.8:443: read: connection reset by peer',
    expect: { class: 'reset', host: 'qyapi.weixin.qq.com', port: 443 },
    runtime: 'go',
    source: 'https://github.com/chengchuu/go-gin-gee/issues/24',
  },
  {
    // http URL without port -> 80
    message:
      'Error: Post "http://LBHOST/connectors": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
    expect: { class: 'timeout', host: 'LBHOST', port: 80 },
    runtime: 'go',
    source: 'https://github.com/Mongey/terraform-provider-kafka-connect/issues/153',
  },
  {
    message:
      '2023/01/30 13:24:33 error: Get "https://blog.mazey.net/?s=1675085048": net/http: TLS handshake timeout',
    expect: { class: 'tls', host: 'blog.mazey.net', port: 443 },
    runtime: 'go',
    source: 'https://github.com/chengchuu/go-gin-gee/issues/24',
  },
  {
    // 'HTTP code 500' comes from the local daemon API, the real failure is the TLS timeout
    message:
      '(HTTP code 500) server error - {"message":"Get https://registry-1.docker.io/v2/: net/http: TLS handshake timeout"}',
    expect: { class: 'tls', host: 'registry-1.docker.io', port: 443 },
    runtime: 'go',
    source: 'https://github.com/docker-archive-public/docker.kitematic/issues/2369',
  },
  {
    // klog header
    message:
      'E1210 14:58:55.958253       1 reflector.go:136] Failed to list *api.Service: Get http://10.0.2.15:8080/api/v1/services: dial tcp 10.0.2.15:8080: no route to host',
    expect: { class: 'unreachable', host: '10.0.2.15', port: 8080 },
    runtime: 'go',
    source: 'https://github.com/justingrayston/kubernetes-docker-dns/issues/13',
  },
  {
    message: 'dial tcp 172.28.62.68:10250: connect: no route to host',
    expect: { class: 'unreachable', host: '172.28.62.68', port: 10250 },
    runtime: 'go',
    source: 'https://github.com/kubernetes/kubeadm/issues/1520',
  },
  {
    message: 'pq: password authentication failed for user "dbreader"',
    expect: null,
    runtime: 'go',
    source: 'https://github.com/dinger1986/TRMM-Grafana/issues/46',
  },
  {
    // same 'connection to server at ... port ... failed:' prefix as a real refusal, but the server answered
    message:
      'psycopg2.OperationalError: connection to server at "127.0.0.1", port 5432 failed: FATAL:  password authentication failed for user "firmadyne"\nconnection to server at "127.0.0.1", port 5432 failed: FATAL:  password authentication failed for user "firmadyne"',
    expect: null,
    runtime: 'python',
    source: 'https://github.com/firmadyne/firmadyne/issues/193',
  },
  {
    message:
      '(psycopg2.OperationalError) FATAL: sorry, too many clients already (Background on this error at: http://sqlalche.me/e/e3q8)',
    expect: null,
    runtime: 'python',
    source: 'https://github.com/openstate/open-raadsinformatie/issues/198',
  },
  {
    message:
      '2016-12-20 11:14:09 CST [25667-1] mqtt@test_mqtt FATAL:  remaining connection slots are reserved for non-replication superuser connections',
    expect: null,
    runtime: 'generic',
    source: 'https://github.com/leafo/pgmoon/issues/47',
  },
  {
    message:
      "AxiosError: Request failed with status code 502\n    at settle (/usr/src/node_modules/axios/lib/core/settle.js:19:12)\n    at IncomingMessage.handleStreamEnd (/usr/src/node_modules/axios/lib/adapters/http.js:556:11)\n    at IncomingMessage.emit (node:events:525:35)\n    at endReadableNT (node:internal/streams/readable:1359:12)\n    at processTicksAndRejections (node:internal/process/task_queues:82:21) {\n  code: 'ERR_BAD_RESPONSE',",
    expect: null,
    runtime: 'node',
    source: 'https://github.com/givepraise/praise/issues/964',
  },
  {
    message:
      'Error: Request failed with status code 502\n      at createError (/Users/ninaqqli/Desktop/lopan/lopan-server/node_modules/axios/lib/core/createError.js:16:15)\n      at settle (/Users/ninaqqli/Desktop/lopan/lopan-server/node_modules/axios/lib/core/settle.js:17:12)',
    expect: null,
    runtime: 'node',
    source: 'https://github.com/axios/axios/issues/2802',
  },
  {
    // Cloudflare 522 page: the CDN answered; its upstream timed out. Contains 'Connection timed out' and a hostname
    message:
      'openai.error.APIError: HTTP code 522 from API (<!DOCTYPE html>\n<head>\n<title>oai.hconeai.com | 522: Connection timed out</title>',
    expect: null,
    runtime: 'python',
    source: 'https://github.com/Helicone/helicone/issues/798 (HTML trimmed)',
  },
  {
    message:
      "Error: unable to verify the first certificate\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1674:34)\n    at TLSSocket.emit (node:events:519:28)\n    at TLSSocket._finishInit (node:_tls_wrap:1085:8)\n    at ssl.onhandshakedone (node:_tls_wrap:871:12) {\n  code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'\n}",
    expect: null,
    runtime: 'node',
    source: 'https://github.com/nodejs/node/issues/52582',
  },
  {
    // same HTTPSConnectionPool/Max retries wrapper as real failures
    message:
      "requests.exceptions.SSLError: HTTPSConnectionPool(host='ygj.gduf.edu.cn', port=443): Max retries exceeded with url: /Handler/device.ashx?flag=getNotice (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1129)')))",
    expect: null,
    runtime: 'python',
    source: 'https://github.com/EastItem/auto-daka/issues/5',
  },
  {
    message:
      'urllib.error.URLError: <urlopen error [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1129)>',
    expect: null,
    runtime: 'python',
    source: 'https://github.com/itsmehacker/CardPwn/issues/8',
  },
  {
    message: 'START RequestId: 6b1e2f0a-9c3d-4e5f-8a7b-1c2d3e4f5a6b Version: $LATEST',
    expect: null,
    runtime: 'generic',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html',
  },
  {
    message:
      'REPORT RequestId: 6b1e2f0a-9c3d-4e5f-8a7b-1c2d3e4f5a6b\tDuration: 30003.25 ms\tBilled Duration: 30000 ms\tMemory Size: 128 MB\tMax Memory Used: 120 MB\tInit Duration: 591.58 ms\t',
    expect: null,
    runtime: 'generic',
    source:
      'line shape: https://pypi.org/project/lambo/0.2.0 and https://github.com/zappa/Zappa/issues/1354 (tab-separated as CloudWatch stores it)',
  },
  {
    // Lambda invocation timeout, not a connection failure (may be a CONSEQUENCE of one)
    message:
      '2024-10-07T03:15:55.219Z f3817274-15b8-4751-9cd1-0503162bfb15 Task timed out after 60.13 seconds',
    expect: null,
    runtime: 'generic',
    source: 'https://github.com/zappa/Zappa/issues/1354',
  },
  {
    message:
      'LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. However, in rare cases, a Lambda runtime update can cause unexpected function behavior. For functions using managed runtimes, runtime updates can be triggered by a function change, or can be applied automatically. To determine if the runtime has been updated, check the runtime version in the INIT_START log entry. If this error correlates with a change in the runtime version, you may be able to mitigate this error by temporarily rolling back to the previous runtime version. For more information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html',
    expect: null,
    runtime: 'python',
    source:
      'https://github.com/zappa/Zappa/issues/1354 (text from aws/aws-lambda-python-runtime-interface-client awslambdaric/lambda_literals.py)',
  },
  {
    message: '2019-06-07T19:11:20.564Z\tc793869b-ee49-115b-a5b6-4fd21e8dedac\tWARN\tEvent not processed.',
    expect: null,
    runtime: 'node',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html',
  },
  {
    message:
      '[INFO] 2021-09-14T06:04:08.696Z b02e56ea-a962-1ec2-714d-7eee973ff2e1 {"service": null, "source": null, "level": "INFO", "message": "Started request", "correlation_id": "8480fba6-adb8-46fe-81c9-60600fc9c54f"}',
    expect: null,
    runtime: 'python',
    source: 'https://github.com/localstack/localstack/issues/4590 (payload trimmed)',
  },
  {
    // names the DB host right before the real failure
    message:
      '{"timestamp":"2024-05-30T14:07:22.995Z","level":"info","message":"Database connection pool and logger available","payload":{"databaseHost":"sciety-demo.cxyopn44uqbl.us-east-1.rds.amazonaws.com"}}',
    expect: null,
    runtime: 'node',
    source: 'https://github.com/sciety/sciety/issues/3287',
  },
  {
    message: 'Connected to postgres at 10.0.2.47:5432',
    expect: null,
    runtime: 'generic',
    source: 'synthetic near miss from the task brief',
  },
  {
    // debug state transition with host:port
    message: 'ioredis:redis status[127.0.0.1:6379]: connecting -> connect +22ms',
    expect: null,
    runtime: 'node',
    source: 'https://github.com/redis/ioredis/issues/444',
  },
  {
    // redis-server accepted a client
    message: '32196:M 09 Apr 2021 04:48:42.620 - Accepted 127.0.0.1:51093',
    expect: null,
    runtime: 'generic',
    source: 'https://github.com/redis/ioredis/issues/1333',
  },
  {
    message: 'server started at http://0.0.0.0:7300',
    expect: null,
    runtime: 'node',
    source: 'https://github.com/easy-mock/easy-mock/issues/442',
  },
  {
    message: 'Server listening on 0.0.0.0:8080',
    expect: null,
    runtime: 'generic',
    source: 'synthetic near miss from the task brief',
  },
  {
    message:
      '{"time":"2024-03-14T06:21:06.206083937Z","level":"INFO","msg":"serving metrics","at":"localhost:2112/metrics"}',
    expect: null,
    runtime: 'go',
    source: 'https://github.com/metal-stack/go-ipam/issues/137',
  },
  {
    // same host:port as the later no-route event, but informational
    message:
      'I1210 14:58:54.953923       1 kube2sky.go:455] Using http://10.0.2.15:8080 for kubernetes master',
    expect: null,
    runtime: 'go',
    source: 'https://github.com/justingrayston/kubernetes-docker-dns/issues/13',
  },
  {
    // retry notice on its own line; the failure is on the previous event
    message:
      '15:54:41.801 [main] INFO  o.a.http.impl.execchain.RetryExec - Retrying request to {}->http://192.168.1.112:8080',
    expect: null,
    runtime: 'java',
    source: 'https://github.com/opencast/opencast-docker/issues/136',
  },
  {
    message: 'retry succeeded after 2 attempts',
    expect: null,
    runtime: 'generic',
    source: 'synthetic near miss from the task brief',
  },
  {
    message: 'GET /orders/42 500 30012ms',
    expect: null,
    runtime: 'node',
    source: 'synthetic near miss from the task brief (access-log shape)',
  },
  {
    message: 'GET /orders/42 503 12.431 ms - 19',
    expect: null,
    runtime: 'node',
    source:
      "synthetic near miss: morgan 'dev' format (https://github.com/expressjs/morgan) with a 503 from a service that answered",
  },
  {
    message: 'Set PGCONNECT_TIMEOUT to change the connect timeout',
    expect: null,
    runtime: 'generic',
    source:
      'synthetic near miss from the task brief (PGCONNECT_TIMEOUT: https://www.postgresql.org/docs/current/libpq-envars.html)',
  },
  {
    // error codes AND a host:port pair, but no failure
    message:
      'config loaded: {"db":{"host":"db.internal","port":5432},"retry":{"retryOn":["ECONNREFUSED","ETIMEDOUT"],"maxAttempts":3}}',
    expect: null,
    runtime: 'node',
    source:
      'synthetic near miss from the task brief; same idea as the retryable-code list in https://github.com/jeremydaly/serverless-mysql/issues/19',
  },
  {
    // stack continuation line on its own (awslogs line-per-event)
    message: '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1494:16) {',
    expect: null,
    runtime: 'node',
    source: 'https://github.com/csfloat/inspect/issues/172',
  },
  {
    // stack continuation line on its own
    message: '    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26)',
    expect: null,
    runtime: 'node',
    source: 'https://github.com/zyachel/libremdb/issues/100',
  },
  {
    // inspect continuation line on its own
    message: "  code: 'ETIMEDOUT',",
    expect: null,
    runtime: 'node',
    source: 'https://github.com/redis/ioredis/issues/1358',
  },
  {
    // inspect continuation line on its own
    message: '  errno: -110,',
    expect: null,
    runtime: 'node',
    source: 'https://github.com/aws/aws-sdk-js-v3/issues/6708',
  },
  {
    // continuation line with an IP
    message: "  address: '127.0.0.1',",
    expect: null,
    runtime: 'node',
    source: 'https://github.com/brianc/node-postgres/issues/2222',
  },
  {
    // prefixed continuation line: has ECONNREFUSED but is not the error message line
    message: "ERR! Redis Client Error!   code: 'ECONNREFUSED',",
    expect: null,
    runtime: 'node',
    source: 'https://github.com/linuxserver/docker-mastodon/issues/19',
  },
  {
    // Java frame on its own
    message: '\tat java.base/java.net.PlainSocketImpl.socketConnect(Native Method)',
    expect: null,
    runtime: 'java',
    source: 'https://github.com/daolanfler/test/issues/58',
  },
  {
    // traceback frame on its own
    message: '  File "/usr/local/lib/python3.10/site-packages/redis/connection.py", line 595, in _connect',
    expect: null,
    runtime: 'python',
    source: 'https://github.com/patrickloeber/python-docker-tutorial/issues/7',
  },
  {
    // traceback source line mentioning ConnectionError
    message: '    raise ConnectionError(self._error_message(e))',
    expect: null,
    runtime: 'python',
    source: 'https://github.com/redis/redis-py/issues/1466',
  },
];
