/**
 * How long a grant lasts: `30d`, `12h`, `90m`. Days are what teams ask for; hours and minutes let
 * a platform team hand out a short trial (and let tests expire a pool without waiting for days).
 */
const LIFETIME = /^[1-9][0-9]{0,5}(m|h|d)$/;
const UNIT_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Whether the text is a lifetime such as `30d`, `12h` or `90m`. */
export const isLifetime = (text: string): boolean => LIFETIME.test(text);

/** Milliseconds in a lifetime (`1d` → 86 400 000). Assumes a valid lifetime. */
export function lifetimeMs(text: string): number {
  const unit = text[text.length - 1];
  return Number(text.slice(0, -1)) * UNIT_MS[unit];
}

/** When a grant with this lifetime, starting at `start`, expires (ISO 8601). */
export function expiryAfter(start: Date | string, lifetime: string): string {
  return new Date(
    new Date(start).getTime() + lifetimeMs(lifetime),
  ).toISOString();
}

/**
 * The time left as people say it: "3 days", "5 hours", "12 minutes", "less than a minute";
 * rounded down, so a warning never promises more time than there is.
 */
export function describeTimeLeft(ms: number): string {
  const plural = (n: number, word: string) =>
    `${n} ${word}${n === 1 ? '' : 's'}`;
  if (ms >= UNIT_MS.d) return plural(Math.floor(ms / UNIT_MS.d), 'day');
  if (ms >= UNIT_MS.h) return plural(Math.floor(ms / UNIT_MS.h), 'hour');
  if (ms >= UNIT_MS.m) return plural(Math.floor(ms / UNIT_MS.m), 'minute');
  return 'less than a minute';
}
