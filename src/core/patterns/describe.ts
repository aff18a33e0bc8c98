import type { TargetRow } from '../report.js';

const CLASS_WORDS: Record<string, string> = {
  refused: 'connection refused',
  timeout: 'connection timed out',
  dns: 'DNS lookup failed',
  unreachable: 'no route to host',
  reset: 'connection reset',
  tls: 'TLS handshake failed',
};

/** `postgres.internal:5432 (connection refused)` */
export function describeTarget(t: TargetRow): string {
  const where = t.host === null ? '(target not printed)' : t.port === null ? t.host : `${t.host}:${t.port}`;
  return `${where} (${CLASS_WORDS[t.class] ?? t.class})`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
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
