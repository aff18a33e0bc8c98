import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonEventsDecoder } from '../src/core/decode/jsonEventsDecoder.js';
import { bytesOf, decodeInChunks, readSample } from './helpers.js';

const make = (onEvent: Parameters<typeof decodeInChunks>[0] extends (cb: infer C) => unknown ? C : never) =>
  new JsonEventsDecoder({ onEvent });

describe('JsonEventsDecoder', () => {
  it('reads a filter-log-events page: stream, timestamp and message of every event', () => {
    const { events, decoder } = decodeInChunks(
      make,
      readSample('logs/filter-log-events.real-shape.json'),
      1 << 16,
    );
    assert.equal(events.length, 6);
    assert.equal(decoder.shape, 'filter-log-events');
    assert.deepEqual(events[1], {
      index: 1,
      timestamp: 1715678468114,
      stream: 'ecs/orders-api/f2ad7dba413f45ddb4d92f7853b78469',
      message: 'Error: connect ETIMEDOUT 10.0.2.47:5432',
    });
    assert.deepEqual(decoder.warnings, []);
  });

  it('gives identical events whatever the chunk boundaries (byte by byte included)', () => {
    const bytes = readSample('logs/filter-log-events.lambda-node-text.json');
    const whole = decodeInChunks(make, bytes, bytes.length).events;
    assert.ok(whole.length > 5);
    for (const size of [1, 2, 3, 7, 64, 1000]) {
      assert.deepEqual(decodeInChunks(make, bytes, size).events, whole, `chunk size ${size}`);
    }
  });

  it('unescapes messages: tabs, newlines, quotes and \\u escapes', () => {
    const bytes = readSample('logs/filter-log-events.lambda-node-text.json');
    const { events } = decodeInChunks(make, bytes, 4096);
    const invokeError = events.find((e) => e.message.includes('Invoke Error'));
    assert.ok(invokeError);
    assert.match(invokeError.message, /\tERROR\tInvoke Error \t\{"errorType":"Error"/);
    assert.ok(invokeError.message.endsWith('\n'));
    const { events: e2 } = decodeInChunks(
      make,
      bytesOf('{"events":[{"timestamp":1,"message":"caf\\u00e9 \\"q\\" \\\\ done"}]}'),
      5,
    );
    assert.equal(e2[0]?.message, 'café "q" \\ done');
  });

  it('reads pages appended back to back, with nextToken tails', () => {
    const { events, decoder } = decodeInChunks(
      make,
      readSample('logs/filter-log-events.pages-concatenated.json'),
      333,
    );
    assert.equal(decoder.shape, 'filter-log-events');
    assert.equal(events.length, 12);
    assert.deepEqual(
      events.map((e) => e.index),
      [...Array(12).keys()],
    );
  });

  it('reads get-log-events (no stream name) and recognises its shape', () => {
    const { events, decoder } = decodeInChunks(make, readSample('logs/get-log-events.real-shape.json'), 100);
    assert.equal(decoder.shape, 'get-log-events');
    assert.equal(events.length, 3);
    assert.equal(events[0]?.stream, undefined);
  });

  it('reads a bare events array and JSON Lines of events', () => {
    const arr = decodeInChunks(
      make,
      bytesOf('[{"timestamp":1715678468114,"message":"a"},{"timestamp":2,"message":"b"}]'),
      4,
    );
    assert.equal(arr.decoder.shape, 'events-array');
    assert.deepEqual(
      arr.events.map((e) => e.message),
      ['a', 'b'],
    );
    const lines = decodeInChunks(
      make,
      bytesOf(
        '{"timestamp":"2024-05-14T09:21:08.114Z","message":"x"}\n{"timestamp":1715678468114,"message":"y","logStreamName":"s"}\n',
      ),
      9,
    );
    assert.equal(lines.decoder.shape, 'json-lines');
    assert.equal(lines.events[0]?.timestamp, 1715678468114);
    assert.equal(lines.events[1]?.stream, 's');
  });

  it('skips nested values and unknown keys inside events', () => {
    const { events } = decodeInChunks(
      make,
      bytesOf(
        '{"events":[{"extra":{"message":"nested, not mine","a":[1,{"b":"c"}]},"message":"mine","timestamp":5e12,"eventId":"1"}],"searchedLogStreams":[{"logStreamName":"x","searchedCompletely":true}]}',
      ),
      3,
    );
    assert.equal(events.length, 1);
    assert.equal(events[0]?.message, 'mine');
    assert.equal(events[0]?.timestamp, 5e12);
  });

  it('analyses a truncated export up to the cut and says where it was cut', () => {
    const bytes = readSample('logs/filter-log-events.real-shape.json');
    const cut = bytes.subarray(0, 700);
    const { events, decoder } = decodeInChunks(make, cut, 64);
    assert.ok(events.length >= 2 && events.length < 6, `got ${events.length}`);
    assert.ok(decoder.stoppedAt);
    assert.match(decoder.stoppedAt.message, /truncated/);
    assert.equal(decoder.stoppedAt.byte, 700);
  });

  it('stops at invalid JSON with the byte offset, keeping earlier events', () => {
    const { events, decoder } = decodeInChunks(
      make,
      bytesOf('{"events":[{"timestamp":1,"message":"ok"},{"timestamp":2,"message":"x"} oops]}'),
      8,
    );
    assert.equal(events.length, 2);
    assert.match(decoder.stoppedAt?.message ?? '', /invalid JSON at byte 72: unexpected 'o'/);
  });

  it('cuts a huge message to the cap without holding all of it, and carries on', () => {
    const big = 'A'.repeat(3 * 1024 * 1024);
    const text = `{"events":[{"timestamp":1,"message":"${big}"},{"timestamp":2,"message":"after"}]}`;
    const { events, decoder } = decodeInChunks(
      (onEvent) => new JsonEventsDecoder({ onEvent, maxMessageBytes: 1024 * 1024 }),
      bytesOf(text),
      65536,
    );
    assert.equal(events.length, 2);
    assert.equal(events[0]?.message.length, 1024 * 1024);
    assert.equal(events[1]?.message, 'after');
    assert.match(decoder.warnings[0]?.message ?? '', /exceeds the 1 MB event limit/);
  });

  it('refuses nesting deeper than its limit instead of growing without bound', () => {
    const { decoder } = decodeInChunks(make, bytesOf('['.repeat(100_000)), 4096);
    assert.match(decoder.stoppedAt?.message ?? '', /nested deeper than 256 levels/);
  });

  it('skips a UTF-8 byte order mark', () => {
    const { events } = decodeInChunks(
      make,
      new Uint8Array([0xef, 0xbb, 0xbf, ...bytesOf('{"events":[{"timestamp":1,"message":"m"}]}')]),
      2,
    );
    assert.equal(events.length, 1);
  });
});

describe('indexOfWithin', () => {
  it('searches only inside [start, end)', async () => {
    const { indexOfWithin } = await import('../src/core/decode/jsonString.js');
    const bytes = bytesOf('a\\bc' + 'x'.repeat(100) + '\\');
    assert.equal(indexOfWithin(bytes, 0x5c, 0, 4), 1);
    assert.equal(indexOfWithin(bytes, 0x5c, 2, 50), -1, 'short range, none inside');
    assert.equal(indexOfWithin(bytes, 0x5c, 2, 100), -1, 'long range, the one past the end does not count');
    assert.equal(indexOfWithin(bytes, 0x5c, 2, bytes.length), bytes.length - 1);
  });
});
