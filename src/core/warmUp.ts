/**
 * A short rehearsal of the byte-level engine on a small made-up export, for a thread that is about to read
 * hundreds of MiB.
 *
 * V8 optimises a function with the type feedback it has gathered so far. When a path it never saw comes
 * later (the first escape, the first chunk end in a string, the first failure, a timed-out invocation), the
 * optimised code is thrown away and the function compiled again. On the 500 MiB Lambda bench the two workers
 * compiled the decoder's two biggest functions ten times each, after 43 such fallbacks, while both cores were
 * also busy reading. Reading ~280 events of every common kind first, in small chunks, gives the compiler the
 * whole picture early: 182 -> 147 optimised compiles, 43 -> 9 fallbacks. Over 8 alternating runs of that bench:
 * 2.24 -> 2.07 s mean wall time, 3.69 -> 3.45 s CPU; it costs 40–95 ms per worker (much of it compiling
 * what the real read compiles anyway).
 *
 * Not run for a large read V8 is tuned for (see v8FlagsForParts in src/node/partWorkerPool.ts): with
 * optimisation left to what stays hot, the rehearsal only costs (25–45 ms on the 500 MiB Lambda bench).
 *
 * Pure: nothing it reads is kept (its analyser and decoder are dropped; the classification memo keeps a few
 * verdicts, which depend on the text alone).
 */
import { Analyzer } from './analyzer.js';
import { JsonEventsDecoder } from './decode/jsonEventsDecoder.js';

const ROUNDS = 12;
const CHUNK_BYTES = 4093; // odd: strings, numbers and keys are cut at every kind of place

interface SampleEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

function requestId(i: number, salt: number): string {
  const hex = ((i * 2654435761 + salt * 40503) >>> 0).toString(16).padStart(8, '0');
  return `${hex}-4b59-4161-8fd8-${hex}${hex.slice(0, 4)}`;
}

/** Messages of every kind the engine reads differently, in the shapes AWS and the runtimes print them. */
function sampleEvents(): SampleEvent[] {
  const out: SampleEvent[] = [];
  const t0 = Date.UTC(2026, 10, 20, 8, 0, 0);
  const node = '2026/11/20/[$LATEST]2148b24f6072845871e97450ea5e659a';
  const python = '2026/11/20/[$LATEST]4f70c0d4cd1d56e78267757e69cdf183';
  const tasks = [
    'ecs/orders-api/8c48098abdd3d6e2d40702e359b9c991',
    'ecs/orders-api/41ef3d3610258f665a60c6d2a8ca7630',
  ];
  let t = t0;
  const add = (stream: string, message: string) => {
    t += 37;
    out.push({
      logStreamName: stream,
      timestamp: t,
      message,
      ingestionTime: t + 412,
      eventId: `3626107764962567954034846522204948516870551902220999${String(out.length).padStart(4, '0')}`,
    });
  };
  for (let i = 0; i < ROUNDS; i++) {
    const id = requestId(i, 1);
    const iso = () => new Date(t).toISOString();
    add(node, `START RequestId: ${id} Version: $LATEST\n`);
    add(node, `${iso()}\t${id}\tINFO\tprocessing order ${1000 + i}\n`);
    add(tasks[i % 2] as string, `GET /orders/${913 + i} 200 ${16 + i}ms`);
    add(node, `${iso()}\t${id}\tINFO\torder ${1000 + i} stored in "orders" (${i} items)\n`);
    if (i % 3 === 0) {
      add(
        node,
        `${iso()}\t${id}\tERROR\tError: connect ECONNREFUSED 10.0.3.42:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16) {\n  errno: -111,\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '10.0.3.42',\n  port: 5432\n}\n`,
      );
    }
    if (i % 4 === 1) {
      add(node, `${iso()} ${id} Task timed out after 3.00 seconds\n\n`);
      add(
        node,
        `${iso()}\t${id}\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"connect ETIMEDOUT 10.0.3.47:5432","code":"ETIMEDOUT","errno":-110,"syscall":"connect","address":"10.0.3.47","port":5432}\n`,
      );
    }
    add(node, `END RequestId: ${id}\n`);
    const status = i % 4 === 1 ? '\tStatus: timeout' : '';
    const init = i === 0 ? '\tInit Duration: 180.12 ms' : '';
    add(
      node,
      `REPORT RequestId: ${id}\tDuration: ${198 + i}.42 ms\tBilled Duration: ${199 + i} ms\tMemory Size: 512 MB\tMax Memory Used: 91 MB${init}${status}\t\n`,
    );

    const py = requestId(i, 2);
    add(python, `START RequestId: ${py} Version: $LATEST\n`);
    add(python, `[INFO]\t${iso()}\t${py}\tfetching C:\\orders\\${i}.json for café «${i}»\n`);
    if (i % 2 === 0) {
      add(python, `[ERROR]\t${iso()}\t${py}\tConnectionRefusedError: [Errno 111] Connection refused\n`);
      add(
        python,
        `{"timestamp":"${iso()}","level":"ERROR","requestId":"${py}","message":"getaddrinfo ENOTFOUND db.internal"}\n`,
      );
    }
    add(python, `END RequestId: ${py}\n`);
    add(
      python,
      `REPORT RequestId: ${py}\tDuration: ${52 + i}.07 ms\tBilled Duration: ${53 + i} ms\tMemory Size: 256 MB\tMax Memory Used: 64 MB\t\n`,
    );

    const task = tasks[(i + 1) % 2] as string;
    add(task, `GET /orders/${584 + i} 200 ${20 + i}ms`);
    add(task, `dial tcp 10.0.1.5:6379: connect: connection refused`);
    if (i % 3 === 2) {
      add(task, `java.net.ConnectException: Connection refused (Connection refused)`);
      add(task, `\tat java.base/sun.nio.ch.Net.connect0(Native Method)`);
      add(task, `Caused by: java.net.SocketTimeoutException: connect timed out`);
      add(task, `Traceback (most recent call last):`);
      add(task, `  File "/app/db.py", line 12, in connect`);
      add(
        task,
        `psycopg2.OperationalError: could not connect to server: Connection timed out\n\tIs the server running on host "postgres.internal" (10.0.2.15) and accepting TCP/IP connections on port 5432?`,
      );
    }
    add(task, `{"level":"info","msg":"request served","path":"/orders/${i}","latency_ms":${i * 3}}`);
    add(task, `${'x'.repeat(200)} a long line without any failure ${i} ${'y'.repeat(150)}`);
  }
  return out;
}

function read(text: string, chunkBytes: number): Analyzer {
  const analyzer = new Analyzer({ continuation: true });
  const input = analyzer.openInput('warm-up');
  const decoder = new JsonEventsDecoder({
    onEvent: (event) => analyzer.addEvent(input, event),
    onRawEvent: analyzer.rawEvents(input),
  });
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += chunkBytes)
    decoder.push(bytes.subarray(at, Math.min(bytes.length, at + chunkBytes)));
  decoder.end();
  return analyzer;
}

/**
 * Reads the made-up export the two ways the aws CLI prints events (filter-log-events, with stream names, and
 * get-log-events, without). Returns the two analysers, for the test that keeps the sample meaningful.
 */
export function warmUp(): Analyzer[] {
  const events = sampleEvents();
  const filtered = read(JSON.stringify({ events, searchedLogStreams: [] }, null, 4), CHUNK_BYTES);
  const oneStream = events
    .filter((e) => e.logStreamName === events[0]?.logStreamName)
    .map(({ timestamp, message, ingestionTime }) => ({ timestamp, message, ingestionTime }));
  const got = read(
    JSON.stringify({ events: oneStream, nextForwardToken: 'f/3', nextBackwardToken: 'b/3' }, null, 4),
    1 << 20,
  );
  return [filtered, got];
}
