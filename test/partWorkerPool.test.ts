import assert from 'node:assert/strict';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  dropPrestartedWorker,
  guessPartWorker,
  PARALLEL_MIN_BYTES,
  launcherGuessedTuned,
  prestartPartWorker,
  takePartWorker,
  v8FlagsForParts,
} from '../src/node/partWorkerPool.js';

const V11 = '11.3.244.8-node.33';
const V12 = '12.4.254.21-node.33';
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
    assert.deepEqual(guessPartWorker(['analyze', large], 2, V11), { strings: false, tuned: true });
    assert.deepEqual(guessPartWorker(['analyze', '--format', 'json', '-o', 'r.json', large], 2, V11), {
      strings: false,
      tuned: true,
    });
    assert.deepEqual(guessPartWorker(['analyze', small, large, '--threads=2'], 4, V11), {
      strings: false,
      tuned: true,
    });
    assert.deepEqual(guessPartWorker(['analyze', '--decode', 'strings', large], 2, V11), {
      strings: true,
      tuned: false,
    });
    assert.deepEqual(guessPartWorker(['analyze', '--decode=strings', '--threads', 'auto', large], 2, V11), {
      strings: true,
      tuned: false,
    });
    // V8's flags for the read were measured on Node.js 20's V8 only
    assert.deepEqual(guessPartWorker(['analyze', large], 2, V12), { strings: false, tuned: false });
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
  it('are for the byte-level engine on the V8 they were measured on, and for nothing else', () => {
    assert.equal(v8FlagsForParts(false, V11), '--always-sparkplug --interrupt-budget=1000000');
    assert.equal(v8FlagsForParts(true, V11), undefined, 'messages decoded first');
    assert.equal(v8FlagsForParts(false, V12), undefined, 'another V8');
    assert.equal(v8FlagsForParts(false, '111.0'), undefined);
  });
});

describe('a worker started early', () => {
  after(dropPrestartedWorker);

  it('is the one handed out when it was started for the same data, and only once', async () => {
    prestartPartWorker({ strings: false, tuned: false });
    const first = takePartWorker({ strings: false, tuned: false });
    assert.equal(first.early, true);
    const second = takePartWorker({ strings: false, tuned: false });
    assert.equal(second.early, false);
    assert.notEqual(second.worker.threadId, first.worker.threadId);
    await Promise.all([first.worker.terminate(), second.worker.terminate()]);
  });

  it('is ended, and a new one started, when it was started for other data', async () => {
    prestartPartWorker({ strings: true, tuned: false });
    const taken = takePartWorker({ strings: false, tuned: false });
    assert.equal(taken.early, false);
    await taken.worker.terminate();
    // a worker that left out its warm-up for a tuned V8 is no worker for a read without (nor the reverse)
    prestartPartWorker({ strings: false, tuned: true });
    const untuned = takePartWorker({ strings: false, tuned: false });
    assert.equal(untuned.early, false);
    await untuned.worker.terminate();
  });

  it('says whether the read it was started for is one V8 is tuned for, after it was taken too', async () => {
    await dropPrestartedWorker();
    assert.equal(launcherGuessedTuned(false), false, 'no guess');
    prestartPartWorker({ strings: false, tuned: true });
    const { worker } = takePartWorker({ strings: false, tuned: true });
    assert.equal(launcherGuessedTuned(false), true);
    assert.equal(launcherGuessedTuned(true), false, 'messages decoded first');
    await worker.terminate();
    await dropPrestartedWorker();
    assert.equal(launcherGuessedTuned(false), false, 'the guess is forgotten with the worker');
    prestartPartWorker({ strings: false, tuned: false });
    assert.equal(launcherGuessedTuned(false), false);
    await dropPrestartedWorker();
  });

  it('that was dropped is not handed out later', async () => {
    prestartPartWorker({ strings: false, tuned: false });
    const { worker } = takePartWorker({ strings: false, tuned: false });
    await worker.terminate();
    prestartPartWorker({ strings: false, tuned: false });
    await dropPrestartedWorker();
    const again = takePartWorker({ strings: false, tuned: false });
    assert.equal(again.early, false);
    await again.worker.terminate();
  });
});
