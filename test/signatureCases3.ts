/**
 * A third table of real-world log lines: the libraries issue #3 names that the first two tables left out
 * (Prisma, Sequelize, Mongo server selection, aiohttp, httpx, PyMySQL, PyMongo, Lettuce, Jedis, pgx, …),
 * pool-acquire timeouts (class `pool`), and near misses that must not count: authentication, "too many
 * clients", pool statistics, access denied, HTTP errors from a service that answered, and the like.
 *
 * Same conventions as signatureCases.ts and signatureCases2.ts: each message is text printed in the public
 * thread named in `source` (stack frames trimmed where noted; a Lambda or ECS wrapper added where noted),
 * `host` is the remote endpoint, and host/port are left out when the event does not print them.
 */
import type { MoreCase } from './signatureCases2.js';

export const THIRD_SIGNATURE_CASES: MoreCase[] = [
  // ---------------------------------------------------------------- Node.js ORMs and drivers
  {
    // Prisma P1001: backquoted host and port
    message: "Error: P1001: Can't reach database server at `192.168.101.65`:`3306`",
    expect: { class: 'unreachable', host: '192.168.101.65', port: 3306 },
    runtime: 'node',
    source: 'https://github.com/prisma/orm/issues/24040',
  },
  {
    message:
      "Error: P1001: Can't reach database server at `eu-central.connect.psdb.cloud`:`3306`\n\nPlease make sure your database server is running at `eu-central.connect.psdb.cloud`:`3306`.",
    expect: { class: 'unreachable', host: 'eu-central.connect.psdb.cloud', port: 3306 },
    runtime: 'node',
    source: 'https://github.com/planetscale/cli/issues/589',
  },
  {
    // host and port inside one pair of backquotes
    message:
      "Error: P3006\n\nMigration `0_init` failed to apply cleanly to shadow database.\nError code: P1001\nError:\nCan't reach database server at `192.168.1.228:5432`\n\nPlease make sur your database server is running at `192.168.1.228:5432`",
    expect: { class: 'unreachable', host: '192.168.1.228', port: 5432 },
    runtime: 'node',
    source: 'https://github.com/prisma/orm/issues/27368',
  },
  {
    message:
      "Error: P1001  Can't reach database server at `localhost`:`5432`  Please make sure your database server is running at `localhost`:`5432`.",
    expect: { class: 'unreachable', host: 'localhost', port: 5432 },
    runtime: 'node',
    source: 'https://github.com/prisma/studio/issues/1177',
  },
  {
    message:
      'ConnectionRefusedError [SequelizeConnectionRefusedError]: connect ECONNREFUSED 127.0.0.1:3306\n    at ConnectionManager.connect (G:\\projects\\chatApp\\node_modules\\sequelize\\lib\\dialects\\mysql\\connection-manager.js:116:17)\n    at processTicksAndRejections (internal/process/task_queues.js:97:5) {',
    expect: { class: 'refused', host: '127.0.0.1', port: 3306 },
    runtime: 'node',
    source: 'https://github.com/hidjou/node-graphql-react-chat-app/issues/1 (trimmed)',
  },
  {
    message: 'Unhandled rejection SequelizeConnectionRefusedError: connect ECONNREFUSED ::1:3306',
    expect: { class: 'refused', host: '::1', port: 3306 },
    runtime: 'node',
    source: 'https://github.com/bezkoder/react-express-mysql/issues/1',
  },
  {
    message: 'Unable to connect to database: SequelizeConnectionRefusedError: connect ECONNREFUSED',
    expect: { class: 'refused' },
    runtime: 'node',
    source: 'https://github.com/sequelize/cli/issues/273',
  },
  {
    message:
      'MongoTimeoutError: Server selection timed out after 30000 ms\n    at Timeout.setTimeout [as _onTimeout] (/opt/app/node_modules/mongodb/lib/core/sdam/topology.js:850:16)\n    at ontimeout (timers.js:498:11)',
    expect: { class: 'timeout' },
    runtime: 'node',
    source: 'https://github.com/Automattic/mongoose/issues/8263',
  },
  {
    message:
      '(node:14600) UnhandledPromiseRejectionWarning: MongooseTimeoutError: Server selection timed out after 30000 ms',
    expect: { class: 'timeout' },
    runtime: 'node',
    source: 'https://github.com/Automattic/mongoose/issues/8478',
  },
  // ---------------------------------------------------------------- AWS SDK for JavaScript v2
  {
    message:
      "Serverless: Recoverable error occurred (UnknownEndpoint: Inaccessible host: `cloudformation.us-east-2.amazonaws.com'. This service may not be available in the `us-east-2' region.",
    expect: { class: 'dns', host: 'cloudformation.us-east-2.amazonaws.com' },
    runtime: 'node',
    source: 'https://github.com/serverless/serverless/issues/9244',
  },
  {
    // single quotes and a port
    message:
      "UnknownEndpoint: Inaccessible host: 'xyz.s3.us-west-004.backblazeb2.com' at port '80'. This service may not be available in the 'us-west-004' region.",
    expect: { class: 'dns', host: 'xyz.s3.us-west-004.backblazeb2.com', port: 80 },
    runtime: 'node',
    source: 'https://github.com/wayjam/picgo-plugin-s3/issues/19',
  },
  {
    message:
      "unable to sync: UnknownEndpoint: Inaccessible host: `myhost.s3-eu-west-1.amazonaws.com'. This service may not be available in the `eu-west-1' region.",
    expect: { class: 'dns', host: 'myhost.s3-eu-west-1.amazonaws.com' },
    runtime: 'node',
    source: 'https://github.com/andrewrk/node-s3-client/issues/151',
  },
  // ---------------------------------------------------------------- Python
  {
    message:
      'aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host 0.0.0.0:7000 ssl:default [Name or service not known]',
    expect: { class: 'dns', host: '0.0.0.0', port: 7000 },
    runtime: 'python',
    source: 'https://github.com/aio-libs/aiohttp/issues/5155',
  },
  {
    message: 'ClientConnectorError: Cannot connect to host python.org:80 ssl:None [Network is unreachable]',
    expect: { class: 'unreachable', host: 'python.org', port: 80 },
    runtime: 'python',
    source: 'https://github.com/aio-libs/aiohttp/issues/3171',
  },
  {
    message:
      'aiohttp.errors.ClientOSError: [Errno 65] Cannot connect to host python.org:80 ssl:False [Can not connect to python.org:80 [No route to host]]',
    expect: { class: 'unreachable', host: 'python.org', port: 80 },
    runtime: 'python',
    source: 'https://github.com/aio-libs/aiodns/issues/22',
  },
  {
    // near miss: TLS spoken to a plain-text port (a configuration error; the network delivered the answer)
    message:
      'aiohttp.client_exceptions.ClientConnectorSSLError: Cannot connect to host geo.iproyal.com:12321 ssl:default [[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1002)]',
    expect: null,
    runtime: 'python',
    source: 'https://github.com/SecorD0/debank-balance-checker/issues/2',
  },
  {
    // whole traceback in one event: the socket timeout first, PyMySQL's 2003 after it
    message:
      'Traceback (most recent call last):\n  File "pymysql/connections.py", line 644, in connect\n  File "socket.py", line 845, in create_connection\n  File "socket.py", line 833, in create_connection\nTimeoutError: timed out\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File "reverse_sql_mysql57.py", line 436, in <module>\n  File "pymysql/connections.py", line 711, in connect\npymysql.err.OperationalError: (2003, "Can\'t connect to MySQL server on \'ip\' (timed out)")',
    expect: { class: 'timeout', host: 'ip' },
    runtime: 'python',
    source: 'https://github.com/hcymysql/reverse_sql/issues/9',
  },
  {
    message:
      "pymysql.err.OperationalError: (2003, \"Can't connect to MySQL server on 'localhost' ([Errno 111] Connection refused)\")",
    expect: { class: 'refused', host: 'localhost' },
    runtime: 'python',
    source: 'https://github.com/Beking0912/python-toshare-practice/issues/1',
  },
  {
    message:
      "pymysql.err.OperationalError: (2003, \"Can't connect to MySQL server on 'localhost' ([Errno 8] nodename nor servname provided, or not known)\")",
    expect: { class: 'dns', host: 'localhost' },
    runtime: 'python',
    source: 'https://github.com/yanbo92/iOS-perf/issues/15',
  },
  {
    // near miss: the client ran out of local ports (EADDRNOTAVAIL); nothing about the path to the server
    message:
      "OperationalError: (2003, \"Can't connect to MySQL server on 'localhost' ([Errno 99] Cannot assign requested address)\")",
    expect: null,
    runtime: 'python',
    source: 'https://github.com/INVESTAR/StockAnalysisInPython/issues/27',
  },
  {
    message:
      "pymongo.errors.ServerSelectionTimeoutError: 127.0.0.1:27017: [Errno 111] Connection refused, Timeout: 30s, Topology Description: <TopologyDescription id: 61dea303535586daad64f933, topology_type: Unknown, servers: [<ServerDescription ('127.0.0.1', 27017) server_type: Unknown, rtt: None, error=AutoReconnect('127.0.0.1:27017: [Errno 111] Connection refused')>]>",
    expect: { class: 'refused', host: '127.0.0.1', port: 27017 },
    runtime: 'python',
    source: 'https://github.com/Bmixo/btSearch/issues/5',
  },
  {
    message:
      "Command raised an exception: ServerSelectionTimeoutError: localhost:27017: [Errno 111] Connection refused, Timeout: 30s, Topology Description: <TopologyDescription id: 61c6d56334064291055deb53, topology_type: Single, servers: [<ServerDescription ('localhost', 27017) server_type: Unknown, rtt: None, error=AutoReconnect('localhost:27017: [Errno 111] Connection refused')>]>",
    expect: { class: 'refused', host: 'localhost', port: 27017 },
    runtime: 'python',
    source: 'https://github.com/AyushSehrawat/eco-bot/issues/29',
  },
  {
    message: 'ServerSelectionTimeoutError: 0.0.0.1:27017: timed out, Timeout: 30s',
    expect: { class: 'timeout', host: '0.0.0.1', port: 27017 },
    runtime: 'python',
    source: 'https://github.com/PacktPublishing/LLM-Engineers-Handbook/issues/37 (title)',
  },
  {
    message: 'httpx.ConnectError: [Errno 111] Connection refused',
    expect: { class: 'refused' },
    runtime: 'python',
    source: 'https://github.com/oomol-lab/pdf-craft/issues/211',
  },
  {
    message: 'httpcore.ConnectError: [Errno 111] Connection refused',
    expect: { class: 'refused' },
    runtime: 'python',
    source: 'https://github.com/MichaelYochpaz/iSubRip/issues/79',
  },
  {
    // httpx chained traceback in one event
    message:
      'Traceback (most recent call last):\n  File "/data/project/citer/www/python/venv/lib/python3.11/site-packages/httpcore/_backends/sync.py", line 206, in connect_tcp\n    sock = socket.create_connection(\n  File "/usr/lib/python3.11/socket.py", line 836, in create_connection\n    sock.connect(sa)\nConnectionRefusedError: [Errno 111] Connection refused\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n  File "/data/project/citer/www/python/venv/lib/python3.11/site-packages/httpx/_transports/default.py", line 67, in map_httpcore_exceptions\n    yield\nhttpx.ConnectError: [Errno 111] Connection refused',
    expect: { class: 'refused' },
    runtime: 'python',
    source: 'https://github.com/5j9/citer/issues/53 (frames trimmed)',
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
      "urllib3.exceptions.ConnectTimeoutError: (<botocore.awsrequest.AWSHTTPSConnection object at 0x7f11e129d710>, 'Connection to us-west-2.elasticmapreduce.amazonaws.com timed out. (connect timeout=60)')",
    expect: { class: 'timeout', host: 'us-west-2.elasticmapreduce.amazonaws.com' },
    runtime: 'python',
    source: 'https://github.com/boto/boto3/issues/2341',
  },
  {
    message:
      "botocore.vendored.requests.exceptions.ConnectTimeout: HTTPSConnectionPool(host='importexport.amazonaws.com', port=443): Max retries exceeded with url: / (Caused by ConnectTimeoutError(<botocore.awsrequest.AWSHTTPSConnection object at 0x10a76fb00>, 'Connection to importexport.amazonaws.com timed out. (connect timeout=60)'))",
    expect: { class: 'timeout', host: 'importexport.amazonaws.com', port: 443 },
    runtime: 'python',
    source: 'https://github.com/carnal0wnage/weirdAAL/issues/70',
  },
  // ---------------------------------------------------------------- Java Redis clients
  {
    message: 'Caused by: io.lettuce.core.RedisConnectionException: Unable to connect to 172.18.6.248:7001',
    expect: { class: 'unreachable', host: '172.18.6.248', port: 7001 },
    runtime: 'java',
    source: 'https://github.com/redis/lettuce/issues/1185',
  },
  {
    message:
      'org.springframework.data.redis.RedisConnectionFailureException: Unable to connect to Redis; nested exception is io.lettuce.core.RedisConnectionException: Unable to connect to 127.0.0.1:6379\n        at org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory$ExceptionTranslatingConnectionProvider.translateException(LettuceConnectionFactory.java:1689)',
    expect: { class: 'unreachable', host: '127.0.0.1', port: 6379 },
    runtime: 'java',
    source: 'https://github.com/648540858/wvp-GB28181-pro/issues/680 (trimmed)',
  },
  {
    // "pool" in the wording, but the innermost cause is a failed connect
    message:
      'org.springframework.data.redis.RedisConnectionFailureException: Unable to connect to Redis; nested exception is org.springframework.data.redis.connection.PoolException: Could not get a resource from the pool; nested exception is io.lettuce.core.RedisConnectionException: Unable to connect to 192.168.0.85:6379',
    expect: { class: 'unreachable', host: '192.168.0.85', port: 6379 },
    runtime: 'java',
    source: 'https://github.com/redis/lettuce/issues/3136',
  },
  {
    message:
      'redis.clients.jedis.exceptions.JedisConnectionException: Failed connecting to host 192.168.35.136:6379\n\n\tat redis.clients.jedis.Connection.connect(Connection.java:204)\n\tat redis.clients.jedis.BinaryClient.connect(BinaryClient.java:100)',
    expect: { class: 'unreachable', host: '192.168.35.136', port: 6379 },
    runtime: 'java',
    source: 'https://github.com/xie-chong/interview-learn/issues/2 (trimmed)',
  },
  {
    // the reason is a suppressed exception of the DNS-name wrapper
    message:
      'Exception in thread "main" redis.clients.jedis.exceptions.JedisConnectionException: Failed to connect to any host resolved for DNS name.\n\tat redis.clients.jedis.DefaultJedisSocketFactory.connectToFirstSuccsefulHost(DefaultJedisSocketFactory.java:62)\n\tat redis.clients.jedis.DefaultJedisSocketFactory.createSocket(DefaultJedisSocketFactory.java:85)\n\tSuppressed: java.net.SocketTimeoutException: connect timed out\n\t\tat java.base/java.net.PlainSocketImpl.waitForConnect(Native Method)',
    expect: { class: 'timeout' },
    runtime: 'java',
    source: 'https://github.com/redis/jedis/issues/2848 (trimmed)',
  },
  {
    message:
      'Caused by: redis.clients.jedis.exceptions.JedisConnectionException: java.net.ConnectException: Connection refused: connect',
    expect: { class: 'refused' },
    runtime: 'java',
    source: 'https://github.com/redis/jedis/issues/1490',
  },
  // ---------------------------------------------------------------- Go
  {
    // pgx v5: the host name in parentheses wins over the address it resolved to
    message:
      '2026-06-01 19:43:49.232 [ERROR] [sink:postgres] [db:postgres] failed to connect to `user=postgres database=postgres`:\n        127.0.0.1:5432 (localhost): dial error: dial tcp 127.0.0.1:5432: connect: connection refused\n        127.0.0.1:5432 (localhost): dial error: dial tcp 127.0.0.1:5432: connect: connection refused',
    expect: { class: 'refused', host: 'localhost', port: 5432 },
    runtime: 'go',
    source: 'https://github.com/cybertec-postgresql/pgwatch/issues/1426',
  },
  {
    // near miss: a bare deadline with nothing saying it was a connection (the PR exists because of that)
    message: '{"level":"ERROR","msg":"database connect failed","err":"context deadline exceeded"}',
    expect: null,
    runtime: 'go',
    source: 'https://github.com/hyscaler/HyCanvas/pull/18',
  },
  // ---------------------------------------------------------------- Node.js fetch / undici
  {
    message:
      " [TypeError: fetch failed] {\n  cause:  [ConnectTimeoutError: Connect Timeout Error] {\n  name: 'ConnectTimeoutError',\n  code: 'UND_ERR_CONNECT_TIMEOUT',\n  message: 'Connect Timeout Error'\n}",
    expect: { class: 'timeout' },
    runtime: 'node',
    source: 'https://github.com/mckaywrigley/ai-code-translator/issues/38',
  },
  {
    message:
      'ConnectTimeoutError: Connect Timeout Error (attempted address: localhost:5055, timeout: 10000ms)',
    expect: { class: 'timeout', host: 'localhost', port: 5055 },
    runtime: 'node',
    source: 'https://github.com/seerr-team/seerr/issues/1228 (title)',
  },
  {
    // Node 20 trying each address of the name in turn
    message:
      "Uncaught TypeError: fetch failed\n    at Object.fetch (node:internal/deps/undici/undici:11522:11)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n    at async REPL3:1:33 {\n  cause: Error [ERR_SOCKET_CONNECTION_TIMEOUT]: Socket connection timeout\n      at new NodeError (node:internal/errors:399:5)\n      at internalConnectMultiple (node:net:1099:20)\n      at Timeout.internalConnectMultipleTimeout (node:net:1638:3)\n      at listOnTimeout (node:internal/timers:575:11)\n      at process.processTimers (node:internal/timers:514:7) {\n    code: 'ERR_SOCKET_CONNECTION_TIMEOUT'\n  }\n}",
    expect: { class: 'timeout' },
    runtime: 'node',
    source: 'https://github.com/nodejs/undici/issues/2182',
  },
  {
    message:
      "TypeError: fetch failed\n    at Object.fetch (node:internal/deps/undici/undici:11372:11)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {\n  cause: _ConnectTimeoutError: Connect Timeout Error\n      at onConnectTimeout (node:internal/deps/undici/undici:6616:28)\n      at node:internal/deps/undici/undici:6574:50\n      at Immediate._onImmediate (node:internal/deps/undici/undici:6603:37)\n      at process.processImmediate (node:internal/timers:478:21)\n      at process.callbackTrampoline (node:internal/async_hooks:130:17) {\n    code: 'UND_ERR_CONNECT_TIMEOUT'\n  }\n}",
    expect: { class: 'timeout' },
    runtime: 'node',
    source: 'https://github.com/SawyerHood/draw-a-ui/issues/37',
  },
  // ---------------------------------------------------------------- aws-sdk-go v1 (RequestError: send request failed)
  {
    message:
      'RequestError: send request failed\ncaused by: Post https://transcribestreaming.eu-west-2.amazonaws.com/stream-transcription: dial tcp 92.242.132.24:443: i/o timeout',
    expect: { class: 'timeout', host: 'transcribestreaming.eu-west-2.amazonaws.com', port: 443 },
    runtime: 'go',
    source: 'https://github.com/aws/aws-sdk-go/issues/3560',
  },
  {
    message:
      '2017/05/05 18:05:51 performing operation get: RequestError: send request failed\ncaused by: Get https://s3.amazonaws.com/bosh-core-stemcells/vsphere/bosh-stemcell-3363.19-vsphere-esxi-ubuntu-trusty-go_agent.tgz: dial tcp 54.231.120.66:443: i/o timeout',
    expect: { class: 'timeout', host: 's3.amazonaws.com', port: 443 },
    runtime: 'go',
    source: 'https://github.com/aws/aws-sdk-go/issues/1227',
  },
  {
    // logrus quoting the error: the newline is a literal \\n
    message:
      'time="2019-03-20T12:33:01Z" level=fatal msg="RequestError: send request failed\\ncaused by: Post https://sqs.cn-north-1.amazonaws.com.cn/: dial tcp: i/o timeout"',
    expect: { class: 'timeout', host: 'sqs.cn-north-1.amazonaws.com.cn', port: 443 },
    runtime: 'go',
    source: 'https://github.com/amazon-archives/aws-service-operator/issues/177',
  },
  {
    // Go before 1.14 printed the URL without quotes
    message:
      'RequestError: send request failed\ncaused by: Post https://ec2.ap-northeast-1.amazonaws.com/: context deadline exceeded',
    expect: { class: 'timeout', host: 'ec2.ap-northeast-1.amazonaws.com', port: 443 },
    runtime: 'go',
    source: 'https://github.com/hatena/swiro/pull/5',
  },
  {
    message:
      'RequestError: send request failed\ncaused by: Post https://sqs.ap-southeast-2.amazonaws.com/: net/http: TLS handshake timeout',
    expect: { class: 'tls', host: 'sqs.ap-southeast-2.amazonaws.com', port: 443 },
    runtime: 'go',
    source: 'https://github.com/aws/aws-sdk-go/issues/1900',
  },
  {
    message:
      'gof3r error: Post https://s3.amazonaws.com/sqlbackup.wts.edu/s3backup.test?uploads: dial tcp: i/o timeout',
    expect: { class: 'timeout', host: 's3.amazonaws.com', port: 443 },
    runtime: 'go',
    source: 'https://github.com/rlmcpherson/s3gof3r/issues/70',
  },
  // ---------------------------------------------------------------- ECS agent
  {
    message:
      'CannotPullContainerError: API error (500): Get https://111222333444.dkr.ecr.eu-west-1.amazonaws.com/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
    expect: { class: 'timeout', host: '111222333444.dkr.ecr.eu-west-1.amazonaws.com', port: 443 },
    runtime: 'ecs',
    source: 'https://github.com/aws-samples/aws-modern-application-workshop/issues/71',
  },
  {
    // near miss: the registry answered (504 from Docker Hub's edge)
    message:
      'CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/yaronlevi/prefect/blobs/sha256:69e520adb67b68085b2dd29b69cba037002d8f53234a3e9676c2969fc3099e86: 504 Gateway Time-out',
    expect: null,
    runtime: 'ecs',
    source: 'https://github.com/PrefectHQ/prefect/issues/14730',
  },
  {
    // the agent's lookup of the ECS endpoint timed out at the VPC resolver
    message:
      'Container not starting (dial tcp: lookup ecs.eu-west-1.amazonaws.com on 10.0.0.2:53: read udp 10.0.0.2:53: i/o timeout")',
    expect: { class: 'dns', host: 'ecs.eu-west-1.amazonaws.com' },
    runtime: 'ecs',
    source: 'https://github.com/aws/amazon-ecs-agent/issues/218 (title)',
  },
  // ---------------------------------------------------------------- .NET / Npgsql
  {
    message:
      'System.Net.Sockets.SocketException (111): Connection refused\n   at Npgsql.NpgsqlConnector.Connect(NpgsqlTimeout timeout) in C:\\projects\\npgsql\\src\\Npgsql\\NpgsqlConnector.cs:line 703',
    expect: { class: 'refused' },
    runtime: 'dotnet',
    source: 'https://github.com/npgsql/npgsql/issues/2883 (trimmed)',
  },
  {
    message:
      'System.Net.Internals.SocketExceptionFactory+ExtendedSocketException (111): Connection refused 172.18.0.4:5432 \nat System.Net.Sockets.Socket.EndConnect(IAsyncResult asyncResult)',
    expect: { class: 'refused', host: '172.18.0.4', port: 5432 },
    runtime: 'dotnet',
    source: 'https://github.com/npgsql/efcore.pg/issues/619 (trimmed)',
  },
  {
    message:
      'connection to server at "10.1.209.231", port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?',
    expect: { class: 'refused', host: '10.1.209.231', port: 5432 },
    runtime: 'ruby',
    source: 'https://github.com/tines/rails-pg-adapter/pull/15',
  },
  // ---------------------------------------------------------------- Rust
  {
    message:
      'reqwest::Error { kind: Request, url: "http://httpbin.org/post", source: hyper_util::client::legacy::Error(Connect, ConnectError("dns error", Custom { kind: Uncategorized, error: "failed to lookup address information: Invalid flags" })) }',
    expect: { class: 'dns', host: 'httpbin.org', port: 80 },
    runtime: 'rust',
    source: 'https://github.com/seanmonstar/reqwest/issues/2952',
  },
  {
    message:
      '2022-08-14 19:42:11.735 E/Rustlytics: rustlytics_core: error sending request for url (https://www.google-analytics.com/mp/collect): error trying to connect: dns error: failed to lookup address information: No address associated with hostname',
    expect: { class: 'dns', host: 'www.google-analytics.com', port: 443 },
    runtime: 'rust',
    source: 'https://github.com/seanmonstar/reqwest/issues/1603',
  },
  {
    message:
      'Error: Inner { kind: Hyper(Error { kind: Connect, cause: Custom { kind: Other, error: StringError("failed to lookup address information: Temporary failure in name resolution") } }), url: Some("https://play.rust-lang.org/") }',
    expect: { class: 'dns', host: 'play.rust-lang.org', port: 443 },
    runtime: 'rust',
    source: 'https://github.com/seanmonstar/reqwest/issues/435',
  },
  {
    message:
      "Couldn't send request to Reddit: error trying to connect: dns error: failed to lookup address information: Try again",
    expect: { class: 'dns' },
    runtime: 'rust',
    source: 'https://github.com/redlib-org/redlib/issues/537 (title)',
  },
  {
    message:
      'Error: reqwest::Error { kind: Request, url: Url { scheme: "https", cannot_be_a_base: false, username: "", password: None, host: Some(Domain("www.google.com")), port: None, path: "/", query: None, fragment: None }, source: hyper::Error(Connect, ConnectError("dns error", Custom { kind: Other, error: "failed to lookup address information: nodename nor servname provided, or not known" })) }',
    expect: { class: 'dns', host: 'www.google.com', port: 443 },
    runtime: 'rust',
    source: 'https://github.com/seanmonstar/reqwest/issues/1285',
  },
  // ---------------------------------------------------------------- Node.js Redis and MySQL clients
  {
    message:
      '[ioredis] Unhandled error event: Error: read ECONNRESET\n    at TCP.onStreamRead (node:internal/stream_base_commons:217:20)',
    expect: { class: 'reset' },
    runtime: 'node',
    source: 'https://github.com/redis/ioredis/issues/1827',
  },
  {
    message:
      '[2013-05-21 15:28:56.047] [DEBUG] [default] - Cannot connect to redis server `10.55.40.138`: Error: Redis connection to 10.55.40.138:6379 failed - read ECONNRESET',
    expect: { class: 'reset', host: '10.55.40.138', port: 6379 },
    runtime: 'node',
    source: 'https://github.com/cargomedia/socket-redis/issues/42',
  },
  {
    message:
      'error connecting: Error: connect ETIMEDOUT\n    at Connection._handleTimeoutError (C:\\Users\\me\\Desktop\\Emberlox Bot\\node_modules\\mysql2\\lib\\connection.js:169:17)\n    at ontimeout (timers.js:436:11)',
    expect: { class: 'timeout' },
    runtime: 'node',
    source: 'https://github.com/sidorares/node-mysql2/issues/1020 (trimmed)',
  },
  {
    message:
      "{ Error: connect ETIMEDOUT\n        at Connection._handleTimeoutError (/home/myuser/code/itemdrop/node_modules/mysql2/lib/connection.js:166:13)\n        at ontimeout (timers.js:365:14)\n      errorno: 'ETIMEDOUT',\n      code: 'ETIMEDOUT',\n      syscall: 'connect',\n      fatal: true }",
    expect: { class: 'timeout' },
    runtime: 'node',
    source: 'https://github.com/sidorares/node-mysql2/issues/439 (trimmed)',
  },
  {
    message:
      "Error: connect ETIMEDOUT\n    at PromisePool.query (/home/runner/bot/node_modules/mysql2/promise.js:351:22)\n    at MySQLDriver.prepare (/home/runner/bot/node_modules/quick.db/out/drivers/MySQLDriver.js:36:25) {\n  code: 'ETIMEDOUT',\n  errno: undefined,\n  sql: undefined,\n  sqlState: undefined,\n  sqlMessage: undefined\n}",
    expect: { class: 'timeout' },
    runtime: 'node',
    source: 'https://github.com/plexidev/quick.db/issues/313 (paths shortened)',
  },
  // ---------------------------------------------------------------- Java
  {
    // Hazelcast prints the member as Address[ip]:port
    message:
      '2013-08-19 18:59:01,547 WARN  [hz.client_0_dev.cached-3] com.hazelcast.client.connection.ClientConnectionManager - Error during connection creation... To -> Address[192.168.1.165]:5701, Error: com.hazelcast.core.HazelcastException: java.net.ConnectException: Connection refused',
    expect: { class: 'refused', host: '192.168.1.165', port: 5701 },
    runtime: 'java',
    source: 'https://github.com/hazelcast/hazelcast/issues/733',
  },
  // ---------------------------------------------------------------- Netty and the AWS SDK for Java
  {
    message:
      'Exception in thread "main" io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: localhost/127.0.0.1:3000\nCaused by: java.net.ConnectException: Connection refused\n\tat sun.nio.ch.SocketChannelImpl.checkConnect(Native Method)',
    expect: { class: 'refused', host: 'localhost', port: 3000 },
    runtime: 'java',
    source: 'https://github.com/netty/netty/issues/13545 (trimmed)',
  },
  {
    message:
      'java.net.ConnectException: Connection refused: no further information: /10.13.64.176:26782\n\tat sun.nio.ch.SocketChannelImpl.checkConnect(Native Method)',
    expect: { class: 'refused', host: '10.13.64.176', port: 26782 },
    runtime: 'java',
    source: 'https://github.com/Angel-ML/angel/issues/127 (trimmed)',
  },
  {
    // the native epoll transport words it finishConnect(..) failed
    message:
      'Caused by: io.netty.channel.AbstractChannel$AnnotatedConnectException: finishConnect(..) failed: Connection refused: localhost/127.0.0.1:50158\nCaused by: java.net.ConnectException: finishConnect(..) failed: Connection refused\n\tat io.netty.channel.unix.Errors.newConnectException0(Errors.java:155)',
    expect: { class: 'refused', host: 'localhost', port: 50158 },
    runtime: 'java',
    source: 'https://github.com/camunda/camunda/issues/9740 (trimmed)',
  },
  {
    message:
      'SEVERE: io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: localhost/127.0.0.1:8080',
    expect: { class: 'refused', host: 'localhost', port: 8080 },
    runtime: 'java',
    source: 'https://github.com/vert-x3/vertx-maven-starter/issues/6',
  },
  {
    message:
      'Caused by: io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: no further information: /\n\tat sun.nio.ch.SocketChannelImpl.checkConnect(Native Method)',
    expect: { class: 'refused' },
    runtime: 'java',
    source: 'https://github.com/redisson/redisson/issues/2373 (trimmed)',
  },
  {
    message:
      'Exception in thread "main" com.amazonaws.SdkClientException: Unable to execute HTTP request: Connect to 10.255.255.1:443 [/10.255.255.1] failed: connect timed out\n\tat com.amazonaws.http.AmazonHttpClient$RequestExecutor.executeHelper(AmazonHttpClient.java:1038)',
    expect: { class: 'timeout', host: '10.255.255.1', port: 443 },
    runtime: 'java',
    source: 'https://github.com/aws/aws-sdk-java/issues/1026',
  },
  {
    // SDK 1.10: the cause's message only
    message:
      'Exception in thread "main" com.amazonaws.AmazonClientException: Unable to execute HTTP request: connect timed out\n\tat com.amazonaws.http.AmazonHttpClient.executeHelper(AmazonHttpClient.java:500)',
    expect: { class: 'timeout' },
    runtime: 'java',
    source: 'https://github.com/aws/aws-sdk-java/issues/1026',
  },
  {
    message:
      'Jul 20 18:51:35 relay.s3auth.com user: [ERROR] 3e61fd5 com.s3auth.relay.HttpResponse: #send(Socket[addr=/94.253.207.208,port=51909,localport=80]): thrown com.amazonaws.AmazonClientException(Unable to execute HTTP request: Timeout waiting for connection from pool) out of com.amazonaws.http.AmazonHttpClient#executeHelper[454] in 3min',
    expect: { class: 'pool' },
    runtime: 'java',
    source: 'https://github.com/yegor256/s3auth/issues/190',
  },
  {
    message:
      'com.amazonaws.SdkClientException: Unable to execute HTTP request: Timeout waiting for connection from pool\n\tat com.amazonaws.http.AmazonHttpClient$RequestExecutor.handleRetryableException(AmazonHttpClient.java:1175)',
    expect: { class: 'pool' },
    runtime: 'java',
    source: 'https://github.com/aws/aws-sdk-java/issues/3134 (trimmed)',
  },
  {
    message:
      'Caused by: software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: Timeout waiting for connection from pool (SDK Attempt Count: 1)\n\tat software.amazon.awssdk.core.exception.SdkClientException$BuilderImpl.build(SdkClientException.java:130)',
    expect: { class: 'pool' },
    runtime: 'java',
    source: 'https://github.com/aws/aws-sdk-java-v2/issues/6948 (trimmed)',
  },
  // ---------------------------------------------------------------- more pool-acquire timeouts
  {
    message:
      'Error: Timed out fetching a new connection from the pool. Please consider reducing the number of requests or increasing the `connection_limit` parameter (https://www.prisma.io/docs/concepts/components/prisma-client/connection-management#connection-pool). Current limit: 10.\n    at cb (/app/node_modules/.prisma/client/runtime/index.js:78689:17)',
    expect: { class: 'pool' },
    runtime: 'node',
    source: 'https://github.com/prisma/orm/issues/5977',
  },
  {
    message:
      'PrismaClientKnownRequestError2 [PrismaClientKnownRequestError]: Timed out fetching a new connection from the connection pool. (More info: http://pris.ly/d/connection-pool, Current connection limit: 9)',
    expect: { class: 'pool' },
    runtime: 'node',
    source: 'https://github.com/prisma/orm/issues/17057',
  },
  {
    message:
      'Apr 11 03:51:20 vps nopCommerce440-example: Npgsql.NpgsqlException (0x80004005): The connection pool has been exhausted, either raise MaxPoolSize (currently 100) or Timeout (currently 15 seconds)\nApr 11 03:51:20 vps nopCommerce440-example: ---> System.TimeoutException: The operation has timed out.\nApr 11 03:51:20 vps nopCommerce440-example: at Npgsql.ConnectorPool.<>c__DisplayClass38_0.<<Rent>g__RentAsync|0>d.MoveNext()',
    expect: { class: 'pool' },
    runtime: 'dotnet',
    source: 'https://github.com/nopSolutions/nopCommerce/issues/5617 (trimmed)',
  },
  {
    // near miss: the server's own connection limit (PostgreSQL 53300), an answer from a reachable server
    message:
      'System.AggregateException: One or more errors occurred. (53300: remaining connection slots are reserved for non-replication superuser connections)\n ---> Npgsql.PostgresException (0x80004005): 53300: remaining connection slots are reserved for non-replication superuser connections',
    expect: null,
    runtime: 'dotnet',
    source: 'https://github.com/npgsql/npgsql/issues/3006',
  },
  // ---------------------------------------------------------------- Kafka, gRPC, MongoDB 3.x, asyncio
  {
    message:
      '{"level":"ERROR","timestamp":"2022-06-11T09:20:13.846Z","logger":"kafkajs","message":"[Connection] Connection timeout","broker":"kafka1.prod-ixigo.com:9092","clientId":"marketing-webhooks"}',
    expect: { class: 'timeout', host: 'kafka1.prod-ixigo.com', port: 9092 },
    runtime: 'node',
    source: 'https://github.com/tulios/kafkajs/issues/1389',
  },
  {
    message:
      '{"level":"ERROR","timestamp":"2022-06-11T09:20:13.847Z","logger":"kafkajs","message":"[BrokerPool] Failed to connect to seed broker, trying another broker from the list: Connection timeout","retryCount":0,"retryTime":301}',
    expect: { class: 'timeout' },
    runtime: 'node',
    source: 'https://github.com/tulios/kafkajs/issues/1389',
  },
  {
    message:
      '2020-10-15 14:12:38.893 WARN 1 [| kafdrop-admin] o.a.k.c.NetworkClient : [AdminClient clientId=kafdrop-admin] Connection to node -1 (/192.168.37.31:9092) could not be established. Broker may not be available.',
    expect: { class: 'unreachable', host: '192.168.37.31', port: 9092 },
    runtime: 'java',
    source: 'https://github.com/airbnb/kafkat/issues/37',
  },
  {
    message:
      '[2021-05-31 05:33:43,132] WARN [AdminClient clientId=adminclient-1] Connection to node -1 (setest01/127.0.0.1:9092) could not be established. Broker may not be available. (org.apache.kafka.clients.NetworkClient)',
    expect: { class: 'unreachable', host: 'setest01', port: 9092 },
    runtime: 'java',
    source: 'https://github.com/Seagate/cortx-s3server/issues/947',
  },
  {
    message:
      '2021-05-11 11:31:38.348  WARN 13176 --- [ntainer#0-0-C-1] org.apache.kafka.clients.NetworkClient   : [Consumer clientId=consumer-1, groupId=temp-groupid.group] Connection to node -1 could not be established. Broker may not be available.',
    expect: { class: 'unreachable' },
    runtime: 'java',
    source: 'https://github.com/sulthan309/Live-Dashboard-using-Kafka-and-Spring-Websocket/issues/1',
  },
  {
    message:
      "Error: 14 UNAVAILABLE: Name resolution failed for target dns:gateway.pad-local.com:31527\n        at processTicksAndRejections (node:internal/process/task_queues:78:11) {\n  code: 14,\n  details: 'Name resolution failed for target dns:gateway.pad-local.com:31527',\n  metadata: Metadata { internalRepr: Map(0) {}, options: {} }\n}",
    expect: { class: 'dns', host: 'gateway.pad-local.com', port: 31527 },
    runtime: 'node',
    source: 'https://github.com/wechaty/puppet-padlocal/issues/151',
  },
  {
    message:
      'MongoError: failed to connect to server [localhost:27017] on first connect [MongoError: connection 0 to localhost:27017 timed out]',
    expect: { class: 'timeout', host: 'localhost', port: 27017 },
    runtime: 'node',
    source: 'https://github.com/dynastic/place/issues/164',
  },
  {
    message:
      'MongoNetworkError: failed to connect to server [cluster0-shard-00-00-iocwy.mongodb.net:27017] on first connect [MongoNetworkError: connection timed out]',
    expect: { class: 'timeout', host: 'cluster0-shard-00-00-iocwy.mongodb.net', port: 27017 },
    runtime: 'node',
    source: 'https://github.com/Automattic/mongoose/issues/8436 (title)',
  },
  {
    // the name in brackets wins over the address the inner error printed
    message:
      'time=2021-02-03T17:02:46.068Z | lvl=ERROR | corr=6639dee1-9575-4efe-8deb-f7de9b73c876 | trans=6639dee1-9575-4efe-8deb-f7de9b73c876 | op=IoTAgentNGSI.DbConn | from=n/a | srv=n/a | subsrv=n/a | msg=MONGODB-001: Error trying to connect to MongoDB: MongoNetworkError: failed to connect to server [localhost:27017] on first connect [Error: connect ECONNREFUSED 127.0.0.1:27017\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1138:16)',
    expect: { class: 'refused', host: 'localhost', port: 27017 },
    runtime: 'node',
    source: 'https://github.com/telefonicaid/iotagent-node-lib/issues/986 (trimmed)',
  },
  // ---------------------------------------------------------------- proxies and container tooling
  {
    // nginx as a sidecar: the upstream is the target, not the client or the Host header
    message:
      '2020/10/17 11:50:56 [error] 28#28: *2 connect() failed (111: Connection refused) while connecting to upstream, client: 172.17.0.1, server: , request: "GET / HTTP/1.1", upstream: "http://127.0.0.1:3001/", host: "localhost:8080"',
    expect: { class: 'refused', host: '127.0.0.1', port: 3001 },
    runtime: 'generic',
    source: 'https://github.com/hnasr/javascript_playground/issues/16',
  },
  {
    message:
      '2020/10/08 18:03:02 [error] 269#269: *5 connect() failed (111: Connection refused) while connecting to upstream, client: 172.19.0.1, server: ***.duckdns.org, request: "GET / HTTP/1.1", upstream: "http://172.19.0.3:80/", host: "***.duckdns.org"',
    expect: { class: 'refused', host: '172.19.0.3', port: 80 },
    runtime: 'generic',
    source: 'https://github.com/NginxProxyManager/nginx-proxy-manager/issues/640',
  },
  {
    message: "nc: can't connect to remote host (10.0.1.189): Connection refused",
    expect: { class: 'refused', host: '10.0.1.189' },
    runtime: 'generic',
    source: 'https://github.com/monicahq/docker/issues/35 (title)',
  },
  {
    message: 'curl: (7) Failed to connect to localhost port 8000: Connection refused',
    expect: { class: 'refused', host: 'localhost', port: 8000 },
    runtime: 'generic',
    source: 'https://github.com/docker/docs/pull/13209',
  },
  {
    message: "wget: bad address 'downlaods.openwrt.org'",
    expect: { class: 'dns', host: 'downlaods.openwrt.org' },
    runtime: 'generic',
    source: 'https://github.com/progrium/busybox/issues/31',
  },
  {
    message: "wget: bad address 'kubernetes.io'",
    expect: { class: 'dns', host: 'kubernetes.io' },
    runtime: 'generic',
    source: 'https://github.com/docker-library/busybox/issues/118',
  },
  {
    // Windows wording through Go: connectex
    message:
      'error during connect: Post https://192.168.99.100:2376/v1.39/images/create?fromImage=ubuntu&tag=latest: dial tcp 192.168.99.100:2376: connectex: A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond.',
    expect: { class: 'timeout', host: '192.168.99.100', port: 2376 },
    runtime: 'go',
    source: 'https://github.com/docker/for-win/issues/3175',
  },
  {
    // near miss: a retry notice names no failure of its own
    message: 'Download failed, retrying in 5 seconds... (attempt 1/5)',
    expect: null,
    runtime: 'generic',
    source: 'https://github.com/sabamdarif/chroot-distro/issues/30',
  },
  {
    // nginx: the TLS handshake to the upstream was cut
    message:
      '2021/06/18 14:49:16 [error] 1379645#1379645: *73 peer closed connection in SSL handshake (104: Connection reset by peer) while SSL handshaking to upstream, client: ::ffff:62.210.78.76, server: localhost, request: "GET /robots.txt HTTP/1.1", upstream: "https://85.10.200.69:8443/robots.txt", host: "agsksa.com"',
    expect: { class: 'tls', host: '85.10.200.69', port: 8443 },
    runtime: 'generic',
    source: 'https://github.com/engintron/engintron/issues/1333 (request path shortened)',
  },
  {
    message:
      '2021/06/18 14:49:16 [error] 1379649#1379649: *9 recv() failed (104: Connection reset by peer) while reading response header from upstream, client: ::ffff:41.43.9.21, server: localhost, request: "GET /robots.txt HTTP/1.1", upstream: "http://85.10.200.69:8080/robots.txt", host: "octobermageg.com"',
    expect: { class: 'reset', host: '85.10.200.69', port: 8080 },
    runtime: 'generic',
    source: 'https://github.com/engintron/engintron/issues/1333',
  },
  {
    // near miss: the upstream accepted the connection and answered too slowly
    message: 'upstream timed out (110: Connection timed out) while reading response header from upstream',
    expect: null,
    runtime: 'generic',
    source: 'https://github.com/proteinevolution/Toolkit/issues/179',
  },
  {
    // near miss: nginx about its own client going away
    message: 'recv() failed (104: Connection reset by peer) while sending to client, client',
    expect: null,
    runtime: 'generic',
    source: 'https://github.com/proteinevolution/Toolkit/issues/179',
  },
  {
    // near miss: PostgreSQL about a client that went away (the database's log, not its clients' failure)
    message:
      '2024-03-21 15:29:36.228 UTC [55] LOG:  could not receive data from client: Connection reset by peer',
    expect: null,
    runtime: 'generic',
    source: 'https://github.com/linkwarden/linkwarden/issues/536',
  },
  {
    message:
      '2024-07-24 23:41:28.855 UTC [9937] bbot_rt_2@SIMDB LOG:  could not receive data from client: Connection timed out',
    expect: null,
    runtime: 'generic',
    source: 'https://github.com/psycopg/psycopg2/issues/1717',
  },
  // ---------------------------------------------------------------- kept-alive connections closed under the client (reset)
  {
    message:
      '12-20 17:13:08.304: W/System.err(26620): org.apache.http.NoHttpResponseException: The target server failed to respond',
    expect: { class: 'reset' },
    runtime: 'java',
    source: 'https://github.com/android-async-http/android-async-http/issues/158',
  },
  {
    message:
      'org.apache.http.NoHttpResponseException: api.sendcloud.net:80 failed to respond\n\tat org.apache.http.impl.conn.DefaultHttpResponseParser.parseHead(DefaultHttpResponseParser.java:143)',
    expect: { class: 'reset', host: 'api.sendcloud.net', port: 80 },
    runtime: 'java',
    source: 'https://github.com/denger/sendcloud4j/issues/11 (trimmed)',
  },
  {
    message:
      'Caused by: org.apache.http.NoHttpResponseException: localhost:3003 failed to respond\n\tat app//org.apache.http.impl.conn.DefaultHttpResponseParser.parseHead(DefaultHttpResponseParser.java:141)',
    expect: { class: 'reset', host: 'localhost', port: 3003 },
    runtime: 'java',
    source: 'https://github.com/lysine-dev/okhttp/issues/7793 (trimmed)',
  },
  {
    message:
      "Error occurred ('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))",
    expect: { class: 'reset' },
    runtime: 'python',
    source: 'https://github.com/psf/requests/issues/6645',
  },
  {
    message: 'http.client.RemoteDisconnected: Remote end closed connection without response',
    expect: { class: 'reset' },
    runtime: 'python',
    source: 'https://github.com/RootKit-Org/AI-Aimbot/issues/119',
  },
  // ---------------------------------------------------------------- near misses: answers, bookkeeping, descriptions
  {
    // the server answered, with an error status
    message:
      'AxiosError: Request failed with status code 503\n    at settle (C:\\Users\\user\\AppData\\Local\\Programs\\Exile Diary Reborn\\resources\\app.asar\\node_modules\\axios\\dist\\node\\axios.cjs:1909:12)\n    at IncomingMessage.handleStreamEnd (C:\\Users\\user\\AppData\\Local\\Programs\\Exile Diary Reborn\\resources\\app.asar\\node_modules\\axios\\dist\\node\\axios.cjs:2989:11)',
    expect: null,
    runtime: 'node',
    source: 'https://github.com/Qt-dev/exile-diary/issues/74 (user name masked)',
  },
  {
    message:
      '(node:26373) UnhandledPromiseRejectionWarning: Error: Request failed with status code 503\n    at createError (/home/mehmetbey/app/node_modules/axios/lib/core/createError.js:16:15)\n    at settle (/home/mehmetbey/app/node_modules/axios/lib/core/settle.js:17:12)',
    expect: null,
    runtime: 'node',
    source: 'https://github.com/axios/axios/issues/3603 (paths shortened)',
  },
  {
    // Lambda's own timeout: the function ran out of time, which says nothing about a connection by itself
    message:
      '2020-11-10T05:46:57.874Z 160788cd-45ff-4583-809f-c7e31127cb95 Task timed out after 3.07 seconds',
    expect: null,
    runtime: 'generic',
    source: 'https://github.com/alexa-samples/skill-sample-nodejs-smarthome-switch/issues/18',
  },
  {
    message:
      'REPORT RequestId: d01782c6-b615-4b06-96b2-ac313bae6d72\tDuration: 3064.04 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 24 MB\t',
    expect: null,
    runtime: 'generic',
    source: 'https://github.com/alexa-samples/alexa-smarthome/issues/179',
  },
  {
    // curl's help text for --retry-connrefused
    message: 'Help: Retry on connection refused (use with --retry)',
    expect: null,
    runtime: 'generic',
    source:
      'https://opensource.apple.com/source/curl/curl-118/curl/docs/cmdline-opts/retry-connrefused.d.auto.html',
  },
  {
    // wget's manual for --retry-connrefused
    message: 'Consider "connection refused" a transient error and try again.',
    expect: null,
    runtime: 'generic',
    source: 'https://gist.github.com/flomotlik/6212725 (quoting the wget manual)',
  },
  {
    // a list of error classes in a rescue or retry configuration
    message:
      'Errno::EHOSTUNREACH, Errno::ENETUNREACH, Errno::ECONNRESET, Errno::ECONNREFUSED, Errno::ECONNABORTED,',
    expect: null,
    runtime: 'ruby',
    source: 'https://github.com/3scale/apisonator/pull/463',
  },
  {
    // a Unix socket on the same host: not the network
    message:
      "RPC Node Error: connect(attempts=1/5): Couldn't open connection with /opt/ats/var/trafficserver/jsonrpc20.sock. Last error: Connection refused(111)",
    expect: null,
    runtime: 'generic',
    source: 'https://github.com/apache/trafficserver/pull/12342',
  },
  {
    // ioredis state changes while connecting
    message: 'Wed, 30 Sep 2015 13:51:26 GMT ioredis:redis status[localhost:6379]: [empty] -> connecting',
    expect: null,
    runtime: 'node',
    source: 'https://github.com/redis/ioredis/issues/167',
  },
  {
    message:
      '[DEBUG] 2016-01-28 10:00:15,710 [Hikari connection adder (pool HikariPool-0)]  com.zaxxer.hikari.pool.HikariPool:451  - HikariPool-0 - Added connection oracle.jdbc.driver.T4CConnection@238cb8a0',
    expect: null,
    runtime: 'java',
    source: 'https://github.com/brettwooldridge/HikariCP/issues/563',
  },
  {
    message:
      '2017-10-18 16:41:57,702 [INFO] from com.zaxxer.hikari.pool.PoolBase in keymaker-pool connection adder - keymaker-pool - Driver does not support get/set network timeout for connections. (Method org.',
    expect: null,
    runtime: 'java',
    source: 'https://github.com/brettwooldridge/HikariCP/issues/997',
  },
  // ---------------------------------------------------------------- more .NET, Go resolver, Ruby
  {
    message:
      '[2022-10-12T04:16:20.6881372+00:00][FATL][1][] Host terminated unexpectedly\nMySqlConnector.MySqlException (0x80004005): Unable to connect to any of the specified MySQL hosts.\n   at MySqlConnector.Core.ServerSession.ConnectAsync(ConnectionSettings cs, MySqlConnection connection, Int32 startTickCount, ILoadBalancer loadBalancer, IOBehavior ioBehavior, CancellationToken cancellationToken) in /_/src/MySqlConnector/Core/ServerSession.cs:line 433',
    expect: { class: 'unreachable' },
    runtime: 'dotnet',
    source: 'https://github.com/skoruba/IdentityServer4.Admin/issues/1013 (trimmed)',
  },
  {
    message:
      'EXCEPTION: MySql.Data.MySqlClient.MySqlException: Unable to connect to any of the specified MySQL hosts.',
    expect: { class: 'unreachable' },
    runtime: 'dotnet',
    source: 'https://github.com/AdKats/AdKats/issues/145',
  },
  {
    // Go's resolver got an answer it could not use (SERVFAIL): the host name is what failed, not the resolver
    message: 'dial tcp: lookup mailserver.fred3riksberg.dk on 192.168.0.20:53: server misbehaving',
    expect: { class: 'dns', host: 'mailserver.fred3riksberg.dk' },
    runtime: 'go',
    source: 'https://github.com/gophish/gophish/issues/672',
  },
  {
    message:
      'Error retrieving updates: running the job processor: running job: getting update for GeoLite2-City: performing HTTP request: Get "https://updates.maxmind.com/geoip/databases/GeoLite2-City/update?db_md5=d56325065a8028ad90a7592d656052cf": dial tcp: lookup updates.maxmind.com on 127.0.0.11:53: server misbehaving',
    expect: { class: 'dns', host: 'updates.maxmind.com', port: 443 },
    runtime: 'go',
    source: 'https://github.com/maxmind/geoipupdate/issues/273',
  },
  {
    message: 'Faraday::ConnectionFailed: execution expired',
    expect: { class: 'timeout' },
    runtime: 'ruby',
    source: 'https://github.com/samvera/hyku/issues/1472 (title)',
  },
  {
    message: 'Unexpected error: #<Faraday::ConnectionFailed wrapped=#<Net::OpenTimeout: execution expired>>',
    expect: { class: 'timeout' },
    runtime: 'ruby',
    source: 'https://github.com/netbe/Babelish/issues/145 (title)',
  },
  {
    message: 'in initialize: execution expired (Faraday::ConnectionFailed)',
    expect: { class: 'timeout' },
    runtime: 'ruby',
    source: 'https://github.com/fastlane/fastlane/issues/9197 (title)',
  },
  // ---------------------------------------------------------------- pool-acquire timeouts (class pool)
  {
    message:
      'sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30',
    expect: { class: 'pool' },
    runtime: 'python',
    source: 'https://github.com/tjcsl/cslbot/issues/788',
  },
  {
    // a structured log line that names the client address: not the target
    message:
      'time="2024-10-17T13:41:50+0000" level=ERROR function=dispatch client="10.194.188.78:0" trace_id="IYV0V95O2U" method="POST" path="/api/v1/authentication/tokens" user="anonymous" message="QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)"',
    expect: { class: 'pool' },
    runtime: 'python',
    source: 'https://github.com/dbinfrago/capella-collab-manager/issues/1914',
  },
  {
    message:
      'b\'{"error":"QueuePool limit of size 1 overflow 1 reached, connection timed out, timeout 30 (Background on this error at: http://sqlalche.me/e/3o7r)"}\\n\'',
    expect: { class: 'pool' },
    runtime: 'python',
    source: 'https://github.com/hydraplatform/hydra-base/issues/102',
  },
  // ---------------------------------------------------------------- near misses
  {
    message:
      'Caused by: org.postgresql.util.PSQLException: FATAL: password authentication failed for user "example"',
    expect: null,
    runtime: 'java',
    source: 'https://github.com/Grashjs/cmms/issues/38',
  },
  {
    message:
      '2020-02-14 17:26:38.505 UTC [62] FATAL:  password authentication failed for user "postgres"\n2020-02-14 17:26:38.505 UTC [62] DETAIL:  Password does not match for user "postgres".\n        Connection matched pg_hba.conf line 95: "host all all all md5"',
    expect: null,
    runtime: 'generic',
    source: 'https://github.com/docker-library/postgres/issues/679',
  },
  {
    message:
      'PostgreSQL connection failed: FATAL: no pg_hba.conf entry for host "x.x.x.x", user "xxx", database "xxxxx", no encryption (SQLSTATE 28000)',
    expect: null,
    runtime: 'generic',
    source: 'https://github.com/t8y2/dbx/issues/4311',
  },
  {
    message:
      '2020-09-08 07:35:02 UTC [436]: [5f573426.1b4-1] [unknown]@[unknown],app=[unknown] [00000] LOG:  connection received: host=10.121.14.113 port=5179',
    expect: null,
    runtime: 'generic',
    source: 'https://github.com/timescale/helm-charts/issues/223',
  },
  {
    message:
      '(psycopg2.OperationalError) FATAL: sorry, too many clients already (Background on this error at: http://sqlalche.me/e/e3q8)',
    expect: null,
    runtime: 'python',
    source: 'https://github.com/openstate/open-raadsinformatie/issues/198',
  },
  {
    message: 'Error!: SQLSTATE[08006] [7] FATAL:  sorry, too many clients already<br/>',
    expect: null,
    runtime: 'php',
    source: 'https://github.com/TBroTeam/TBro/issues/57',
  },
  {
    message:
      "/var/www/oddb.org/vendor/bundle/ruby/3.0.0/gems/ydbd-pg-0.5.7/lib/dbd/pg/database.rb:83:in `rescue in initialize': FATAL:  sorry, too many clients already (DBI::OperationalError)",
    expect: null,
    runtime: 'ruby',
    source: 'https://github.com/zdavatz/oddb.org/issues/141',
  },
  {
    // HikariCP housekeeping statistics
    message:
      '04:25:50.024 [HikariPool-1 housekeeper] DEBUG com.zaxxer.hikari.pool.HikariPool - HikariPool-1 - Pool stats (total=50, active=10, idle=40, waiting=0)',
    expect: null,
    runtime: 'java',
    source: 'https://github.com/brettwooldridge/HikariCP/issues/1874',
  },
  {
    message:
      '2021-06-29T01:24:09.52156739Z  --- [ool housekeeper] class=HikariPool   method=fillPool  HikariCP-Pool - Fill pool skipped, pool is at sufficient level.',
    expect: null,
    runtime: 'java',
    source: 'https://github.com/brettwooldridge/HikariCP/issues/1474',
  },
  {
    // the statistics Hikari prints beside a timeout: the timeout itself is its own event
    message:
      '2015-04-29 00:22:22,848 [http-bio-1027-exec-10] DEBUG com.zaxxer.hikari.pool.HikariPool - Timeout failure pool stats HikariPool-0 (total=20, inUse=20, avail=0, waiting=0)',
    expect: null,
    runtime: 'java',
    source: 'https://github.com/brettwooldridge/HikariCP/issues/313',
  },
  {
    message:
      'AccessDeniedException: User: arn:aws:iam::858XXXXXXXXX:user/AmazonSpListing is not authorized to perform: secretsmanager:GetSecretValue on resource: settings because no identity-based policy allows the secretsmanager:GetSecretValue action',
    expect: null,
    runtime: 'generic',
    source: 'https://github.com/amzn/selling-partner-api-samples/issues/76',
  },
  {
    message:
      'Error: error reading Secrets Manager Secret Version: AccessDeniedException: Access to KMS is not allowed\n\tstatus code: 400, request id: 4ff6091e-fc13-4e0c-8805-24820cb106f6',
    expect: null,
    runtime: 'go',
    source: 'https://github.com/andresriancho/aws-backup/issues/5',
  },
];
