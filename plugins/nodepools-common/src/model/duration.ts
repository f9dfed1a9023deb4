/** Go-style durations as Karpenter's CRDs accept them. */

// These mirror the patterns in the Karpenter v1 NodePool CRD, so a form rejects exactly what the
// apiserver would.
const DURATION_OR_NEVER = /^(([0-9]+(s|m|h))+|Never)$/;
const DURATION = /^([0-9]+(s|m|h))+$/;
const BUDGET_DURATION = /^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$/;
const BUDGET_NODES = /^((100|[0-9]{1,2})%|[0-9]+)$/;
const CRON =
  /^(@(annually|yearly|monthly|weekly|daily|midnight|hourly))|((.+)\s(.+)\s(.+)\s(.+)\s(.+))$/;

/** `consolidateAfter` / `expireAfter`: a duration such as `720h` or `30s`, or `Never`. */
export const isDurationOrNever = (text: string) => DURATION_OR_NEVER.test(text);
/** `terminationGracePeriod`: a duration such as `48h`. */
export const isDuration = (text: string) => DURATION.test(text);
/** A disruption budget's `duration`, in hours and minutes (`1h30m`). */
export const isBudgetDuration = (text: string) => BUDGET_DURATION.test(text);
/** A disruption budget's `nodes`: a count or a percentage. */
export const isBudgetNodes = (text: string) => BUDGET_NODES.test(text);
/** A disruption budget's cron `schedule`. */
export const isCronSchedule = (text: string) => CRON.test(text);

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** Seconds in a duration (`1h30m` → 5400); Infinity for `Never`. Assumes a valid duration. */
export function durationSeconds(text: string): number {
  if (text === 'Never') return Infinity;
  let total = 0;
  for (const match of text.matchAll(/([0-9]+)(s|m|h)/g)) {
    total += Number(match[1]) * UNIT_SECONDS[match[2]];
  }
  return total;
}
