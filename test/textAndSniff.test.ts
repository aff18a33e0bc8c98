import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sniffFormat } from '../src/core/decode/sniff.js';
import { TextLinesDecoder } from '../src/core/decode/textLinesDecoder.js';
import type { NetsleuthError } from '../src/core/errors.js';
import type { LogEvent } from '../src/core/events.js';
import { bytesOf, decodeInChunks } from './helpers.js';

const text = (onEvent: (e: LogEvent) => void) => new TextLinesDecoder({ onEvent });

describe('TextLinesDecoder', () => {
  it('makes one event per line, taking a leading ISO time followed by a space off the message', () => {
    const input =
      '2024-05-14T09:21:08.114Z Error: connect ETIMEDOUT 10.0.2.47:5432\r\nno time here\n\n2024-05-14 09:30:00,5 later\n';
    const { events } = decodeInChunks(text, bytesOf(input), 5);
    assert.deepEqual(
      events.map((e) => [e.timestamp, e.message]),
      [
        [Date.parse('2024-05-14T09:21:08.114Z'), 'Error: connect ETIMEDOUT 10.0.2.47:5432'],
        [Date.parse('2024-05-14T09:21:08.114Z'), 'no time here'],
        [Date.parse('2024-05-14T09:30:00.500Z'), 'later'],
      ],
    );
  });

  it('keeps a Lambda Node.js line whole (time followed by a tab is part of the message)', () => {
    const line = '2024-05-14T09:21:09.115Z\t3f6b1c2a-8d4e-4b7a-9c1d-2e5f6a7b8c9d\tERROR\tboom';
    const { events } = decodeInChunks(text, bytesOf(line), 1000);
    assert.equal(events[0]?.message, line);
    assert.equal(events[0]?.timestamp, Date.parse('2024-05-14T09:21:09.115Z'));
  });

  it('analyses the start of an over-long line and says which line it was', () => {
    const events: string[] = [];
    const d = new TextLinesDecoder({ onEvent: (e) => events.push(e.message), maxMessageBytes: 1000 });
    const long = 'x'.repeat(5000);
    const bytes = bytesOf(`first\n${long}\nlast\n`);
    for (let i = 0; i < bytes.length; i += 300) d.push(bytes.subarray(i, i + 300));
    d.end();
    assert.deepEqual(
      events.map((m) => m.length),
      [5, 1000, 4],
    );
    assert.match(d.warnings[0]?.message ?? '', /line 2 is longer than/);
  });
});

describe('sniffFormat', () => {
  const code = (bytes: Uint8Array) => {
    try {
      sniffFormat(bytes, 'f');
      return 'ok';
    } catch (e) {
      return (e as NetsleuthError).code;
    }
  };
  it('tells JSON, text and gzip apart', () => {
    assert.equal(sniffFormat(bytesOf('  \n{"events":[]}'), 'f'), 'json');
    assert.equal(sniffFormat(bytesOf('[{"message":"a"}]'), 'f'), 'json');
    assert.equal(sniffFormat(bytesOf('START RequestId: x'), 'f'), 'text');
    assert.equal(sniffFormat(new Uint8Array([0x1f, 0x8b, 8, 0]), 'f'), 'gzip');
  });
  it('names empty, UTF-16 and binary inputs', () => {
    assert.equal(code(new Uint8Array()), 'INPUT_EMPTY');
    assert.equal(code(bytesOf('   \n ')), 'INPUT_EMPTY');
    assert.equal(code(new Uint8Array([0xff, 0xfe, 0x7b, 0])), 'INPUT_UTF16');
    assert.equal(code(new Uint8Array([0x7b, 0, 0x22, 0, 0x65, 0, 0x76, 0, 0x65, 0])), 'INPUT_UTF16');
    assert.equal(
      code(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])),
      'INPUT_BINARY',
    );
  });
});
