const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses the timestamp spellings found in CloudWatch data: epoch ms (number or digits), ISO 8601 with or
 * without zone (UTC assumed, as Logs Insights prints `YYYY-MM-DD HH:MM:SS.mmm`). NaN when it is none of them.
 */
export function parseTimestamp(value: string | number): number {
  if (typeof value === 'number') return normaliseEpoch(value);
  const text = value.trim();
  if (/^\d{9,16}(\.\d{1,6})?$/.test(text)) return normaliseEpoch(Number(text));
  const m = ISO_LIKE.exec(text);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Number((frac + '00').slice(0, 3)) : 0;
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return Math.abs(t) <= MAX_DATE_MS ? t : NaN;
}

/** Epoch seconds (flow logs, some exporters) become milliseconds; fractional ms (moto) are floored. */
/** The largest time a JavaScript Date can hold (±100,000,000 days around the epoch). */
const MAX_DATE_MS = 8.64e15;

function normaliseEpoch(n: number): number {
  if (!Number.isFinite(n) || n < 0 || n > MAX_DATE_MS) return NaN;
  if (n < 1e11) return Math.floor(n * 1000);
  return Math.floor(n);
}

/** ISO 8601 UTC with milliseconds, or null for an unknown time. */
export function isoOrNull(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** Parses durations such as `5m`, `30s`, `1h`, `250ms`, `2d`. Returns NaN for anything else. */
export function parseDuration(text: string): number {
  const m = /^(\d{1,9})(ms|s|m|h|d)$/.exec(text.trim());
  if (!m) return NaN;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
    m[2] as 'ms' | 's' | 'm' | 'h' | 'd'
  ];
  return Number(m[1]) * unit;
}
