import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generate } from '../bench/generate.js';
import { BIN, ROOT } from './helpers.js';

/** Peak resident memory of one analysis, in MiB (read through the benchmark's preload hook). */
function peakMiB(file: string): number {
  const r = spawnSync(
    process.execPath,
    [
      '--require',
      join(ROOT, 'bench', 'rss-hook.cjs'),
      BIN,
      'analyze',
      '--threads',
      '1',
      '--format',
      'json',
      file,
    ],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  assert.equal(r.status, 0, r.stderr);
  const kb = Number(/NETSLEUTH_BENCH_MAXRSS_KB=(\d+)/.exec(r.stderr)?.[1]);
  assert.ok(kb > 0, r.stderr);
  return kb / 1024;
}

describe('memory', () => {
  it('stays flat as the input grows (streamed, per-key state capped)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsleuth-memory-'));
    const small = join(dir, 'small.json');
    const large = join(dir, 'large.json');
    await generate({ kind: 'lambda', outFile: small, sizeMb: 20, seed: 9 });
    await generate({ kind: 'lambda', outFile: large, sizeMb: 100, seed: 9 });
    const [a, b] = [peakMiB(small), peakMiB(large)];
    console.log(`# peak RSS: ${a.toFixed(0)} MiB on 20 MiB, ${b.toFixed(0)} MiB on 100 MiB`);
    assert.ok(
      b < a * 1.5 + 20,
      `5x the input should not need much more memory (${a.toFixed(0)} → ${b.toFixed(0)} MiB)`,
    );
  });
});
