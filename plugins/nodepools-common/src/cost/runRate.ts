import type { CostBasis } from './estimateCost';
import { describeSource } from './ceilingFromPrices';
import { ANY_ZONE, type PriceBook } from './priceBook';

/** A node the pool runs, as its NodeClaim says. */
export interface RunningNode {
  instanceType?: string;
  capacityType?: string;
  zone?: string;
}

/** What the pool's nodes cost now, at list prices. */
export interface RunRate {
  currency: string;
  hourly: number;
  monthly: number;
  /** Nodes counted. */
  priced: number;
  /** Nodes whose instance type, capacity type or zone has no price (not counted). */
  unpriced: number;
  summary: string;
  source: Extract<CostBasis, { method: 'instance-prices' }>['source'];
}

/**
 * The run-rate of a pool: the sum over its NodeClaims of their instance type's list price for
 * their capacity type and zone (spot in another zone of the type falls back to the dearest zone
 * known, so an unknown zone never lowers the figure). Reserved nodes count at the on-demand price.
 */
export function runRate(
  nodes: readonly RunningNode[],
  book: PriceBook,
  hoursPerMonth: number,
): RunRate {
  const byName = new Map(book.instanceTypes.map(t => [t.name, t]));
  let hourly = 0;
  let priced = 0;
  for (const node of nodes) {
    const type = node.instanceType ? byName.get(node.instanceType) : undefined;
    let price: number | undefined;
    if (type && node.capacityType === 'spot' && type.spotHourly) {
      const spot = type.spotHourly;
      price =
        spot[node.zone ?? ''] ??
        spot[ANY_ZONE] ??
        (Object.values(spot).length
          ? Math.max(...Object.values(spot))
          : undefined);
    } else if (
      type &&
      (node.capacityType === 'on-demand' || node.capacityType === 'reserved')
    ) {
      price = type.onDemandHourly;
    }
    if (price !== undefined) {
      hourly += price;
      priced += 1;
    }
  }
  const round = (n: number) => Math.round(n * 10000) / 10000;
  return {
    currency: book.currency,
    hourly: round(hourly),
    monthly: Math.round(hourly * hoursPerMonth * 100) / 100,
    priced,
    unpriced: nodes.length - priced,
    summary: `List prices before discounts of the nodes the pool runs now (provisioned capacity, not usage), from ${describeSource(
      book.source,
    )}`,
    source: book.source,
  };
}
