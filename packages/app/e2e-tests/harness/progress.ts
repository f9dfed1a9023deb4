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

/** Polls `check` until it returns a value other than undefined, or fails with `what`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  { timeoutMs = 120_000, intervalMs = 1_000 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(
        `Timed out after ${timeoutMs / 1000}s waiting for ${what}${reason}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}
