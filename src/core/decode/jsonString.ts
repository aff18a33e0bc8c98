const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Node's Buffer has a native slice decoder that is several times faster than TextDecoder on short strings. */
interface NodeBufferLike extends Uint8Array {
  utf8Slice(start: number, end: number): string;
}

/** Decodes UTF-8 bytes to a string (invalid sequences become U+FFFD, never an exception). */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  if (typeof (bytes as Partial<NodeBufferLike>).utf8Slice === 'function') {
    return (bytes as NodeBufferLike).utf8Slice(start, end);
  }
  return utf8.decode(bytes.subarray(start, end));
}

const BACKSLASH = 0x5c;

/**
 * A copy of bytes[start, end) that owns its memory (Node's Buffer#slice is a view): what a decoder keeps
 * past a push must not change when the caller reuses its buffer for the next chunk.
 */
export function copyBytes(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return Uint8Array.prototype.slice.call(bytes, start, end);
}

/**
 * `indexOf` bounded to [start, end): the native one searches to the end of the buffer, which made every
 * string of a minified export (no escapes anywhere) cost the rest of its megabyte chunk.
 */
export function indexOfWithin(bytes: Uint8Array, byte: number, start: number, end: number): number {
  if (end - start <= 64) {
    for (let i = start; i < end; i++) if (bytes[i] === byte) return i;
    return -1;
  }
  const at = bytes.subarray(start, end).indexOf(byte);
  return at === -1 ? -1 : start + at;
}

// Where the next backslash of the buffer last searched is: strings are decoded in order, so each stretch
// of a buffer is searched once (a fresh search per string ran to the end of the chunk when none came).
let searchedBuffer: Uint8Array | undefined;
let searchedFrom = 0;
let nextBackslash = -1;

/** Forgets where the last search stopped: the caller may have refilled the same buffer with new bytes. */
export function forgetBackslashSearch(): void {
  searchedBuffer = undefined;
}

/**
 * The first backslash in [start, end), or -1. Searches each stretch of a buffer once when called in
 * increasing order; a call before the last search's start searches afresh.
 */
export function firstBackslash(bytes: Uint8Array, start: number, end: number): number {
  if (bytes !== searchedBuffer || start < searchedFrom || nextBackslash < start) {
    const at = bytes.indexOf(BACKSLASH, start);
    searchedBuffer = bytes;
    searchedFrom = start;
    // none before the buffer's end: its length, a small integer like every other answer (Infinity here made
    // optimised callers fall back to the interpreter, "not a Smi")
    nextBackslash = at === -1 ? bytes.length : at;
  }
  return nextBackslash < end ? nextBackslash : -1;
}

/**
 * Decodes the body of a JSON string literal (the bytes between its quotes).
 * Fast path: no escapes, a plain UTF-8 decode. Otherwise V8's JSON.parse does the unescaping, and a
 * tolerant hand-written unescape takes over for malformed escapes (logs are untrusted, cut inputs happen).
 */
export function decodeJsonStringBody(bytes: Uint8Array, start: number, end: number): string {
  const firstEscape = firstBackslash(bytes, start, end);
  if (firstEscape === -1) return decodeUtf8(bytes, start, end);
  // Lambda lines end in a newline and often hold no other escape: skip the general path for them.
  if (firstEscape === end - 2 && bytes[end - 1] === 0x6e) return decodeUtf8(bytes, start, end - 2) + '\n';
  const raw = decodeUtf8(bytes, start, end);
  try {
    return JSON.parse('"' + raw + '"') as string;
  } catch {
    return unescapeTolerant(raw);
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Unescapes JSON string text, keeping anything malformed as it stands. Linear in the input. */
export function unescapeTolerant(raw: string): string {
  let out = '';
  let from = 0;
  let i = raw.indexOf('\\');
  while (i !== -1) {
    out += raw.slice(from, i);
    const next = raw[i + 1];
    if (next === undefined) {
      from = i + 1;
      break;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      from = i + 2;
    } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
      from = i + 6;
    } else {
      out += '\\';
      from = i + 1;
    }
    i = raw.indexOf('\\', from);
  }
  return out + raw.slice(from);
}
