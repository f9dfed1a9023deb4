import type { VersionedPool } from '../database/NodePoolsStore';
import type { ClusterSnapshot } from '../reconciler/ClusterSnapshot';
import type { ReconcileContext } from '../reconciler/ReconcileContext';
import { renderPoolObject } from '../reconciler/renderPoolObject';
import type { DeliveryState } from './GitDelivery';
import { synced } from './liveNodePool';

/**
 * Marks what the cluster now shows: a pool whose NodePool carries the approved generation is
 * applied, and a decommissioned pool whose file was removed in git and whose NodePool is gone
 * is removed; each completes its request.
 */
export async function completeSynced(
  ctx: ReconcileContext,
  pools: VersionedPool[],
  snapshot: Pick<ClusterSnapshot, 'nodePools'>,
  delivered: Map<string, DeliveryState>,
): Promise<void> {
  for (const pool of pools) {
    const name = renderPoolObject(pool, ctx.cluster.policy).metadata.name;
    let patch;
    let event;
    if (pool.phase === 'decommissioning') {
      if (
        delivered.get(pool.id)?.state !== 'merged' ||
        snapshot.nodePools.has(name)
      )
        continue;
      patch = { phase: 'removed' as const };
      event = {
        type: 'pool.removed' as const,
        message: `NodePool ${name} is gone from ${pool.cluster}: its removal was synced from git`,
      };
    } else {
      if (pool.appliedGeneration === pool.generation) continue;
      if (!synced(ctx, pool, snapshot)) continue;
      patch = { appliedGeneration: pool.generation };
      event = {
        type: 'pool.applied' as const,
        message: `generation ${pool.generation} of NodePool ${name} was synced from git to the cluster`,
        data: { generation: pool.generation },
      };
    }
    await ctx.store.recordChange(
      {
        pool: {
          id: pool.id,
          version: pool.version,
          patch: { ...patch, lastError: null },
        },
        completes: pool.approvedRequestId,
        events: [
          { poolId: pool.id, requestId: pool.approvedRequestId, ...event },
        ],
      },
      ctx.now(),
    );
  }
}
