import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readMessage } from '../src/core/analyzer.js';
import { TABLE } from './signatureAccuracy.js';
import { findEndpoint } from '../src/core/signatures/endpoint.js';
import { classifyMessage, SIGNATURES } from '../src/core/signatures/matcher.js';
import { awsServiceOfHost, serviceName } from '../src/core/signatures/services.js';
import { compareClasses, ERROR_CLASSES } from '../src/core/signatures/types.js';

describe('classifyMessage: one failure per event', () => {
  it('matches a Node stack once, with the target from its first line', () => {
    const stack =
      "Error: connect ECONNREFUSED 10.0.3.42:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {\n  errno: -111,\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '10.0.3.42',\n  port: 5432\n}";
    const f = classifyMessage(stack);
    assert.deepEqual(
      [f?.errorClass, f?.host, f?.port, f?.signature],
      ['refused', '10.0.3.42', 5432, 'node.connect-errno'],
    );
  });

  it('reads the target from Node error fields when the message has no address', () => {
    const f = classifyMessage("Error: ETIMEDOUT\n  code: 'ETIMEDOUT',\n  address: '10.0.9.9',\n  port: 443");
    assert.deepEqual([f?.errorClass, f?.host, f?.port], ['timeout', '10.0.9.9', 443]);
  });

  it('names services from ports and AWS host names', () => {
    assert.equal(serviceName('orders-db.abcdefghijkl.us-east-1.rds.amazonaws.com', 5432), 'RDS PostgreSQL');
    assert.equal(serviceName('cache.abc123.0001.use1.cache.amazonaws.com', 6379), 'ElastiCache Redis');
    assert.equal(serviceName('10.0.0.5', 11211), 'Memcached');
    assert.equal(serviceName('broker', 9092), 'Kafka');
    assert.equal(serviceName('mq', 5672), 'AMQP');
    assert.equal(serviceName('db', 27017), 'MongoDB');
    assert.equal(serviceName('db', 3306), 'MySQL');
    assert.equal(serviceName('secretsmanager.us-east-1.amazonaws.com', 443), 'Secrets Manager');
    assert.equal(awsServiceOfHost('api.ecr.eu-west-1.amazonaws.com'), 'ECR API');
    assert.equal(awsServiceOfHost('123456789012.dkr.ecr.eu-west-1.amazonaws.com'), 'ECR (Docker registry)');
    assert.equal(awsServiceOfHost('my-bucket.s3.us-east-1.amazonaws.com'), 'S3');
    assert.equal(awsServiceOfHost('logs.us-east-1.amazonaws.com'), 'CloudWatch Logs');
    assert.equal(awsServiceOfHost('sts.amazonaws.com'), 'STS');
    assert.equal(serviceName('example.com', 4000), null);
  });

  it('finds endpoints in URLs (never returning credentials), host:port and bracketed IPv6', () => {
    assert.deepEqual(findEndpoint('GET https://user:secret@api.example.com/v1 failed'), {
      host: 'api.example.com',
      port: 443,
    });
    assert.deepEqual(findEndpoint('to http://10.0.0.1:8080/x'), { host: '10.0.0.1', port: 8080 });
    assert.deepEqual(findEndpoint('dial [2600:1f18::5]:5432 failed'), { host: '2600:1f18::5', port: 5432 });
    assert.equal(findEndpoint('at 2024-05-14T09:21:07.114Z nothing'), null);
  });
});

describe('signature tables', () => {
  it('every signature has a unique id named after its runtime, and only bounded quantifiers', () => {
    const ids = new Set<string>();
    for (const s of SIGNATURES) {
      assert.ok(!ids.has(s.id), `duplicate ${s.id}`);
      ids.add(s.id);
      assert.ok(s.id.startsWith(`${s.runtime}.`), s.id);
      // `+` and `*` can backtrack without bound on hostile input; the tables use {m,n} instead.
      assert.doesNotMatch(
        s.pattern.source.replace(/\\./g, ''),
        /[+*]/,
        `${s.id} has an unbounded quantifier`,
      );
    }
  });

  it('stays fast on a 5 MB line of near-matches (measured, not asserted: see the printed figure)', () => {
    // Fragments that start many signatures but complete none, so every pattern scans the whole line.
    const pieces = [
      'connect ECONNREFUSE',
      'getaddrinfo ENOTFOUN',
      'dial tcp 10.0.0.1:5432: connect: connection refuse',
      "HTTPSConnectionPool(host='a', port=1): Max retries exceede",
      'Connect to a:1 [b] failed',
      'lookup a on 10.0.0.2:53: no such hos',
      'Error 111 connecting to a:6379',
      'connection to server at "a", port 5 faile',
      'aaaa.bbbb.cccc:',
      '[Errno 1] ',
      'Connection refuse',
      'Could not connect to the endpoint URL: ',
      'ETIMEDOU',
    ];
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const part = (pieces[i % pieces.length] as string) + ' ' + 'x'.repeat(i % 97);
      parts.push(part);
      size += part.length;
    }
    const line = parts.join('');
    const t0 = performance.now();
    const result = classifyMessage(line);
    const ms = performance.now() - t0;
    console.log(`# hostile 5 MB line classified in ${ms.toFixed(0)} ms`);
    // Generous bound that only catches catastrophic (super-linear) behaviour.
    assert.ok(ms < 20_000);
    assert.equal(result, null, 'the fragments are near misses, not failures');
  });

  it('stays fast on a 5 MB line of cause markers and half-written rows of the newer tables (measured)', () => {
    // Every cause marker cuts a segment (up to the cap), and each fragment starts a pattern it never completes.
    const pieces = [
      'Caused by: ',
      ' ---> ',
      'nested exception is ',
      '[cause]: ',
      'During handling of the above exception, another exception occurred',
      "address: '",
      "hostname: 'a",
      'Cannot connect to host a:1 ssl:',
      "Can't reach database server at `",
      'failed to connect to a/1.2.3.4 (port ',
      'Connect Timeout Erro (attempted address: ',
      'Error connecting to "',
      'ServerSelectionTimeoutError: a:1',
      "Can't connect to MySQL server on 'a",
      'QueuePool limit of size 5 overflow',
      'scheme: "https", host: Some(Domain("',
      'AnnotatedConnectException: Connection refuse',
    ];
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const part = (pieces[i % pieces.length] as string) + 'y'.repeat(i % 89);
      parts.push(part);
      size += part.length;
    }
    const line = parts.join('');
    const t0 = performance.now();
    const result = classifyMessage(line);
    const ms = performance.now() - t0;
    console.log(`# hostile 5 MB line of cause markers classified in ${ms.toFixed(0)} ms`);
    assert.ok(ms < 20_000);
    assert.equal(result, null, 'the fragments are near misses, not failures');
  });
});

describe('readMessage remembers candidates it has classified', () => {
  it('gives the same verdicts the second time, for every case of the tables and past the memo size', () => {
    const first = TABLE.map((c) => JSON.stringify(readMessage(c.message)));
    // more distinct candidates than the memo keeps, so it is cleared and refilled on the way
    for (let i = 0; i < 5000; i++) readMessage(`connect ECONNREFUSED 10.0.${i >> 8}.${i & 255}:5432`);
    const again = TABLE.map((c) => JSON.stringify(readMessage(c.message)));
    const twice = TABLE.map((c) => JSON.stringify(readMessage(c.message)));
    assert.deepEqual(again, first);
    assert.deepEqual(twice, first);
  });
});

describe('error classes in reports', () => {
  it('sort as localeCompare sorts them (compared without the collator)', () => {
    for (const a of ERROR_CLASSES)
      for (const b of ERROR_CLASSES)
        assert.equal(compareClasses(a, b), Math.sign(a.localeCompare(b)), `${a} ${b}`);
  });
});
