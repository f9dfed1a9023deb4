import {
  monthlyCeiling,
  provisionedMonthlyCost,
  type CostEstimate,
  type PoolRecord,
  type PriceTable,
} from '@nodepools/plugin-nodepools-common';

const money = (currency: string, value: number) =>
  `${currency} ${Math.round(value).toLocaleString('en-US')}`;

function range({ currency, low, high }: CostEstimate): string {
  return low === high
    ? money(currency, low)
    : `${money(currency, low)} – ${money(currency, high)}`;
}

/**
 * A pool's monthly cost as people read it: what its nodes cost now (provisioned capacity) and the
 * ceiling its limits allow, both from the cluster's price table. A range spans the capacity types
 * the pool may use (spot to on-demand). Estimates, not a bill.
 */
export function describePoolCost(pool: PoolRecord, prices: PriceTable): string {
  const types = pool.spec.requirements.capacityTypes;
  const ceiling = monthlyCeiling(pool.spec.limits, types, prices);
  const now = pool.status?.provisioned
    ? provisionedMonthlyCost(pool.status.provisioned, types, prices)
    : undefined;
  const nowText = now ? `${range(now)} now` : 'nothing yet';
  return `Monthly cost: ${nowText}; at most ${range(ceiling)} at its limits`;
}
