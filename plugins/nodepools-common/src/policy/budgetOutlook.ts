import type { PoolSpec } from '../model/PoolSpec';
import type { RequestKind } from '../model/PoolRequest';
import {
  compareQuantities,
  formatQuantity,
  parseQuantity,
  quantity,
  type Quantity,
  ZERO_QUANTITY,
} from '../quantity/Quantity';
import type { ClusterPolicy } from './ClusterPolicy';
import type { ExistingPool, ResourceTotals } from './teamBudget';

/** A request of the team that nobody has decided yet, as far as the budget cares. */
export interface PendingLimits {
  owner: string;
  cluster: string;
  kind: RequestKind;
  pool: string;
  spec?: PoolSpec;
}

/** Amounts per resource as the user reads them (`16`, `64Gi`, `0`). */
export interface ResourceAmounts {
  cpu: string;
  memory: string;
  gpu: string;
}

/** The team's budget on a cluster as the request form shows it. */
export interface BudgetOutlook {
  /** What is left once this request and the team's pending requests are applied ('0' when over). */
  left: ResourceAmounts;
  /** How far over the budget, only for the resources that would be over. */
  over: Partial<ResourceAmounts>;
  /** What the team's other pending requests would take on top of its pools, and how many they are. */
  reserved: ResourceAmounts & { requests: number };
}

const RESOURCES = ['cpu', 'memory', 'gpu'] as const;
const format = (name: (typeof RESOURCES)[number], q: Quantity) =>
  formatQuantity(q, name === 'memory' ? 'binary' : 'decimal');
const limitOf = (text: string | undefined) => {
  const parsed = text === undefined ? undefined : parseQuantity(text);
  return parsed?.ok ? parsed.quantity : ZERO_QUANTITY;
};

/**
 * What the team's pending requests on the cluster would add to what its pools hold: a new pool
 * its limits, a change only the increase (a decrease frees nothing until it is approved), a
 * decommission nothing. The request being previewed (`exceptPool`) is left out: it is the one
 * counted as proposed.
 */
export function reservedByPending(
  owner: string,
  cluster: string,
  pools: ExistingPool[],
  pending: PendingLimits[],
  options: { exceptPool?: string } = {},
): { totals: ResourceTotals; requests: number } {
  const totals: ResourceTotals = {
    cpu: ZERO_QUANTITY,
    memory: ZERO_QUANTITY,
    gpu: ZERO_QUANTITY,
  };
  let requests = 0;
  for (const p of pending) {
    if (
      p.owner !== owner ||
      p.cluster !== cluster ||
      p.pool === options.exceptPool ||
      p.kind === 'decommission' ||
      !p.spec
    )
      continue;
    const current = pools.find(
      c =>
        c.owner === owner &&
        c.cluster === cluster &&
        c.name === p.pool &&
        c.phase !== 'removed',
    );
    let reserves = false;
    for (const name of RESOURCES) {
      const more =
        limitOf(p.spec.limits[name]).nanos -
        limitOf(current?.spec.limits[name]).nanos;
      if (more > 0n) {
        totals[name] = { nanos: totals[name].nanos + more };
        reserves = true;
      }
    }
    if (reserves) requests += 1;
  }
  return { totals, requests };
}

/**
 * The budget left after what the team holds (`held`, the proposed pool included) and what its
 * pending requests reserve; over the budget it says by how much instead of a bare zero.
 */
export function budgetOutlook(
  policy: ClusterPolicy,
  held: ResourceTotals,
  reserved: { totals: ResourceTotals; requests: number },
): BudgetOutlook {
  const left = {} as ResourceAmounts;
  const over: Partial<ResourceAmounts> = {};
  const reservedAmounts = {} as ResourceAmounts;
  for (const name of RESOURCES) {
    const rest: Quantity = {
      nanos:
        quantity(policy.teamBudget[name]).nanos -
        held[name].nanos -
        reserved.totals[name].nanos,
    };
    if (compareQuantities(rest, ZERO_QUANTITY) < 0) {
      left[name] = '0';
      over[name] = format(name, { nanos: -rest.nanos });
    } else {
      left[name] = format(name, rest);
    }
    reservedAmounts[name] = format(name, reserved.totals[name]);
  }
  return {
    left,
    over,
    reserved: { ...reservedAmounts, requests: reserved.requests },
  };
}
