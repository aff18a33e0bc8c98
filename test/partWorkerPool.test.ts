import assert from 'node:assert/strict';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  dropPrestartedWorker,
  guessPartWorker,
  PARALLEL_MIN_BYTES,
  prestartPartWorker,
  takePartWorker,
  v8FlagsForParts,
} from '../src/node/partWorkerPool.js';

const tmp = mkdtempSync(join(tmpdir(), 'netsleuth-pool-'));
// sparse files: as large as the guess needs, without writing 64 MiB
const large = join(tmp, 'large.json');
writeFileSync(large, '{\n  "events": [');
truncateSync(large, PARALLEL_MIN_BYTES);
const largeGz = join(tmp, 'large.json.gz');
writeFileSync(largeGz, Buffer.from([0x1f, 0x8b, 8, 0]));
truncateSync(largeGz, PARALLEL_MIN_BYTES + 1);
const small = join(tmp, 'small.json');
writeFileSync(small, '{"events": []}');
truncateSync(small, PARALLEL_MIN_BYTES - 1);

describe("the launcher's guess that a worker thread will read parts", () => {
  it('guesses so for `analyze` of a large plain file, in whichever place and with whichever options', () => {
    assert.deepEqual(guessPartWorker(['analyze', large], 2), { strings: false });
    assert.deepEqual(guessPartWorker(['analyze', '--format', 'json', '-o', 'r.json', large], 2), {
      strings: false,
    });
    assert.deepEqual(guessPartWorker(['analyze', small, large, '--threads=2'], 4), { strings: false });
    assert.deepEqual(guessPartWorker(['analyze', '--decode', 'strings', large], 2), { strings: true });
    assert.deepEqual(guessPartWorker(['analyze', '--decode=strings', '--threads', 'auto', large], 2), {
      strings: true,
    });
  });

  it('does not when nothing would read in parts', () => {
    assert.equal(guessPartWorker(['analyze', small], 2), undefined);
    assert.equal(guessPartWorker(['analyze', largeGz], 2), undefined, 'gzip is read by other workers');
    assert.equal(guessPartWorker(['analyze', large], 1), undefined, 'one core');
    assert.equal(guessPartWorker(['analyze', '--threads', '1', large], 2), undefined);
    assert.equal(guessPartWorker(['analyze', '--threads=1', large], 2), undefined);
    assert.equal(guessPartWorker(['analyze', '--input-format', 'text', large], 2), undefined);
    assert.equal(guessPartWorker(['classify', large], 2), undefined);
    assert.equal(guessPartWorker([], 2), undefined);
    // the value of an option is no input, even when it names a large file
    assert.equal(guessPartWorker(['analyze', '--config', large, small], 2), undefined);
    assert.equal(guessPartWorker(['analyze', join(tmp, 'missing.json'), tmp], 2), undefined);
  });
});

describe('the V8 flags for a large read in parts', () => {
  it('are set for the byte-level engine on the V8 they were measured on, and for nothing else', () => {
    const flags = v8FlagsForParts({ strings: false }, '11.3.244.8-node.33');
    assert.equal(flags, '--always-sparkplug --interrupt-budget=1000000');
    assert.equal(v8FlagsForParts(undefined, '11.3.244.8-node.33'), undefined, 'no large read');
    assert.equal(
      v8FlagsForParts({ strings: true }, '11.3.244.8-node.33'),
      undefined,
      'messages decoded first',
    );
    assert.equal(v8FlagsForParts({ strings: false }, '12.4.254.21-node.33'), undefined, 'another V8');
    assert.equal(v8FlagsForParts({ strings: false }, '111.0'), undefined);
  });
});

describe('a worker started early', () => {
  after(dropPrestartedWorker);

  it('is the one handed out when it was started for the same data, and only once', async () => {
    prestartPartWorker({ strings: false });
    const first = takePartWorker({ strings: false });
    assert.equal(first.early, true);
    const second = takePartWorker({ strings: false });
    assert.equal(second.early, false);
    assert.notEqual(second.worker.threadId, first.worker.threadId);
    await Promise.all([first.worker.terminate(), second.worker.terminate()]);
  });

  it('is ended, and a new one started, when it was started for other data', async () => {
    prestartPartWorker({ strings: true });
    const taken = takePartWorker({ strings: false });
    assert.equal(taken.early, false);
    await taken.worker.terminate();
  });

  it('that was dropped is not handed out later', async () => {
    prestartPartWorker({ strings: false });
    const { worker } = takePartWorker({ strings: false });
    await worker.terminate();
    prestartPartWorker({ strings: false });
    await dropPrestartedWorker();
    const again = takePartWorker({ strings: false });
    assert.equal(again.early, false);
    await again.worker.terminate();
  });
});
