// The byte-level first look of the prefilter: derived from the regex source, and sound (it never says no to
// a text the regex matches), on every word of the prefilters, the signature tables and random text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandRegex, TrigramFilter } from '../src/core/signatures/trigramFilter.js';
import { MAY_MATTER_BYTES, mayMatter, mayMatterBytes } from '../src/core/signatures/matcher.js';
import { seededRandom } from './helpers.js';
import { TABLE } from './signatureAccuracy.js';

const bytesOf = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('trigram prefilter: expanding the regex', () => {
  it('lists every string of literals, classes, optional parts, groups and \\d', () => {
    assert.deepEqual(expandRegex('E(?:CONN|AI_)|[Tt]imed ?out').sort(), [
      'EAI_',
      'ECONN',
      'Timed out',
      'Timedout',
      'timed out',
      'timedout',
    ]);
    assert.equal(expandRegex('Error -?\\d').length, 20);
    assert.deepEqual(expandRegex("\\[Connection\\] x|Can't|HttpClient\\.Timeout"), [
      '[Connection] x',
      "Can't",
      'HttpClient.Timeout',
    ]);
  });

  it('refuses what has no finite list of matches or depends on context', () => {
    for (const source of [
      'a+b',
      'ab*',
      'a{1,3}',
      '\\w+',
      '^abc',
      'abc$',
      '(?<!x)abc',
      '(abc)',
      '[^a]bc',
      '[a-z]bc',
      'a.c',
    ]) {
      assert.throws(() => new TrigramFilter(source), Error, source);
    }
    assert.throws(() => new TrigramFilter('ab|abc'), /shorter than a trigram/);
  });
});

describe('trigram prefilter: sound', () => {
  const words = expandRegex(MAY_MATTER_BYTES.source);

  it('takes the trigrams derived from the prefilters at build time: the same set, derived again here', () => {
    assert.deepEqual(
      [...MAY_MATTER_BYTES.trigrams],
      [...new TrigramFilter(MAY_MATTER_BYTES.source).trigrams],
      'src/core/signatures/mayMatterTrigrams.ts is stale: run node scripts/build-trigrams.mjs',
    );
    const derived = new TrigramFilter(MAY_MATTER_BYTES.source).bitSet;
    assert.ok(Buffer.from(MAY_MATTER_BYTES.bitSet).equals(Buffer.from(derived)));
    assert.throws(() => new TrigramFilter('abc', ['ab']), /no ASCII trigram/);
    assert.throws(() => new TrigramFilter('abc', ['ab\u00e9']), /no ASCII trigram/);
  });

  it('finds every word the prefilters match, alone, at either end of a line and inside one', () => {
    assert.ok(words.length > 300, `${words.length} words`);
    for (const w of words) {
      for (const text of [w, `${w} tail`, `head ${w}`, `2024-05-14 ERROR [main] x=${w}; y`]) {
        assert.ok(mayMatter(text), text);
        const b = bytesOf(`\u00e9${text}\u00ff`);
        assert.ok(mayMatterBytes(b, 1, b.length - 1), `missed ${JSON.stringify(text)}`);
      }
    }
  });

  it('never says no where the regex says yes: signature tables and random text', () => {
    for (const c of TABLE) {
      const b = Buffer.from(c.message, 'utf8');
      if (mayMatter(b.toString('latin1'))) assert.ok(mayMatterBytes(b, 0, b.length), c.message);
    }
    const next = seededRandom(99);
    const alphabet = "aeiouEOTNCSR tnrcsdlp_-.:'0123456789\u00e9\u0085";
    let matched = 0;
    for (let k = 0; k < 20_000; k++) {
      let text = '';
      const parts = 1 + next(4);
      for (let p = 0; p < parts; p++) {
        if (next(3) === 0) {
          // a word of the prefilters, possibly cut or with a letter changed
          let w = words[next(words.length)] as string;
          if (next(2) === 0) w = w.slice(next(w.length), w.length - next(3));
          if (next(3) === 0) {
            const at = next(w.length + 1);
            w = w.slice(0, at) + alphabet[next(alphabet.length)] + w.slice(at + 1);
          }
          text += w;
        } else {
          for (let i = next(12); i > 0; i--) text += alphabet[next(alphabet.length)];
        }
      }
      const b = bytesOf(text);
      if (mayMatter(text)) {
        matched++;
        assert.ok(mayMatterBytes(b, 0, b.length), `missed ${JSON.stringify(text)}`);
      }
    }
    assert.ok(matched > 1000, `only ${matched} random texts matched: the check would prove little`);
  });

  it('reads only [start, end)', () => {
    const b = bytesOf('ECONNREFUSED plain text ECONNREFUSED');
    assert.equal(mayMatterBytes(b, 13, 23), false);
    assert.equal(mayMatterBytes(b, 12, 26), false);
    assert.equal(mayMatterBytes(b, 13, b.length), true);
  });
});

describe('trigram prefilter: useful', () => {
  it('lets ordinary lines through without the regex', () => {
    const ordinary = [
      'GET /customers/6596/orders 200 4ms',
      '10.0.1.17 - - [14/May/2024:09:21:07 +0000] "GET /health HTTP/1.1" 200 2 "-" "ELB-HealthChecker/2.0"',
      '{"level":"info","msg":"server listening","port":8080}',
      'processed order 31309',
      'published event order.updated id=69795',
      'INFO  [main] o.s.b.w.embedded.tomcat.TomcatWebServer : Tomcat started on port(s): 8080 (http)',
      'user 4411 logged in from session 9f3a1c2e',
      'cache hit for key product:1234 in 3 ms',
    ];
    for (const line of ordinary) {
      const b = bytesOf(line);
      assert.equal(mayMatterBytes(b, 0, b.length), false, line);
    }
  });
});
