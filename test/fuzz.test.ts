import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Analyzer } from '../src/core/analyzer.js';
import { JsonEventsDecoder } from '../src/core/decode/jsonEventsDecoder.js';
import { TextLinesDecoder } from '../src/core/decode/textLinesDecoder.js';
import { formatHtml } from '../src/format/htmlReport.js';
import { formatMarkdown } from '../src/format/markdownReport.js';
import { formatText } from '../src/format/textReport.js';
import type { LogEvent } from '../src/core/events.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readSample, ROOT, runCli } from './helpers.js';

// Property-based tests: the decoders and the whole analysis never throw past their boundary, always
// finish, and give the same answer for the same bytes however they are chunked.
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 150);
const samples = [
  'logs/filter-log-events.real-shape.json',
  'logs/filter-log-events.lambda-node-text.json',
  'logs/filter-log-events.pages-concatenated.json',
  'insights/get-query-results.real-shape.json',
  'subscription/data-message.decoded.json',
].map(readSample);

function decode(
  kind: 'json' | 'text',
  bytes: Uint8Array,
  cuts: number[],
): { events: LogEvent[]; warnings: number } {
  const events: LogEvent[] = [];
  const decoder =
    kind === 'json'
      ? new JsonEventsDecoder({ onEvent: (e) => events.push(e) })
      : new TextLinesDecoder({ onEvent: (e) => events.push(e) });
  let at = 0;
  for (const cut of [...cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b), bytes.length]) {
    decoder.push(bytes.subarray(at, Math.max(at, cut)));
    at = Math.max(at, cut);
  }
  decoder.end();
  return { events, warnings: decoder.warnings.length };
}

/** A real sample with a few bytes changed, inserted or removed. */
const mutatedSample = fc
  .tuple(
    fc.constantFrom(...samples),
    fc.array(
      fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete')),
      { maxLength: 8 },
    ),
  )
  .map(([bytes, edits]) => {
    const out = [...bytes];
    for (const [pos, value, op] of edits) {
      const i = pos % (out.length + 1);
      if (op === 'set' && i < out.length) out[i] = value;
      else if (op === 'insert') out.splice(i, 0, value);
      else if (op === 'delete') out.splice(i, 1);
    }
    return new Uint8Array(out);
  });

const anyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }),
  mutatedSample,
  fc.string({ maxLength: 500 }).map((s) => new TextEncoder().encode(s)),
);
const deepJson = fc
  .integer({ min: 1, max: 5000 })
  .map((n) => new TextEncoder().encode('['.repeat(n) + '{"message":"x"}' + ']'.repeat(n)));

describe('fuzz: decoders', () => {
  it('never throw, and give the same events however the input is chunked', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyBytes, deepJson),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom('json' as const, 'text' as const),
        (bytes, cuts, kind) => {
          const whole = decode(kind, bytes, []);
          const chunked = decode(kind, bytes, cuts);
          assert.deepEqual(chunked.events, whole.events);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a truncated export yields exactly the complete events before the cut', () => {
    fc.assert(
      fc.property(fc.constantFrom(...samples.slice(0, 3)), fc.nat(), (bytes, cutAt) => {
        const cut = cutAt % bytes.length;
        const all = decode('json', bytes, []).events;
        const before = decode('json', bytes.subarray(0, cut), []).events;
        assert.ok(before.length <= all.length);
        assert.deepEqual(before, all.slice(0, before.length), 'a prefix of the events, unchanged');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('fuzz: the whole analysis and every formatter', () => {
  it('never throws and is deterministic on arbitrary events', () => {
    const message = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom(
        'Error: connect ECONNREFUSED 10.0.3.42:5432',
        'START RequestId: 3f6b1c2a-8d4e-4b7a-9c1d-2e5f6a7b8c9d Version: $LATEST\n',
        'REPORT RequestId: 3f6b1c2a-8d4e-4b7a-9c1d-2e5f6a7b8c9d\tDuration: 1.0 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB\tStatus: timeout\n',
        '2024-05-14T09:21:09.115Z\t3f6b1c2a-8d4e-4b7a-9c1d-2e5f6a7b8c9d\tERROR\tInvoke Error \t{"errorMessage":"connect ETIMEDOUT 10.0.2.47:5432"}',
        '<img src=x onerror=alert(1)> dial tcp 10.0.0.1:443: i/o timeout',
        '{"log":"getaddrinfo ENOTFOUND db","container_id":"x"}',
      ),
    );
    const event = fc.record({
      timestamp: fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 4e12 })),
      stream: fc.option(
        fc.constantFrom(
          'ecs/a/f2ad7dba413f45ddb4d92f7853b78469',
          '2024/05/14/[$LATEST]8f1e2d3c4b5a69788796a5b4c3d2e1f0',
          's',
        ),
        { nil: undefined },
      ),
      message,
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const run = () => {
          const analyzer = new Analyzer();
          const input = analyzer.openInput('fuzz');
          events.forEach((e, index) => analyzer.addEvent(input, { ...e, index }));
          analyzer.closeInput({
            name: 'fuzz',
            format: 'json-lines',
            gzip: false,
            events: events.length,
            bytes: 0,
            warnings: [],
          });
          const { generatedAt: _, ...report } = analyzer.finish();
          return report;
        };
        const report = run();
        assert.deepEqual(run(), report);
        const full = { ...report, generatedAt: '2026-01-01T00:00:00.000Z' };
        formatText(full, { color: true });
        formatMarkdown(full);
        const html = formatHtml(full);
        assert.doesNotMatch(html, /<img|<script/);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('fuzz regressions', () => {
  const dir = join(ROOT, 'test', 'fuzz-regressions');
  const files = readdirSync(dir).filter((f) => f !== 'README.md');
  it(`every kept input (${files.length}) ends cleanly: exit 0 or 2, one sentence, no stack trace`, () => {
    assert.ok(files.length >= 10);
    for (const file of files) {
      for (const args of [
        ['analyze', '--format', 'json'],
        ['classify', '--all'],
      ]) {
        const r = runCli([...args, join(dir, file)]);
        assert.ok(r.status === 0 || r.status === 2, `${file}: exit ${r.status}: ${r.stderr}`);
        assert.doesNotMatch(r.stderr, /\n\s+at |internal error/, `${file}: ${r.stderr}`);
        if (r.status === 2) assert.match(r.stderr, /^netsleuth: /, file);
        if (r.status === 0 && args[0] === 'analyze') JSON.parse(r.stdout);
      }
    }
  });
});

/** The report of one input decoded by JsonEventsDecoder, through the byte-level engine or by strings. */
function reportThrough(engine: 'bytes' | 'strings', bytes: Uint8Array, cuts: number[]): string {
  const analyzer = new Analyzer();
  const input = analyzer.openInput('fuzz');
  const decoder = new JsonEventsDecoder({
    onEvent: (e) => analyzer.addEvent(input, e),
    ...(engine === 'bytes'
      ? {
          onRawEvent: analyzer.rawEvents(input),
        }
      : {}),
  });
  let at = 0;
  for (const cut of [...cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b), bytes.length]) {
    // a Buffer per chunk, as the file readers give (Node's own string slicing)
    decoder.push(Buffer.from(bytes.subarray(at, Math.max(at, cut))));
    at = Math.max(at, cut);
  }
  decoder.end();
  analyzer.closeInput({
    name: 'fuzz',
    format: decoder.shape,
    gzip: false,
    events: decoder.events,
    bytes: bytes.length,
    warnings: decoder.warnings,
  });
  const { generatedAt: _, ...report } = analyzer.finish();
  return JSON.stringify(report);
}

describe('fuzz: the byte-level engine', () => {
  it('gives the report decoding every message gives, on damaged exports, however they are chunked', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedSample, anyBytes), fc.array(fc.nat(), { maxLength: 6 }), (bytes, cuts) => {
        assert.equal(reportThrough('bytes', bytes, cuts), reportThrough('strings', bytes, []));
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
