import type { TargetRow } from '../report.js';

const CLASS_WORDS: Record<string, string> = {
  refused: 'connection refused',
  timeout: 'connection timed out',
  dns: 'DNS lookup failed',
  unreachable: 'no route to host',
  reset: 'connection reset',
  tls: 'TLS handshake failed',
  pool: 'connection pool exhausted',
};

/** `postgres.internal:5432 (connection refused)` */
export function describeTarget(t: TargetRow): string {
  const where = t.host === null ? '(target not printed)' : t.port === null ? t.host : `${t.host}:${t.port}`;
  return `${where} (${CLASS_WORDS[t.class] ?? t.class})`;
}

/**
 * `1,234,567`: an integer with thousands separators as en-US writes it, without loading the ICU locale
 * data `toLocaleString` needs on first use (it cost every run ~15–60 ms); other numbers go to it.
 */
export function groupDigits(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${groupDigits(n)} ${n === 1 ? one : many}`;
}

/** The primary targets: the top rows, up to three. */
export function primaryTargets(rows: TargetRow[]): string {
  const top = rows.slice(0, 3).map(describeTarget);
  return top.join(', ');
}

/** `{ [key]: value }` when the value is defined, else `{}` (optional report fields stay absent). */
export function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Rows of connectivity failures (every class but `pool`). */
export function connectivityRows(rows: TargetRow[]): TargetRow[] {
  return rows.filter((t) => t.class !== 'pool');
}

/**
 * What a finding says about events that are not connectivity failures: pool-acquire timeouts and certificate
 * validation failures, reported beside the connectivity failures and never counted as them. `alone`: there
 * were no connectivity failures. Empty when there were none of either.
 */
export function asideSentence(
  poolEvents: number,
  certificateEvents: number,
  rows: TargetRow[],
  alone: boolean,
): string {
  const parts: string[] = [];
  if (poolEvents > 0) {
    const named = rows.filter((t) => t.class === 'pool' && t.host !== null).map(describeTarget);
    const where = named.length > 0 ? ` (${named.slice(0, 3).join(', ')})` : '';
    parts.push(
      `${plural(poolEvents, 'pool-acquire timeout')}${where}: clients gave up waiting for a pooled connection, which points at pool size, leaked connections or the database's connection limit, not at the network`,
    );
  }
  if (certificateEvents > 0) {
    parts.push(
      `${plural(certificateEvents, 'certificate validation failure')}: the server was reached and the client refused its certificate (expired, untrusted or for another name), which is not a network failure`,
    );
  }
  if (parts.length === 0) return '';
  return alone
    ? `No connectivity failures. ${parts.join('. ')}.`
    : ` Also ${parts.join('; and ')}; they are not counted as connectivity failures.`;
}
