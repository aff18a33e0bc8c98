// The byte-level engine (Analyzer.addRaw, rawLambdaLine, the decoder's fastEvent) must give exactly what
// decoding every message first gives: line by line, and report by report.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Analyzer, lineKind, rawLineKind } from '../src/core/analyzer.js';
import { JsonEventsDecoder, type RawEventHandler } from '../src/core/decode/jsonEventsDecoder.js';
import {
  FLAG_MAY_MATTER,
  FLAG_TIMED_OUT,
  layoutRunner,
  type LayoutRunner,
  RECORD_INTS,
  RECORD_METRICS,
} from '../src/core/decode/layoutRunner.js';
import { decimalValue, escapesOf, latin1Text, OTHER_ESCAPES } from '../src/core/decode/rawText.js';
import { parseLambdaLine } from '../src/core/lambda/lambdaLine.js';
import { appBodyStart, rawLambdaLine } from '../src/core/lambda/rawLambdaLine.js';
import { isCertificateFailure } from '../src/core/signatures/certificates.js';
import {
  classifyMessage,
  MAY_MATTER_BYTES,
  mayMatter,
  mayMatterBytes,
} from '../src/core/signatures/matcher.js';
import { analyzeInput } from '../src/node/analyzeInput.js';
import { generate } from '../bench/generate.js';
import { runCli, SAMPLES, seededRandom } from './helpers.js';
import { TABLE } from './signatureAccuracy.js';

const ID = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';
const ISO = '2024-05-14T09:21:07.114Z';

/** Lambda lines in every shape the platform and the runtimes print, and near misses of each. */
const LAMBDA_LINES: string[] = [
  `START RequestId: ${ID} Version: $LATEST\n`,
  `START RequestId: ${ID}`,
  `START RequestId: ${ID.slice(0, 30)}\n`,
  `END RequestId: ${ID}\n`,
  `END RequestId: ${ID.toUpperCase()}\n`,
  `REPORT RequestId: ${ID}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\t\n`,
  `REPORT RequestId: ${ID}\tDuration: 102.83 ms\tBilled Duration: 103 ms\tMemory Size: 512 MB\tMax Memory Used: 98 MB\tInit Duration: 241.5 ms\t\n`,
  `REPORT RequestId: ${ID}\tDuration: 3003.12 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 81 MB\tStatus: timeout\n`,
  `REPORT RequestId: ${ID}\tDuration: 45.00 ms\tBilled Duration: 46 ms\tMemory Size: 128 MB\tMax Memory Used: 81 MB\tStatus: error\tError Type: Runtime.ExitError\n`,
  `REPORT RequestId: ${ID}\tDuration: 8.1 ms\tBilled Duration: 9 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tRestore Duration: 300.1 ms\tBilled Restore Duration: 120 ms\t\n`,
  `REPORT RequestId: ${ID}\tDuration: 8.1 ms\tBilled Duration: 9 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\nXRAY TraceId: 1-5f8a-abc\tSegmentId: 0a1b\tSampled: true\n`,
  `REPORT RequestId: ${ID}\tDuration: 1e3 ms\tBilled Duration: 1000 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n`,
  `REPORT RequestId: ${ID}\tDuration: 12.34 ms\tDuration: 99 ms\tBilled Duration: 13 ms\n`,
  `REPORT RequestId: ${ID}\tDuration:  ms\tBilled Duration: 13 ms\n`,
  `REPORT RequestId: ${ID} Duration: 12 ms\n`,
  `REPORT RequestId: not-an-id\tDuration: 12 ms\tBilled Duration: 13 ms\n`,
  `REPORT RequestId: ${ID}\tDuration: 123456789012345678901234567 ms\n`,
  'INIT_START Runtime Version: nodejs:20.v13\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:abc\n',
  'INIT_REPORT Init Duration: 10000.15 ms\tPhase: init\tStatus: timeout\n',
  `${ISO}\t${ID}\tINFO\tprocessed order 1234\n`,
  `${ISO}\t${ID}\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"connect ECONNREFUSED 10.0.1.23:6379"}\n`,
  `${ISO}\t${ID}\tWARN\tbad address\n`,
  `${ISO}\t${ID.slice(0, 33)}bad address\tINFO\tx\n`,
  `${ISO}\t${ID.slice(0, 33)}bad\tINFO\t address\n`,
  `${ISO}\t${ID.slice(0, 33)}bad address\n`,
  `5ECONNREFUSED\t${ID}\tINFO\tx\n`,
  `${ISO}\t${ID}\tInfo\tTLS\n`,
  `${ISO}\t${ID}\tERROR\tError 5\n`,
  `${ISO} ${ID} Task timed out after 3.00 seconds\n\n`,
  `${ISO}\t${ID}\tTask timed out after 3.00 seconds\n`,
  `${ID} Task timed out after 3.00 seconds\n`,
  `${ID}\tTask timed out after 3.00 seconds\n`,
  `${ID}é Task timed out after 3.00 seconds\n`,
  `2024-05-14 09:21:07,114 ${ID} INFO something\n`,
  `2024-05-14\t${ID}\tINFO x\n`,
  `20240514T092107Z\t${ID}\tWARN\tx`,
  `${ISO}\t${ID}`,
  `${ISO}\t${ID}\t`,
  `${ISO}\t\t${ID}\tINFO\tx\n`,
  `${ISO}é\t${ID}\tINFO\tx\n`,
  `${ISO}\t${ID}é\tINFO\tx\n`,
  `${ISO}\t${ID}\u2028Task timed out after 3.00 seconds\n`,
  `${'1'.repeat(45)} ${ID} INFO x\n`,
  `10.0.1.5 - - [14/May/2024:09:21:07 +0000] "GET /orders HTTP/1.1" 200 512 "-" "curl/8.0"\n`,
  '200 OK\n',
  `[ERROR]\t${ISO}\t${ID}\tConnection refused\n`,
  `[INFO]\t${ISO}\t${ID}\tFound credentials in environment variables.\n`,
  `{"time":"${ISO}","type":"platform.start","record":{"requestId":"${ID}","version":"$LATEST"}}`,
  `{"time":"${ISO}","type":"platform.report","record":{"requestId":"${ID}","metrics":{"durationMs":12.3,"billedDurationMs":13,"memorySizeMB":128,"maxMemoryUsedMB":70},"status":"success"}}`,
  `{"timestamp":"${ISO}","level":"ERROR","requestId":"${ID}","message":"connect ETIMEDOUT 10.0.3.47:5432"}`,
  '{"level":"info","msg":"listening on :8080"}',
  '{"log":"Error: connect ECONNREFUSED 10.0.3.42:5432","container_id":"abc","ecs_task_arn":"arn:aws:ecs:x"}',
  '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)\n',
  '\tat java.base/sun.nio.ch.Net.connect0(Native Method)\n',
  'Caused by: java.net.ConnectException: Connection refused\n',
  '... 12 more\n',
  'Traceback (most recent call last):\n',
  'During handling of the above exception, another exception occurred:\n',
  'The above exception was the direct cause of the following exception:\n',
  'The last packet successfully received from the server was 10,004 milliseconds ago. The last packet sent successfully to the server was 10,005 milliseconds ago.\n',
  'The last packet sent successfully to the server was 0 milliseconds ago.',
  'Suppressed: java.io.IOException: Broken pipe\n',
  '... 123456789 more',
  '...  12 more',
  'Caused  by: java.net.ConnectException: Connection refused',
  'Traceback (most recent call last)',
  ' ',
  'Done: processed 12 records\n',
  'The order service answered 200\n',
  '',
  '\n',
  '"quoted" \\ backslash\r\n',
  'caf\u00e9 \u65e5\u672c \ud83d\ude00 connect ECONNREFUSED 10.0.0.1:80\n',
  'a\u0000b\u001fc\n',
  'S',
  'START RequestId: ',
];

/** The raw body of the JSON string JSON.stringify writes for `text`, and, when asked, a variant with \u escapes. */
function rawBody(text: string, escapeLetters = false): Uint8Array {
  let json = '';
  for (const ch of text) {
    json +=
      escapeLetters && /[A-Za-z]/.test(ch)
        ? `\\u00${ch.charCodeAt(0).toString(16)}`
        : JSON.stringify(ch).slice(1, -1);
  }
  return Buffer.from(json, 'utf8');
}

function lineOf(text: string): ReturnType<typeof parseLambdaLine> {
  return parseLambdaLine(text);
}

/** Random edits that touch what the raw reader looks at: separators, escapes, non-ASCII, digits. */
function mutations(seedText: string, count: number, seed: number): string[] {
  let state = seed >>> 0;
  const next = (n: number): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
  const pieces = [
    '\t',
    ' ',
    '\n',
    '"',
    '\\',
    'é',
    '0',
    'a',
    'Task timed out after ',
    '\u2028',
    ': ',
    'ms',
    '\r',
  ];
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let t = seedText;
    const edits = 1 + next(3);
    for (let e = 0; e < edits; e++) {
      const at = next(t.length + 1);
      const op = next(3);
      if (op === 0) t = t.slice(0, at) + (pieces[next(pieces.length)] as string) + t.slice(at);
      else if (op === 1) t = t.slice(0, at) + t.slice(at + 1 + next(3));
      else t = t.slice(0, at) + (pieces[next(pieces.length)] as string) + t.slice(at + 1);
    }
    out.push(t);
  }
  return out;
}

function checkLine(text: string): void {
  for (const escapeLetters of [false, true]) {
    const raw = rawBody(text, escapeLetters);
    const escapes = escapesOf(raw, 0, raw.length);
    if (escapeLetters && /[A-Za-z]/.test(text)) assert.equal(escapes, OTHER_ESCAPES);
    const fast = rawLambdaLine(raw, 0, raw.length, escapes);
    if (fast !== null)
      assert.deepEqual(fast, lineOf(text), `rawLambdaLine differs for ${JSON.stringify(text)}`);
    if (escapes !== OTHER_ESCAPES) {
      const peek = latin1Text(raw, 0, raw.length);
      const from = fast?.kind === 'app' ? appBodyStart() : 0;
      const matters = mayMatter(latin1Text(raw, from, raw.length));
      if (!matters) {
        assert.equal(classifyMessage(text), null, `prefilter missed ${JSON.stringify(text)}`);
        assert.equal(isCertificateFailure(text), false, `prefilter missed ${JSON.stringify(text)}`);
      }
      // the trigram look on bytes comes first: it must never say no where the regex says yes
      if (matters)
        assert.ok(mayMatterBytes(raw, from, raw.length), `trigrams missed ${JSON.stringify(text)}`);
      assert.equal(
        rawLineKind(raw, 0, raw.length),
        lineKind(text),
        `rawLineKind differs for ${JSON.stringify(text)}`,
      );
      const kind = raw[0] === 0x5c ? (raw[1] === 0x74 ? 'frame' : 'other') : lineKind(peek);
      assert.equal(kind, lineKind(text), `lineKind differs for ${JSON.stringify(text)}`);
    }
  }
}

describe('byte-level engine: line by line', () => {
  it('reads every Lambda line shape as parseLambdaLine reads the decoded text', () => {
    for (const text of LAMBDA_LINES) checkLine(text);
  });

  it('stays equal under random edits of those lines (separators, escapes, non-ASCII)', () => {
    let seed = 1;
    for (const text of LAMBDA_LINES) for (const m of mutations(text, 60, seed++)) checkLine(m);
  });

  it('tells apart request ids that share a slot of the table of recent ids (same last four bytes)', () => {
    // ids alike but for one digit, ids alike in all but their first part, and near misses in between
    const tail = '-4b5a-4978-8a6b-5c4d3e2f1a0b';
    const ids = ['6f1e2d3c', '6f1e2d3d', '0f1e2d3c', 'ffffffff'].map((head) => head + tail);
    const misses = [`6f1e2d3g${tail}`, `6f1e2d3c${tail.replace('-4978', '_4978')}`, `6F1E2D3C${tail}`];
    const texts: string[] = [];
    for (let round = 0; round < 3; round++)
      for (const id of [...ids, ...misses, ...ids.slice().reverse()]) {
        texts.push(`START RequestId: ${id} Version: $LATEST\n`);
        texts.push(`${ISO}\t${id}\tINFO\tround ${round}\n`);
        texts.push(`END RequestId: ${id}\n`);
      }
    for (const text of texts) checkLine(text);
  });

  it('answers from the bytes for the common lines, so they are never decoded', () => {
    for (const text of LAMBDA_LINES.slice(0, 8)) {
      const raw = rawBody(text);
      assert.notEqual(rawLambdaLine(raw, 0, raw.length, escapesOf(raw, 0, raw.length)), null, text);
    }
  });

  it('reads REPORT values from their bytes as parseFloat reads their text', () => {
    const fixed = [
      '74.56',
      '0.1',
      '.5',
      '5.',
      '.',
      '',
      '007.50',
      '1.2.3',
      '3000',
      '123456789012345',
      '1234567890123456',
      '9007199254740993',
      '0.000000000000001',
      '99999999999999.9',
      '1.7976931348623157',
    ];
    const next = seededRandom(5);
    const random: string[] = [];
    for (let k = 0; k < 50_000; k++) {
      let t = '';
      for (let i = next(23); i > 0; i--) t += next(12) === 0 ? '.' : String(next(10));
      random.push(t);
    }
    for (const text of [...fixed, ...random]) {
      const b = Buffer.from(`x${text}y`, 'latin1');
      assert.ok(Object.is(decimalValue(b, 1, b.length - 1), parseFloat(text)), text);
    }
  });

  it('never lets the prefilter skip a message of the signature tables', () => {
    for (const c of TABLE) checkLine(c.message);
  });
});

/** A filter-log-events export (pretty-printed as the aws CLI writes it) of these messages. */
function exportOf(messages: Array<{ stream: string; message: string }>): string {
  const events = messages.map((m, i) => ({
    logStreamName: m.stream,
    timestamp: 1715678467114 + i * 997,
    message: m.message,
    ingestionTime: 1715678467200 + i * 997,
    eventId: String(37560000000000000000000000000000000000000000000000000000n + BigInt(i)),
  }));
  return JSON.stringify({ events, searchedLogStreams: [] }, null, 4);
}

/**
 * What a decoder gives for `whole` pushed in chunks of `sizes()` bytes, each a fresh copy overwritten after
 * its push (the decoder must keep nothing of a chunk), with messages read raw (onRawEvent) or decoded: the
 * events, then where it stopped and its warnings.
 */
const utf8 = new TextDecoder();

function decodedEvents(
  whole: Buffer,
  options: {
    raw: boolean;
    sizes: () => number;
    maxMessageBytes?: number;
    /** false: without the WebAssembly layout runs (default: with them, where they run) */
    wasm?: boolean;
    split?: { resumeAt?: number; stopAt?: number };
  },
): string[] {
  const seen: string[] = [];
  const decoder = new JsonEventsDecoder({
    ...(options.maxMessageBytes !== undefined ? { maxMessageBytes: options.maxMessageBytes } : {}),
    ...(options.wasm === false ? { wasm: false } : {}),
    ...options.split,
    onEvent: (e) => seen.push(`${e.stream}|${e.timestamp}|${e.message}`),
    ...(options.raw
      ? {
          onRawEvent: (
            ts: number,
            stream: string | undefined,
            bytes: Uint8Array,
            start: number,
            end: number,
          ) =>
            seen.push(
              `${stream}|${ts}|${JSON.parse(`"${utf8.decode(bytes.subarray(start, end))}"`) as string}`,
            ),
        }
      : {}),
  });
  for (let at = options.split?.resumeAt ?? 0; at < whole.length && !decoder.reachedSplit;) {
    const n = Math.min(whole.length - at, options.sizes());
    const chunk = Buffer.from(whole.subarray(at, at + n));
    decoder.push(chunk);
    chunk.fill(0x7b);
    at += n;
  }
  decoder.end();
  seen.push(`stopped: ${decoder.stoppedAt?.message ?? 'no'}${decoder.reachedSplit ? ', at the split' : ''}`);
  for (const w of decoder.warnings) seen.push(`warning: ${w.message}`);
  return seen;
}

async function reportOf(path: string, engine: 'bytes' | 'strings', threads: 1 | 2 = 1): Promise<string> {
  const analyzer = new Analyzer();
  await analyzeInput(analyzer, path, { format: 'auto', threads, engine });
  const report = analyzer.finish() as unknown as Record<string, unknown>;
  delete report['generatedAt'];
  return JSON.stringify(report);
}

describe('byte-level engine: whole reports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netsleuth-raw-'));

  it('gives the report decoding gives, over the signature tables and the Lambda lines', async () => {
    const lambdaStream = '2024/05/14/[$LATEST]0123456789abcdef0123456789abcdef';
    const ecsStream = 'ecs/orders-api/f2ad7dba413f45ddb4d92f7853b78469';
    const messages: Array<{ stream: string; message: string }> = [];
    for (const c of TABLE) messages.push({ stream: ecsStream, message: c.message });
    let seed = 7;
    for (const text of LAMBDA_LINES) {
      messages.push({ stream: lambdaStream, message: text });
      for (const m of mutations(text, 5, seed++)) messages.push({ stream: lambdaStream, message: m });
    }
    const path = join(dir, 'mixed.json');
    writeFileSync(path, exportOf(messages));
    assert.equal(await reportOf(path, 'bytes'), await reportOf(path, 'strings'));
  });

  it('gives the report decoding gives when messages repeat byte for byte (read again from the memo of bytes)', async () => {
    const streams = [
      'ecs/orders-api/f2ad7dba413f45ddb4d92f7853b78469',
      'ecs/orders-api/0b9f3c1a5e7d4c2b8a6f1e3d5c7b9a01',
      '2024/05/14/[$LATEST]0123456789abcdef0123456789abcdef',
    ];
    const repeated = [
      ...TABLE.slice(0, 60).map((c) => c.message),
      ...LAMBDA_LINES.slice(0, 20),
      'Error: connect ECONNREFUSED 10.0.3.42:5432',
      "  code: 'ECONNREFUSED',",
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {',
      'Caused by: java.net.ConnectException: Connection refused (Connection refused)',
      'Traceback (most recent call last):',
      '{"log":"Error: connect ETIMEDOUT 10.0.1.9:6379\\n","container_id":"abc","source":"stderr"}',
      'caf\u00e9 "quoted"\ttab: connect ETIMEDOUT 10.0.2.2:443',
    ];
    const messages: Array<{ stream: string; message: string }> = [];
    for (let round = 0; round < 3; round++)
      for (const [i, message] of repeated.entries())
        messages.push({ stream: streams[(i + round) % streams.length] as string, message });
    const path = join(dir, 'repeated.json');
    writeFileSync(path, exportOf(messages));
    const strings = await reportOf(path, 'strings');
    assert.equal(await reportOf(path, 'bytes'), strings);
    assert.equal(await reportOf(path, 'bytes'), strings, 'read again, every verdict from the memo');
  });

  it('gives the report decoding gives on every sample export', async () => {
    const samples = (readdirSync(SAMPLES, { recursive: true }) as string[]).filter((f) =>
      /\.json(\.gz)?$/.test(f),
    );
    assert.ok(samples.length > 0);
    for (const f of samples) {
      const path = join(SAMPLES, f);
      const strings = await reportOf(path, 'strings').catch((e: Error) => `error: ${e.message}`);
      const bytes = await reportOf(path, 'bytes').catch((e: Error) => `error: ${e.message}`);
      assert.equal(bytes, strings, f);
    }
  });

  it('gives the same events when the caller refills one buffer for every chunk (nothing kept is a view)', () => {
    const messages = [];
    for (let i = 0; i < 300; i++) {
      messages.push({
        stream: `ecs/orders-api/${(i % 7).toString(16).padStart(32, 'a')}`,
        message:
          i % 3 === 0 ? `connect ECONNREFUSED 10.0.0.${i % 250}:5432\n` : `GET /orders/${i} 200 "ok"\n`,
      });
    }
    const whole = Buffer.from(exportOf(messages));
    const collect = (feed: (decoder: JsonEventsDecoder) => void): string[] => {
      const seen: string[] = [];
      const decoder = new JsonEventsDecoder({
        onEvent: (e) => seen.push(`${e.stream}|${e.timestamp}|${e.message}`),
        onRawEvent: (ts, stream, bytes, start, end) =>
          seen.push(`${stream}|${ts}|${JSON.parse(`"${latin1Text(bytes, start, end)}"`) as string}`),
      });
      feed(decoder);
      decoder.end();
      return seen;
    };
    const expected = collect((d) => d.push(whole));
    assert.equal(expected.length, 300);
    for (const size of [97, 1000, 4096]) {
      const reused = Buffer.alloc(size);
      const got = collect((d) => {
        for (let at = 0; at < whole.length; at += size) {
          const n = whole.copy(reused, 0, at, Math.min(whole.length, at + size));
          d.push(n === size ? reused : reused.subarray(0, n));
          reused.fill(0x7b); // scribble over what was pushed: the decoder must not read it again
        }
      });
      assert.deepEqual(got, expected, `chunks of ${size}`);
    }
  });

  it('gives the same events for large chunks whatever the carried token (shorter or longer than the part of a chunk it is joined to)', () => {
    const messages = [];
    for (let i = 0; i < 400; i++) {
      // mostly short lines, some of 40-200 KiB (a carry longer than 64 KiB, or one not ending early in the chunk)
      const long = i % 37 === 5 ? 'x'.repeat(40_000 + ((i * 7919) % 160_000)) : '';
      messages.push({
        stream: `2024/05/14/[$LATEST]${(i % 5).toString(16).padStart(32, 'c')}`,
        message: `${ISO}\t${ID}\tERROR\tconnect ECONNREFUSED 10.0.0.${i % 250}:5432 ${long}"q"\n`,
      });
    }
    const whole = Buffer.from(exportOf(messages));
    const collect = (raw: boolean, sizes: () => number): string[] => decodedEvents(whole, { raw, sizes });
    const expected = collect(false, () => whole.length);
    assert.equal(expected.length, 401);
    assert.equal(expected[400], 'stopped: no');
    const random = seededRandom(7);
    for (let run = 0; run < 6; run++) {
      const sizes = (): number => 130_000 + random(400_000);
      assert.deepEqual(collect(run % 2 === 0, sizes), expected, `run ${run}`);
    }
  });

  it('finds the end of strings with escapes at every offset around the word-wise search (first 128 bytes)', () => {
    // escapes whose second byte is a quote or a backslash, and ends right after an escaped backslash
    const escapes = ['\\"', '\\\\', '\\n', '\\u0041', '\\\\\\"'];
    const events: string[] = [];
    let i = 0;
    for (const escape of escapes)
      for (let at = 0; at <= 140; at++) {
        const body = `${'x'.repeat(at)}${escape}${'y'.repeat(i % 7)}`;
        const tail = i % 3 === 0 ? '\\\\' : '';
        events.push(
          `{\n    "logStreamName": "s/${i % 4}",\n    "timestamp": ${1715678467114 + i},\n    "message": "${body}${tail}",\n    "ingestionTime": 1715678467200,\n    "eventId": "${String(1e15 + i)}"\n}`,
        );
        i++;
      }
    const whole = Buffer.from(`{"events": [${events.join(', ')}]}`);
    const messages = (JSON.parse(whole.toString()) as { events: Array<{ message: string }> }).events;
    const expected = decodedEvents(whole, { raw: false, sizes: () => whole.length });
    assert.equal(expected.length, messages.length + 1);
    messages.forEach((m, k) => assert.ok(expected[k]?.endsWith(`|${m.message}`), `event ${k}`));
    const random = seededRandom(11);
    for (const raw of [true, false])
      for (const sizes of [() => whole.length, () => 1 + random(300), () => 4093])
        assert.deepEqual(decodedEvents(whole, { raw, sizes }), expected);
  });

  it('tells apart stream names whose eight-byte words read as +0 and -0 (compared as doubles elsewhere)', () => {
    // not valid JSON (raw control bytes), but read leniently: one name holds eight zero bytes where the
    // other holds seven and 0x80, the sign bit of a double
    const names = [`ecs/api/${'\x00'.repeat(8)}tail1234`, `ecs/api/${'\x00'.repeat(7)}\x80tail1234`];
    const event = (i: number) =>
      `{\n    "logStreamName": "${names[i % 2]}",\n    "timestamp": ${1715678467114 + i},\n    "message": "m${i}",\n    "ingestionTime": 1715678467200,\n    "eventId": "${1e15 + i}"\n}`;
    const whole = Buffer.from(
      `{"events": [${Array.from({ length: 12 }, (_, i) => event(i)).join(', ')}]}`,
      'latin1',
    );
    for (const raw of [true, false]) {
      const streams = decodedEvents(whole, { raw, sizes: () => whole.length })
        .slice(0, -1)
        .map((e) => e.split('|')[0]);
      assert.equal(streams.length, 12);
      streams.forEach((stream, i) => assert.equal(stream, streams[i % 2], `event ${i}`));
      assert.notEqual(streams[0], streams[1]);
    }
  });

  it('gives the same events when the layout of the event objects changes from one event to the next', () => {
    const ev = (i: number): Record<string, unknown> => ({
      logStreamName: `ecs/orders-api/${(i % 3).toString(16).padStart(32, 'e')}`,
      timestamp: 1715678467114 + i,
      message: `line ${i} connect ECONNREFUSED 10.0.0.${i % 250}:5432`,
      ingestionTime: 1715678467200 + i,
      eventId: String(37560000000000000000000000000000000000000000000000000000n + BigInt(i)),
    });
    const variants: Array<(i: number) => string> = [
      (i) => JSON.stringify(ev(i), null, 4),
      (i) => JSON.stringify(ev(i)),
      (i) => JSON.stringify(ev(i), null, 2),
      // keys in another order, the timestamp as a string
      (i) => {
        const e = ev(i);
        return JSON.stringify({
          message: e['message'],
          timestamp: String(e['timestamp']),
          logStreamName: e['logStreamName'],
        });
      },
      // an extra key, a nested value, a longer stream name
      (i) => JSON.stringify({ ...ev(i), extra: { a: [1, 2] }, logStreamName: `ecs/orders-api/x${i}` }),
      // the message twice (the last one counts), escapes in it
      (i) => JSON.stringify(ev(i)).replace('"message":', `"message":"first \\"q\\" ${i}","message":`),
      // a stream name with an escape, whitespace inside the separators
      (i) => JSON.stringify({ ...ev(i), logStreamName: 'ecs/a\\/b' }).replace(/,/g, ' ,\t'),
      // a FireLens record (its log field)
      (i) => JSON.stringify({ ...ev(i), log: `from the log field ${i}` }),
      // no message at all, then a scalar message
      (i) => JSON.stringify({ timestamp: 1715678467114 + i, logStreamName: 's' }),
      (i) => JSON.stringify({ ...ev(i), message: 42 }),
      // the stream name of the event before, and more
      (i) => JSON.stringify({ ...ev(i), logStreamName: `${ev(i - 1)['logStreamName'] as string}-x` }),
    ];
    const next = seededRandom(11);
    const objects: string[] = [];
    for (let i = 0; i < 600; i++) {
      // runs of one layout (so it is learnt), broken by others
      const v = next(4) === 0 ? next(variants.length) : Math.floor(i / 50) % 3;
      objects.push((variants[v] as (i: number) => string)(i));
    }
    const whole = Buffer.from(`{\n    "events": [\n        ${objects.join(',\n        ')}\n    ]\n}\n`);
    const collect = (raw: boolean, size: number): string[] =>
      decodedEvents(whole, { raw, sizes: () => size });
    const expected = collect(false, whole.length);
    assert.ok(expected.length > 500, `${expected.length} events`);
    assert.equal(expected.at(-1), 'stopped: no');
    for (const size of [whole.length, 1 << 16, 4093, 333]) {
      assert.deepEqual(collect(true, size), expected, `chunks of ${size}`);
    }
  });

  it('reads numbers of any length wherever a chunk ends, and a value over the cap as decoding does', () => {
    const objects: string[] = [];
    for (let i = 0; i < 3000; i++) {
      objects.push(
        `{"timestamp":${1715678467114 + i},"message":"line ${i} ${'x'.repeat(i % 50)}","n":${'9'.repeat(40 + (i % 90))}}`,
      );
    }
    const numbers = Buffer.from(`{"events":[${objects.join(',')}]}`);
    const capped = Buffer.from(
      JSON.stringify({
        events: [
          { logStreamName: 's'.repeat(200), timestamp: 1715678467114, message: 'a' },
          { logStreamName: 'ecs/x', timestamp: `2024-05-14T09:21:07.114Z${' '.repeat(100)}`, message: 'b' },
          { logStreamName: 'ecs/x', timestamp: 1715678467115, message: 'c'.repeat(300) },
        ],
      }),
    );
    const collect = (whole: Buffer, raw: boolean, sizes: () => number, maxMessageBytes?: number): string[] =>
      decodedEvents(whole, { raw, sizes, ...(maxMessageBytes !== undefined ? { maxMessageBytes } : {}) });
    const expected = collect(numbers, false, () => numbers.length);
    assert.equal(expected.length, 3001);
    assert.equal(expected[3000], 'stopped: no');
    const random = seededRandom(3);
    for (let run = 0; run < 8; run++) {
      // large chunks (a carried token joined to the start of the next) and small ones (numbers cut anywhere)
      const sizes = run < 4 ? () => 130_000 + random(400_000) : () => 1 + random(300);
      assert.deepEqual(collect(numbers, run % 2 === 0, sizes), expected, `run ${run}`);
    }
    for (const max of [undefined, 64]) {
      const want = collect(capped, false, () => capped.length, max);
      assert.ok(want.some((l) => l.startsWith('warning:')) === (max === 64), want.join('\n'));
      for (const size of [capped.length, 7])
        assert.deepEqual(
          collect(capped, true, () => size, max),
          want,
        );
    }
  });

  it('keeps an event cut across chunks whole (its message is decoded before the chunk goes)', () => {
    const text = exportOf([
      { stream: 's1', message: 'connect ECONNREFUSED 10.0.0.1:5432\n' },
      { stream: 's2', message: `${ISO}\t${ID}\tINFO\tok\n` },
    ]);
    const whole = Buffer.from(text);
    for (let cut = 1; cut < whole.length; cut += 7) {
      const seen: string[] = [];
      const decoder = new JsonEventsDecoder({
        onEvent: (e) => seen.push(`${e.stream}|${e.timestamp}|${e.message}`),
        onRawEvent: (ts, stream, bytes, start, end) =>
          seen.push(`${stream}|${ts}|${JSON.parse(`"${latin1Text(bytes, start, end)}"`) as string}`),
      });
      decoder.push(Buffer.from(whole.subarray(0, cut)));
      decoder.push(Buffer.from(whole.subarray(cut)));
      decoder.end();
      assert.deepEqual(seen, [
        `s1|1715678467114|connect ECONNREFUSED 10.0.0.1:5432\n`,
        `s2|${1715678467114 + 997}|${ISO}\t${ID}\tINFO\tok\n`,
      ]);
    }
  });

  it('gives the report decoding gives on generated exports, pretty-printed and minified, on one thread and two', async () => {
    const cli = (args: string[]): string => {
      const r = runCli(['analyze', '--format', 'json', ...args]);
      assert.equal(r.status, 0, r.stderr);
      const { generatedAt: _, ...report } = JSON.parse(r.stdout) as Record<string, unknown>;
      return JSON.stringify(report);
    };
    for (const kind of ['lambda', 'ecs'] as const) {
      const pretty = join(dir, `${kind}.json`);
      await generate({ kind, outFile: pretty, sizeMb: 3, seed: 23 });
      const minified = join(dir, `${kind}.min.json`);
      writeFileSync(minified, JSON.stringify(JSON.parse(readFileSync(pretty, 'utf8'))));
      for (const file of [pretty, minified]) {
        const expected = cli(['--decode', 'strings', '--threads', '1', file]);
        assert.equal(cli(['--decode', 'bytes', '--threads', '1', file]), expected, `${kind} ${file}`);
        assert.equal(
          cli(['--decode', 'bytes', '--threads', '2', file]),
          expected,
          `${kind} ${file}, two threads`,
        );
      }
    }
  });
});

describe('byte-level engine: WebAssembly layout runs', () => {
  /** Events of many layouts and values, in runs long enough for each layout to be learnt. */
  function mixedExport(count: number, seed: number): Buffer {
    const random = seededRandom(seed);
    const streams = [
      '2024/05/14/[$LATEST]0123456789abcdef0123456789abcdef',
      'ecs/orders-api/f2ad7dba413f45ddb4d92f7853b78469',
      'ecs/orders-api/f2ad7dba413f45ddb4d92f7853b7846a', // differs from the one before in its last byte
      'ecs/a\\/b',
    ];
    const messages = [
      `${ISO}\t${ID}\tINFO\tprocessed order 1234\n`,
      'connect ECONNREFUSED 10.0.0.1:5432',
      'quotes \\"inside\\" and a backslash \\\\ at the end \\\\',
      `unicode é ü 漢字 \\u00e9 ${'x'.repeat(200)}`,
      '',
      'y'.repeat(3000),
    ];
    const ev = (i: number): Record<string, unknown> => ({
      logStreamName: streams[random(4) === 0 ? random(streams.length) : Math.floor(i / 7) % 2],
      timestamp: 1715678467114 + i,
      message: `${messages[random(messages.length)]} #${i}`,
      ingestionTime: 1715678467200 + i,
      eventId: String(37560000000000000000000000000000000000000000000000000000n + BigInt(i)),
    });
    const variants: Array<(i: number) => string> = [
      (i) => JSON.stringify(ev(i), null, 4),
      (i) => JSON.stringify(ev(i)),
      (i) => JSON.stringify({ ...ev(i), timestamp: 1715678467.114 + i }), // a fraction: deferred
      (i) => JSON.stringify({ ...ev(i), timestamp: String(1715678467114 + i) }), // a string time
      (i) => JSON.stringify({ ...ev(i), ingestionTime: null }),
      (i) => JSON.stringify(ev(i)).replace('"ingestionTime":', '"ingestionTime":1234567890123456'), // over 15 digits
      (i) => JSON.stringify({ ...ev(i), note: 'z'.repeat(500) }), // an unknown key: not capped
      (i) => JSON.stringify({ ...ev(i), value: 'v'.repeat(500) }), // a known key: capped
      (i) => JSON.stringify({ timestamp: 1715678467114 + i, message: `no stream ${i}` }),
      (i) => JSON.stringify({ ...ev(i), ingestionTime: -i }), // a sign: deferred
    ];
    const objects: string[] = [];
    let v = 0;
    for (let i = 0; i < count; i++) {
      if (random(40) === 0) v = random(variants.length);
      objects.push((variants[random(30) === 0 ? random(variants.length) : v] as (i: number) => string)(i));
    }
    return Buffer.from(`{\n    "events": [\n        ${objects.join(',\n        ')}\n    ]\n}\n`);
  }

  const sizesOf = (whole: Buffer, seed: number): Array<[string, () => number]> => {
    const random = seededRandom(seed);
    return [
      ['one chunk', () => whole.length],
      ['64 KiB', () => 1 << 16],
      ['4093 bytes', () => 4093],
      ['1-300 bytes', () => 1 + random(300)],
      ['100-400 KiB', () => 100_000 + random(300_000)],
    ];
  };

  it('run here (Node.js has WebAssembly with SIMD)', () => {
    assert.ok(layoutRunner(), 'the layout runner did not load');
  });

  it('give the events that reading each event in JavaScript gives, for any layout, value and chunking', () => {
    for (const seed of [1, 2, 3]) {
      const whole = mixedExport(1500, seed);
      const expected = decodedEvents(whole, { raw: false, sizes: () => whole.length });
      assert.ok(expected.length > 1400, `${expected.length} events: ${expected.slice(-3).join(' / ')}`);
      for (const [name, sizes] of sizesOf(whole, seed)) {
        const runner = layoutRunner();
        const before = runner?.eventsRead ?? 0;
        const js = decodedEvents(whole, { raw: true, sizes, wasm: false });
        assert.equal(runner?.eventsRead, before, 'wasm: false reads without the runner');
        const wasm = decodedEvents(whole, { raw: true, sizes });
        // most events come in runs of one layout: the runner reads them (at chunk ends JavaScript does)
        assert.ok((runner?.eventsRead ?? 0) - before > (name === '1-300 bytes' ? 0 : 500), name);
        assert.deepEqual(js, expected, `without WebAssembly, seed ${seed}, ${name}`);
        assert.deepEqual(wasm, expected, `with WebAssembly, seed ${seed}, ${name}`);
      }
      for (const maxMessageBytes of [64, 2000]) {
        const capped = decodedEvents(whole, { raw: false, sizes: () => whole.length, maxMessageBytes });
        assert.deepEqual(decodedEvents(whole, { raw: true, sizes: () => 4093, maxMessageBytes }), capped);
      }
    }
  });

  it('read integers of every length and stream names of every length as JavaScript does', () => {
    // times of 1 to 17 digits (the runs read up to 15 and leave longer ones to JavaScript), sometimes a
    // lone zero; stream names of 0 to 40 bytes that differ from one another at any single byte
    const random = seededRandom(11);
    const digits = (count: number) => {
      let text = String(1 + random(9));
      while (text.length < count) text += String(random(10));
      return random(50) === 0 ? '0' : text;
    };
    const base = 'ecs/orders-api/0123456789abcdef0123456789';
    const streams: string[] = [];
    for (let length = 0; length <= 40; length += 1 + random(4)) {
      const name = base.slice(0, length);
      streams.push(name);
      if (length > 0) {
        const at = random(length);
        streams.push(`${name.slice(0, at)}#${name.slice(at + 1)}`);
      }
    }
    const objects: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const stream = streams[Math.floor(i / 3) % streams.length] as string;
      objects.push(
        `{\n            "logStreamName": "${stream}",\n            "timestamp": ${digits(1 + random(17))},` +
          `\n            "message": "line ${i}",\n            "ingestionTime": ${digits(1 + random(17))},` +
          `\n            "eventId": "${i}"\n        }`,
      );
    }
    const whole = Buffer.from(`{\n    "events": [\n        ${objects.join(',\n        ')}\n    ]\n}\n`);
    const expected = decodedEvents(whole, { raw: false, sizes: () => whole.length });
    assert.equal(expected.length, 3001);
    for (const size of [whole.length, 4093, 257]) {
      const runner = layoutRunner();
      const before = runner?.eventsRead ?? 0;
      assert.deepEqual(decodedEvents(whole, { raw: true, sizes: () => size }), expected, `chunks of ${size}`);
      if (size === whole.length) assert.ok((runner?.eventsRead ?? 0) - before > 1000, 'read by the runner');
    }
  });

  it('stop at a split point and start after it as reading in JavaScript does', () => {
    const whole = Buffer.from(
      exportOf(
        Array.from({ length: 400 }, (_, i) => ({
          stream: `ecs/orders-api/${(i % 3).toString(16).padStart(32, 'a')}`,
          message: i % 5 === 0 ? `connect ECONNREFUSED 10.0.0.${i}:5432` : `GET /orders/${i} 200`,
        })),
      ),
    );
    const starts: number[] = [];
    for (let at = whole.indexOf('\n        {'); at !== -1; at = whole.indexOf('\n        {', at + 1))
      starts.push(at + 9);
    assert.equal(starts.length, 400);
    const all = decodedEvents(whole, { raw: false, sizes: () => whole.length });
    for (const k of [1, 57, 200, 399]) {
      const cut = starts[k] as number;
      for (const size of [whole.length, 4093, 331]) {
        for (const wasm of [true, false]) {
          const first = decodedEvents(whole, { raw: true, wasm, sizes: () => size, split: { stopAt: cut } });
          const second = decodedEvents(whole, {
            raw: true,
            wasm,
            sizes: () => size,
            split: { resumeAt: cut },
          });
          assert.deepEqual(first.slice(0, -1), all.slice(0, k), `first part, cut at event ${k}, ${wasm}`);
          assert.equal(first.at(-1), 'stopped: no, at the split');
          assert.deepEqual(second, all.slice(k), `second part, cut at event ${k}, ${size}, ${wasm}`);
        }
      }
      // a split point that is no event boundary: the part reads on to the end, either way
      const inside = cut + 20;
      assert.deepEqual(
        decodedEvents(whole, { raw: true, sizes: () => 4093, split: { stopAt: inside } }),
        decodedEvents(whole, { raw: true, wasm: false, sizes: () => 4093, split: { stopAt: inside } }),
      );
    }
  });

  it('read a buffer larger than their window a window at a time (memory stays small), whatever the cuts', () => {
    // 24 MiB in one push, events of every size up to 1.5 MiB (some cut by a window's end, some longer
    // than half a window), runs of two layouts
    const random = seededRandom(5);
    const objects: string[] = [];
    let bytes = 0;
    for (let i = 0; bytes < 24 << 20; i++) {
      const size = random(50) === 0 ? 200_000 + random(1_300_000) : random(400);
      const event = {
        logStreamName: `ecs/orders-api/${(i % 3).toString(16).padStart(32, 'b')}`,
        timestamp: 1715678467114 + i,
        message: `line ${i} ${'m'.repeat(size)} connect ECONNREFUSED 10.0.0.${i % 250}:5432`,
        ingestionTime: 1715678467200 + i,
        eventId: String(37560000000000000000000000000000000000000000000000000000n + BigInt(i)),
      };
      const text = Math.floor(i / 500) % 2 === 0 ? JSON.stringify(event, null, 4) : JSON.stringify(event);
      objects.push(text);
      bytes += text.length;
    }
    const whole = Buffer.from(`{\n    "events": [\n        ${objects.join(',\n        ')}\n    ]\n}\n`);
    const runner = layoutRunner();
    const before = runner?.eventsRead ?? 0;
    const options = { raw: true, sizes: () => whole.length, maxMessageBytes: 2 << 20 };
    const wasm = decodedEvents(whole, options);
    assert.ok((runner?.eventsRead ?? 0) - before > objects.length * 0.9, 'read by the runner');
    assert.ok((runner?.memoryBytes ?? 0) < 16 << 20, `${runner?.memoryBytes} bytes of memory`);
    assert.deepEqual(wasm, decodedEvents(whole, { ...options, wasm: false }));
    assert.equal(wasm.length, objects.length + 1);
  });

  it('share one runner between decoders that read in turns (each reloads its buffer and layout)', () => {
    const a = Buffer.from(exportOf([...Array(300)].map((_, i) => ({ stream: 's/a', message: `a ${i}` }))));
    const b = Buffer.from(
      JSON.stringify({
        events: [...Array(300)].map((_, i) => ({ timestamp: 1715678467114 + i, message: `b ${i}` })),
      }),
    );
    const alone = [a, b].map((whole) => decodedEvents(whole, { raw: true, wasm: false, sizes: () => 997 }));
    const seen: string[][] = [[], []];
    const decoders = [0, 1].map(
      (k) =>
        new JsonEventsDecoder({
          onEvent: (e) => seen[k]?.push(`${e.stream}|${e.timestamp}|${e.message}`),
          onRawEvent: (ts, stream, bytes, start, end) =>
            seen[k]?.push(`${stream}|${ts}|${JSON.parse(`"${latin1Text(bytes, start, end)}"`) as string}`),
        }),
    );
    for (let at = 0; at < Math.max(a.length, b.length); at += 997)
      [a, b].forEach((whole, k) => {
        if (at < whole.length) decoders[k]?.push(Buffer.from(whole.subarray(at, at + 997)));
      });
    decoders.forEach((d, k) => {
      d.end();
      seen[k]?.push(`stopped: ${d.stoppedAt?.message ?? 'no'}`);
    });
    assert.deepEqual(seen, alone);
  });

  it('are the build of their C source (checked where clang and wasm-ld are installed, as in CI)', (t) => {
    const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
    if (!has('clang') || !has('wasm-ld')) {
      t.skip('clang or wasm-ld not installed');
      return;
    }
    const r = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});

describe('byte-level engine: the WebAssembly first read of each message', () => {
  const KINDS = ['unknown', 'start', 'end', 'report', 'init', 'timeout', 'app', 'other'];

  /** Every message of `bodies` (raw JSON string bodies) in one export, read by the runner with records. */
  function checkRecords(bodies: Uint8Array[]): { records: number; events: number } {
    const stream = '2024/05/14/[$LATEST]0123456789abcdef0123456789abcdef';
    const parts = bodies.map(
      (body, i) =>
        `        {\n            "logStreamName": "${stream}",\n            "timestamp": ${1715678467114 + i},\n            "message": "${Buffer.from(body).toString('latin1')}",\n            "ingestionTime": 1715678467200,\n            "eventId": "${37560000000000000000000000000n + BigInt(i)}"\n        }`,
    );
    const whole = Buffer.from(`{\n    "events": [\n${parts.join(',\n')}\n    ]\n}\n`, 'latin1');
    let records = 0;
    let events = 0;
    const onRaw: RawEventHandler = () => events++;
    onRaw.trigramBits = MAY_MATTER_BYTES.bitSet;
    const check = (bytes: Uint8Array, start: number, end: number, runner: LayoutRunner, index: number) => {
      events++;
      records++;
      const r = index * RECORD_INTS;
      const got = runner.records;
      const text = JSON.stringify(latin1Text(bytes, start, end));
      const escapes = escapesOf(bytes, start, end);
      assert.equal(got[r + 6], escapes, `escapes of ${text}`);
      const line = rawLambdaLine(bytes, start, end, escapes);
      const kind = KINDS[got[r + 7] as number];
      if (line === null) {
        // a JSON log line that names no Lambda record, request id or FireLens field, and that the
        // prefilter stops, is a plain line (addRaw); the analyser reads any other
        const body = latin1Text(bytes, start, end);
        const plainJson =
          escapes !== OTHER_ESCAPES &&
          bytes[start] === 0x7b &&
          !body.includes('platform.') &&
          !body.includes('requestId') &&
          !body.includes('log\\":') &&
          !mayMatterBytes(bytes, start, end);
        assert.equal(kind, plainJson ? 'other' : 'unknown', `line of ${text}`);
        if (plainJson) assert.equal(got[r + 11], 0, `flags of ${text}`);
        return;
      }
      if (kind === 'unknown') {
        // the C defers where the TypeScript reads a REPORT value with parseFloat: only there
        assert.equal(line.kind, 'report', `line of ${text}`);
        return;
      }
      assert.equal(kind, line.kind, `line of ${text}`);
      if (kind === 'init' || kind === 'other') assert.equal(got[r + 8], -1, text);
      else assert.equal(runner.requestIdOf(bytes, index), line.requestId, `request id of ${text}`);
      if (line.report) {
        const m = runner.metrics;
        const at = index * RECORD_METRICS;
        assert.deepEqual(
          {
            durationMs: m[at],
            billedMs: m[at + 1],
            memoryMB: m[at + 2],
            maxMemoryMB: m[at + 3],
            initMs: m[at + 4],
            timedOut: ((got[r + 11] as number) & FLAG_TIMED_OUT) !== 0,
          },
          line.report,
          `metrics of ${text}`,
        );
      }
      if (kind === 'app' || kind === 'other') {
        const from = kind === 'app' ? appBodyStart() : start;
        assert.equal(got[r + 10], from, `body start of ${text}`);
        assert.equal(
          ((got[r + 11] as number) & FLAG_MAY_MATTER) !== 0,
          mayMatterBytes(bytes, from, end),
          `prefilter on ${text}`,
        );
      }
    };
    onRaw.record = (_ts, _stream, bytes, start, end, runner, index) => {
      check(bytes, start, end, runner, index);
      return false;
    };
    const decoder = new JsonEventsDecoder({ onEvent: () => events++, onRawEvent: onRaw });
    for (let at = 0; at < whole.length; at += 65536)
      decoder.push(Buffer.from(whole.subarray(at, at + 65536)));
    decoder.end();
    assert.equal(events, bodies.length);
    return { records, events };
  }

  it('answers as escapesOf, rawLambdaLine and the trigram prefilter do, for every line shape and random edits of them', () => {
    const texts: string[] = [...LAMBDA_LINES];
    let seed = 1;
    for (const text of LAMBDA_LINES) texts.push(...mutations(text, 60, seed++));
    for (const c of TABLE) texts.push(c.message);
    // JSON log lines: plain, with each marker, and with words the prefilter lets through
    texts.push(
      '{"level":"info","msg":"request served","path":"/orders/7","latency_ms":12}',
      '{"level":"info","msg":"platform.x"}',
      '{"requestId":"abc","msg":"ok"}',
      '{"log":"GET / 200","container_id":"abc"}',
      '{"level":"error","msg":"connect ECONNREFUSED 10.0.0.1:5432"}',
      '{"level":"info","msg":"TLS handshake done"}',
      '{}',
      '{',
    );
    // REPORT fields near the shapes the byte reader accepts
    for (const fields of [
      'Duration:12.3 ms',
      'Duration: 12.3ms',
      'Duration: 12.3 MB\tBilled Duration: 13 ms',
      'Duration: 12.3 kB',
      'Duration: 1.2.3 ms',
      'Duration: 1234567890123456 ms',
      'Duration: 123456789012345 ms',
      'Duration: . ms',
      'Duration:  ms',
      'Unknown Field: 1 ms',
      'Duration: 1 ms\tDuration: 2 ms',
      'Status: timeout',
      'Status: timeoutx',
      'Status: Timeout',
      'Status: error\tError Type: Runtime.ExitError',
      'Max Memory Used: 70 MB\tInit Duration: 0.5 ms\t\n\n',
      'Max Memory Used: 70 MB\t\nx',
    ])
      texts.push(`REPORT RequestId: ${ID}\t${fields.replace(/\\t/g, '\t').replace(/\\n/g, '\n')}`);
    const bodies = texts.flatMap((t) => [rawBody(t), rawBody(t, true)]);
    const { records, events } = checkRecords(bodies);
    assert.ok(records > events * 0.9, `${records} of ${events} events read by the runner`);
  });

  it('finds the end and the escapes of a message with escapes at every place of a sixteen-byte block', () => {
    // raw bodies (already JSON-escaped): one or two escapes after 0-40 bytes, ending anywhere, an escaped
    // backslash or quote right before the closing quote
    const escapes = ['\\n', '\\t', '\\"', '\\\\', '\\u0041', '\\/', '\\\\\\"', '\\t\\n'];
    const bodies: Uint8Array[] = [];
    for (let before = 0; before <= 40; before++)
      for (const escape of escapes)
        for (const after of [0, 1, before % 17]) {
          bodies.push(Buffer.from(`${'x'.repeat(before)}${escape}${'y'.repeat(after)}`, 'latin1'));
          bodies.push(Buffer.from(`${'x'.repeat(before)}${escape}${'y'.repeat(after)}${escape}`, 'latin1'));
        }
    const { records, events } = checkRecords(bodies);
    assert.equal(events, bodies.length);
    assert.ok(records > events * 0.9, `${records} of ${events} events read by the runner`);
  });

  it('finds a Lambda or FireLens key in a JSON line at every place of the sixteen-byte search and of the bytes after it', () => {
    // the C looks at sixteen places at a time for a marker's first byte and a later one (`p` and `.`,
    // `r` and `d`, `l` and `:`), up to 24 bytes before the end, then byte by byte: each marker and near
    // misses of it, after 0-40 bytes and before 0-30, amid bytes that begin markers
    const markers = ['platform.', 'requestId', 'log":'];
    const decoys = [
      'platformX',
      'platfor.',
      'pl.tform.',
      'requestIx',
      'requestI',
      'rd',
      'log:',
      'lo":',
      'l":',
    ];
    const texts: string[] = [];
    for (let before = 0; before <= 40; before++)
      for (const after of [0, 1, 7, 8, 15, 16, 23, 24, 30]) {
        const pad = (n: number, from: number) => 'prl.d:x'.repeat(8).slice(from % 7, (from % 7) + n);
        for (const word of [...markers, ...decoys])
          texts.push(`{${pad(before, before)}${word}${pad(after, after)}}`);
      }
    const bodies = texts.map((t) => rawBody(t));
    // none of them passes the trigram prefilter: the key alone decides whether the line is a plain one
    for (const body of bodies)
      assert.equal(mayMatterBytes(body, 0, body.length), false, latin1Text(body, 0, body.length));
    const { records, events } = checkRecords(bodies);
    assert.equal(events, bodies.length);
    assert.ok(records > events * 0.9, `${records} of ${events} events read by the runner`);
  });

  it('knows a request id by each of its 36 bytes: hex digits of either case, dashes in their four places', () => {
    // every byte next to the ranges 0-9, A-F, a-f (and the dash) at every place of an id, in the lines
    // that name one: the C checks sixteen bytes at a time
    const id = '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
    const bytes = ['/', '0', '9', ':', '@', 'A', 'F', 'G', '`', 'a', 'f', 'g', '-', ' ', 'p', 'P', '\u00c1'];
    const texts: string[] = [];
    for (let at = 0; at < 36; at++)
      for (const c of bytes) {
        const edited = id.slice(0, at) + c + id.slice(at + 1);
        texts.push(
          `START RequestId: ${edited} Version: $LATEST\n`,
          `${ISO}\t${edited}\tINFO\tat ${at}\n`,
          `${edited}\tTask timed out after 3.00 seconds\n`,
        );
      }
    const { records, events } = checkRecords(texts.map((t) => rawBody(t)));
    assert.equal(events, texts.length);
    assert.ok(records > events * 0.9, `${records} of ${events} events read by the runner`);
  });

  it('gives the text of each request id when ids take turns in one slot of its table', () => {
    const tail = '-4b5a-4978-8a6b-5c4d3e2f1a0b';
    const ids = ['6f1e2d3c', '6f1e2d3d', '0f1e2d3c', 'ffffffff'].map((head) => head + tail);
    // ids that differ only in their last four bytes and still share a slot (0a0b and 006f hash alike), and
    // the same 32 bytes before a tail that is no hex
    const head = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f';
    ids.push(`${head}0a0b`, `${head}006f`, `${head}ggju`, `${head}0a0b`);
    const texts: string[] = [];
    for (let round = 0; round < 5; round++)
      for (const id of [...ids, ...ids.slice().reverse(), ids[round % 4] as string]) {
        texts.push(`START RequestId: ${id} Version: $LATEST\n`);
        texts.push(`${ISO}\t${id}\tINFO\tround ${round}\n`);
        texts.push(`REPORT RequestId: ${id}\tDuration: 1.5 ms\tBilled Duration: 2 ms\t\n`);
      }
    checkRecords(texts.map((t) => rawBody(t)));
    // and the reports: invocations, billed time and timeouts by request id, with and without WebAssembly
    const report = (wasm: boolean): string => {
      const analyzer = new Analyzer();
      const input = analyzer.openInput('ids');
      const onRaw = analyzer.rawEvents(input);
      const decoder = new JsonEventsDecoder({
        onEvent: (e) => analyzer.addEvent(input, e),
        onRawEvent: onRaw,
        wasm,
      });
      const lines = [`START RequestId: ${head}0a0b Version: $LATEST\n`];
      for (const id of [`${head}006f`, `${head}0a0b`])
        lines.push(
          `START RequestId: ${id} Version: $LATEST\n`,
          `${ISO}\t${id}\tERROR\tconnect ECONNREFUSED 10.0.0.1:5432\n`,
          `${ISO} ${id} Task timed out after 3.00 seconds\n\n`,
          `REPORT RequestId: ${id}\tDuration: 3000.1 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tStatus: timeout\n`,
        );
      decoder.push(Buffer.from(exportOf(lines.map((message) => ({ stream: 'lambda/s', message })))));
      decoder.end();
      const { generatedAt: _, ...rest } = analyzer.finish() as unknown as Record<string, unknown>;
      return JSON.stringify(rest);
    };
    assert.equal(report(true), report(false));
  });
});
