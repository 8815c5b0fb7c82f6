/**
 * Counts requests per key (an address, an API key) in fixed one-minute windows, in this process's memory. Enough for
 * one server process; several processes behind a load balancer each apply the limit (docs/operating.md).
 */
export class RateLimiter {
  private windows = new Map<string, { startedAt: number; count: number }>();
  private lastSweep = 0;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; returns 0 when allowed, otherwise the seconds until the window ends. */
  take(key: string): number {
    if (this.perMinute <= 0) return 0;
    const now = this.now();
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= 60_000) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count > this.perMinute ? Math.max(1, Math.ceil((window.startedAt + 60_000 - now) / 1000)) : 0;
  }

  /** Forgets ended windows now and then, so memory stays bounded by the callers of the last minute. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (now - window.startedAt >= 60_000) this.windows.delete(key);
  }
}
