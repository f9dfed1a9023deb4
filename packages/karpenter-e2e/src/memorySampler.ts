import { processRssBytes } from '@nodepools/local-cluster';

/**
 * Samples the resident memory of a set of processes every `intervalMs` and keeps each one's peak
 * and the peak of their sum: a single reading at the end would miss the scale-up.
 */
export function sampleMemory(
  processes: () => Record<string, number | undefined>,
  intervalMs = 1_000,
) {
  const peaks: Record<string, number> = {};
  let peakTotal = 0;
  const sample = () => {
    let total = 0;
    for (const [name, pid] of Object.entries(processes())) {
      const rss = pid ? processRssBytes(pid) : undefined;
      if (rss === undefined) continue;
      total += rss;
      peaks[name] = Math.max(peaks[name] ?? 0, rss);
    }
    peakTotal = Math.max(peakTotal, total);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { peaks: { ...peaks }, peakTotal };
    },
  };
}
