import fc from 'fast-check';
import {
  dollarBudgetViolations,
  teamSpend,
  type DollarBudget,
  type PoolCeilingFigure,
} from './dollarBudget';
import type { CostEstimate } from './estimateCost';

const source = { kind: 'table' as const, stale: false };
const listed = (high: number, currency = 'USD'): CostEstimate => ({
  currency,
  byCapacityType: { 'on-demand': high },
  low: high / 2,
  high,
  basis: {
    method: 'instance-prices',
    summary: '',
    source,
    instanceTypes: 1,
    cheapest: [],
    dearest: [],
  },
});
const fixedRates = (high: number): CostEstimate => ({
  currency: 'USD',
  byCapacityType: { 'on-demand': high },
  low: high,
  high,
  basis: { method: 'fixed-rates', summary: '' },
});
const TEAM = 'group:default/payments';
const request = { cluster: 'prod-eu', pool: 'batch' };
const amount = fc.integer({ min: 0, max: 100_000 });
const figures = fc.array(amount, { maxLength: 8 }).map(highs =>
  highs.map(
    (high, i): PoolCeilingFigure => ({
      cluster: i % 2 ? 'prod-us' : 'prod-eu',
      pool: `p${i}`,
      ceiling: listed(high),
    }),
  ),
);
const budgetOf = (monthly: number): DollarBudget => ({
  team: TEAM,
  monthly,
  currency: 'USD',
});
const sum = (others: PoolCeilingFigure[]) =>
  others.reduce((total, p) => total + p.ceiling.high, 0);

describe('dollarBudgetViolations', () => {
  it('refuses exactly when the ceilings across clusters add up to more than the budget', () => {
    fc.assert(
      fc.property(amount, amount, figures, (monthly, asked, others) => {
        const violations = dollarBudgetViolations(request, listed(asked), {
          budget: budgetOf(monthly),
          others,
        });
        expect(violations.length > 0).toBe(sum(others) + asked > monthly);
        for (const v of violations) {
          expect(v.path).toBe('spec.limits');
          expect(v.message).toContain('over its dollar budget');
          expect(v.allowed).toBe(
            `at most USD ${Math.max(0, monthly - sum(others)).toLocaleString(
              'en-US',
            )} a month`,
          );
        }
      }),
    );
  });

  it('never refuses a change that does not raise the pool ceiling, however far over the team is', () => {
    fc.assert(
      fc.property(
        amount,
        amount,
        amount,
        figures,
        (monthly, asked, extra, others) => {
          expect(
            dollarBudgetViolations(request, listed(asked), {
              budget: budgetOf(monthly),
              others,
              current: listed(asked + extra),
            }),
          ).toEqual([]);
        },
      ),
    );
  });

  it('says the budget cannot be checked when a pool has only fixed rates or another currency', () => {
    fc.assert(
      fc.property(
        amount,
        figures,
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom('fixed', 'EUR'),
        (asked, others, at, how) => {
          const odd =
            how === 'fixed' ? fixedRates(asked) : listed(asked, 'EUR');
          // Either the requested pool or one of the others is the one that cannot be priced.
          const unpricedOther = others.length > 0 && at < others.length;
          const withOdd = unpricedOther
            ? others.map((p, i) => (i === at ? { ...p, ceiling: odd } : p))
            : others;
          const violations = dollarBudgetViolations(
            request,
            unpricedOther ? listed(asked) : odd,
            { budget: budgetOf(1_000_000_000), others: withOdd },
          );
          expect(violations).toHaveLength(1);
          expect(violations[0].message).toContain('cannot be checked');
          expect(violations[0].message).toContain(
            how === 'fixed' ? 'no instance prices' : 'prices in EUR',
          );
        },
      ),
    );
  });

  it('words the refusal like the vCPU budget: what the pool costs, by how much it is over, what the rest holds', () => {
    expect(
      dollarBudgetViolations(request, listed(3200), {
        budget: budgetOf(5000),
        others: [
          { cluster: 'prod-us', pool: 'web', ceiling: listed(2200) },
          { cluster: 'prod-eu', pool: 'etl', ceiling: listed(0) },
        ],
      }),
    ).toEqual([
      {
        path: 'spec.limits',
        message:
          'At its limits this pool may cost up to USD 3,200 a month at list prices, which puts the team over its dollar budget of USD 5,000 a month by USD 400: its other pools may cost up to USD 2,200 a month at their ceilings, across all clusters',
        asked: 'USD 3,200 a month',
        allowed: 'at most USD 2,800 a month',
      },
    ]);
  });
});

describe('teamSpend', () => {
  it('adds the high ends of what can count and lists the rest', () => {
    fc.assert(
      fc.property(figures, amount, (others, odd) => {
        const spend = teamSpend(TEAM, budgetOf(1), [
          ...others,
          { cluster: 'lab', pool: 'x', ceiling: fixedRates(odd) },
        ]);
        expect(spend.atCeilings).toBe(sum(others));
        expect(spend.unchecked).toEqual([
          {
            cluster: 'lab',
            pool: 'x',
            reason: 'its cluster has no instance prices (only fixed rates)',
          },
        ]);
      }),
    );
  });
});
