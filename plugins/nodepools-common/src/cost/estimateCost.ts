import type { PoolLimits } from '../model/PoolSpec';
import type { CAPACITY_TYPES } from '../model/PoolSpec';
import type { PriceTable } from '../policy/ClusterPolicy';
import { parseQuantity, quantityToNumber } from '../quantity/Quantity';

type CapacityType = (typeof CAPACITY_TYPES)[number];

/** Monthly cost per capacity type, in the table's currency. */
export interface CostEstimate {
  currency: string;
  /** Monthly cost if every node were of this capacity type. */
  byCapacityType: Partial<Record<CapacityType, number>>;
  /** The cheapest and the dearest of the allowed capacity types. */
  low: number;
  high: number;
}

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
