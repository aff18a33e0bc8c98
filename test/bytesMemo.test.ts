import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BytesMemo, hashBytes } from '../src/core/decode/bytesMemo.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('BytesMemo: verdicts by byte range', () => {
  it('finds a value again from equal bytes anywhere, and not from other bytes', () => {
    const memo = new BytesMemo<string>(64, 16);
    const a = bytes("xx  code: 'ECONNREFUSED',yy");
    memo.set(a, 2, a.length - 2, 'refused');
    const b = bytes("  code: 'ECONNREFUSED',");
    assert.equal(memo.get(b, 0, b.length), 'refused');
    assert.equal(memo.get(b, 0, b.length - 1), undefined, 'a prefix is other bytes');
    const c = bytes("  code: 'ECONNREFUSEX',");
    assert.equal(memo.get(c, 0, c.length), undefined);
  });

  it('keeps a copy: the caller may overwrite its buffer', () => {
    const memo = new BytesMemo<number>(64, 16);
    const buf = bytes('Error: connect ETIMEDOUT 10.0.1.9:6379');
    memo.set(buf, 0, buf.length, 1);
    const again = buf.slice();
    buf.fill(0x7b);
    assert.equal(memo.get(again, 0, again.length), 1);
    assert.equal(memo.get(buf, 0, buf.length), undefined);
  });

  it('tells apart bytes that share a hash (compared byte by byte)', () => {
    const memo = new BytesMemo<string>(64, 16);
    const a = bytes('first message');
    const b = bytes('other message');
    memo.set(a, 0, a.length, 'a', 42);
    assert.equal(memo.get(a, 0, a.length, 42), 'a');
    assert.equal(memo.get(b, 0, b.length, 42), undefined);
    memo.set(b, 0, b.length, 'b', 42);
    assert.equal(memo.get(b, 0, b.length, 42), 'b');
    assert.equal(memo.get(a, 0, a.length, 42), undefined, 'the later one replaced it');
  });

  it('keeps nothing longer than its bound, and empties itself when full', () => {
    const memo = new BytesMemo<number>(8, 3);
    const long = bytes('123456789');
    memo.set(long, 0, long.length, 1);
    assert.equal(memo.size, 0);
    for (const t of ['a', 'b', 'c']) memo.set(bytes(t), 0, 1, 1);
    assert.equal(memo.size, 3);
    memo.set(bytes('d'), 0, 1, 4);
    assert.equal(memo.size, 1);
    assert.equal(memo.get(bytes('d'), 0, 1), 4);
    assert.equal(memo.get(bytes('a'), 0, 1), undefined);
  });

  it('starts afresh when its arena of keys is full, and keeps nothing larger than the arena', () => {
    const memo = new BytesMemo<string>(64, 100, 8);
    memo.set(bytes('aaaa'), 0, 4, 'a');
    memo.set(bytes('bbbb'), 0, 4, 'b');
    assert.equal(memo.get(bytes('aaaa'), 0, 4), 'a');
    assert.equal(memo.get(bytes('bbbb'), 0, 4), 'b');
    memo.set(bytes('cc'), 0, 2, 'c');
    assert.equal(memo.size, 1);
    assert.equal(memo.get(bytes('aaaa'), 0, 4), undefined);
    assert.equal(memo.get(bytes('cc'), 0, 2), 'c');
    memo.set(bytes('123456789'), 0, 9, 'too long');
    assert.equal(memo.get(bytes('123456789'), 0, 9), undefined);
    assert.equal(memo.get(bytes('cc'), 0, 2), 'c');
  });

  it('hashes ranges, not buffers, to small non-negative integers', () => {
    const a = bytes('..same..');
    const b = bytes('same');
    assert.equal(hashBytes(a, 2, 6), hashBytes(b, 0, 4));
    assert.notEqual(hashBytes(b, 0, 4), hashBytes(b, 0, 3));
    for (const t of ['', 'x', 'y'.repeat(1000)]) {
      const h = hashBytes(bytes(t), 0, t.length);
      assert.ok(Number.isInteger(h) && h >= 0 && h < 2 ** 30);
    }
  });
});
