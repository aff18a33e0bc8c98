import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type LayoutRunner, layoutRunner } from '../src/core/decode/layoutRunner.js';
import { InvocationTracker, type Tracker } from '../src/core/lambda/invocationTracker.js';
import { WasmInvocationTracker } from '../src/core/lambda/wasmTracker.js';
import { isLambdaStream, parseLambdaLine } from '../src/core/lambda/lambdaLine.js';
import { sample } from './helpers.js';

const ID = '3f6b1c2a-8d4e-4b7a-9c1d-2e5f6a7b8c9d';
const ID2 = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const nodeText = JSON.parse(readFileSync(sample('lambda/node-text.messages.json'), 'utf8')) as string[];
const pythonText = JSON.parse(readFileSync(sample('lambda/python-text.messages.json'), 'utf8')) as string[];
const jsonFormat = readFileSync(sample('lambda/json-format.messages.jsonl'), 'utf8').trim().split('\n');

describe('parseLambdaLine', () => {
  it('reads START, END and REPORT with its metrics', () => {
    assert.deepEqual(parseLambdaLine(nodeText[1] as string), { kind: 'start', requestId: ID });
    assert.deepEqual(parseLambdaLine(nodeText[4] as string), { kind: 'end', requestId: ID });
    const report = parseLambdaLine(nodeText[5] as string);
    assert.equal(report.kind, 'report');
    assert.deepEqual(report.report, {
      durationMs: 2013.42,
      billedMs: 2014,
      memoryMB: 128,
      maxMemoryMB: 86,
      initMs: 201.37,
      timedOut: false,
    });
  });
  it('sees a timeout in "Status: timeout" and in "Task timed out after"', () => {
    const withStatus = parseLambdaLine(nodeText[10] as string);
    assert.equal(withStatus.report?.timedOut, true);
    assert.equal(parseLambdaLine(nodeText[9] as string).report?.timedOut, false);
    assert.deepEqual(parseLambdaLine(nodeText[7] as string), { kind: 'timeout', requestId: ID2 });
    assert.deepEqual(parseLambdaLine(`${ID2} Task timed out after 3.00 seconds`), {
      kind: 'timeout',
      requestId: ID2,
    });
  });
  it('takes the request id from Node.js and Python application lines', () => {
    assert.deepEqual(parseLambdaLine(nodeText[3] as string), { kind: 'app', requestId: ID });
    assert.deepEqual(parseLambdaLine(pythonText[1] as string), { kind: 'app', requestId: ID });
    assert.deepEqual(parseLambdaLine(pythonText[6] as string), { kind: 'app', requestId: ID2 });
    assert.equal(
      parseLambdaLine(pythonText[3] as string).requestId,
      undefined,
      'unhandled exception has no id',
    );
  });
  it('reads the JSON log format: platform records and application records', () => {
    const [initStart, start, app, , pyApp, pyUnhandled, report] = jsonFormat.map(parseLambdaLine);
    assert.deepEqual(initStart, { kind: 'init', requestId: undefined, functionName: 'orders-worker' });
    assert.deepEqual(start, { kind: 'start', requestId: ID });
    assert.deepEqual(app, { kind: 'app', requestId: ID });
    assert.deepEqual(pyApp, { kind: 'app', requestId: ID2 });
    assert.equal(pyUnhandled?.kind, 'other');
    assert.equal(report?.kind, 'report');
    assert.deepEqual(report?.report, {
      durationMs: 3000,
      billedMs: 3000,
      memoryMB: 128,
      maxMemoryMB: 87,
      initMs: 201.37,
      timedOut: true,
    });
  });
  it('leaves INIT lines and ordinary lines alone', () => {
    assert.equal(parseLambdaLine(nodeText[0] as string).kind, 'init');
    assert.equal(parseLambdaLine(nodeText[11] as string).kind, 'init');
    assert.equal(parseLambdaLine('GET /orders 200').kind, 'other');
    assert.equal(parseLambdaLine('{not json').kind, 'other');
    assert.equal(parseLambdaLine('2024-05-14T09:21:07.114Z\tnot-a-request-id\tINFO\tx').kind, 'other');
  });
  it('recognises Lambda stream names', () => {
    assert.ok(isLambdaStream('2024/05/14/[$LATEST]8f1e2d3c4b5a69788796a5b4c3d2e1f0'));
    assert.ok(isLambdaStream('2024/05/14/orders-worker[$LATEST]0a1b2c3d4e5f60718293a4b5c6d7e8f9'));
    assert.ok(!isLambdaStream('ecs/orders-api/f2ad7dba413f45ddb4d92f7853b78469'));
    assert.ok(!isLambdaStream(undefined));
  });
});

const trackers: Array<[string, () => Tracker]> = [
  ['InvocationTracker', () => new InvocationTracker()],
  ['WasmInvocationTracker', () => new WasmInvocationTracker(layoutRunner() as LayoutRunner)],
];
for (const [name, newTracker] of trackers)
  describe(name, () => {
    const line = (m: string) => parseLambdaLine(m);
    it('attributes stream lines without a request id to the invocation open in that stream', () => {
      const t = newTracker();
      t.onLine('s1', line(`START RequestId: ${ID} Version: $LATEST\n`), false);
      t.onLine('s2', line(`START RequestId: ${ID2} Version: $LATEST\n`), false);
      t.onLine('s1', line('[ERROR] OperationalError: Connection timed out'), true);
      t.onLine('s1', line(`END RequestId: ${ID}\n`), false);
      t.onLine(
        's1',
        line(
          `REPORT RequestId: ${ID}\tDuration: 5012.77 ms\tBilled Duration: 5013 ms\tMemory Size: 256 MB\tMax Memory Used: 71 MB\t\n`,
        ),
        false,
      );
      t.onLine(
        's2',
        line(
          `REPORT RequestId: ${ID2}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 87 MB\tStatus: timeout\n`,
        ),
        false,
      );
      t.end();
      assert.deepEqual(t.totals, {
        invocations: 2,
        failingInvocations: 1,
        timedOut: 1,
        failingTimedOut: 0,
        billedMs: 8013,
        failingBilledMs: 5013,
        failingGbSeconds: (5.013 * 256) / 1024,
        unattributedFailures: 0,
      });
    });
    it('counts failures outside any invocation apart, and closes open invocations at the end', () => {
      const t = newTracker();
      t.onLine('s1', line('Error: connect ECONNREFUSED 10.0.0.1:5432'), true);
      t.onLine('s1', line(`START RequestId: ${ID} Version: $LATEST\n`), false);
      t.onLine('s1', line(`2024-05-14T09:21:09.115Z\t${ID}\tERROR\tconnect ETIMEDOUT 10.0.2.47:5432`), true);
      t.end();
      assert.equal(t.totals.unattributedFailures, 1);
      assert.equal(t.totals.invocations, 1);
      assert.equal(t.totals.failingInvocations, 1);
    });
    it('amends a finished invocation when a late line arrives after its REPORT, and ignores a repeated REPORT', () => {
      const t = newTracker();
      const report = line(
        `REPORT RequestId: ${ID}\tDuration: 1 ms\tBilled Duration: 100 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB\t\n`,
      );
      t.onLine('s1', line(`START RequestId: ${ID} Version: $LATEST\n`), false);
      t.onLine('s1', report, false);
      t.onLine('s9', line(`2024-05-14T09:21:09.115Z\t${ID}\tERROR\tconnect ETIMEDOUT 10.0.2.47:5432`), true);
      t.onLine('s1', report, false); // repeated
      t.end();
      assert.equal(t.totals.invocations, 1);
      assert.equal(t.totals.failingInvocations, 1);
      assert.equal(t.totals.failingBilledMs, 100);
    });
    it('remembers at least the last 4,096 finished invocations for late lines, and at most twice as many', () => {
      const t = newTracker();
      const idOf = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
      const report = (id: string): string =>
        `REPORT RequestId: ${id}\tDuration: 1 ms\tBilled Duration: 10 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB\t\n`;
      for (let n = 0; n < 10_000; n++) {
        t.onLine('s1', line(`START RequestId: ${idOf(n)} Version: $LATEST\n`), false);
        t.onLine('s1', line(`2024-05-14T09:21:09.115Z\t${idOf(n)}\tINFO\tok`), false);
        t.onLine('s1', line(report(idOf(n))), false);
      }
      const late = (n: number) =>
        t.onLine(
          's9',
          line(`2024-05-14T09:30:00.000Z\t${idOf(n)}\tERROR\tconnect ECONNREFUSED 10.0.0.1:5432`),
          true,
        );
      late(10_000 - 4096); // among the last 4,096: amended
      late(10); // 9,990 invocations ago: forgotten, counted as an invocation of its own
      t.end();
      assert.equal(t.totals.invocations, 10_001);
      assert.equal(t.totals.failingInvocations, 2);
      assert.equal(t.totals.failingBilledMs, 10); // the amended one; the forgotten one has no REPORT
    });
  });
