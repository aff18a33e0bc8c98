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
