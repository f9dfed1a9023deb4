import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/** How often catalog cards ask the backend again: status changes as the reconciler observes it. */
export const CARD_REFRESH_MS = 15_000;

/**
 * `useAsyncRetry` that also runs again every `intervalMs`, so a card follows the pool without a page
 * reload. The last value stays shown while a refresh is under way.
 */
export function usePolledAsync<T>(
  fn: () => Promise<T>,
  deps: unknown[],
  intervalMs: number = CARD_REFRESH_MS,
) {
  const state = useAsyncRetry(fn, deps);
  const { retry } = state;
  useEffect(() => {
    const timer = setInterval(retry, intervalMs);
    return () => clearInterval(timer);
  }, [retry, intervalMs]);
  return state;
}
