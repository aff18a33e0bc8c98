import { NetsleuthError } from '../core/errors.js';
import { parseDuration, parseTimestamp } from '../core/time.js';

/** `--since 2h`: the start of a range that ends `now`. Accepts 90s, 30m, 2h, 7d (and ms). */
export function parseSince(text: string, now: number): number {
  const ms = parseDuration(text);
  if (!(ms > 0)) {
    throw new NetsleuthError('USAGE', `--since "${text}": expected a duration such as 90s, 30m, 2h or 7d`);
  }
  return Math.max(0, now - ms);
}

const ISO_PARTS = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;

/**
 * `--start/--end`: ISO 8601 (`2024-05-14T09:00:00Z`, with an offset, or without one for UTC; a bare date
 * is midnight UTC) or epoch milliseconds.
 */
export function parseTimeArg(iso: string, option = 'time'): number {
  const text = iso.trim();
  const bad = () =>
    new NetsleuthError(
      'USAGE',
      `${option} "${iso}": expected ISO 8601 such as 2024-05-14T09:00:00Z (UTC unless an offset is given) or epoch milliseconds`,
    );
  let candidate = text;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) candidate = `${text}T00:00:00Z`;
  else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(Z|[+-]\d{2}:?\d{2})?$/.test(text)) {
    // minutes precision: add the seconds parseTimestamp wants
    candidate = text.replace(/^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2})/, '$1:00');
  }
  const parts = ISO_PARTS.exec(candidate);
  if (parts) {
    const [y, mo, d, h, mi, sec] = parts.slice(1).map((p) => Number(p ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    // a real calendar day (no 2026-02-30) and a real time of day
    const day = new Date(Date.UTC(y, mo - 1, d));
    if (mo < 1 || mo > 12 || day.getUTCDate() !== d || day.getUTCMonth() !== mo - 1) throw bad();
    if (h > 23 || mi > 59 || sec > 59) throw bad();
  } else if (!/^\d{9,16}$/.test(candidate)) {
    throw bad();
  }
  const t = parseTimestamp(candidate);
  if (!Number.isFinite(t)) throw bad();
  return t;
}
