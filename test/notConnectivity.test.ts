import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Analyzer } from '../src/core/analyzer.js';
import type { Report } from '../src/core/report.js';
import { isCertificateFailure } from '../src/core/signatures/certificates.js';
import { ERROR_CLASSES } from '../src/core/signatures/types.js';
import { CLASS_COLOURS } from '../src/format/labels.js';
import { FORMATTERS } from '../src/format/index.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ROOT } from './helpers.js';
import { TABLE } from './signatureAccuracy.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(
  JSON.parse(readFileSync(join(ROOT, 'schema', 'report.v1.schema.json'), 'utf8')) as object,
);

const TASK = 'ecs/api/0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const LAMBDA = '2026/11/20/[$LATEST]3c8f0d9a1b2c4d5e6f708192a3b4c5d6';
const T0 = Date.parse('2026-11-20T08:00:00Z');

function analyse(events: Array<[number, string, string]>): Report {
  const analyzer = new Analyzer();
  const input = analyzer.openInput('test');
  events.forEach(([s, stream, message], index) =>
    analyzer.addEvent(input, { index, timestamp: T0 + s * 1000, stream, message }),
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

const HIKARI =
  'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.';
const KNEX =
  'KnexTimeoutError: Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?';

describe('pool-acquire timeouts: reported, never counted as connectivity failures', () => {
  it('ECS with pool timeouts only: an info finding, no failure events, the pool fix step and no network one', () => {
    const report = analyse([
      [0, TASK, HIKARI],
      [600, TASK, HIKARI],
      [1200, TASK, HIKARI],
      [1800, TASK, 'GET /orders 200'],
    ]);
    const f = report.findings[0];
    assert.equal(f?.severity, 'info');
    assert.equal(f?.evidence.events, 0);
    assert.equal(f?.evidence.poolEvents, 3);
    assert.equal(f?.evidence.windowsWithErrors, 0);
    assert.equal(f?.evidence.tasksWithErrors, undefined);
    assert.deepEqual(f?.timeline, []);
    assert.deepEqual(
      f?.targets.map((t) => [t.class, t.count]),
      [['pool', 3]],
    );
    assert.match(f?.summary ?? '', /^No connectivity failures\. 3 pool-acquire timeouts/);
    assert.deepEqual(
      f?.fix.map((s) => s.id),
      ['connection-pool'],
    );
  });

  it('ECS with both: severity and events from the connectivity failures alone; the pool rows are listed apart', () => {
    const report = analyse([
      [0, TASK, 'Error: connect ECONNREFUSED 10.0.3.42:5432'],
      [1, TASK, KNEX],
      [2, TASK, KNEX],
    ]);
    const f = report.findings[0];
    assert.equal(f?.severity, 'elevated');
    assert.equal(f?.evidence.events, 1);
    assert.equal(f?.evidence.poolEvents, 2);
    assert.deepEqual(f?.timeline[0]?.failures, { refused: 1 });
    assert.match(f?.summary ?? '', /Primary targets: 10\.0\.3\.42:5432 \(connection refused\)\./);
    assert.match(f?.summary ?? '', /Also 2 pool-acquire timeouts: .* not counted as connectivity failures\./);
    assert.deepEqual(
      f?.targets.map((t) => [t.class, t.count]),
      [
        ['pool', 2],
        ['refused', 1],
      ],
    );
  });

  it('a connectivity finding without pool events has no poolEvents field (the contract only grows)', () => {
    const f = analyse([[0, TASK, 'Error: connect ECONNREFUSED 10.0.3.42:5432']]).findings[0];
    assert.equal('poolEvents' in (f?.evidence ?? {}), false);
  });

  it('Lambda: an invocation with a pool timeout only does not fail', () => {
    const report = analyse([
      [0, LAMBDA, 'START RequestId: 6b1e2f0a-9c3d-4e5f-8a7b-1c2d3e4f5a6b Version: $LATEST'],
      [1, LAMBDA, `2026-11-20T08:00:01.000Z\t6b1e2f0a-9c3d-4e5f-8a7b-1c2d3e4f5a6b\tERROR\t${KNEX}`],
      [2, LAMBDA, 'END RequestId: 6b1e2f0a-9c3d-4e5f-8a7b-1c2d3e4f5a6b'],
      [
        2,
        LAMBDA,
        'REPORT RequestId: 6b1e2f0a-9c3d-4e5f-8a7b-1c2d3e4f5a6b\tDuration: 1500.00 ms\tBilled Duration: 1500 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB',
      ],
    ]);
    assert.equal(report.lambda?.failingInvocations, 0);
    const f = report.findings[0];
    assert.equal(f?.severity, 'info');
    assert.equal(f?.evidence.failingInvocations, 0);
    assert.equal(f?.evidence.poolEvents, 1);
  });

  it('every class has a colour, and every format renders a pool-only finding', () => {
    for (const cls of ERROR_CLASSES) assert.match(CLASS_COLOURS[cls], /^#[0-9a-f]{6}$/);
    const report = analyse([[0, TASK, HIKARI]]);
    for (const [name, format] of Object.entries(FORMATTERS)) {
      const out = format(report, { color: false });
      assert.ok(out.length > 0, name);
    }
  });

  it('reports with pool rows and poolEvents validate against the JSON Schema', () => {
    for (const report of [
      analyse([[0, TASK, HIKARI]]),
      analyse([
        [0, TASK, KNEX],
        [1, TASK, 'Error: connect ETIMEDOUT 10.0.3.42:5432'],
      ]),
    ]) {
      const json = JSON.parse(FORMATTERS.json(report)) as unknown;
      assert.ok(validate(json), JSON.stringify(validate.errors));
    }
  });
});

describe('certificate validation failures: counted apart, never as connectivity', () => {
  // Java over awslogs: one event per line; the causes repeat the same failure
  const JAVA_PKIX = [
    'javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
    '\tat java.base/sun.security.ssl.Alert.createSSLException(Alert.java:131)',
    'Caused by: sun.security.validator.ValidatorException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
    '\tat java.base/sun.security.validator.PKIXValidator.doBuild(PKIXValidator.java:439)',
    'Caused by: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
  ];
  // requests over urllib3, one event per line: the certificate error, then its wrappers
  const PYTHON_CERT = [
    'Traceback (most recent call last):',
    '  File "/usr/local/lib/python3.11/site-packages/urllib3/connectionpool.py", line 467, in _make_request',
    'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)',
    'During handling of the above exception, another exception occurred:',
    'Traceback (most recent call last):',
    '  File "/app/main.py", line 9, in handler',
    "requests.exceptions.SSLError: HTTPSConnectionPool(host='api.example.com', port=443): Max retries exceeded with url: /v1 (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)')))",
  ];

  it('ECS: one count per trace, an info finding that says they are not network failures', () => {
    const events: Array<[number, string, string]> = [
      ...JAVA_PKIX.map((m, i): [number, string, string] => [i * 0.001, TASK, m]),
      ...PYTHON_CERT.map((m, i): [number, string, string] => [60 + i * 0.001, TASK, m]),
    ];
    const f = analyse(events).findings[0];
    assert.equal(f?.severity, 'info');
    assert.equal(f?.evidence.events, 0);
    assert.equal(f?.evidence.certificateEvents, 2);
    assert.deepEqual(f?.targets, []);
    assert.match(
      f?.summary ?? '',
      /^No connectivity failures\. 2 certificate validation failures: .*not a network failure\.$/,
    );
  });

  it('beside connectivity failures they are mentioned, not counted', () => {
    const f = analyse([
      [0, TASK, 'Error: connect ETIMEDOUT 10.0.3.42:5432'],
      [1, TASK, "Error: unable to verify the first certificate\n  code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'"],
    ]).findings[0];
    assert.equal(f?.evidence.events, 1);
    assert.equal(f?.evidence.certificateEvents, 1);
    assert.match(
      f?.summary ?? '',
      /Also 1 certificate validation failure: .*not counted as connectivity failures\.$/,
    );
    const json = JSON.parse(FORMATTERS.json(analyse([[0, TASK, JAVA_PKIX[0] as string]]))) as unknown;
    assert.ok(validate(json), JSON.stringify(validate.errors));
  });

  it('Lambda: an invocation with a certificate failure only does not fail', () => {
    const report = analyse([
      [0, LAMBDA, 'START RequestId: 6b1e2f0a-9c3d-4e5f-8a7b-1c2d3e4f5a6b Version: $LATEST'],
      [
        1,
        LAMBDA,
        '2026-11-20T08:00:01.000Z\t6b1e2f0a-9c3d-4e5f-8a7b-1c2d3e4f5a6b\tERROR\tError: certificate has expired',
      ],
      [2, LAMBDA, 'END RequestId: 6b1e2f0a-9c3d-4e5f-8a7b-1c2d3e4f5a6b'],
    ]);
    assert.equal(report.lambda?.failingInvocations, 0);
    assert.equal(report.findings[0]?.evidence.certificateEvents, 1);
  });

  it('every certificate near miss of the tables is recognised as one, and no connection failure is', () => {
    const certificateCases = TABLE.filter((c) => c.expect === null && /certif|x509|PKIX/i.test(c.message));
    assert.ok(certificateCases.length >= 5);
    for (const c of certificateCases) assert.ok(isCertificateFailure(c.message), c.message.slice(0, 80));
    for (const c of TABLE.filter((t) => t.expect !== null && t.expect.class !== 'tls'))
      assert.ok(!isCertificateFailure(c.message), c.message.slice(0, 80));
  });
});
