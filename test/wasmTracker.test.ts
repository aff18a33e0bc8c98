import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type LayoutRunner, layoutRunner } from '../src/core/decode/layoutRunner.js';
import {
  InvocationTracker,
  MAX_OPEN_INVOCATIONS,
  MAX_TRACKED_STREAMS,
  type Tracker,
} from '../src/core/lambda/invocationTracker.js';
import type { LambdaLine, ReportMetrics } from '../src/core/lambda/lambdaLine.js';
import { WasmInvocationTracker } from '../src/core/lambda/wasmTracker.js';
import { seededRandom } from './helpers.js';

// The invocation tracker of the WebAssembly module (tracker.c) against the TypeScript one it ports: the same
// lines in, the same figures and the same answers out, on random lines over small pools of ids and streams
// (so that every path is taken: late lines, repeated REPORTs, orphans, prefix failures, merges).

const runner = (): LayoutRunner => {
  const r = layoutRunner();
  assert.ok(r, 'WebAssembly runs here');
  return r;
};

const uuid = (n: number) =>
  `${(0x1a2b3c4d + n * 7919).toString(16).padStart(8, '0')}-4b59-4161-8fd8-0000000000${n
    .toString(16)
    .padStart(2, '0')}`;

// ids as lines name them: UUIDs, JSON log ids of any shape, text past ASCII, a very long one
const IDS = [
  ...Array.from({ length: 10 }, (_, n) => uuid(n)),
  'req-1',
  '',
  'réq-é',
  'id\u{1F600}x',
  'x'.repeat(20_000),
  'x'.repeat(20_001),
];
const STREAMS = [
  '2024/05/14/[$LATEST]0123456789abcdef0123456789abcdef',
  '2024/05/14/[$LATEST]fedcba9876543210fedcba9876543210',
  '2024/05/14/[7]aaaa',
  'ström',
  '\ud800lone',
  's'.repeat(9000),
  'input.json',
];
const KINDS: Array<LambdaLine['kind']> = ['start', 'end', 'report', 'timeout', 'app', 'init', 'other'];

interface Step {
  stream: string;
  line: LambdaLine;
  failed: boolean;
}

function randomSteps(seed: number, n: number): Step[] {
  const rand = seededRandom(seed);
  const ids = IDS.slice(0, 2 + rand(IDS.length - 1));
  const streams = STREAMS.slice(0, 1 + rand(STREAMS.length));
  const steps: Step[] = [];
  for (let i = 0; i < n; i++) {
    const kind = KINDS[rand(10) < 4 ? 4 : rand(KINDS.length)] as LambdaLine['kind'];
    const named = kind === 'start' || kind === 'report' || kind === 'end' ? rand(10) > 0 : rand(3) > 0;
    const line: LambdaLine = { kind, requestId: named ? ids[rand(ids.length)] : undefined };
    if (kind === 'report' && rand(8) > 0) {
      const report: ReportMetrics = {
        durationMs: rand(5000) / 7,
        billedMs: rand(10) === 0 ? NaN : rand(5000) + rand(100) / 8,
        memoryMB: rand(10) === 0 ? NaN : 128 * (1 + rand(8)),
        maxMemoryMB: 1,
        initMs: 0,
        timedOut: rand(6) === 0,
      };
      line.report = report;
    }
    steps.push({ stream: streams[rand(streams.length)] as string, line, failed: rand(4) === 0 });
  }
  return steps;
}

function figures(t: Tracker) {
  return {
    totals: { ...t.totals },
    evicted: t.evicted,
    streamsForgotten: t.streamsForgotten,
    finishes: t.finishes,
  };
}

/** Feeds the same steps to both, checking isOpen for every id now and then; returns both. */
function feed(steps: Step[], ts: Tracker, wasm: Tracker, seed: number): void {
  const rand = seededRandom(seed + 1000);
  for (const s of steps) {
    ts.onLine(s.stream, s.line, s.failed);
    wasm.onLine(s.stream, s.line, s.failed);
    if (rand(20) === 0) {
      for (const id of IDS) assert.equal(wasm.isOpen(id), ts.isOpen(id), `isOpen(${id.slice(0, 40)})`);
      assert.deepEqual(figures(wasm), figures(ts));
    }
  }
}

/** Invocation n's request id, in one of seven Lambda streams. */
function invocationOf(n: number): { id: string; stream: string } {
  return {
    id: `${n.toString(16).padStart(8, '0')}-4b59-4161-8fd8-2e5f6a7b8c9d`,
    stream: `2024/05/14/[$LATEST]${(n % 7).toString(16).padStart(32, '0')}`,
  };
}

describe('WasmInvocationTracker', () => {
  it('gives the analyser the same report while its tables grow the module memory (the first test: a fresh memory)', async () => {
    const { Analyzer } = await import('../src/core/analyzer.js');
    const { JsonEventsDecoder } = await import('../src/core/decode/jsonEventsDecoder.js');
    // 30,000 invocations left open (the tables double many times: the heap grows and the input moves up
    // while the decoder still reads it), some with failures, across a few streams
    const events: string[] = [];
    let t = 1715678467114;
    for (let n = 0; n < 30_000; n++) {
      const { id, stream } = invocationOf(n);
      const at = new Date(t).toISOString();
      for (const message of [
        `START RequestId: ${id} Version: $LATEST\n`,
        `${at}\t${id}\tINFO\tworking on it\n`,
        ...(n % 13 === 0 ? [`${at}\t${id}\tERROR\tError: connect ECONNREFUSED 10.0.1.23:6379\n`] : []),
      ])
        events.push(
          `{"logStreamName": "${stream}", "timestamp": ${t++}, "message": "${message}", "ingestionTime": ${t}}`,
        );
    }
    const whole = Buffer.from(`{"events": [${events.join(',\n')}]}`);
    const reportOf = (wasmTracker: boolean, quietLines = true) => {
      const analyzer = new Analyzer({ wasmTracker, quietLines, windowMs: 60_000 });
      const input = analyzer.openInput('x.json');
      const decoder = new JsonEventsDecoder({
        onEvent: (e) => analyzer.addEvent(input, e),
        onRawEvent: analyzer.rawEvents(input),
      });
      for (let at = 0; at < whole.length; at += 1 << 20) decoder.push(whole.subarray(at, at + (1 << 20)));
      decoder.end();
      const { generatedAt: _, ...report } = analyzer.finish();
      return report;
    };
    const before = runner().memoryBytes;
    // first every line handed over by the analyser, while it reads a run's records through views of the
    // memory (a fresh one: the tables must grow), then with the runs tracking lines themselves
    const handedOver = reportOf(true, false);
    assert.ok(runner().memoryBytes > before, 'the memory grew');
    const report = reportOf(true);
    assert.deepEqual(report, handedOver);
    assert.deepEqual(report, reportOf(false));
    assert.equal(report.lambda?.invocations, 30_000);
    assert.equal(report.lambda?.failingInvocations, Math.ceil(30_000 / 13));
  });

  it('keeps the decoder reading right when a plain onRawEvent handler (addRaw) makes the tables grow', async () => {
    const { Analyzer } = await import('../src/core/analyzer.js');
    const { JsonEventsDecoder } = await import('../src/core/decode/jsonEventsDecoder.js');
    // twice the invocations of the test before: the tables must outgrow what it left in the memory, while
    // the decoder loops over a run's records (no classification: the runs make no room for the tracker)
    const events: string[] = [];
    let t = 1715678467114;
    for (let n = 0; n < 60_000; n++) {
      const { id, stream } = invocationOf(n);
      events.push(
        `{"logStreamName": "${stream}", "timestamp": ${t++}, "message": "START RequestId: ${id} Version: $LATEST\\n", "ingestionTime": ${t}}`,
      );
    }
    const whole = Buffer.from(`{"events": [${events.join(',\n')}]}`);
    const read = (wasmTracker: boolean) => {
      const analyzer = new Analyzer({ wasmTracker, windowMs: 60_000 });
      const input = analyzer.openInput('x.json');
      const decoder = new JsonEventsDecoder({
        onEvent: (e) => analyzer.addEvent(input, e),
        onRawEvent: (ts, stream, bytes, start, end) => analyzer.addRaw(input, ts, stream, bytes, start, end),
      });
      const before = runner().memoryBytes;
      decoder.push(whole);
      decoder.end();
      const grew = runner().memoryBytes > before;
      const { generatedAt: _, ...report } = analyzer.finish();
      return { report, grew, events: decoder.events };
    };
    const wasm = read(true);
    assert.ok(wasm.grew, 'the memory grew while the decoder read');
    assert.equal(wasm.events, 60_000);
    assert.equal(wasm.report.lambda?.invocations, 60_000);
    assert.deepEqual(wasm.report, read(false).report);
  });

  it('gives the figures of InvocationTracker on random lines, with and without continuation', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const steps = randomSteps(seed, 50 + seededRandom(seed)(1500));
      const continuation = seed % 2 === 0;
      const ts = new InvocationTracker({ continuation });
      const wasm = new WasmInvocationTracker(runner(), { continuation });
      feed(steps, ts, wasm, seed);
      assert.deepEqual(figures(wasm), figures(ts), `seed ${seed} before end`);
      ts.end();
      wasm.end();
      assert.deepEqual(figures(wasm), figures(ts), `seed ${seed}`);
      wasm.dispose();
      assert.deepEqual(figures(wasm), figures(ts), 'the figures stay readable after dispose');
    }
  });

  it('merges a later part as InvocationTracker does, from its own snapshots or from text ones', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rand = seededRandom(seed * 7);
      const steps = randomSteps(seed + 500, 100 + rand(1500));
      const cut = rand(steps.length);
      const first = [new InvocationTracker(), new WasmInvocationTracker(runner())] as const;
      const second = [
        new InvocationTracker({ continuation: true }),
        new WasmInvocationTracker(runner(), { continuation: true }),
      ] as const;
      feed(steps.slice(0, cut), first[0], first[1], seed);
      feed(steps.slice(cut), second[0], second[1], seed + 1);
      const snapTs = second[0].snapshot();
      const snapWasm = second[1].snapshot();
      assert.equal(snapWasm.open.size, snapTs.open.size);
      assert.equal(snapWasm.orphans.size, snapTs.orphans.size);
      assert.equal(snapWasm.prefixFailures.size, snapTs.prefixFailures.size);
      assert.deepEqual([...snapWasm.open.values()], [...snapTs.open.values()], 'open, in order');
      assert.deepEqual([...snapWasm.orphans.values()], [...snapTs.orphans.values()], 'orphans, in order');
      // a snapshot crosses threads by structured clone
      const cloned = structuredClone(snapWasm);
      first[0].mergeContinuation(snapTs);
      // the WebAssembly tracker takes a text snapshot too (keys digested as its own lines' are)
      const viaText = new WasmInvocationTracker(runner());
      feed(steps.slice(0, cut), new InvocationTracker(), viaText, seed);
      first[1].mergeContinuation(cloned);
      viaText.mergeContinuation(second[0].snapshot());
      for (const id of IDS) {
        assert.equal(first[1].isOpen(id), first[0].isOpen(id));
        assert.equal(viaText.isOpen(id), first[0].isOpen(id));
      }
      // lines after the merge go on from the merged state
      const after = randomSteps(seed + 900, 200);
      feed(after, first[0], first[1], seed + 2);
      for (const s of after) viaText.onLine(s.stream, s.line, s.failed);
      for (const t of [...first, viaText]) t.end();
      assert.deepEqual(figures(first[1]), figures(first[0]), `seed ${seed}`);
      assert.deepEqual(figures(viaText), figures(first[0]), `seed ${seed} (text snapshot)`);
      assert.throws(() => new InvocationTracker().mergeContinuation(snapWasm), /cannot be merged/);
    }
  });

  it('keeps the caps: at most 100,000 invocations open and 100,000 streams with one', () => {
    const ts = new InvocationTracker();
    const wasm = new WasmInvocationTracker(runner());
    const extra = 50;
    for (let n = 0; n < MAX_OPEN_INVOCATIONS + extra; n++) {
      const start: LambdaLine = { kind: 'start', requestId: `id-${n}` };
      ts.onLine(n % 2 ? 'a' : 'b', start, false);
      wasm.onLine(n % 2 ? 'a' : 'b', start, false);
    }
    assert.equal(wasm.evicted, extra);
    assert.deepEqual(figures(wasm), figures(ts));
    for (let n = 0; n < MAX_TRACKED_STREAMS + extra; n++) {
      const start: LambdaLine = { kind: 'start', requestId: `s-${n}` };
      ts.onLine(`stream-${n}`, start, false);
      wasm.onLine(`stream-${n}`, start, false);
    }
    // a line without an id in a stream forgotten, and in one remembered
    for (const stream of ['stream-3', `stream-${MAX_TRACKED_STREAMS}`]) {
      const app: LambdaLine = { kind: 'app', requestId: undefined };
      ts.onLine(stream, app, true);
      wasm.onLine(stream, app, true);
    }
    assert.equal(wasm.streamsForgotten, extra + 2); // and the two streams 'a' and 'b'
    ts.end();
    wasm.end();
    assert.deepEqual(figures(wasm), figures(ts));
    assert.equal(wasm.totals.unattributedFailures, 1);
  });

  it('remembers the same finished invocations as InvocationTracker across many rebuilds', () => {
    const ts = new InvocationTracker();
    const wasm = new WasmInvocationTracker(runner());
    const rand = seededRandom(99);
    const report: ReportMetrics = {
      durationMs: 1,
      billedMs: 7,
      memoryMB: 512,
      maxMemoryMB: 1,
      initMs: 0,
      timedOut: false,
    };
    for (let n = 0; n < 30_000; n++) {
      const id = `r-${n}`;
      for (const line of [
        { kind: 'start', requestId: id },
        { kind: 'report', requestId: id, report },
      ] as LambdaLine[]) {
        ts.onLine('s', line, false);
        wasm.onLine('s', line, false);
      }
      if (rand(50) === 0) {
        // a late line for an invocation finished some time ago (remembered or not)
        const late: LambdaLine = { kind: 'app', requestId: `r-${Math.max(0, n - rand(12_000))}` };
        ts.onLine('t', late, true);
        wasm.onLine('t', late, true);
      }
    }
    // every invocation finished within the last 8,300 finishes, newest first: both edges of the window
    for (let d = 0; d < 8300; d++) {
      const late: LambdaLine = { kind: 'timeout', requestId: `r-${29_999 - d}` };
      ts.onLine('t', late, false);
      wasm.onLine('t', late, false);
    }
    ts.end();
    wasm.end();
    assert.deepEqual(figures(wasm), figures(ts));
    assert.ok(wasm.totals.failingInvocations > 0 && wasm.totals.invocations > 30_000);
  });

  it('is used by the analyser where WebAssembly runs, and gives its report (wasmTracker: false for the other)', async () => {
    const { Analyzer } = await import('../src/core/analyzer.js');
    const a = new Analyzer();
    const b = new Analyzer({ wasmTracker: false });
    assert.ok((a as unknown as { wasmTracker: unknown }).wasmTracker instanceof WasmInvocationTracker);
    assert.equal((b as unknown as { wasmTracker: unknown }).wasmTracker, undefined);
  });
});
