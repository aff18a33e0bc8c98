import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Analyzer } from '../src/core/analyzer.js';
import type { Report, TargetRow } from '../src/core/report.js';
import { classifyMessage } from '../src/core/signatures/matcher.js';

const TASK = 'ecs/api/0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const OTHER_TASK = 'ecs/api/99887766554433221100aabbccddeeff';
const T0 = Date.parse('2026-11-20T08:00:00Z');

/** Runs the analyser over [milliseconds from T0, stream, message] events, in order. */
function analyse(events: Array<[number, string, string]>): Report {
  const analyzer = new Analyzer();
  const input = analyzer.openInput('test');
  events.forEach(([ms, stream, message], index) =>
    analyzer.addEvent(input, { index, timestamp: T0 + ms, stream, message }),
  );
  analyzer.closeInput({
    name: 'test',
    format: 'json-lines',
    gzip: false,
    events: events.length,
    bytes: 0,
    warnings: [],
  });
  return analyzer.finish();
}

/** One event per line, as the awslogs driver sends a multi-line trace, a millisecond apart. */
function perLine(trace: string, stream = TASK, start = 0): Array<[number, string, string]> {
  return trace
    .split('\n')
    .filter((line) => line !== '')
    .map((line, i) => [start + i, stream, line]);
}

function rows(report: Report): Array<[string | null, number | null, string, number]> {
  return (report.findings[0]?.targets ?? []).map((t: TargetRow) => [t.host, t.port, t.class, t.count]);
}

// AWS SDK for Java v1 behind a Secrets Manager client: the wrapper names the host, the cause says why.
const JAVA_SDK = `com.amazonaws.SdkClientException: Unable to execute HTTP request: secretsmanager.eu-west-1.amazonaws.com
\tat com.amazonaws.http.AmazonHttpClient$RequestExecutor.handleRetryableException(AmazonHttpClient.java:1207)
\tat com.amazonaws.http.AmazonHttpClient$RequestExecutor.executeHelper(AmazonHttpClient.java:1153)
\tat com.amazonaws.services.secretsmanager.AWSSecretsManagerClient.getSecretValue(AWSSecretsManagerClient.java:1386)
Caused by: java.net.UnknownHostException: secretsmanager.eu-west-1.amazonaws.com
\tat java.base/java.net.InetAddress$CachedAddresses.get(InetAddress.java:801)
\tat java.base/java.net.InetAddress.getAllByName0(InetAddress.java:1533)
\t... 30 more`;

// Spring + HikariCP + pgJDBC: the pool timed out because new connections were refused.
const JAVA_POOL_REFUSED = `org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; nested exception is java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30001ms.
\tat org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:82)
Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30001ms.
\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)
Caused by: org.postgresql.util.PSQLException: Connection to orders-db.cluster-c1x2y3.eu-west-1.rds.amazonaws.com:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.
\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:319)
Caused by: java.net.ConnectException: Connection refused
\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)
\t... 42 more`;

// requests over urllib3 2.x: three chained tracebacks, the root cause first.
const PYTHON_CHAIN = `Traceback (most recent call last):
  File "/usr/local/lib/python3.11/site-packages/urllib3/connection.py", line 203, in _new_conn
    sock = connection.create_connection(
  File "/usr/local/lib/python3.11/site-packages/urllib3/util/connection.py", line 60, in create_connection
    for res in socket.getaddrinfo(host, port, family, socket.SOCK_STREAM):
socket.gaierror: [Errno -2] Name or service not known

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/usr/local/lib/python3.11/site-packages/urllib3/connectionpool.py", line 790, in urlopen
    response = self._make_request(
urllib3.exceptions.NameResolutionError: <urllib3.connection.HTTPSConnection object at 0x7f2c1c0b4d10>: Failed to resolve 'orders.internal' ([Errno -2] Name or service not known)

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/app/main.py", line 12, in handler
    r = requests.get("https://orders.internal/api/v1/orders", timeout=5)
requests.exceptions.ConnectionError: HTTPSConnectionPool(host='orders.internal', port=443): Max retries exceeded with url: /api/v1/orders (Caused by NameResolutionError("<urllib3.connection.HTTPSConnection object at 0x7f2c1c0b4d10>: Failed to resolve 'orders.internal' ([Errno -2] Name or service not known)"))`;

// psycopg2 under SQLAlchemy: the driver's error is the cause, SQLAlchemy's wrapper repeats it.
const PYTHON_HANDLING = `Traceback (most recent call last):
  File "/usr/local/lib/python3.12/site-packages/sqlalchemy/engine/base.py", line 145, in __init__
    self._dbapi_connection = engine.raw_connection()
psycopg2.OperationalError: connection to server at "orders-db.internal" (10.0.2.47), port 5432 failed: Connection timed out
\tIs the server running on that host and accepting TCP/IP connections?

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/app/worker.py", line 40, in run
    with engine.connect() as conn:
sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "orders-db.internal" (10.0.2.47), port 5432 failed: Connection timed out`;

// .NET 8 HttpClient: the inner SocketException has the reason, the outer one the target.
const DOTNET = `System.Net.Http.HttpRequestException: Name or service not known (payments.internal:443)
 ---> System.Net.Sockets.SocketException (0xFFFDFFFF): Name or service not known
   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)
   at System.Net.Http.HttpConnectionPool.ConnectToTcpHostAsync(String host, Int32 port, HttpRequestMessage initialRequest, Boolean async, CancellationToken cancellationToken)
   --- End of inner exception stack trace ---
   at System.Net.Http.HttpClient.<SendAsync>g__Core|83_0(HttpRequestMessage request, HttpCompletionOption completionOption, CancellationTokenSource cts, Boolean disposeCts, CancellationTokenSource pendingRequestsCts, CancellationToken originalCancellationToken)`;

// Node 20 fetch: the cause is indented inside the inspected error.
const NODE_FETCH = `TypeError: fetch failed
    at node:internal/deps/undici/undici:13502:13
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {
  [cause]: Error: connect ETIMEDOUT 10.0.7.21:8443
      at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {
    errno: -110,
    code: 'ETIMEDOUT',
    syscall: 'connect',
    address: '10.0.7.21',
    port: 8443
  }
}`;

// Connector/J's message spans two lines, with a blank line between: still one trace.
const JAVA_MYSQL = `org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; nested exception is com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure

The last packet sent successfully to the server was 0 milliseconds ago. The driver has not received any packets from the server.
\tat org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:82)
Caused by: com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure

The last packet sent successfully to the server was 0 milliseconds ago. The driver has not received any packets from the server.
\tat com.mysql.cj.jdbc.exceptions.SQLError.createCommunicationsException(SQLError.java:174)
Caused by: java.net.ConnectException: Connection refused
\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)`;

const CASES: Array<[string, string, Array<[string | null, number | null, string, number]>]> = [
  [
    'Java SDK wrapper + UnknownHostException',
    JAVA_SDK,
    [['secretsmanager.eu-west-1.amazonaws.com', null, 'dns', 1]],
  ],
  [
    'Hikari pool timeout caused by a refused connection',
    JAVA_POOL_REFUSED,
    [['orders-db.cluster-c1x2y3.eu-west-1.rds.amazonaws.com', 5432, 'refused', 1]],
  ],
  ['Python chained tracebacks (direct cause)', PYTHON_CHAIN, [['orders.internal', 443, 'dns', 1]]],
  [
    'Python chained tracebacks (during handling)',
    PYTHON_HANDLING,
    [['orders-db.internal', 5432, 'timeout', 1]],
  ],
  ['.NET inner exception', DOTNET, [['payments.internal', 443, 'dns', 1]]],
  ['Node fetch failed with its cause', NODE_FETCH, [['10.0.7.21', 8443, 'timeout', 1]]],
  ['Connector/J two-line message, refused underneath', JAVA_MYSQL, [[null, null, 'refused', 1]]],
];

describe('stack traces: one failure each, the innermost cause decides', () => {
  for (const [name, trace, want] of CASES) {
    it(`${name}: one event per line (awslogs)`, () => {
      const report = analyse(perLine(trace));
      assert.equal(report.findings[0]?.evidence.events, 1);
      assert.deepEqual(rows(report), want);
    });

    it(`${name}: the whole trace in one event`, () => {
      const f = classifyMessage(trace);
      const [host, port, cls] = want[0] as [string | null, number | null, string, number];
      assert.deepEqual([f?.errorClass, f?.host, f?.port], [cls, host, port]);
      assert.deepEqual(rows(analyse([[0, TASK, trace]])), want);
    });
  }

  it('blank lines inside a Python traceback do not cut it', () => {
    const events = PYTHON_CHAIN.split('\n').map((line, i): [number, string, string] => [i, TASK, line]);
    assert.deepEqual(rows(analyse(events)), [['orders.internal', 443, 'dns', 1]]);
  });

  it('two traces in one stream a minute apart are two failures; other streams do not cut a trace', () => {
    const first = perLine(PYTHON_CHAIN, TASK, 0);
    const interleaved: Array<[number, string, string]> = [];
    for (const e of first) {
      interleaved.push(e);
      interleaved.push([e[0], OTHER_TASK, 'GET /health 200 1ms']);
    }
    const report = analyse([...interleaved, ...perLine(PYTHON_CHAIN, TASK, 60_000)]);
    assert.equal(report.findings[0]?.evidence.events, 2);
    assert.deepEqual(rows(report), [['orders.internal', 443, 'dns', 2]]);
  });

  it('a plain log line after the exception line ends a Python traceback', () => {
    const report = analyse([
      ...perLine(PYTHON_CHAIN.split('\n').slice(0, 6).join('\n')),
      [10, TASK, 'INFO retrying in 2 s'],
      [11, TASK, 'socket.gaierror: [Errno -2] Name or service not known'],
    ]);
    assert.equal(report.findings[0]?.evidence.events, 2);
  });

  it('classify marks the lines stitched into an open failure', () => {
    const analyzer = new Analyzer();
    const input = analyzer.openInput('t');
    const out = perLine(JAVA_POOL_REFUSED).map(([ms, stream, message], index) =>
      analyzer.addEvent(input, { index, timestamp: T0 + ms, stream, message }),
    );
    assert.deepEqual(
      out.filter((e) => e.failure).map((e) => [e.failure?.errorClass, e.stitched ?? false]),
      [
        ['pool', false],
        ['pool', true],
        ['refused', true],
        ['refused', true],
      ],
    );
  });
});
