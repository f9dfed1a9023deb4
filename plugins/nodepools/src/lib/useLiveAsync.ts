import { useCallback, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useChangeSignal, type ChangeFilter } from './useChangeSignal';

const sameDeps = (a: unknown[], b: unknown[]) =>
  a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

/**
 * `useAsync` that loads again when the backend signals a change `concerns` accepts (or every
 * 15 s without the signals plugin; `live` says which).
 *
 * The page stays as it is while it loads again, and when loading again fails the last value stays
 * next to the error, so a page reacting to changes never blanks out. Unlike `useAsyncRetry`'s
 * retry, `retry` during a load is not ignored: it starts a newer load whose answer wins, since the
 * one under way may have read the data before the change.
 */
export function useLiveAsync<T>(
  fn: () => Promise<T>,
  deps: unknown[],
  concerns: ChangeFilter,
) {
  const [attempt, setAttempt] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useAsync(fn, [...deps, attempt]);
  const retry = useCallback(() => setAttempt(n => n + 1), []);
  const { live } = useChangeSignal(concerns, retry);

  // The last value loaded for these deps (another id's value is never shown for this one).
  const last = useRef<{ deps: unknown[]; value?: T }>({ deps });
  if (!sameDeps(last.current.deps, deps)) last.current = { deps };
  if (!state.loading && !state.error) last.current.value = state.value;

  return {
    loading: state.loading,
    error: state.error,
    value: state.error ? last.current.value : state.value,
    retry,
    live,
  };
}
