import type { PoolLimits } from '../model/PoolSpec';
import {
  compareQuantities,
  parseQuantity,
  sumQuantities,
} from '../quantity/Quantity';

/** The NodePool `limits` key each pool limit renders to. */
const LIMIT_RESOURCES: Record<keyof PoolLimits, string> = {
  cpu: 'cpu',
  memory: 'memory',
  gpu: 'nvidia.com/gpu',
};

/**
 * The pool limits its provisioned capacity has reached (or passed: Karpenter may overshoot
 * briefly). Karpenter then launches no new node for the pool, so pods that need one stay pending:
 * the UI says so instead of leaving people to guess. Unparseable values count as not reached.
 */
export function limitsReached(
  limits: PoolLimits,
  provisioned: Record<string, string> | undefined,
): Array<keyof PoolLimits> {
  if (!provisioned) return [];
  const reached: Array<keyof PoolLimits> = [];
  for (const key of Object.keys(LIMIT_RESOURCES) as Array<keyof PoolLimits>) {
    const limit = parseQuantity(limits[key]);
    const used = parseQuantity(provisioned[LIMIT_RESOURCES[key]]);
    if (limits[key] === undefined || !limit.ok || !used.ok) continue;
    if (compareQuantities(used.quantity, limit.quantity) >= 0)
      reached.push(key);
  }
  return reached;
}

/**
 * True when a pod asking for `requests` cannot fit in the room the pool's limits leave beside
 * what is provisioned: Karpenter then launches nothing for it, whatever instance types exist.
 * A request equal to the room does not fit either: an instance small enough for the room has
 * less allocatable than capacity (Karpenter counts kube-reserved and eviction overhead).
 * Resources the limits do not name, and unparseable values, never block.
 */
export function requestsExceedLimits(
  limits: PoolLimits,
  provisioned: Record<string, string> | undefined,
  requests: Record<string, string>,
): boolean {
  for (const key of Object.keys(LIMIT_RESOURCES) as Array<keyof PoolLimits>) {
    const resource = LIMIT_RESOURCES[key];
    const limit = parseQuantity(limits[key]);
    const need = parseQuantity(requests[resource]);
    const used = parseQuantity(provisioned?.[resource] ?? '0');
    if (limits[key] === undefined || !limit.ok || !need.ok || !used.ok)
      continue;
    const after = sumQuantities([used.quantity, need.quantity]);
    if (
      need.quantity.nanos > 0n &&
      compareQuantities(after, limit.quantity) >= 0
    )
      return true;
  }
  return false;
}
