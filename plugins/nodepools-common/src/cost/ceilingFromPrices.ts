import type { CAPACITY_TYPES, PoolLimits } from '../model/PoolSpec';
import type { NodeSelectorRequirement } from '../render/manifestTypes';
import type { CostEstimate, FleetPart } from './estimateCost';
import type { PriceBook, PriceSourceInfo } from './priceBook';
import {
  allowedOfferings,
  cheapestFull,
  dearestFitting,
  roomOf,
} from './priceCeiling';

type CapacityType = (typeof CAPACITY_TYPES)[number];

const round2 = (n: number) => Math.round(n * 100) / 100;

/** "AWS Pricing API and EC2 spot price history for eu-west-1, as of …" and its staleness. */
export function describeSource(source: PriceSourceInfo): string {
  const where =
    source.kind === 'aws'
      ? `the AWS Pricing API and EC2 spot price history${
          source.region ? ` for ${source.region}` : ''
        }`
      : 'the price table in the cluster configuration';
  const when = source.asOf
    ? `, as of ${source.asOf.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}`
    : '';
  const stale = source.stale
    ? ` STALE: ${source.staleReason ?? 'the last refresh failed'}`
    : '';
  return `${where}${when}.${stale}`;
}

const describeFleet = (parts: FleetPart[]) =>
  parts
    .map(
      p =>
        `${p.nodes} × ${p.instanceType} ${p.capacityType}${
          p.zone ? ` in ${p.zone}` : ''
        } at ${p.hourly}/h`,
    )
    .join(' + ');

/**
 * The monthly ceiling of a pool from instance-type list prices: what it costs filled to its
 * limits, as a range. `low` is the cheapest allowed instance type bought until a limit is reached
 * (what Karpenter, which picks the cheapest, would come close to); `high` is the dearest mix of
 * allowed types that fits the limits (the worst case). `byCapacityType` is the dearest fleet of
 * each capacity type. Undefined when no allowed instance type has a price: the caller falls back
 * to the fixed rates and says so.
 *
 * `requirements` are the rendered NodePool's, so the ceiling sees exactly what Karpenter sees.
 */
export function ceilingFromPrices(
  limits: PoolLimits,
  requirements: readonly NodeSelectorRequirement[],
  book: PriceBook,
  hoursPerMonth: number,
): CostEstimate | undefined {
  const room = roomOf(limits);
  if (room.vcpu <= 0 || room.memoryGiB <= 0) return undefined;
  const offerings = allowedOfferings(requirements, book, room);
  if (offerings.length === 0) return undefined;
  const low = cheapestFull(offerings, room);
  const high = dearestFitting(offerings, room);
  const byCapacityType: Partial<Record<CapacityType, number>> = {};
  for (const ct of new Set(offerings.map(o => o.capacityType))) {
    const of = offerings.filter(o => o.capacityType === ct);
    byCapacityType[ct] = round2(
      dearestFitting(of, room).hourly * hoursPerMonth,
    );
  }
  const types = new Set(offerings.map(o => o.type.name)).size;
  const summary =
    `List prices before discounts, from ${describeSource(book.source)} ` +
    `Provisioned capacity at the limits, not usage, over ${hoursPerMonth} h a month. ` +
    `Low: the cheapest of the ${types} allowed instance types per vCPU and GiB, bought until a limit is reached (${describeFleet(
      low.parts,
    )}). ` +
    `High: the dearest mix of allowed instance types that fits the limits (${describeFleet(
      high.parts,
    )}).`;
  return {
    currency: book.currency,
    byCapacityType,
    low: round2(low.hourly * hoursPerMonth),
    high: round2(high.hourly * hoursPerMonth),
    basis: {
      method: 'instance-prices',
      summary,
      source: book.source,
      instanceTypes: types,
      cheapest: low.parts,
      dearest: high.parts,
    },
  };
}
