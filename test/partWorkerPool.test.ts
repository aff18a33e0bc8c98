import assert from 'node:assert/strict';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import {
  dropPrestartedWorker,
  guessPartWorker,
  PARALLEL_MIN_BYTES,
  launcherGuessedTuned,
  prestartPartWorker,
  takePartWorker,
  v8FlagsForParts,
} from '../src/node/partWorkerPool.js';
import type { PartDone, PartJob, PartReply } from '../src/node/partProtocol.js';
import { ROOT } from './helpers.js';

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
    assert.equal(
      v8FlagsForParts(false, V11),
      '--always-sparkplug --interrupt-budget=1000000 --no-regexp-tier-up',
    );
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

describe('a part worker', () => {
  const file = join(tmp, 'two-parts.json');
  const event = (i: number) =>
    `{\n    "logStreamName": "ecs/api/${i % 2}",\n    "timestamp": ${1715678467114 + i},\n    "message": "GET /orders/${i} 200"\n}`;
  const head = `{"events": [${event(0)}, `;
  writeFileSync(file, `${head}${event(1)}]}`);
  const job = (start: number, extra: Partial<PartJob> = {}): PartJob => ({
    path: file,
    name: file,
    start,
    resume: start > 0,
    windowMs: 300_000,
    redact: true,
    sawLambda: false,
    ...extra,
  });

  /** Starts the CLI's part worker (dist/bin, built by `npm test`), hands it the jobs, and collects its replies. */
  async function readWith(jobs: PartJob[], first: number): Promise<{ replies: PartReply[]; next: number }> {
    const worker = new Worker(join(ROOT, 'dist', 'bin', 'partWorker.js'), {
      workerData: { strings: false, tuned: false },
    });
    const next = new Int32Array(new SharedArrayBuffer(4));
    next[0] = first;
    const replies: PartReply[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        worker.on('message', (m: PartReply) => {
          if (m.type === 'progress') return;
          replies.push(m);
          if (m.type === 'idle' || m.type === 'error') resolve();
        });
        worker.once('error', reject);
        worker.postMessage({ type: 'parts', jobs, next: next.buffer as SharedArrayBuffer });
      });
    } finally {
      await worker.terminate();
    }
    return { replies, next: next[0] as number };
  }

  it('takes the next part nobody took from the shared index until none is left', async () => {
    const jobs = [job(0, { stopAt: head.length - 1 }), job(head.length - 1), job(0)];
    // part 0 was taken by the main thread: the worker reads 1 and 2, then finds none left
    const { replies, next } = await readWith(jobs, 1);
    assert.deepEqual(
      replies.map((r) => [r.type, 'index' in r ? r.index : -1]),
      [
        ['done', 1],
        ['done', 2],
        ['idle', -1],
      ],
    );
    assert.equal(next, 4, 'two parts taken, and one look that found none');
    const done = replies.filter((r): r is PartDone & { index: number } => r.type === 'done');
    assert.deepEqual(
      done.map((r) => r.events),
      [1, 2],
    );
  });

  it('stops at a part it cannot read, and says which', async () => {
    const jobs = [job(0), job(0, { path: join(tmp, 'gone.json') }), job(0)];
    const { replies, next } = await readWith(jobs, 1);
    assert.equal(replies.length, 1);
    const [failure] = replies;
    assert.ok(failure?.type === 'error' && failure.index === 1, JSON.stringify(failure));
    assert.match(failure.message, /ENOENT/);
    assert.equal(next, 2, 'no part taken after the failure');
  });
});
