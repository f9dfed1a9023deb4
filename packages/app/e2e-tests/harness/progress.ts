export { waitFor } from '@nodepools/browser-harness';

/**
 * Progress lines with durations, because on 2 cores the portal's build and start take a while
 * and a silent minute looks like a hang.
 */
export function progress(message: string): void {
  process.stdout.write(`[e2e] ${message}\n`);
}

/** Runs one setup step and prints how long it took. */
export async function timedStep<T>(
  label: string,
  run: () => Promise<T>,
): Promise<T> {
  const startedAt = Date.now();
  progress(`${label}…`);
  try {
    const result = await run();
    progress(`${label}: done in ${seconds(startedAt)}s`);
    return result;
  } catch (error) {
    progress(`${label}: failed after ${seconds(startedAt)}s`);
    throw error;
  }
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}
