/**
 * More real-world log lines for the signature matcher: .NET, Ruby, PHP, Rust, TLS handshake failures, ECS
 * stopped reasons / agent lines, and near misses (expect null).
 *
 * Same conventions as signatureCases.ts: error strings come from the public sources named in `source`;
 * stack frames were trimmed in places (noted). `host` is the remote endpoint (never the local address or the
 * DNS server), a hostname wins over an IP when both are printed, a URL gives host and port (https 443,
 * http 80), and host/port are left out when the event does not print them. Cases marked 'synthetic' come from
 * the task brief.
 */
import type { SignatureCase } from './signatureCases.js';

export interface MoreCase extends Omit<SignatureCase, 'runtime'> {
  runtime: 'dotnet' | 'ruby' | 'php' | 'rust' | 'ecs' | 'java' | 'python' | 'node' | 'go' | 'generic';
}

export const MORE_SIGNATURE_CASES: MoreCase[] = [
  // ---------------------------------------------------------------- .NET
  {
    // .NET 5+: host:port in parentheses after the message; the inner SocketException has no address
    message:
      'System.Net.Http.HttpRequestException: Connection refused (prd-services-apim.xcbsystems.com:443)\n ---> System.Net.Sockets.SocketException (111): Connection refused\n   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError , CancellationToken )\n   at System.Net.Http.HttpConnectionPool.ConnectToTcpHostAsync(String , Int32 , HttpRequestMessage , Boolean , CancellationToken )\n   Exception_EndOfInnerExceptionStack',
    expect: { class: 'refused', host: 'prd-services-apim.xcbsystems.com', port: 443 },
    runtime: 'dotnet',
    source: 'https://github.com/dotnet/runtime/issues/111056 (frames trimmed)',
  },
  {
    // bare SocketException from TcpClient: the frames name parameters "address"/"port" but print no values
    message:
      'System.Net.Sockets.SocketException (111): Connection refused\n    at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.CreateException(SocketError error, Boolean forAsyncThrow)\n    at System.Net.Sockets.Socket.ConnectAsync(IPAddress address, Int32 port) in /_/src/libraries/System.Net.Sockets/src/System/Net/Sockets/Socket.Tasks.cs:line 135\n    at System.Net.Sockets.TcpClient.ConnectAsync(IPAddress address, Int32 port) in /_/src/libraries/System.Net.Sockets/src/System/Net/Sockets/TCPClient.cs:line 175',
    expect: { class: 'refused' },
    runtime: 'dotnet',
    source: 'https://github.com/dotnet/runtime/issues/42211 (frames trimmed)',
  },
  {
    // EAI_AGAIN surfaces as errno 11 "Resource temporarily unavailable": a DNS failure, not EAGAIN on a socket
    message:
      '[v4.7.5.7809] System.Net.Http.HttpRequestException: Resource temporarily unavailable (api.radarr.video:443)\n ---> System.Net.Sockets.SocketException (11): Resource temporarily unavailable\n   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)',
    expect: { class: 'dns', host: 'api.radarr.video', port: 443 },
    runtime: 'dotnet',
    source: 'https://github.com/Radarr/Radarr/issues/9105 (frames trimmed)',
  },
  {
    // .NET Core 3.x: no (host:port); the frame prints parameter NAMES "String host, Int32 port" that must not be read as values
    message:
      'System.Net.Http.HttpRequestException: Resource temporarily unavailable\n ---> System.Net.Sockets.SocketException (11): Resource temporarily unavailable\n   at System.Net.Http.ConnectHelper.ConnectAsync(String host, Int32 port, CancellationToken cancellationToken)\n   --- End of inner exception stack trace ---',
    expect: { class: 'dns' },
    runtime: 'dotnet',
    source: 'https://github.com/dotnet/runtime/issues/41387',
  },
  {
    // (00000005, 0xFFFDFFFF) code pair; failing host only appears in the app's config, not in the event
    message:
      'Unhandled exception. System.Net.Sockets.SocketException (00000005, 0xFFFDFFFF): Name or service not known\n   at System.Net.Dns.GetHostEntryOrAddressesCore(String hostName, Boolean justAddresses, AddressFamily addressFamily, Nullable`1 startingTimestamp)',
    expect: { class: 'dns' },
    runtime: 'dotnet',
    source: 'https://github.com/immense/Remotely/issues/820 (frames trimmed)',
  },
  {
    // Windows wording; note the trailing period BEFORE the (host:port)
    message:
      'System.Net.Http.HttpRequestException: No such host is known. (njthomson.github.io:443)\n ---> System.Net.Sockets.SocketException (11001): No such host is known.\n   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)',
    expect: { class: 'dns', host: 'njthomson.github.io', port: 443 },
    runtime: 'dotnet',
    source: 'https://github.com/njthomson/SrvSurvey/issues/432 (frames trimmed)',
  },
  {
    // Apple platforms say "hostname nor servname", not glibc's "nodename nor servname"
    message:
      'System.Net.Http.HttpRequestException: hostname nor servname provided, or not known (prd-tlmservices-apim.epaysystems.com:443)\n ---> System.Net.Sockets.SocketException (0xFFFDFFFF): hostname nor servname provided, or not known\n   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError , CancellationToken )',
    expect: { class: 'dns', host: 'prd-tlmservices-apim.epaysystems.com', port: 443 },
    runtime: 'dotnet',
    source: 'https://github.com/dotnet/runtime/issues/111058 (frames trimmed)',
  },
  {
    // inner-exception line logged on its own (10060 = WSAETIMEDOUT); no address
    message:
      ' ---> System.Net.Sockets.SocketException (10060): A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond.\n   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)\n   at System.Net.Http.HttpConnectionPool.ConnectToTcpHostAsync(String host, Int32 port, HttpRequestMessage initialRequest, Boolean async, CancellationToken cancellationToken)',
    expect: { class: 'timeout' },
    runtime: 'dotnet',
    source: 'https://github.com/dotnet/runtime/issues/67537 (frames trimmed)',
  },
  {
    // Npgsql on Windows: host only in the connection string, not in the event
    message:
      'A connection attempt failed because the connected party did not properly respond after a period of time,\nor established connection failed because connected host has failed to respond.\n\n   at Npgsql.NpgsqlConnector.Connect(NpgsqlTimeout timeout)\n   at Npgsql.NpgsqlConnector.<RawOpen>d__179.MoveNext()',
    expect: { class: 'timeout' },
    runtime: 'dotnet',
    source: 'https://github.com/npgsql/npgsql/issues/3381 (frames trimmed)',
  },
  {
    // .NET Core 2.x ExtendedSocketException: IP:port appended after the message with a space, no parentheses
    message:
      'System.Net.Internals.SocketExceptionFactory+ExtendedSocketException (111): Connection refused 172.18.0.4:5432 \nat System.Net.Sockets.Socket.EndConnect(IAsyncResult asyncResult) \nat Npgsql.NpgsqlConnector.ConnectAsync(NpgsqlTimeout timeout, CancellationToken cancellationToken)',
    expect: { class: 'refused', host: '172.18.0.4', port: 5432 },
    runtime: 'dotnet',
    source: 'https://github.com/npgsql/efcore.pg/issues/619 (frames trimmed)',
  },
  {
    // Npgsql names the endpoint; the class is only in the inner (Windows-worded) SocketException
    message:
      'Npgsql.NpgsqlException (0x80004005): Failed to connect to 127.0.0.1:5432\n ---> System.Net.Sockets.SocketException (10061): No connection could be made because the target machine actively refused it.',
    expect: { class: 'refused', host: '127.0.0.1', port: 5432 },
    runtime: 'dotnet',
    source:
      'https://github.com/npgsql/npgsql/issues/5183 (title; inner exception wording as quoted by the maintainer in the thread)',
  },
  {
    // bracketed IPv6; EADDRNOTAVAIL (99): the container has no ::1, so the endpoint cannot be reached at all
    message:
      'Unhandled exception. Npgsql.NpgsqlException (0x80004005): Failed to connect to [::1]:5432\n ---> System.Net.Sockets.SocketException (99): Address not available\n   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.CreateException(SocketError error, Boolean forAsyncThrow)',
    expect: { class: 'unreachable', host: '::1', port: 5432 },
    runtime: 'dotnet',
    source: 'https://github.com/iPromKnight/zilean/issues/15 (frames trimmed)',
  },
  {
    // SqlClient error 40: "could not open a connection"; says neither refused nor timed out, names no server
    message:
      'System.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections. (provider: TCP Provider, error: 40 - Could not open a connection to SQL Server)\n   at System.Data.SqlClient.SqlInternalConnectionTds..ctor(DbConnectionPoolIdentity identity, SqlConnectionString connectionOptions, Object providerInfo, Boolean redirectedUserInstance, SqlConnectionString userConnectionOptions, SessionData reconnectSessionData, Boolean applyTransientFaultHandling)',
    expect: { class: 'unreachable' },
    runtime: 'dotnet',
    source: 'https://github.com/microsoft/azuredatastudio/issues/322 (frames trimmed)',
  },
  {
    // SqlClient error 26: the SQL Browser lookup (UDP 1434) for a named instance got no answer
    message:
      'System.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections. (provider: SQL Network Interfaces, error: 26 - Error Locating Server/Instance Specified)\n   at System.Data.SqlClient.SqlInternalConnectionTds..ctor(DbConnectionPoolIdentity identity, SqlConnectionString connectionOptions, SqlCredential credential, Object providerInfo, String newPassword, SecureString newSecurePassword, Boolean redirectedUserInstance, SqlConnectionString userConnectionOptions, SessionData reconnectSessionData, DbConnectionPool pool, String accessToken, Boolean applyTransientFaultHandling)',
    expect: { class: 'unreachable' },
    runtime: 'dotnet',
    source: 'https://github.com/dotnet/efcore/issues/10575 (frames trimmed)',
  },
  {
    // SqlClient error 35 on Linux: the real cause and the endpoint are in the nested exceptions, bracketed IPv6 without parentheses
    message:
      'System.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections. (provider: TCP Provider, error: 35 - An internal exception was caught) ---> System.AggregateException: One or more errors occurred. (Connection refused [::1]:1433) ---> System.Net.Internals.SocketExceptionFactory+ExtendedSocketException: Connection refused [::1]:1433 at System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw() at ',
    expect: { class: 'refused', host: '::1', port: 1433 },
    runtime: 'dotnet',
    source: 'https://github.com/microsoft/vscode-mssql/issues/1069',
  },
  {
    // error 35 + DNS EAI_AGAIN with the "(00000001, 11)" code pair
    message:
      'Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections. (provider: TCP Provider, error: 35 - An internal exception was caught)\n ---> System.AggregateException: One or more errors occurred. (Resource temporarily unavailable)\n ---> System.Net.Internals.SocketExceptionFactory+ExtendedSocketException (00000001, 11): Resource temporarily unavailable\n   at System.Net.Dns.GetHostEntryOrAddressesCore(String hostName, Boolean justAddresses, AddressFamily addressFamily, ValueStopwatch stopwatch)',
    expect: { class: 'dns' },
    runtime: 'dotnet',
    source: 'https://github.com/dotnet/SqlClient/issues/1773 (frames trimmed)',
  },
  {
    // StackExchange.Redis: "UnableToConnect on host:port/Interactive" — the /Interactive suffix is glued to the port.
    // UnableToConnect says neither refused nor timed out, hence 'unreachable'.
    message:
      'An unhandled exception occurred while processing the request.\nRedisConnectionException: UnableToConnect on 127.0.0.1:6390/Interactive, Initializing, last: NONE, origin: BeginConnectAsync, outstanding: 0, last-read: 2s ago, last-write: 2s ago, unanswered-write: 191439s ago, keep-alive: 60s, state: Connecting, mgr: 10 of 10 available, last-heartbeat: never, global: 0s ago, v: 2.0.513.63329',
    expect: { class: 'unreachable', host: '127.0.0.1', port: 6390 },
    runtime: 'dotnet',
    source: 'https://github.com/gnsilence/HangfireHttpJob/issues/7',
  },
  {
    // SignalR Redis backplane debug line: "connection failed: host:port (Interactive, UnableToConnect)" then the SE.Redis text
    message:
      '      connection failed: snc-cbredis01:6379 (Interactive, UnableToConnect): UnableToConnect on snc-cbredis01:6379/Interactive, Initializing/NotStarted, last: NONE, origin: BeginConnectAsync, outstanding: 0, last-read: 0s ago, last-write: 0s ago, keep-alive: 60s, state: Connecting, mgr: 10 of 10 available, last-heartbeat: never, global: 0s ago, v: 2.0.593.37019',
    expect: { class: 'unreachable', host: 'snc-cbredis01', port: 6379 },
    runtime: 'dotnet',
    source: 'https://github.com/StackExchange/StackExchange.Redis/issues/2277',
  },
  {
    // ConnectTimeout with no endpoint; "Timeout" also appears in unrelated IOCP/WORKER stats
    message:
      'No connection is available to service this operation: HMGET somevalue It was not possible to connect to the redis server(s). To create a disconnected multiplexer, disable AbortOnConnectFail. ConnectTimeout; IOCP: (Busy=0,Free=1000,Min=1,Max=1000), WORKER: (Busy=2,Free=1021,Min=1,Max=1023), Local-CPU: n/a It was not possible to connect to the redis server(s). To create a disconnected multiplexer, disable AbortOnConnectFail. ConnectTimeout',
    expect: { class: 'timeout' },
    runtime: 'dotnet',
    source: 'https://github.com/StackExchange/StackExchange.Redis/issues/2468',
  },

  // ---------------------------------------------------------------- Ruby
  {
    message:
      'Failed to open TCP connection to api.trello.com:443 (Connection refused - connect(2) for "api.trello.com" port 443)',
    expect: { class: 'refused', host: 'api.trello.com', port: 443 },
    runtime: 'ruby',
    source: 'https://github.com/yasyf/vc/issues/121',
  },
  {
    // Errno message alone: host in quotes, port as a separate word
    message:
      'Errno::ECONNREFUSED: Connection refused - connect(2) for "mycombe2.library.ualberta.ca" port 8080\n  File "/usr/lib64/ruby/2.3.0/net/http.rb", line 880, in initialize\n  File "/usr/lib64/ruby/2.3.0/net/http.rb", line 880, in open',
    expect: { class: 'refused', host: 'mycombe2.library.ualberta.ca', port: 8080 },
    runtime: 'ruby',
    source: 'https://github.com/ualbertalib/HydraNorth/issues/1443 (frames trimmed)',
  },
  {
    // misconfiguration: the scheme was passed as the hostname, so the host is literally "https"
    message: 'Connection refused - connect(2) for "https" port 443',
    expect: { class: 'refused', host: 'https', port: 443 },
    runtime: 'ruby',
    source: 'https://github.com/quintel/etmoses/issues/1131',
  },
  {
    // no host at all: "to :80" and "for nil port 80"
    message:
      'Errno::ECONNREFUSED: Failed to open TCP connection to :80 (Connection refused - connect(2) for nil port 80)',
    expect: { class: 'refused', port: 80 },
    runtime: 'ruby',
    source: 'https://github.com/izetex/web3-eth/issues/14',
  },
  {
    message: 'Failed to open TCP connection to api.do-it.org:443 (getaddrinfo: Name or service not known)',
    expect: { class: 'dns', host: 'api.do-it.org', port: 443 },
    runtime: 'ruby',
    source: 'https://github.com/AgileVentures/LocalSupport/issues/1466',
  },
  {
    // older Net::HTTP: SocketError without the "Failed to open TCP connection" wrapper, no host
    message:
      'SocketError: getaddrinfo: Name or service not known\n  File "/usr/local/rbenv/versions/2.2.2/lib/ruby/2.2.0/net/http.rb", line 879, in initialize\n  File "/usr/local/rbenv/versions/2.2.2/lib/ruby/2.2.0/net/http.rb", line 879, in open',
    expect: { class: 'dns' },
    runtime: 'ruby',
    source: 'https://github.com/fixerAPI/fixer/issues/8 (frames trimmed)',
  },
  {
    message:
      'Net::OpenTimeout: execution expired\n  File "/usr/lib64/ruby/2.3.0/net/http.rb", line 880, in initialize\n  File "/usr/lib64/ruby/2.3.0/net/http.rb", line 880, in open\n  File "/usr/lib64/ruby/2.3.0/net/http.rb", line 880, in block in connect',
    expect: { class: 'timeout' },
    runtime: 'ruby',
    source: 'https://github.com/ualbertalib/HydraNorth/issues/1416 (frames trimmed)',
  },
  {
    // Ruby 3.1 on Windows: Windows timeout wording + "user specified timeout", class name in trailing parentheses
    message:
      "C:/Ruby31-x64/lib/ruby/3.1.0/net/http.rb:1001:in `rescue in connect': Failed to open TCP connection to web.archive.org:443 (A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond. - user specified timeout) (Net::OpenTimeout)",
    expect: { class: 'timeout', host: 'web.archive.org', port: 443 },
    runtime: 'ruby',
    source: 'https://github.com/hartator/wayback-machine-downloader/issues/291',
  },
  {
    message: 'Errno::ETIMEDOUT: Connection timed out - connect(2) for "api.github.com" port 443',
    expect: { class: 'timeout', host: 'api.github.com', port: 443 },
    runtime: 'ruby',
    source: 'https://github.com/github-education-resources/classroom/issues/349',
  },
  {
    // Windows ETIMEDOUT wording inside the Ruby connect(2) format
    message:
      'Failed to open TCP connection to online.lloydstsb.co.uk:443 (A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond. - connect(2) for "online.lloydstsb.co.uk" port 443) (Errno::ETIMEDOUT)',
    expect: { class: 'timeout', host: 'online.lloydstsb.co.uk', port: 443 },
    runtime: 'ruby',
    source: 'https://github.com/timrogers/lloydstsb/issues/2',
  },
  {
    message:
      'Failed to open TCP connection to pro.microlink.io:443 (No route to host - connect(2) for "pro.microlink.io" port 443)',
    expect: { class: 'unreachable', host: 'pro.microlink.io', port: 443 },
    runtime: 'ruby',
    source: 'https://github.com/osunyorg/admin/issues/3531',
  },
  {
    message: 'Redis::CannotConnectError: Error connecting to Redis on 127.0.0.1:6379 (Errno::ECONNREFUSED)',
    expect: { class: 'refused', host: '127.0.0.1', port: 6379 },
    runtime: 'ruby',
    source: 'https://github.com/getlago/lago-helm-charts/pull/31',
  },
  {
    // redis-rb 3.x: bare "(ECONNREFUSED)" without the Errno:: prefix
    message: 'Error connecting to Redis on mummichog.redistogo.com:9971 (ECONNREFUSED)',
    expect: { class: 'refused', host: 'mummichog.redistogo.com', port: 9971 },
    runtime: 'ruby',
    source: 'https://github.com/bfosberry/GameSocial/issues/187',
  },
  {
    message: 'Redis::CannotConnectError (Timed out connecting to Redis on 127.0.0.1:6379):',
    expect: { class: 'timeout', host: '127.0.0.1', port: 6379 },
    runtime: 'ruby',
    source: 'https://github.com/redis/redis-rb/issues/470',
  },
  {
    // redis-rb 4 ruby driver: "connect(2) for host:port" — no quotes, no "port" word
    message:
      "Errno::ECONNREFUSED: Connection refused - connect(2) for 127.0.0.1:6379\n/var/www/vhosts/mywebsiteurl.com/httpdocs/vendor/bundle/ruby/2.4.0/gems/redis-4.1.2/lib/redis/connection/ruby.rb:187:in `rescue in connect_addrinfo'",
    expect: { class: 'refused', host: '127.0.0.1', port: 6379 },
    runtime: 'ruby',
    source: 'https://github.com/southbridgeio/redmine_2fa/issues/75 (frames trimmed)',
  },

  // ---------------------------------------------------------------- PHP
  {
    message:
      'PDOException: SQLSTATE[HY000] [2002] Connection refused\n  File "/home/glosarium/web/glosarium.web.id/vendor/laravel/framework/src/Illuminate/Database/Connectors/Connector.php", line 119, in __construct',
    expect: { class: 'refused' },
    runtime: 'php',
    source: 'https://github.com/glosarium/glosarium/issues/9 (frames trimmed)',
  },
  {
    // Laravel log line: the "(SQL: ...)" suffix and JSON context follow the error
    message:
      '[2020-11-15 11:00:19] production.ERROR: SQLSTATE[HY000] [2002] Connection timed out (SQL: select ...))) {"exception":"[object] (Illuminate\\\\Database\\\\QueryException(code: 2002): SQLSTATE[HY000] [2002] Connection timed out (SQL: select ...))) at /var/www/html/vendor/illuminate/database/Connection.php:671)',
    expect: { class: 'timeout' },
    runtime: 'php',
    source: 'https://github.com/laravel/framework/pull/35224',
  },
  {
    // PHP < 8.1 wording: no host in getaddrinfo message
    message:
      '[2018-09-26 20:03:00] local.ERROR: SQLSTATE[HY000] [2002] php_network_getaddresses: getaddrinfo failed: Name or service not known {"exception":"[object] (Doctrine\\\\DBAL\\\\Driver\\\\PDOException(code: 2002): SQLSTATE[HY000] [2002] php_network_getaddresses: getaddrinfo failed: Name or service not known at /var/www/firefly-iii/vendor/doctrine/dbal/lib/Doctrine/DBAL/Driver/PDOConnection.php:50)',
    expect: { class: 'dns' },
    runtime: 'php',
    source: 'https://github.com/firefly-iii/firefly-iii/issues/1734 (context trimmed)',
  },
  {
    // PHP 8.1+ wording: "getaddrinfo for HOST failed"
    message:
      '[previous exception] [object] (PDOException(code: 2002): SQLSTATE[HY000] [2002] php_network_getaddresses: getaddrinfo for maria-db failed: Name or service not known at /var/www/html/vendor/laravel/framework/src/Illuminate/Database/Connectors/Connector.php:65)',
    expect: { class: 'dns', host: 'maria-db' },
    runtime: 'php',
    source: 'https://github.com/alexjustesen/speedtest-tracker/issues/944',
  },
  {
    // EAI_AGAIN spelled "Try again" (musl/Alpine)
    message:
      'SQLSTATE[HY000] [2002] php_network_getaddresses: getaddrinfo for xyz.xyz.eu-west-2.rds.amazonaws.com failed: Try again',
    expect: { class: 'dns', host: 'xyz.xyz.eu-west-2.rds.amazonaws.com' },
    runtime: 'php',
    source: 'https://github.com/laravel/framework/pull/42382',
  },
  {
    message:
      'Next PDOException: SQLSTATE[HY000] [2002] php_network_getaddresses: getaddrinfo failed: Temporary failure in name resolution in /app/inc/DB.php:45',
    expect: { class: 'dns' },
    runtime: 'php',
    source: 'https://github.com/manualdousuario/sintoniza/issues/3',
  },
  {
    // cURL: "host port N" (word, not colon)
    message:
      'cURL error 7: Failed to connect to spicyhub.de port 443: Connection refused (see https://curl.haxx.se/libcurl/c/libcurl-errors.html)',
    expect: { class: 'refused', host: 'spicyhub.de', port: 443 },
    runtime: 'php',
    source: 'https://github.com/SpicyWeb-de/nextcloud-user-ispconfig/issues/1',
  },
  {
    // Bugsnag-style two-line event: exception class on one line, cURL text on the next
    message:
      'GuzzleHttp\\Exception\\ConnectException in GET /thread/53193\ncURL error 7: Failed to connect to voorraad.altena-web.online port 443: Connection refused (see http://curl.haxx.se/libcurl/c/libcurl-errors.html)',
    expect: { class: 'refused', host: 'voorraad.altena-web.online', port: 443 },
    runtime: 'php',
    source: 'https://github.com/faveosuite/faveo-helpdesk/issues/4241',
  },
  {
    // Nextcloud JSON log: backslashes JSON-escaped; cURL error 7 (connect) but the reason is a timeout
    message:
      '{"app":"internet_connection_check","method":"GET","url":"\\/settings\\/ajax\\/checksetup","message":"Exception: {\\"Exception\\":\\"GuzzleHttp\\\\\\\\Exception\\\\\\\\ConnectException\\",\\"Message\\":\\"cURL error 7: Failed to connect to www.nextcloud.com port 80: Operation timed out\\",\\"Code\\":0}"}',
    expect: { class: 'timeout', host: 'www.nextcloud.com', port: 80 },
    runtime: 'php',
    source: 'https://github.com/nextcloud/server/issues/11155 (trace trimmed)',
  },
  {
    // curl >= 7.80 adds "after N ms"; Guzzle 7 appends "for <url>" (wording from the task brief)
    message:
      'GuzzleHttp\\Exception\\ConnectException: cURL error 7: Failed to connect to api.example.com port 443 after 3 ms: Connection refused (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for https://api.example.com/v1',
    expect: { class: 'refused', host: 'api.example.com', port: 443 },
    runtime: 'php',
    source:
      'synthetic from the task brief (curl "after N ms" wording: https://github.com/curl/curl/issues/10863)',
  },
  {
    // app appends "url:..." after the cURL text; http URL gives port 80
    message:
      'cURL error 28: Connection timed out after 4514 milliseconds (see http://curl.haxx.se/libcurl/c/libcurl-errors.html), url:http://dev.market.soholly.com/within/gb/skuInfo, params:{"sku":"YNJ-S"}',
    expect: { class: 'timeout', host: 'dev.market.soholly.com', port: 80 },
    runtime: 'php',
    source: 'https://github.com/guzzle/guzzle/issues/2377',
  },
  {
    // Guzzle 7 appends "for <url>"; the URL path contains an IP that is NOT the target; "time-out" with a hyphen
    message:
      'PHP Fatal error:  Uncaught ipinfo\\ipinfo\\IPinfoException: cURL error 28: Connection time-out (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for https://ipinfo.io/162.243.34.10 in /home/andrebruton/domain.co.za/vendor/ipinfo/ipinfo/src/IPinfo.php:239',
    expect: { class: 'timeout', host: 'ipinfo.io', port: 443 },
    runtime: 'php',
    source: 'https://github.com/ipinfo/php/issues/80',
  },
  {
    message:
      "Exception 'GuzzleHttp\\Exception\\ConnectException' with message 'cURL error 6: Could not resolve host: api.telegram.org (see http://curl.haxx.se/libcurl/c/libcurl-errors.html)'",
    expect: { class: 'dns', host: 'api.telegram.org' },
    runtime: 'php',
    source: 'https://github.com/zelenin/telegram-bot-api/issues/14',
  },
  {
    // cURL error 5: the PROXY name did not resolve; the "for https://..." URL host is not the failing endpoint
    message:
      'cURL error 5: Could not resolve proxy: htf-cobbler.fnb.co.za (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for https://appslist.heimdall.site/list.json',
    expect: { class: 'dns', host: 'htf-cobbler.fnb.co.za' },
    runtime: 'php',
    source: 'https://github.com/guzzle/guzzle/issues/1996',
  },
  {
    message: 'stream_socket_client(): unable to connect to tcp://127.0.0.1:6379 (Connection refused)',
    expect: { class: 'refused', host: '127.0.0.1', port: 6379 },
    runtime: 'php',
    source: 'https://github.com/cheprasov/php-redis-client/issues/64',
  },
  {
    // Predis: endpoint in [brackets] after the reason, with a tcp:// scheme
    message: '  [Predis\\Connection\\ConnectionException]\n  Connection refused [tcp://127.0.0.1:6379]',
    expect: { class: 'refused', host: '127.0.0.1', port: 6379 },
    runtime: 'php',
    source: 'https://github.com/eveseat/seat/issues/64',
  },
  {
    message:
      'Warning: fsockopen() [function.fsockopen]: unable to connect to 127.0.0.1:10001 (Connection refused) in /var/virtual/autocomplete.redis.io/httpdocs/redis.php on line 29',
    expect: { class: 'refused', host: '127.0.0.1', port: 10001 },
    runtime: 'php',
    source: 'https://github.com/redis/redis-io/issues/258',
  },

  // ---------------------------------------------------------------- Rust
  {
    message:
      'xhs: error: error sending request for url (https://apt.0xe.me/): error trying to connect: tcp connect error: Connection refused (os error 111)\n\nCaused by:\n    0: error trying to connect: tcp connect error: Connection refused (os error 111)\n    1: tcp connect error: Connection refused (os error 111)\n    2: Connection refused (os error 111)',
    expect: { class: 'refused', host: 'apt.0xe.me', port: 443 },
    runtime: 'rust',
    source: 'https://github.com/emmatyping/apt.cli.rs/issues/9',
  },
  {
    // hyper Debug form pretty-printed ({:#?}) over many lines; no address
    message:
      'Error: HyperError(\n    hyper::Error(\n        Connect,\n        ConnectError(\n            "tcp connect error",\n            Os {\n                code: 111,\n                kind: ConnectionRefused,\n                message: "Connection refused",\n            },\n        ),\n    ),\n)',
    expect: { class: 'refused' },
    runtime: 'rust',
    source: 'https://github.com/rM-self-serve/webinterface-wifi/issues/6',
  },
  {
    message:
      'Error: tonic::transport::Error(Transport, hyper::Error(Connect, ConnectError("tcp connect error", Os { code: 111, kind: ConnectionRefused, message: "Connection refused" })))',
    expect: { class: 'refused' },
    runtime: 'rust',
    source: 'https://github.com/libp2p/punchr/issues/69',
  },
  {
    // reqwest::Error Debug: the host is a struct field `host: Some(Domain("ELB"))`, port None + scheme http => 80
    message:
      'reqwest::Error { kind: Request, url: Url { scheme: "http", host: Some(Domain("ELB")), port: None, path: "/someUrl", query: None, fragment: None }, source: hyper::Error(Connect, ConnectError("dns error", Custom { kind: Other, error: "failed to lookup address information: Name or service not known" })) }',
    expect: { class: 'dns', host: 'ELB', port: 80 },
    runtime: 'rust',
    source: 'https://github.com/seanmonstar/reqwest/issues/1179',
  },
  {
    // "could not HEAD <url>:" prefix repeats the URL; EAI_AGAIN as "Try again"
    message:
      ' WARN resolve: Error while checking fetcher invalid url: could not HEAD https://github.com/cargo-bins/cargo-binstall: error sending request for url (https://github.com/cargo-bins/cargo-binstall): error trying to connect: dns error: failed to lookup address information: Try again',
    expect: { class: 'dns', host: 'github.com', port: 443 },
    runtime: 'rust',
    source: 'https://github.com/cargo-bins/cargo-binstall/issues/779',
  },
  {
    // reqwest 0.12 wording "client error (Connect)"; Windows 10060 text is NOT the standard .NET/WinSock sentence
    message:
      'Error while fetching packages from Thunderstore: error sending request for url (https://thunderstore.io/c/hades-ii/api/v1/package-listing-index/): client error (Connect): tcp connect error: The connection attempt failed because the remote party did not respond correctly after a period of time or the connected host did not respond. (os error 10060)',
    expect: { class: 'timeout', host: 'thunderstore.io', port: 443 },
    runtime: 'rust',
    source: 'https://github.com/Kesomannen/gale/issues/533',
  },
  {
    // paraphrased in a log: "os error 111" without parentheses
    message: 'HyperError error trying to connect: tcp connect error: Connection refused os error 111',
    expect: { class: 'refused' },
    runtime: 'rust',
    source: 'https://github.com/bottlerocket-os/bottlerocket-test-system/issues/123',
  },

  // ---------------------------------------------------------------- TLS handshake failures (class tls)
  {
    message:
      'javax.net.ssl.SSLHandshakeException: Remote host terminated the handshake\n\tat java.base/sun.security.ssl.SSLSocketImpl.handleEOF(SSLSocketImpl.java:1538) ~[na:na]\n\tat java.base/sun.security.ssl.SSLSocketImpl.decode(SSLSocketImpl.java:1377) ~[na:na]\n\tat okhttp3.internal.connection.RealConnection.connectTls(RealConnection.kt:379) ~[okhttp-4.9.3.jar:na]',
    expect: { class: 'tls' },
    runtime: 'java',
    source: 'https://github.com/Grt1228/chatgpt-java/issues/149 (frames trimmed)',
  },
  {
    // app line names host:port followed by " :" and the exception on the next line
    message:
      '2017-05-23 14:54:05,086 ERROR Forwarder - Failed to connect to server vuis-test:5000 :\njavax.net.ssl.SSLHandshakeException: Remote host closed connection during handshake\n        at com.sun.net.ssl.internal.ssl.SSLSocketImpl.readRecord(SSLSocketImpl.java:817)',
    expect: { class: 'tls', host: 'vuis-test', port: 5000 },
    runtime: 'java',
    source: 'https://github.com/didfet/logstash-forwarder-java/issues/29 (frames trimmed)',
  },
  {
    // same urllib3 pool wrapper as a CERTIFICATE_VERIFY_FAILED near miss, but this one is a handshake EOF
    message:
      "HTTPSConnectionPool(host='i.ytimg.com', port=443): Max retries exceeded with url: /vi_webp/ctxhsnTdOco/maxresdefault.webp (Caused by SSLError(SSLEOFError(8, '[SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation of protocol (_ssl.c:1081)')))",
    expect: { class: 'tls', host: 'i.ytimg.com', port: 443 },
    runtime: 'python',
    source: 'https://github.com/emnerson/youtube-thumbnail-averager/issues/23',
  },
  {
    message:
      'httpx.ConnectError: [SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation of protocol (_ssl.c:1007)',
    expect: { class: 'tls' },
    runtime: 'python',
    source: 'https://github.com/xjasonlyu/98tang-daysign/issues/26',
  },
  {
    // old Go: unquoted URL "Post https://...:"
    message:
      'ERROR flashlight.analytics: analytics.go:82 Could not send HTTP request to GA: Post https://ssl.google-analytics.com/collect: net/http: TLS handshake timeout',
    expect: { class: 'tls', host: 'ssl.google-analytics.com', port: 443 },
    runtime: 'go',
    source: 'https://github.com/getlantern/lantern/issues/3010',
  },
  {
    // Go >= 1.14: quoted URL with a query string
    message:
      '*url.Error\nGet "https://api.mixpanel.com/engage?data=xx&ip=1": net/http: TLS handshake timeout',
    expect: { class: 'tls', host: 'api.mixpanel.com', port: 443 },
    runtime: 'go',
    source: 'https://github.com/dukex/mixpanel/issues/8',
  },
  {
    message:
      'Error: Client network socket disconnected before secure TLS connection was established\n    at TLSSocket.onConnectEnd (_tls_wrap.js:1095:19)\n    at Object.onceWrapper (events.js:286:20)\n    at TLSSocket.emit (events.js:203:15)\n    at endReadableNT (_stream_readable.js:1145:12)\n    at process._tickCallback (internal/process/next_tick.js:63:19)',
    expect: { class: 'tls' },
    runtime: 'node',
    source: 'https://github.com/avwo/whistle/issues/478',
  },

  // ---------------------------------------------------------------- ECS stopped reasons / agent
  {
    // secrets fetch timed out; the secret ARN contains a region, not a host
    message:
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 5 time(s): failed to fetch secret arn:aws:secretsmanager:us-west-2:*:secret:DBPasswordSecret-* from secrets manager: RequestCanceled: request context canceled caused by: context deadline exceeded. Please check your task network configuration.',
    expect: { class: 'timeout' },
    runtime: 'ecs',
    source: 'https://github.com/Releem/releem-agent/issues/195',
  },
  {
    message:
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 5 time(s): RequestCanceled: request context canceled caused by: context deadline exceeded. Please check your task network configuration.',
    expect: { class: 'timeout' },
    runtime: 'ecs',
    source: 'https://github.com/hashicorp/terraform-provider-aws/issues/33044',
  },
  {
    // both the endpoint hostname (in the URL) and its IP are printed: prefer the hostname
    message:
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.us-east-1.amazonaws.com/": dial tcp 10.0.0.5:443: i/o timeout. Please check your task network configuration.',
    expect: { class: 'timeout', host: 'api.ecr.us-east-1.amazonaws.com', port: 443 },
    runtime: 'ecs',
    source:
      'https://www.repost.aws/knowledge-center/ecs-unable-to-pull-secrets (region and IP are elided there; filled in from the task brief)',
  },
  {
    message:
      'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref quay.io/deepfenceio/cloud-scanner:latest: failed to do request: Head "https://quay.io/v2/deepfenceio/cloud-scanner/manifests/latest": dial tcp 3.210.148.47:443: i/o timeout',
    expect: { class: 'timeout', host: 'quay.io', port: 443 },
    runtime: 'ecs',
    source: 'https://github.com/deepfence/terraform-aws-cloud-scanner/issues/13',
  },
  {
    // EC2 launch type (docker): Go client timeout wording, no "i/o timeout" or "timed out" phrase
    message:
      'CannotPullContainerError: API error (500): Get https://111222333444.dkr.ecr.eu-west-1.amazonaws.com/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
    expect: { class: 'timeout', host: '111222333444.dkr.ecr.eu-west-1.amazonaws.com', port: 443 },
    runtime: 'ecs',
    source: 'https://github.com/aws-samples/aws-modern-application-workshop/issues/71',
  },
  {
    // the DNS server 10.5.0.2:53 must not be taken as the target
    message:
      'CannotPullContainerError: Error response from daemon: Get https://XXXXXXXX.dkr.ecr.us-east-1.amazonaws.com/v2/: dial tcp: lookup XXXXXXXX.dkr.ecr.us-east-1.amazonaws.com on 10.5.0.2:53: no such host',
    expect: { class: 'dns', host: 'XXXXXXXX.dkr.ecr.us-east-1.amazonaws.com', port: 443 },
    runtime: 'ecs',
    source:
      'daemon error from https://github.com/docker/for-linux/issues/371 (URL slash restored); "CannotPullContainerError: " prefix as the ECS agent prints it, cf. https://github.com/aws-samples/aws-modern-application-workshop/issues/71',
  },
  {
    // ECS agent log: lookup timed out ("read udp ... i/o timeout") => dns; 10.0.0.2:53 is the resolver
    message:
      '2015-10-02T05:31:32Z [ERROR] Unable to discover poll endpoint module="acs handler" err="RequestError: send request failed\ncaused by: Post https://ecs.eu-west-1.amazonaws.com/: dial tcp: lookup ecs.eu-west-1.amazonaws.com on 10.0.0.2:53: read udp 10.0.0.2:53: i/o timeout"',
    expect: { class: 'dns', host: 'ecs.eu-west-1.amazonaws.com', port: 443 },
    runtime: 'ecs',
    source: 'https://github.com/aws/amazon-ecs-agent/issues/218',
  },

  // ---------------------------------------------------------------- proxies
  {
    // grpc proxy behind Envoy: the quoted "service:port" is the hostname, then the resolved IP
    message:
      'upstream connect error or disconnect/reset before headers. reset reason: connection failure Failed to dial target host "greeter-grpc:5000": dial tcp 10.10.161.57:5000: connect: connection refused',
    expect: { class: 'refused', host: 'greeter-grpc', port: 5000 },
    runtime: 'generic',
    source: 'https://github.com/envoyproxy/envoy/issues/18511 (issue title)',
  },

  // ---------------------------------------------------------------- near misses (expect null)
  {
    // Decision: null. The bare Envoy body is an HTTP 503 the app received from its proxy (App Mesh / Service
    // Connect sidecar); Envoy's own connect to the upstream failed, but "connection failure" does not say
    // refused vs timeout vs reset and names no upstream, so no class/host can be given without guessing. The
    // sidecar's own log carries the real failure; a later 'proxy' class could take this line.
    message: 'upstream connect error or disconnect/reset before headers. reset reason: connection failure',
    expect: null,
    runtime: 'generic',
    source: 'https://github.com/istio/istio/issues/22482',
  },
  {
    message:
      'do request failed: Post "https://hk.xty.app/v1/chat/completions": tls: failed to verify certificate: x509: certificate signed by unknown authority',
    expect: null,
    runtime: 'go',
    source: 'https://github.com/songquanpeng/one-api/issues/1254',
  },
  {
    // contains "Failed to connect" AND SSLHandshakeException, but it is certificate validation
    message:
      'Jicofo 2019-10-25 23:46:04.128 SEVERE: [16] org.jitsi.impl.protocol.xmpp.XmppProtocolProvider.doConnect().309 Failed to connect/login: javax.net.ssl.SSLHandshakeException: sun.security.validator.ValidatorException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
    expect: null,
    runtime: 'java',
    source: 'https://github.com/jitsi/jitsi-meet/issues/2117',
  },
  {
    message:
      "Error: certificate has expired\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1600:34)\n    at TLSSocket.emit (node:events:517:28)\n    at TLSSocket._finishInit (node:_tls_wrap:1017:8)\n    at ssl.onhandshakedone (node:_tls_wrap:803:12) {\n  code: 'CERT_HAS_EXPIRED'\n}",
    expect: null,
    runtime: 'node',
    source: 'https://github.com/aisstream/example/issues/18 (frames trimmed)',
  },
  {
    // MySQL answered; the IP is the CLIENT as the server saw it, not a target
    message: "SQLSTATE[HY000] [1045] Access denied for user 'myapp'@'172.17.0.10' (using password: YES)",
    expect: null,
    runtime: 'php',
    source: 'https://github.com/ohardy/dokku-mariadb/issues/7',
  },
  {
    message:
      'Npgsql.PostgresException (0x80004005): 28P01: password authentication failed for user "mediastore"\n   at Npgsql.Internal.NpgsqlConnector.<ReadMessage>g__ReadMessageLong|222_0(NpgsqlConnector connector, Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
    expect: null,
    runtime: 'dotnet',
    source: 'https://github.com/npgsql/npgsql/issues/5249 (frames trimmed)',
  },
  {
    message:
      "ReplyError: NOAUTH Authentication required.\n    at parseError (/app/node_modules/redis-parser/lib/parser.js:179:12)\n    at parseType (/app/node_modules/redis-parser/lib/parser.js:302:14) {\n  command: { name: 'info', args: [] }\n}",
    expect: null,
    runtime: 'node',
    source: 'https://github.com/rishikanthc/Scriberr/issues/127',
  },
  {
    message:
      "Unhandled exception. Microsoft.Data.SqlClient.SqlException (0x80131904): Login failed for user 'SA'.\n   at Microsoft.Data.SqlClient.SqlInternalConnection.OnError(SqlException exception, Boolean breakConnection, Action`1 wrapCloseInAction)",
    expect: null,
    runtime: 'dotnet',
    source: 'https://github.com/microsoft/mssql-docker/issues/506 (frames trimmed)',
  },
  {
    // server answered "too many connections"; the DSN fragment names the host
    message:
      "PHP Fatal error:  Uncaught exception 'PDOException' with message 'SQLSTATE[HY000] [1040] Too many connections' in common.inc.php:33\\nStack trace:\\n#0 common.inc.php(33): PDO->__construct('mysql:host=loca...', 'bitcoin_proxy', '741369')\\n#1 index.php(31): db_connect()\\n#2 {main}\\n  thrown in common.inc.php on line 33",
    expect: null,
    runtime: 'php',
    source: 'https://github.com/cdhowie/Bitcoin-mining-proxy/issues/41',
  },
  {
    // "localhost" makes PDO use the unix socket; ENOENT on a socket path is a config error, not a network path
    message:
      'PHP Fatal error:  Uncaught PDOException: SQLSTATE[HY000] [2002] No such file or directory in #FILEPATH#/classes/DomainMOD/Database.php:33',
    expect: null,
    runtime: 'php',
    source: 'https://github.com/domainmod/domainmod/issues/130',
  },
  {
    // pool exhaustion: class 'pool' (reported, not a connectivity failure), even though it says Timeout
    message:
      '(node:30060) UnhandledPromiseRejectionWarning: KnexTimeoutError: Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?',
    expect: { class: 'pool' },
    runtime: 'node',
    source: 'https://github.com/knex/knex/issues/4299',
  },
  {
    message:
      'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.',
    expect: { class: 'pool' },
    runtime: 'java',
    source: 'https://github.com/brettwooldridge/HikariCP/issues/1132',
  },
  {
    // sqlx hides the underlying connect error behind PoolTimedOut (in this thread the real cause was a wrong
    // port, i.e. a refusal) — still a pool-level message with no network detail
    message: 'Error: pool timed out while waiting for an open connection',
    expect: { class: 'pool' },
    runtime: 'rust',
    source: 'https://github.com/transact-rs/sqlx/issues/2345',
  },
  {
    // ECS near miss: the task started and its container exited
    message: 'Status reason: Essential container in task exited',
    expect: null,
    runtime: 'ecs',
    source: 'https://github.com/RafalWilinski/deploy-with-serverless/issues/11',
  },
  {
    // ECS near miss: the registry answered 404
    message:
      'CannotPullContainerError: API error (404): repository serverless-batch not found: does not exist or no pull access',
    expect: null,
    runtime: 'ecs',
    source: 'https://github.com/RafalWilinski/deploy-with-serverless/issues/11',
  },
  {
    // ECS near miss: Secrets Manager answered with an authorization error (status code 400)
    message:
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:eu-central-1:account_id:secret:algo-dev-directus-secret20240626183203358800000004-EaPYTy from secrets manager: AccessDeniedException: Access to KMS is not allowed status code: 400, request id: a87a66d9-f839-4353-b8c2-9984b1465695',
    expect: null,
    runtime: 'ecs',
    source: 'https://github.com/GiamPy5/terraform-aws-directus/issues/10',
  },
  {
    message:
      'CannotPullContainerError: Error: image deathstar:9ce7d67bf402b337a75c8acf49c11881be2f16bd not found',
    expect: null,
    runtime: 'ecs',
    source: 'https://github.com/aws/amazon-ecs-agent/issues/337',
  },
  {
    message: 'Connection to db restored',
    expect: null,
    runtime: 'generic',
    source: 'synthetic near miss from the task brief',
  },
  {
    message: 'Reconnected to redis',
    expect: null,
    runtime: 'generic',
    source: 'synthetic near miss from the task brief',
  },
];
