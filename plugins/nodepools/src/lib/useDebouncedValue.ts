import { useEffect, useState } from 'react';

/**
 * The value once it has stopped changing for `delayMs`. Values are compared as JSON, so a new
 * object with the same content is not a change and schedules nothing.
 */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  const settledKey = JSON.stringify(settled);
  useEffect(() => {
    if (key === settledKey) return undefined;
    const timer = setTimeout(
      () => setSettled(JSON.parse(key ?? 'null')),
      delayMs,
    );
    return () => clearTimeout(timer);
  }, [key, settledKey, delayMs]);
  return settled;
}
