// The rehearsal a worker runs before a large export (src/core/warmUp.ts): it must go through the paths it is
// there for, and leave nothing behind that changes a later analysis.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Analyzer } from '../src/core/analyzer.js';
import { JsonEventsDecoder } from '../src/core/decode/jsonEventsDecoder.js';
import type { Report } from '../src/core/report.js';
import { warmUp } from '../src/core/warmUp.js';
import { ROOT } from './helpers.js';

/** The byte-level engine over one of the bundled examples, in 64 KiB chunks, as a worker reads. */
function analyzeExample(name: string): Omit<Report, 'generatedAt'> {
  const analyzer = new Analyzer({ continuation: true });
  const input = analyzer.openInput(name);
  const decoder = new JsonEventsDecoder({
    onEvent: (event) => analyzer.addEvent(input, event),
    onRawEvent: analyzer.rawEvents(input),
  });
  const bytes = readFileSync(join(ROOT, 'examples', name));
  for (let at = 0; at < bytes.length; at += 65536) decoder.push(bytes.subarray(at, at + 65536));
  decoder.end();
  const { generatedAt: _, ...rest } = analyzer.finish();
  return rest;
}

describe('warm-up', () => {
  it('reads Lambda and ECS failures of several kinds, in both layouts of the aws CLI', () => {
    const [filtered, oneStream] = warmUp().map((a) => a.finish());
    assert.ok(filtered && oneStream);
    const lambda = filtered.lambda;
    assert.ok(lambda, 'Lambda invocations read');
    assert.ok(lambda.invocations >= 20 && lambda.failingInvocations > 0 && lambda.timedOut > 0);
    assert.ok((filtered.ecs?.events ?? 0) > 50);
    const patterns = filtered.findings.map((f) => f.pattern);
    assert.ok(patterns.includes('lambda-connection-failures'), patterns.join());
    assert.ok(patterns.includes('ecs-network-connectivity'), patterns.join());
    const targets = JSON.stringify(filtered.findings);
    for (const target of ['10.0.3.42:5432', '10.0.1.5:6379', 'db.internal'])
      assert.ok(targets.includes(target), `${target} in ${targets.slice(0, 500)}`);
    // get-log-events: no stream names, one function's invocations
    assert.ok((oneStream.lambda?.failingInvocations ?? 0) > 0);
    assert.equal(oneStream.ecs, undefined);
  });

  it('leaves nothing behind: an analysis after it gives the report it gave before', () => {
    const names = ['lambda-orders-worker.json', 'ecs-orders-api.json'];
    const before = names.map(analyzeExample);
    warmUp();
    warmUp();
    assert.deepEqual(names.map(analyzeExample), before);
  });
});
