import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type Endpoint,
  endpointOfUrl,
  findEndpoint,
  HOST_PORT_RE,
  hostPorts,
  isIpAddress,
  normaliseHost,
  parsePort,
  preferHostName,
} from '../src/core/signatures/endpoint.js';

// hostPorts as it was: the global regex tried at every position of the text (the oracle)
const SOURCE_FILE = /\.(?:[cm]?js|ts|jsx|tsx|java|kt|scala|py|go|rb|cs|php|rs|groovy|clj)$/i;
function byRegex(text: string): Endpoint[] {
  const re = new RegExp(HOST_PORT_RE.source, 'g');
  const found: Endpoint[] = [];
  for (let m = re.exec(text); m !== null && found.length < 20; m = re.exec(text)) {
    const host = m[1] ?? m[2] ?? '';
    if (SOURCE_FILE.test(host)) continue;
    found.push({ host: normaliseHost(host), port: parsePort(m[3]) });
  }
  return found;
}

// pieces of what error texts around a target hold, joined at random
const PIECES = [
  '10.0.1.23',
  '10.0.3.47',
  '127.0.0.1',
  '1.2.3',
  '999.1.1.1.1',
  'redis-1.internal',
  'db.example.com',
  'a-b.c',
  'localhost',
  'LOCALHOST',
  'host',
  'index.js',
  'Foo.java',
  'node',
  'net',
  '[::1]',
  '[fe80::1%eth0]',
  '[10.0.0.1:5]',
  '[as oncomplete]',
  'Address[10.0.0.5]',
  ':',
  '::',
  ':5432',
  ':6379',
  ':65536',
  ':0',
  ':123456',
  '1607',
  '16',
  '5',
  '.',
  '-',
  '_',
  '/',
  '//',
  '@',
  ' ',
  '\n',
  '\t',
  '(',
  ')',
  "'",
  '"',
  'x',
  'Z',
  '9',
  '%',
  'tcp://',
  'https://',
  'ECONNREFUSED ',
  'connect ',
  'at ',
  '{',
  '}',
  ',',
];

describe('hostPorts: host:port pairs in error text', () => {
  it('finds what the regex alone finds, in the same order, on any mix of addresses, names and punctuation', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        assert.deepEqual(hostPorts(text), byRegex(text), JSON.stringify(text));
      }),
      { numRuns: 20000 },
    );
  });

  it('finds what the regex finds on arbitrary text over the characters that matter', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789abzAZ.:-_/[]% \n'), maxLength: 120 }),
        (text) => {
          assert.deepEqual(hostPorts(text), byRegex(text), JSON.stringify(text));
        },
      ),
      { numRuns: 20000 },
    );
  });

  it('preferHostName and findEndpoint answer as the list of endpoints from the regex says', () => {
    // the oracle: the whole list from the regex alone, then searched (findEndpoint's last resort is its first)
    const preferred = (e: Endpoint, text: string): Endpoint => {
      if (e.host === null || !isIpAddress(e.host)) return e;
      const url = endpointOfUrl(text);
      if (url?.host && !isIpAddress(url.host) && (e.port === null || url.port === e.port))
        return { host: url.host, port: e.port ?? url.port };
      return byRegex(text).find((x) => x.host !== null && !isIpAddress(x.host) && x.port === e.port) ?? e;
    };
    const named = ['orders-db.internal', 'cache.local', 'api.example.com'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES, ...named, ...named.map((n) => `${n}:5432`)), { maxLength: 40 }),
        fc.constantFrom<Endpoint>(
          { host: '10.0.1.23', port: 5432 },
          { host: '10.0.3.47', port: null },
          { host: 'fd00::1', port: 6379 },
          { host: 'db.internal', port: 5432 },
        ),
        (pieces, endpoint) => {
          const text = pieces.join('');
          assert.deepEqual(preferHostName(endpoint, text), preferred(endpoint, text), JSON.stringify(text));
          if (!/:\/\/|ipv[46]:|scheme: "|address|hostname|host/.test(text))
            assert.deepEqual(findEndpoint(text), byRegex(text)[0] ?? null, JSON.stringify(text));
        },
      ),
      { numRuns: 20000 },
    );
  });

  it('reads the targets of real messages', () => {
    const node =
      "Error: connect ECONNREFUSED 10.0.1.23:6379\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {\n  errno: -111,\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '10.0.1.23',\n  port: 6379\n}";
    assert.deepEqual(hostPorts(node), [{ host: '10.0.1.23', port: 6379 }]);
    assert.deepEqual(hostPorts('dial tcp [fd00:ec2::23]:443: i/o timeout, then orders-db.internal:5432'), [
      { host: 'fd00:ec2::23', port: 443 },
      { host: 'orders-db.internal', port: 5432 },
    ]);
    assert.deepEqual(hostPorts('at Object.<anonymous> (/var/task/index.js:317:11) via cache.local:11211'), [
      { host: 'cache.local', port: 11211 },
    ]);
    assert.deepEqual(hostPorts('2024-05-14T06:57:12.639Z no target here'), []);
  });

  it('stays linear on hostile input', () => {
    for (const text of [
      'a'.repeat(200_000) + ':1',
      'a.'.repeat(100_000) + ':1',
      ':1'.repeat(100_000),
      '1.'.repeat(100_000),
    ]) {
      const t = performance.now();
      hostPorts(text);
      assert.ok(performance.now() - t < 1000, `${text.slice(0, 10)}… took too long`);
    }
  });
});
