/** Today's date in the registry's time zone (what the API takes as the default asOf). */
export function todayIn(timeZone = process.env.PEKSOS_TIME_ZONE ?? 'Asia/Jakarta'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Counts statements sent through pg clients, and answers the bench's `stats` message over IPC. */
export function reportStatsOverIpc(statements: () => number): void {
  process.on('message', (message: unknown) => {
    if ((message as { type?: string })?.type === 'stats') {
      process.send?.({ type: 'stats', statements: statements(), rss: process.memoryUsage().rss });
    }
  });
}
