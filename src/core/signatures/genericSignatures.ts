import { classFromPhrases } from './phrases.js';
import type { Signature } from './types.js';

/** Runtime-neutral wording, tried last: the phrases the C library and most clients print. */
export const GENERIC_SIGNATURES: Signature[] = [
  {
    id: 'generic.phrase',
    runtime: 'generic',
    pattern:
      /\b(?:[Cc]onnection refused|[Cc]onnection timed out|[Nn]o route to host|[Nn]etwork is unreachable|[Cc]onnection reset by peer|[Nn]ame or service not known|[Tt]emporary failure in name resolution|nodename nor servname provided|failed to lookup address information|TLS handshake timeout|EOF occurred in violation of protocol)\b/,
    // an HTTP error page quoting the phrase (a CDN's "522: Connection timed out") came from a server that
    // answered; a Unix socket path (`/run/app.sock`) is a local connection, not the network
    errorClass: (m) =>
      /<title>|<h[1-3][ >]|<!DOCTYPE|HTTP code \d{3}|\.sock\b/i.test(
        m.input.slice(Math.max(0, m.index - 300), m.index),
      )
        ? undefined
        : classFromPhrases(m[0]),
  },
];
