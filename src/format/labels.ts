import type { TargetRow } from '../core/report.js';
import type { ErrorClass } from '../core/signatures/types.js';

/** `host:port`, `host`, or `(not printed)` when the failing line named no target. */
export function targetLabel(t: Pick<TargetRow, 'host' | 'port'>): string {
  return t.host === null ? '(not printed)' : t.port === null ? t.host : `${t.host}:${t.port}`;
}

/** `2026-11-20 08:00:41 UTC` from an ISO time; `–` when unknown. */
export function utcTime(iso: string | null): string {
  return iso ? iso.replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC') : '–';
}

/** One colour per error class, shared by the HTML report and the page. */
export const CLASS_COLOURS: Readonly<Record<ErrorClass, string>> = {
  timeout: '#d9480f',
  refused: '#c92a2a',
  dns: '#5f3dc4',
  unreachable: '#1864ab',
  reset: '#087f5b',
  tls: '#e67700',
  pool: '#5c677d',
};

/** Control characters (escape sequences, BEL…) from log text must not reach a terminal. */
export function stripControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\u2426');
}
