import type { ErrorClass } from './types.js';

/** Error codes and the class each means. Shared by every runtime table. */
export const ERRNO_CLASSES: Readonly<Record<string, ErrorClass>> = {
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',
  ETIMEOUT: 'dns',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NONAME: 'dns',
  EAI_NODATA: 'dns',
  ESERVFAIL: 'dns',
  ENODATA: 'dns',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EHOSTDOWN: 'unreachable',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
};

/** Linux errno numbers as Python, redis-py and others print them (`[Errno 111]`, `Error 111`). */
export const ERRNO_NUMBERS: Readonly<Record<string, ErrorClass>> = {
  '111': 'refused',
  '110': 'timeout',
  '113': 'unreachable',
  '101': 'unreachable',
  '104': 'reset',
  '32': 'reset',
  '-2': 'dns',
  '-3': 'dns',
  '-5': 'dns',
  '8': 'dns',
  '11001': 'dns',
  '10061': 'refused',
  '10060': 'timeout',
  '10054': 'reset',
  '10065': 'unreachable',
};

/**
 * Plain-language phrases the C library, Go, Java and most drivers print. Checked in order; the first one
 * found in the text decides the class. All lower case; matched against lower-cased text.
 */
export const CLASS_PHRASES: ReadonlyArray<readonly [string, ErrorClass]> = [
  ['temporary failure in name resolution', 'dns'],
  ['name or service not known', 'dns'],
  ['nodename nor servname provided', 'dns'],
  ['hostname nor servname provided', 'dns'],
  ['no address associated with hostname', 'dns'],
  ['no such host', 'dns'],
  ['failed to lookup address information', 'dns'],
  ['could not translate host name', 'dns'],
  ['tls handshake timeout', 'tls'],
  ['eof occurred in violation of protocol', 'tls'],
  ['connection refused', 'refused'],
  ['actively refused', 'refused'],
  ['no route to host', 'unreachable'],
  ['network is unreachable', 'unreachable'],
  ['connection reset by peer', 'reset'],
  ['forcibly closed by the remote host', 'reset'],
  ['broken pipe', 'reset'],
  ['connect timed out', 'timeout'],
  ['did not respond', 'timeout'],
  ['did not properly respond', 'timeout'],
  ['connection timed out', 'timeout'],
  ['timeout expired', 'timeout'],
  ['i/o timeout', 'timeout'],
  ['timed out', 'timeout'],
];

export function classFromPhrases(text: string): ErrorClass | undefined {
  const lower = text.toLowerCase();
  for (const [phrase, cls] of CLASS_PHRASES) if (lower.includes(phrase)) return cls;
  return undefined;
}
