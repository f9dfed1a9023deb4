import type { PoolLimits } from '../model/PoolSpec';
import { compareQuantities, parseQuantity } from '../quantity/Quantity';

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
