import {
  budgetOf,
  poolCeiling,
  renderApprovedPool,
  teamSpend,
  type DollarBudgetInput,
  type PoolCeilingFigure,
  type PoolRequest,
  type TeamSpend,
} from '@nodepools/plugin-nodepools-common';
import type { NodePoolsStore } from '../database/NodePoolsStore';
import type { WorkflowContext } from './WorkflowContext';

type SpendContext = Pick<WorkflowContext, 'config' | 'prices'>;

/**
 * The ceiling of each of the team's live pools on every configured cluster, at that cluster's
 * prices (fixed rates where it has none, which the budget does not count). Pools on a cluster no
 * longer configured are not counted: nothing can be applied there any more.
 */
export async function teamPoolCeilings(
  ctx: SpendContext,
  store: NodePoolsStore,
  owner: string,
): Promise<PoolCeilingFigure[]> {
  const out: PoolCeilingFigure[] = [];
  // One cluster after the other: inside a transaction they share one connection.
  for (const cluster of ctx.config.clusters) {
    const pools = (await store.livePools(cluster.name)).filter(
      p => p.owner === owner && p.phase !== 'removed',
    );
    if (pools.length === 0) continue;
    const prices = await ctx.prices?.(cluster);
    for (const pool of pools) {
      const rendered = renderApprovedPool(pool, cluster.policy);
      out.push({
        cluster: cluster.name,
        pool: pool.name,
        ceiling: poolCeiling(rendered, pool.spec, cluster.policy, prices),
      });
    }
  }
  return out;
}

/**
 * What the preview's dollar budget check needs: the team's budget and its other pools' ceilings
 * across clusters; undefined when the team has no budget (nothing is read then) or for a
 * decommission.
 */
export async function dollarBudgetInput(
  ctx: SpendContext,
  store: NodePoolsStore,
  request: PoolRequest,
): Promise<DollarBudgetInput | undefined> {
  const budget = budgetOf(ctx.config.teamBudgets, request.owner);
  if (!budget || request.kind === 'decommission') return undefined;
  const all = await teamPoolCeilings(ctx, store, request.owner);
  const same = (p: PoolCeilingFigure) =>
    p.cluster === request.cluster && p.pool === request.pool;
  const current = all.find(same);
  return {
    budget,
    others: all.filter(p => !same(p)),
    ...(current ? { current: current.ceiling } : {}),
  };
}

/** The team's pools' ceilings against its dollar budget, for the team card. */
export async function teamSpendOf(
  ctx: SpendContext,
  store: NodePoolsStore,
  owner: string,
): Promise<TeamSpend> {
  return teamSpend(
    owner,
    budgetOf(ctx.config.teamBudgets, owner),
    await teamPoolCeilings(ctx, store, owner),
  );
}
