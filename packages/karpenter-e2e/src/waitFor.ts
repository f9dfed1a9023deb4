/**
 * Polls `probe` until it returns a value other than undefined, and returns it. On timeout the
 * error says what was awaited and what the last look found, so a failing run explains itself.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: {
    timeoutMs?: number;
    intervalMs?: number;
    lastSeen?: () => string;
  } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${options.timeoutMs ?? 90_000}ms waiting for ${what}${
          options.lastSeen ? `; last seen: ${options.lastSeen()}` : ''
        }`,
      );
    }
    await new Promise(r => setTimeout(r, options.intervalMs ?? 500));
  }
}
