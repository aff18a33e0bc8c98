import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { headerFormat } from '../src/flowlogs/flowLogFormat.js';
import { FlowLogParser } from '../src/flowlogs/flowLogParser.js';
import type { FlowRecord } from '../src/flowlogs/flowRecord.js';
import { ROOT } from './helpers.js';

// Property tests: the parser never throws, its records do not depend on how the bytes are chunked, and
// damage to one line never costs the others.
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 150);
const FIX = join(ROOT, 'test', 'fixtures', 'flowlogs');
const SAMPLE = new Uint8Array(
  Buffer.concat(
    ['v2-default.txt', 'v5-custom.txt', 'orders-api-v5.txt'].map((f) => readFileSync(join(FIX, f))),
  ),
);

function parse(bytes: Uint8Array, cuts: number[]) {
  const records: FlowRecord[] = [];
  const parser = new FlowLogParser({ source: 'fuzz', onRecord: (r) => records.push(r) });
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    parser.push(bytes.subarray(at, c));
    at = c;
  }
  parser.push(bytes.subarray(at));
  return { records, summary: parser.end() };
}

test('chunking does not change the records', () => {
  const whole = parse(SAMPLE, []);
  assert.equal(whole.records.length, 4 + 5 + 15);
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: SAMPLE.length }), { maxLength: 40 }), (cuts) => {
      assert.deepEqual(parse(SAMPLE, cuts).records, whole.records);
    }),
    { numRuns: RUNS },
  );
});

test('arbitrary bytes and mutated lines never throw; untouched lines still parse', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), fc.array(fc.nat(), { maxLength: 5 }), (junk, cuts) => {
      const { summary } = parse(
        junk,
        cuts.map((c) => c % (junk.length + 1)),
      );
      assert.ok(summary.records >= 0);
    }),
    { numRuns: RUNS },
  );
  const lines = new TextDecoder().decode(SAMPLE).split('\n');
  const whole = parse(SAMPLE, []).records;
  const dataLines = lines.map((l, i) => (l.startsWith('version') ? -1 : i)).filter((i) => i >= 0);
  fc.assert(
    fc.property(fc.constantFrom(...dataLines), fc.string({ maxLength: 30 }), (i, garbage) => {
      // garbage that happens to be a header line would rightly change the format of the lines after it
      fc.pre(headerFormat(garbage.trim().split(/\s+/)) === undefined);
      const damaged = [...lines];
      damaged[i] = garbage;
      const { records } = parse(new TextEncoder().encode(damaged.join('\n')), []);
      const kept = records.filter((r) => r.line !== i + 1);
      assert.deepEqual(
        kept,
        whole.filter((r) => r.line !== i + 1),
      );
    }),
    { numRuns: RUNS },
  );
});
