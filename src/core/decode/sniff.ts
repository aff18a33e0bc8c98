import { NetsleuthError } from '../errors.js';

export type SniffedFormat = 'gzip' | 'json' | 'text';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decides how to read an input from its first bytes, or throws a NetsleuthError that says what it is
 * instead (empty, UTF-16, binary). `where` names the input in the message.
 */
export function sniffFormat(head: Uint8Array, where: string): SniffedFormat {
  if (head.length === 0) throw new NetsleuthError('INPUT_EMPTY', `${where}: the input is empty`);
  if (isGzip(head)) return 'gzip';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || looksUtf16(head)) {
    throw new NetsleuthError(
      'INPUT_UTF16',
      `${where}: the input is UTF-16 encoded; convert it to UTF-8 first (for example: iconv -f UTF-16 -t UTF-8)`,
    );
  }
  const bad = firstBinaryByte(head);
  if (bad !== -1) {
    throw new NetsleuthError(
      'INPUT_BINARY',
      `${where}: not a CloudWatch Logs export: binary data (byte 0x${(head[bad] as number).toString(16).padStart(2, '0')} at byte ${bad})`,
    );
  }
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09))
    i++;
  if (i === head.length) throw new NetsleuthError('INPUT_EMPTY', `${where}: the input holds only whitespace`);
  return head[i] === 0x7b || head[i] === 0x5b ? 'json' : 'text';
}

/** UTF-16 without a BOM: ASCII text with a NUL in every other byte. */
function looksUtf16(head: Uint8Array): boolean {
  const n = Math.min(head.length, 64) & ~1;
  if (n < 4) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  return evenNul >= half * 0.9 || oddNul >= half * 0.9;
}

/** Offset of the first control byte no text log would hold (NUL, or most of C0 besides tab/LF/CR/ESC). */
function firstBinaryByte(head: Uint8Array): number {
  let controls = 0;
  let first = -1;
  for (let i = 0; i < head.length; i++) {
    const c = head[i] as number;
    if (c === 0) return i;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x1b && c !== 0x0c) {
      controls++;
      if (first === -1) first = i;
    }
  }
  return controls > 0 && controls * 100 > head.length ? first : -1;
}
