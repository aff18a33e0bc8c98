/**
 * A bounded memo keyed by byte ranges: what was concluded about some bytes, found again from equal bytes
 * without decoding them. For messages that repeat byte for byte (an ECS service's stack-trace lines, one
 * event each, come thousands of times in an incident).
 */
export class BytesMemo<T> {
  private readonly entries = new Map<number, { key: Uint8Array; value: T }>();

  /** Ranges longer than this are neither looked up nor kept. */
  constructor(
    readonly maxBytes: number,
    private readonly maxEntries: number,
  ) {}

  /** The value kept for bytes equal to bytes[start, end), or undefined. */
  get(bytes: Uint8Array, start: number, end: number, hash = hashBytes(bytes, start, end)): T | undefined {
    const entry = this.entries.get(hash);
    if (entry === undefined) return undefined;
    const key = entry.key;
    if (key.length !== end - start) return undefined;
    for (let i = 0; i < key.length; i++) if (key[i] !== bytes[start + i]) return undefined;
    return entry.value;
  }

  /** Keeps `value` for bytes[start, end) (copied); the memo is emptied when full. */
  set(bytes: Uint8Array, start: number, end: number, value: T, hash = hashBytes(bytes, start, end)): void {
    if (end - start > this.maxBytes) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(hash, { key: bytes.slice(start, end), value });
  }

  get size(): number {
    return this.entries.size;
  }
}

/** FNV-1a of bytes[start, end), as a small non-negative integer (no boxed number as a map key). */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 16777619);
  return h & 0x3fffffff;
}
