import type { PoolSpec } from '../model/PoolSpec';
import {
  compareQuantities,
  parseQuantity,
  sumQuantities,
  quantity,
  type Quantity,
  ZERO_QUANTITY,
} from '../quantity/Quantity';
import type { ClusterPolicy } from './ClusterPolicy';

/** Lifecycle phases of a pool. */
export const POOL_PHASES = [
  'provisioning',
  'ready',
  'degraded',
  'decommissioning',
  'removed',
] as const;
/** A pool's phase. */
export type PoolPhase = (typeof POOL_PHASES)[number];

/** What the policy needs to know of a pool that already exists. */
export interface ExistingPool {
  id: string;
  owner: string;
  cluster: string;
  name: string;
  phase: PoolPhase;
  spec: PoolSpec;
}

/** Limits summed per resource. */
export interface ResourceTotals {
  cpu: Quantity;
  memory: Quantity;
  gpu: Quantity;
}

const limitOf = (text: string | undefined) => {
  if (text === undefined) return ZERO_QUANTITY;
  const parsed = parseQuantity(text);
  return parsed.ok ? parsed.quantity : ZERO_QUANTITY;
};

/**
 * The limits a team already holds on a cluster. Pools being removed still count until they are
 * gone, because Karpenter keeps their nodes until then.
 */
export function teamUsage(
  owner: string,
  cluster: string,
  pools: ExistingPool[],
  options: { exceptPool?: string } = {},
): ResourceTotals {
  const held = pools.filter(
    p =>
      p.owner === owner &&
      p.cluster === cluster &&
      p.phase !== 'removed' &&
      p.name !== options.exceptPool,
  );
  return {
    cpu: sumQuantities(held.map(p => limitOf(p.spec.limits.cpu))),
    memory: sumQuantities(held.map(p => limitOf(p.spec.limits.memory))),
    gpu: sumQuantities(held.map(p => limitOf(p.spec.limits.gpu))),
  };
}

/** What is left of the team's budget on a cluster (never below zero). */
export function teamBudgetRemaining(
  owner: string,
  cluster: string,
  policy: ClusterPolicy,
  pools: ExistingPool[],
  options: { exceptPool?: string } = {},
): ResourceTotals {
  const used = teamUsage(owner, cluster, pools, options);
  const left = (budget: string, usedValue: Quantity) => {
    const rest = { nanos: quantity(budget).nanos - usedValue.nanos };
    return compareQuantities(rest, ZERO_QUANTITY) < 0 ? ZERO_QUANTITY : rest;
  };
  return {
    cpu: left(policy.teamBudget.cpu, used.cpu),
    memory: left(policy.teamBudget.memory, used.memory),
    gpu: left(policy.teamBudget.gpu, used.gpu),
  };
}
