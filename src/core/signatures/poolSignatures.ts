import type { Signature } from './types.js';

/**
 * Connection pools that ran out: the client waited for a pooled connection and gave up. The network may be
 * fine (every connection busy, a leak, a pool too small for the load), so these are class `pool`, never
 * connectivity. They come first: their wording ("timed out", "Timeout") would otherwise read as a connect
 * timeout. When the same event also prints why new connections could not be opened (`Caused by: …
 * ConnectException`), the innermost cause decides (see classifyMessage).
 */
export const POOL_SIGNATURES: Signature[] = [
  {
    // Knex: KnexTimeoutError: Knex: Timeout acquiring a connection. The pool is probably full.
    id: 'node.knex-pool',
    runtime: 'node',
    pattern: /\bTimeout acquiring a connection\. The pool is probably full\b/,
    errorClass: 'pool',
  },
  {
    // Sequelize over generic-pool / sequelize-pool
    id: 'node.sequelize-pool',
    runtime: 'node',
    pattern: /\bSequelizeConnectionAcquireTimeoutError\b/,
    errorClass: 'pool',
  },
  {
    // Prisma P2024: Timed out fetching a new connection from the connection pool.
    id: 'node.prisma-pool',
    runtime: 'node',
    pattern: /\bTimed out fetching a (?:new )?connection from the (?:connection )?pool\b/,
    errorClass: 'pool',
  },
  {
    // MongoDB drivers: MongoWaitQueueTimeoutError: Timed out while checking out a connection from connection pool
    id: 'node.mongodb-wait-queue',
    runtime: 'node',
    pattern:
      /\b(?:MongoWaitQueueTimeoutError|WaitQueueTimeoutError|Timed out while checking out a connection from connection pool|Timeout waiting for a pooled item)\b/,
    errorClass: 'pool',
  },
  {
    // HikariCP: HikariPool-1 - Connection is not available, request timed out after 30000ms.
    id: 'java.hikari-pool',
    runtime: 'java',
    pattern: /\bConnection is not available, request timed out after \d{1,9} ?ms\b/,
    errorClass: 'pool',
  },
  {
    // Apache HttpClient (also under the AWS SDK for Java v1): Timeout waiting for connection from pool
    id: 'java.http-pool',
    runtime: 'java',
    pattern: /\b(?:ConnectionPoolTimeoutException|Timeout waiting for connection from pool)\b/,
    errorClass: 'pool',
  },
  {
    // AWS SDK for Java v2 (Netty / Apache): Acquire operation took longer than the configured maximum time.
    id: 'java.aws-sdk-acquire',
    runtime: 'java',
    pattern: /\bAcquire operation took longer than (?:the configured maximum time|\d{1,9} ?milliseconds)/,
    errorClass: 'pool',
  },
  {
    // c3p0 and Apache DBCP / commons-pool
    id: 'java.jdbc-pool',
    runtime: 'java',
    pattern:
      /\b(?:An attempt by a client to checkout a Connection has timed out|Cannot get a connection, pool error Timeout waiting for idle object|Timeout: Pool empty\. Unable to fetch a connection in \d{1,6} seconds)/,
    errorClass: 'pool',
  },
  {
    // SQLAlchemy: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00
    id: 'python.sqlalchemy-queuepool',
    runtime: 'python',
    pattern: /\bQueuePool limit of size \d{1,6} overflow -?\d{1,6} reached, connection timed out/,
    errorClass: 'pool',
  },
  {
    // psycopg_pool: PoolTimeout: couldn't get a connection after 30.00 sec
    id: 'python.psycopg-pool',
    runtime: 'python',
    pattern: /\bPoolTimeout: couldn't get a connection after\b/,
    errorClass: 'pool',
  },
  {
    // Rust sqlx: pool timed out while waiting for an open connection; bb8/r2d2: timed out waiting for connection
    id: 'rust.sqlx-pool',
    runtime: 'rust',
    pattern:
      /\b(?:pool timed out while waiting for an open connection|PoolTimedOut|[Tt]imed out waiting for connection(?: from (?:the )?pool)?\b)/,
    errorClass: 'pool',
  },
  {
    // go-redis: redis: connection pool timeout
    id: 'go.redis-pool',
    runtime: 'go',
    pattern: /\bredis: connection pool timeout\b/,
    errorClass: 'pool',
  },
  {
    // SqlClient: Timeout expired. The timeout period elapsed prior to obtaining a connection from the pool.
    id: 'dotnet.sqlclient-pool',
    runtime: 'dotnet',
    pattern: /\bThe timeout period elapsed prior to obtaining a connection from the pool\b/,
    errorClass: 'pool',
  },
  {
    // Npgsql: The connection pool has been exhausted, either raise 'Max Pool Size' (currently 100) or 'Timeout'
    id: 'dotnet.npgsql-pool',
    runtime: 'dotnet',
    pattern: /\bThe connection pool has been exhausted\b/,
    errorClass: 'pool',
  },
];
