// The floor under any Node.js reader of a pretty-printed CloudWatch Logs export (plain JavaScript, no
// TypeScript loader, so its start-up is Node's own): find every event's timestamp and the two ends of its
// message with Buffer.indexOf, parse the timestamp, look at the message's first bytes, and nothing else: no
// JSON validation, no decoding, no analysis. It reads the file on THREADS threads (default 2, as netsleuth
// does on these machines), each taking the events whose `"timestamp": ` key starts in its share of the bytes.
//
//   node bench/floor.mjs FILE [THREADS]
//
// Prints one JSON line: {"events": …, "platformLines": …, "wallMs": …}. bench/run.ts times it beside
// netsleuth, as the least a JavaScript tool needs on the same machine and the same file.
import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const CHUNK = 1 << 20;
const TIMESTAMP = Buffer.from('"timestamp": ');
const MESSAGE = Buffer.from('"message": "');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether the message starting at `at` starts with START, END or REPORT (three bytes looked at). */
function isPlatformStart(buf, at) {
  const a = buf[at];
  const b = buf[at + 1];
  const c = buf[at + 2];
  return (
    (a === 0x53 && b === 0x54 && c === 0x41) || // STA
    (a === 0x45 && b === 0x4e && c === 0x44) || // END
    (a === 0x52 && b === 0x45 && c === 0x50) // REP
  );
}

/** Walks the events whose timestamp key starts in [from, to); returns counts. */
function walk(path, from, to) {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(2 * CHUNK);
  let events = 0;
  let platformLines = 0;
  let timeSum = 0;
  let kept = 0; // bytes carried over from the chunk before (an event cut by the chunk's end)
  let base = from; // file offset of buf[0]
  let readAt = from;
  for (;;) {
    const n = readSync(fd, buf, kept, CHUNK, readAt);
    readAt += n;
    const len = kept + n;
    let p = 0;
    let done = 0;
    for (;;) {
      const t = buf.indexOf(TIMESTAMP, p);
      if (t === -1 || t + 13 >= len) break;
      if (base + t >= to) {
        done = len;
        break;
      }
      let d = t + 13;
      let time = 0;
      while (d < len) {
        const c = buf[d] - 0x30;
        if (c < 0 || c > 9) break;
        time = time * 10 + c;
        d++;
      }
      const m = buf.indexOf(MESSAGE, d);
      if (m === -1 || m >= len) break;
      const start = m + MESSAGE.length;
      let q = start;
      for (;;) {
        q = buf.indexOf(QUOTE, q);
        if (q === -1 || q >= len) break;
        let b = q;
        while (b > start && buf[b - 1] === BACKSLASH) b--;
        if ((q - b) % 2 === 0) break; // an even run of backslashes: the quote ends the string
        q++;
      }
      if (q === -1 || q >= len) break;
      events++;
      timeSum += time;
      if (isPlatformStart(buf, start)) platformLines++;
      p = q + 1;
      done = p;
    }
    if (n === 0 || base + done >= to) break;
    kept = len - done;
    if (kept > CHUNK) {
      // one event longer than a chunk: the floor does not handle it (the generated exports have none)
      throw new Error(`an event at byte ${base + done} is longer than ${CHUNK} bytes`);
    }
    buf.copy(buf, 0, done, len);
    base += done;
  }
  closeSync(fd);
  return { events, platformLines, timeSum };
}

if (!isMainThread) {
  const { path, from, to } = workerData;
  parentPort.postMessage(walk(path, from, to));
} else {
  const started = performance.now();
  const path = process.argv[2];
  const threads = Math.max(1, Number(process.argv[3] ?? 2));
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  closeSync(fd);
  const share = Math.ceil(size / threads);
  const others = [];
  for (let i = 1; i < threads; i++) {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { path, from: i * share, to: Math.min(size, (i + 1) * share) },
    });
    others.push(new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject)));
  }
  const parts = [walk(path, 0, share), ...(await Promise.all(others))];
  const total = { events: 0, platformLines: 0 };
  for (const part of parts) {
    total.events += part.events;
    total.platformLines += part.platformLines;
  }
  console.log(JSON.stringify({ ...total, threads, wallMs: Math.round(performance.now() - started) }));
}
