import type { PoolSpec } from '../model/PoolSpec';
import type { ClusterPolicy } from '../policy/ClusterPolicy';
import type { NodePoolManifest } from '../render/manifestTypes';
import { ceilingFromPrices, describeSource } from './ceilingFromPrices';
import { monthlyCeiling, type CostEstimate } from './estimateCost';
import type { PriceBook } from './priceBook';

/**
 * The monthly ceiling a preview shows: from instance-type list prices when the cluster has a
 * price source, else from the policy's fixed rates, labelled as such (also when the source
 * prices none of the instance types the pool allows).
 */
export function poolCeiling(
  nodePool: NodePoolManifest,
  spec: PoolSpec,
  policy: ClusterPolicy,
  prices: PriceBook | undefined,
): CostEstimate {
  const fixed = () =>
    monthlyCeiling(spec.limits, spec.requirements.capacityTypes, policy.prices);
  if (!prices) return fixed();
  const fromPrices = ceilingFromPrices(
    spec.limits,
    nodePool.spec.template.spec.requirements,
    prices,
    policy.prices.hoursPerMonth,
  );
  if (fromPrices) return fromPrices;
  const fallback = fixed();
  return {
    ...fallback,
    basis: {
      method: 'fixed-rates',
      summary: `${
        fallback.basis?.summary ?? ''
      } The price source (${describeSource(
        prices.source,
      )}) prices none of the instance types this pool allows.`,
    },
  };
}
