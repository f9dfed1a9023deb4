import type { PoolLimits } from '../model/PoolSpec';
import type { CAPACITY_TYPES } from '../model/PoolSpec';
import type { PriceTable } from '../policy/ClusterPolicy';
import { parseQuantity, quantityToNumber } from '../quantity/Quantity';
import type { PriceSourceInfo } from './priceBook';

type CapacityType = (typeof CAPACITY_TYPES)[number];

/** Part of a fleet: fractional nodes of one instance type, bought one way, at an hourly price. */
export interface FleetPart {
  instanceType: string;
  capacityType: CapacityType;
  zone?: string;
  nodes: number;
  hourly: number;
}

/** How a cost estimate was computed, in words and in figures. */
export type CostBasis =
  | {
      /** The cluster has no price source: the policy's fixed rates per vCPU, GiB and GPU. */
      method: 'fixed-rates';
      summary: string;
    }
  | {
      /** Instance-type list prices from the cluster's price source. */
      method: 'instance-prices';
      summary: string;
      source: PriceSourceInfo;
      /** How many allowed instance types had a price. */
      instanceTypes: number;
      /** The fleet behind `low`: the cheapest allowed type, bought until a limit is reached. */
      cheapest: FleetPart[];
      /** The fleet behind `high`: the dearest mix of allowed types within the limits. */
      dearest: FleetPart[];
    };

/** Monthly cost per capacity type, in the table's currency. */
export interface CostEstimate {
  currency: string;
  /** Monthly cost if every node were of this capacity type (the dearest such fleet). */
  byCapacityType: Partial<Record<CapacityType, number>>;
  /** The cheapest and the dearest of the allowed capacity types. */
  low: number;
  high: number;
  /** How it was computed; absent on previews stored before it existed. */
  basis?: CostBasis;
}

/** Said of every figure from the fixed rates, so no one takes them for list prices. */
export const FIXED_RATES_SUMMARY =
  'Fixed rates per vCPU, GiB and GPU from the cluster policy, used where a cluster has no price source: a rough guide, not list prices. Provisioned capacity at the limits, not usage.';

const GIB = 2 ** 30;

/** CPU, memory and GPU in cores, GiB and devices from quantity strings (missing counts as zero). */
function amounts(resources: Partial<Record<string, string>>) {
  const read = (text: string | undefined) => {
    if (text === undefined) return 0;
    const parsed = parseQuantity(text);
    return parsed.ok ? quantityToNumber(parsed.quantity) : 0;
  };
  return {
    cores: read(resources.cpu),
    gib: read(resources.memory) / GIB,
    gpus: read(resources.gpu ?? resources['nvidia.com/gpu']),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function estimate(
  resources: Partial<Record<string, string>>,
  capacityTypes: readonly CapacityType[],
  prices: PriceTable,
): CostEstimate {
  const { cores, gib, gpus } = amounts(resources);
  const byCapacityType: CostEstimate['byCapacityType'] = {};
  for (const type of capacityTypes) {
    const p = prices[type];
    byCapacityType[type] = round2(
      (cores * p.cpuCoreHour + gib * p.memoryGiBHour + gpus * p.gpuHour) *
        prices.hoursPerMonth,
    );
  }
  const values = Object.values(byCapacityType);
  return {
    currency: prices.currency,
    byCapacityType,
    low: values.length ? Math.min(...values) : 0,
    high: values.length ? Math.max(...values) : 0,
    basis: { method: 'fixed-rates', summary: FIXED_RATES_SUMMARY },
  };
}

/**
 * The monthly ceiling the limits imply: what the pool costs if Karpenter filled it to its limits.
 * An estimate from the price table, not a bill (instance shapes round resources up).
 */
export function monthlyCeiling(
  limits: PoolLimits,
  capacityTypes: readonly CapacityType[],
  prices: PriceTable,
): CostEstimate {
  return estimate(
    { cpu: limits.cpu, memory: limits.memory, gpu: limits.gpu },
    capacityTypes,
    prices,
  );
}

/** The monthly cost of what is provisioned now (`status.resources`: node capacity, not what pods use). */
export function provisionedMonthlyCost(
  statusResources: Record<string, string>,
  capacityTypes: readonly CapacityType[],
  prices: PriceTable,
): CostEstimate {
  return estimate(statusResources, capacityTypes, prices);
}
