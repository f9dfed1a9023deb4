import type { RunRate } from '@nodepools/plugin-nodepools-common';

/** An amount of money as the run-rate figures show it: cents per month, tenths of cents per hour. */
export function formatMoney(
  currency: string,
  value: number,
  digits = 2,
): string {
  return `${currency} ${value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })}`;
}

/** "USD 0.262/h · USD 191.11/month", the run-rate's two figures. */
export function runRateFigures(
  rate: Pick<RunRate, 'currency' | 'hourly' | 'monthly'>,
): string {
  return `${formatMoney(rate.currency, rate.hourly, 3)}/h · ${formatMoney(
    rate.currency,
    rate.monthly,
  )}/month`;
}

/** The run-rate as one honest line: the figures, what they are, and the nodes left out. */
export function describeRunRate(rate: RunRate): string {
  const unpriced =
    rate.unpriced > 0
      ? `; ${rate.unpriced} node(s) without a price (not counted)`
      : '';
  return `Run-rate now: ${runRateFigures(rate)} for ${
    rate.priced
  } node(s)${unpriced} (list prices before discounts; provisioned nodes, not usage)`;
}

/** The sum of pools' run-rates, for a team; undefined when none has one or currencies differ. */
export function sumRunRates(
  rates: readonly (RunRate | undefined)[],
): Pick<RunRate, 'currency' | 'hourly' | 'monthly'> | undefined {
  const known = rates.filter((r): r is RunRate => !!r);
  if (known.length === 0) return undefined;
  const currency = known[0].currency;
  if (known.some(r => r.currency !== currency)) return undefined;
  return {
    currency,
    hourly: known.reduce((sum, r) => sum + r.hourly, 0),
    monthly: known.reduce((sum, r) => sum + r.monthly, 0),
  };
}
