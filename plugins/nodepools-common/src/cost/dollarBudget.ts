import type { PolicyViolation } from '../policy/evaluatePolicy';
import type { CostEstimate } from './estimateCost';

/**
 * A team's monthly budget in money, across all its pools on all clusters (config
 * `nodepools.teamBudgets`). Compared with the pools' ceilings at list prices: the most the pools
 * may cost at their limits, not what they cost now.
 */
export interface DollarBudget {
  /** The owning Group's entity ref, e.g. `group:default/payments`. */
  team: string;
  monthly: number;
  /** The currency of `monthly`; only ceilings in the same currency count against it. */
  currency: string;
}

/** One pool of the team with its ceiling, as its cluster's prices give it. */
export interface PoolCeilingFigure {
  cluster: string;
  pool: string;
  ceiling: CostEstimate;
}

/** The team's pools' ceilings against its budget, as the team card shows them. */
export interface TeamSpend {
  owner: string;
  budget?: { monthly: number; currency: string };
  /** Sum of the high ends of the ceilings that count (list prices, in the budget's currency). */
  atCeilings: number;
  /** Pools that cannot count against the budget, and why. */
  unchecked: Array<{ cluster: string; pool: string; reason: string }>;
}

/** The budget that applies to a team, if any. */
export function budgetOf(
  budgets: readonly DollarBudget[] | undefined,
  owner: string,
): DollarBudget | undefined {
  return budgets?.find(b => b.team === owner);
}

/**
 * Why a ceiling cannot count against the budget, or undefined when it can. Fixed rates are a rough
 * guide the policy sets, not list prices: adding them to list prices would give a figure no one
 * could check against a bill, so they do not count.
 */
function whyUnchecked(
  ceiling: CostEstimate | undefined,
  currency: string,
): string | undefined {
  if (!ceiling || ceiling.basis?.method !== 'instance-prices')
    return 'its cluster has no instance prices (only fixed rates)';
  if (ceiling.currency !== currency)
    return `its cluster prices in ${ceiling.currency}, the budget is in ${currency}`;
  return undefined;
}

export const formatMoney = (currency: string, value: number) =>
  `${currency} ${Math.round(value).toLocaleString('en-US')}`;

/** The team's pools' ceilings added up against its budget. */
export function teamSpend(
  owner: string,
  budget: DollarBudget | undefined,
  pools: readonly PoolCeilingFigure[],
): TeamSpend {
  const currency = budget?.currency ?? 'USD';
  let atCeilings = 0;
  const unchecked: TeamSpend['unchecked'] = [];
  for (const p of pools) {
    const reason = whyUnchecked(p.ceiling, currency);
    if (reason) unchecked.push({ cluster: p.cluster, pool: p.pool, reason });
    else atCeilings += p.ceiling.high;
  }
  return {
    owner,
    ...(budget
      ? { budget: { monthly: budget.monthly, currency: budget.currency } }
      : {}),
    atCeilings,
    unchecked,
  };
}

/** What the dollar budget check needs besides the request's own ceiling. */
export interface DollarBudgetInput {
  budget: DollarBudget;
  /** The team's other pools on every cluster (not the one requested), with their ceilings. */
  others: readonly PoolCeilingFigure[];
  /** The requested pool's ceiling as approved now, for a change: a change that does not raise it passes. */
  current?: CostEstimate;
}

/**
 * The request's ceiling (high end) added to the team's other pools' ceilings must stay within its
 * budget. When any of them cannot be priced in the budget's currency the budget cannot be checked,
 * and that is a violation too: a budget that silently stops counting where prices are missing
 * promises nothing, and the fix (a price source for the cluster) is the platform team's, who set the
 * budget. A change that does not raise the pool's ceiling always passes, so a team over its budget
 * can still shrink.
 */
export function dollarBudgetViolations(
  request: { cluster: string; pool: string },
  ceiling: CostEstimate | undefined,
  input: DollarBudgetInput,
): PolicyViolation[] {
  const { budget } = input;
  const limit = `${formatMoney(budget.currency, budget.monthly)} a month`;
  if (
    ceiling &&
    input.current &&
    !whyUnchecked(ceiling, budget.currency) &&
    !whyUnchecked(input.current, budget.currency) &&
    ceiling.high <= input.current.high
  )
    return [];
  const unchecked = [
    ...(whyUnchecked(ceiling, budget.currency)
      ? [
          {
            ...request,
            reason: whyUnchecked(ceiling, budget.currency)!,
          },
        ]
      : []),
    ...teamSpend(budget.team, budget, input.others).unchecked,
  ];
  if (unchecked.length > 0) {
    return [
      {
        path: 'spec.limits',
        message: `The team's dollar budget of ${limit} cannot be checked: ${unchecked
          .map(u => `pool ${u.pool} on ${u.cluster}: ${u.reason}`)
          .join('; ')}. Ask the platform team for a price source in ${
          budget.currency
        } on that cluster`,
        allowed: `at most ${limit} across the team's pools at their ceilings`,
      },
    ];
  }
  const others = teamSpend(budget.team, budget, input.others).atCeilings;
  const asked = ceiling!.high;
  if (others + asked <= budget.monthly) return [];
  const left = Math.max(0, budget.monthly - others);
  return [
    {
      path: 'spec.limits',
      message: `At its limits this pool may cost up to ${formatMoney(
        budget.currency,
        asked,
      )} a month at list prices, which puts the team over its dollar budget of ${limit} by ${formatMoney(
        budget.currency,
        others + asked - budget.monthly,
      )}: its other pools may cost up to ${formatMoney(
        budget.currency,
        others,
      )} a month at their ceilings, across all clusters`,
      asked: `${formatMoney(budget.currency, asked)} a month`,
      allowed: `at most ${formatMoney(budget.currency, left)} a month`,
    },
  ];
}
