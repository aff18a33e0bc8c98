import { classFromPhrases } from './phrases.js';
import type { Signature } from './types.js';

/** Runtime-neutral wording, tried last: the phrases the C library and most clients print. */
export const GENERIC_SIGNATURES: Signature[] = [
  {
    id: 'generic.phrase',
    runtime: 'generic',
    pattern:
      /\b(?:[Cc]onnection refused|[Cc]onnection timed out|[Nn]o route to host|[Nn]etwork is unreachable|[Cc]onnection reset by peer|[Nn]ame or service not known|[Tt]emporary failure in name resolution|nodename nor servname provided|TLS handshake timeout|EOF occurred in violation of protocol)\b/,
    errorClass: (m) => classFromPhrases(m[0]),
  },
];
