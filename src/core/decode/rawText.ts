/**
 * Reading a message while it is still the raw body of a JSON string (escapes undone nowhere): what the
 * byte-level engine needs to decide, without making a string, whether the message can matter.
 */
import { firstBackslash } from './jsonString.js';

/** The body holds no backslash at all. */
export const NO_ESCAPES = -1;
/** The body holds an escape other than \n \t \r \" \\ (\u…, \/, \b, \f, or a malformed one): decode it. */
export const OTHER_ESCAPES = -2;

const BACKSLASH = 0x5c;

/**
 * The escapes of a JSON string body [start, end): NO_ESCAPES, OTHER_ESCAPES, or the offset of the first
 * backslash when every escape is one of \n \t \r \" \\. With those alone, every letter, digit and space of
 * the decoded text is the same byte in the raw body, in the same order, so a search for words made of them
 * finds in the raw body what it would find in the text (and possibly more, never less).
 */
export function escapesOf(bytes: Uint8Array, start: number, end: number): number {
  let at = firstBackslash(bytes, start, end);
  if (at === -1) return NO_ESCAPES;
  const first = at;
  while (at !== -1) {
    const c = bytes[at + 1];
    // n, t, r, ", \
    if (c !== 0x6e && c !== 0x74 && c !== 0x72 && c !== 0x22 && c !== BACKSLASH) return OTHER_ESCAPES;
    at = firstBackslash(bytes, at + 2, end);
  }
  return first;
}

interface Latin1Slicer extends Uint8Array {
  latin1Slice(start: number, end: number): string;
}

/**
 * The bytes [start, end) as a one-byte string, byte for character (Node's native copy; a loop elsewhere).
 * Bytes of multi-byte UTF-8 characters become characters above U+007F, which no ASCII word matches.
 */
export function latin1Text(bytes: Uint8Array, start: number, end: number): string {
  if (typeof (bytes as Partial<Latin1Slicer>).latin1Slice === 'function')
    return (bytes as Latin1Slicer).latin1Slice(start, end);
  let out = '';
  for (let i = start; i < end; i += 4096)
    out += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 4096)));
  return out;
}

const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `parseFloat` of the text of bytes[start, end), for values such as `74.56` without making a string: with at
 * most 15 digits and one point, the integer of the digits and the power of ten it is divided by are both
 * exact doubles, so the division rounds once, to the double nearest the decimal, which is parseFloat's
 * answer. Anything else goes to parseFloat itself.
 */
export function decimalValue(bytes: Uint8Array, start: number, end: number): number {
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (let i = start; i < end; i++) {
    const c = bytes[i] as number;
    if (c === 0x2e && fraction === -1) {
      fraction = 0;
      continue;
    }
    const d = c - 0x30;
    if (d < 0 || d > 9) return parseFloat(latin1Text(bytes, start, end));
    mantissa = mantissa * 10 + d;
    digits++;
    if (fraction !== -1) fraction++;
  }
  if (digits === 0 || digits > 15) return parseFloat(latin1Text(bytes, start, end));
  return fraction > 0 ? mantissa / (POWERS_OF_TEN[fraction] as number) : mantissa;
}

/** Whether the raw bytes at `at` are exactly `word` (ASCII). */
export function bytesStartWith(bytes: Uint8Array, at: number, end: number, word: Uint8Array): boolean {
  if (end - at < word.length) return false;
  for (let i = 0; i < word.length; i++) if (bytes[at + i] !== word[i]) return false;
  return true;
}

export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
