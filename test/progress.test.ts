import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generate } from '../bench/generate.js';
import { progressText } from '../src/cli/progressLine.js';
import { BIN, runCli } from './helpers.js';

describe('progress line', () => {
  it('says bytes, share, events, rate and time left', () => {
    assert.equal(
      progressText({ bytes: 50 * 1048576, totalBytes: 200 * 1048576, events: 123456 }, 2000, 'export.json'),
      'export.json · [#####...............] 25% · 50.0 of 200.0 MB · 123,456 events · 25.0 MB/s · ETA 6s',
    );
    assert.equal(
      progressText({ bytes: 1048576, totalBytes: 0, events: 10 }, 0, '(stdin)'),
      '(stdin) · 1.0 MB · 10 events',
    );
  });

  it('shows on a terminal (one and two threads), never with --quiet or when stderr is not a terminal', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'netsleuth-progress-')), 'lambda.json');
    await generate({ kind: 'lambda', outFile: file, sizeMb: 24, seed: 3 });
    // `script` gives the command a pseudo-terminal, as a person's shell would
    const onTerminal = (args: string) =>
      spawnSync(
        'script',
        [
          '-qec',
          `${process.execPath} ${BIN} analyze --format json -o /dev/null ${args} ${file}`,
          '/dev/null',
        ],
        {
          encoding: 'utf8',
          timeout: 60_000,
        },
      ).stdout;
    for (const threads of ['1', '2']) {
      const shown = onTerminal(`--threads ${threads}`);
      assert.match(
        shown,
        /lambda\.json · \[[#.]{20}\] \d+% · [\d.]+ of 24\.0 MB · [\d,]+ events/,
        `threads ${threads}`,
      );
    }
    assert.doesNotMatch(onTerminal('--quiet'), /events ·|% ·/);
    const piped = runCli(['analyze', '--format', 'json', file]);
    assert.equal(piped.stderr, '');
  });
});
