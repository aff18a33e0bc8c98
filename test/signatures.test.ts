import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readMessage } from '../src/core/analyzer.js';
import { TABLE } from './signatureAccuracy.js';
import { findEndpoint } from '../src/core/signatures/endpoint.js';
import { maskRuntimeStamp } from '../src/core/lambda/lambdaLine.js';
import {
  classifyMessage,
  classifyWithSpan,
  failureAt,
  type MatchSpan,
  SIGNATURES,
} from '../src/core/signatures/matcher.js';
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

describe('Lambda runtime lines: read without their time and request id, remembered by the rest', () => {
  const idA = '8f3b2c1a-5d4e-4f60-9a7b-0c1d2e3f4a5b';
  const idB = 'e4d9c0b1-7a26-4c38-b5f1-9e8d7c6b5a43';
  const node = (iso: string, id: string, text: string) => `${iso}\t${id}\tERROR\t${text}`;
  const python = (iso: string, id: string, text: string) => `[ERROR]\t${iso}\t${id}\t${text}`;

  it('maskRuntimeStamp writes the time and id of Node.js and Python lines as zeros, and nothing else', () => {
    const text = 'Invoke Error \t{"errorMessage":"connect ETIMEDOUT 10.0.3.47:5432"}';
    assert.equal(
      maskRuntimeStamp(node('2024-05-14T06:50:34.123Z', idA, text)),
      `0000-00-00T00:00:00.000Z\t00000000-0000-0000-0000-000000000000\tERROR\t${text}`,
    );
    assert.equal(
      maskRuntimeStamp(python('2024-05-14T09:21:07.114Z', idB, text)),
      `[ERROR]\t0000-00-00T00:00:00.000Z\t00000000-0000-0000-0000-000000000000\t${text}`,
    );
    // upper-case hex; a character no digit or hex letter where the usual stamp has one
    assert.equal(
      maskRuntimeStamp(node('2024-05-14T06:50:34.12gZ', idA.toUpperCase(), 'x')),
      '0000-00-00T00:00:00.00gZ\t00000000-0000-0000-0000-000000000000\tERROR\tx',
    );
    assert.equal(
      maskRuntimeStamp(node('2024-05-14 06:50:34.123Z', idA, 'x')),
      '0000-00-00 00:00:00.000Z\t00000000-0000-0000-0000-000000000000\tERROR\tx',
    );
    assert.equal(
      maskRuntimeStamp(node('2024-05-14_06:50:34.123Z', idA, 'x')),
      '0000-00-00_00:00:00.000Z\t00000000-0000-0000-0000-000000000000\tERROR\tx',
    );
    // a space after the time (as Node.js writes a timeout), or a time of another length
    assert.equal(
      maskRuntimeStamp(`1715669834945 ${idA}\tINFO\tconnect ECONNREFUSED`),
      `0000000000000 00000000-0000-0000-0000-000000000000\tINFO\tconnect ECONNREFUSED`,
    );
    for (const other of [
      `START RequestId: ${idA} Version: $LATEST`,
      `2024-05-14T06:50:34.123Z ${idA} Task timed out after 3.00 seconds`,
      `{"requestId":"${idA}","message":"connect ECONNREFUSED 10.0.1.23:6379"}`,
      `2024-05-14T06:50:34.123Z\tnot-a-request-id\tERROR\tconnect ECONNREFUSED 10.0.1.23:6379`,
      `[ERROR] ${idA} connect ECONNREFUSED 10.0.1.23:6379`,
      'Error: connect ECONNREFUSED 10.0.1.23:6379',
    ])
      assert.equal(maskRuntimeStamp(other), undefined, other);
  });

  it("failureAt gives classifyMessage's failure from its span, for every case of the tables", () => {
    let found = 0;
    for (const c of TABLE) {
      const span: MatchSpan = { partStart: 0, partEnd: 0, at: 0, length: 0 };
      const f = classifyWithSpan(c.message, span);
      assert.deepEqual(f, classifyMessage(c.message), c.source);
      if (!f) continue;
      found++;
      assert.deepEqual(failureAt(f, span, c.message), f, c.source);
    }
    assert.ok(found > 100, `${found} failures`);
  });

  it("every case of the tables as a runtime line: classifyMessage's verdict, with the line's own excerpt", () => {
    // the same failures at other times and in other invocations: the second line of each pair is answered
    // from what the first left, and its error text and excerpt must still be its own
    const stamps: Array<[string, string]> = [
      ['2024-05-14T06:50:34.123Z', idA],
      ['2024-11-30T23:59:59.987Z', idB],
    ];
    for (const c of TABLE) {
      for (const shape of [node, python]) {
        for (const [iso, id] of stamps) {
          const line = shape(iso, id, c.message);
          assert.deepEqual(readMessage(line, true).failure, classifyMessage(line), `${c.source}: ${line}`);
          assert.deepEqual(readMessage(line).failure, classifyMessage(line), `${c.source}: ${line}`);
        }
      }
    }
  });

  it("an excerpt that starts before the error keeps the line's time and request id", () => {
    const text = 'Invoke Error \t{"errorType":"Error","errorMessage":"connect ETIMEDOUT 10.0.3.47:5432"}';
    const a = readMessage(node('2024-05-14T06:50:34.123Z', idA, text)).failure;
    const b = readMessage(node('2024-05-14T07:01:02.456Z', idB, text)).failure;
    assert.equal(
      a?.excerpt,
      `2024-05-14T06:50:34.123Z ${idA} ERROR Invoke Error  {"errorType":"Error","errorMessage":"connect ETIMEDOUT 10.0.3.47:5432"}`,
    );
    assert.equal(
      b?.excerpt,
      `2024-05-14T07:01:02.456Z ${idB} ERROR Invoke Error  {"errorType":"Error","errorMessage":"connect ETIMEDOUT 10.0.3.47:5432"}`,
    );
    assert.deepEqual({ ...a, excerpt: '' }, { ...b, excerpt: '' });
  });
});

describe('error classes in reports', () => {
  it('sort as localeCompare sorts them (compared without the collator)', () => {
    for (const a of ERROR_CLASSES)
      for (const b of ERROR_CLASSES)
        assert.equal(compareClasses(a, b), Math.sign(a.localeCompare(b)), `${a} ${b}`);
  });
});
