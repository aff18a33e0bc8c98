/** The progress line a long analysis shows on a terminal's stderr: bytes, events, rate and time left. */
export function progressText(
  p: { bytes: number; totalBytes: number; events: number },
  elapsedMs: number,
  name: string,
): string {
  const mb = (n: number) => (n / 1048576).toFixed(1);
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? p.bytes / seconds : 0;
  const parts = [name];
  if (p.totalBytes > 0) {
    const share = Math.min(1, p.bytes / p.totalBytes);
    const width = 20;
    const filled = Math.round(share * width);
    parts.push(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(share * 100)}%`);
    parts.push(`${mb(p.bytes)} of ${mb(p.totalBytes)} MB`);
  } else parts.push(`${mb(p.bytes)} MB`);
  parts.push(`${p.events.toLocaleString('en-US')} events`);
  if (rate > 0) parts.push(`${mb(rate)} MB/s`);
  if (rate > 0 && p.totalBytes > p.bytes) parts.push(`ETA ${Math.ceil((p.totalBytes - p.bytes) / rate)}s`);
  return parts.join(' · ');
}

/** Redraws one stderr line at most ten times a second; `done` clears it. */
export class ProgressLine {
  private last = 0;
  private shown = false;
  private readonly started = Date.now();

  constructor(
    private readonly write: (text: string) => void,
    private readonly name: string,
  ) {}

  update(p: { bytes: number; totalBytes: number; events: number }): void {
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    this.shown = true;
    this.write(`\r\x1b[2K${progressText(p, now - this.started, this.name)}`);
  }

  done(): void {
    if (this.shown) this.write('\r\x1b[2K');
    this.shown = false;
  }
}
