/** IPv4 addresses as unsigned 32-bit numbers and CIDR blocks as [first, last] ranges. */

export interface Ipv4Range {
  first: number;
  last: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(text: string): number | null {
  const m = IPV4.exec(text.trim());
  if (!m) return null;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** `10.0.0.0/16` → its range; a bare address is a /32. Null for IPv6 or anything malformed. */
export function parseCidr(text: string): Ipv4Range | null {
  const slash = text.indexOf('/');
  const address = parseIpv4(slash < 0 ? text : text.slice(0, slash));
  if (address === null) return null;
  const bits = slash < 0 ? 32 : Number(text.slice(slash + 1));
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return null;
  const size = 2 ** (32 - bits);
  const first = Math.floor(address / size) * size;
  return { first, last: first + size - 1 };
}

export function prefixLength(range: Ipv4Range): number {
  return 32 - Math.log2(range.last - range.first + 1);
}

export function rangeContains(outer: Ipv4Range, inner: Ipv4Range): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

export function rangesOverlap(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/**
 * How a rule's block relates to where the other end may be: `all` when every candidate lies inside it,
 * `none` when none overlaps it, `some` when it depends on which address the other end really has.
 */
export function coverage(block: Ipv4Range, candidates: readonly Ipv4Range[]): 'all' | 'none' | 'some' {
  if (candidates.length === 0) return 'some';
  let inside = 0;
  let overlapping = 0;
  for (const c of candidates) {
    if (rangeContains(block, c)) inside++;
    else if (rangesOverlap(block, c)) overlapping++;
  }
  if (inside === candidates.length) return 'all';
  if (inside === 0 && overlapping === 0) return 'none';
  return 'some';
}

/** Private (RFC 1918), shared (RFC 6598) or link-local space: never reached through an internet gateway. */
export function isPrivateIpv4(value: number): boolean {
  const a = value >>> 24;
  const b = (value >>> 16) & 255;
  return (
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254)
  );
}
