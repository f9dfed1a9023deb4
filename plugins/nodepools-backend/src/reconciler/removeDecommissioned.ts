import type { VersionedPool } from '../database/NodePoolsStore';
import type { ClusterSnapshot } from './ClusterSnapshot';
import { NotOwnedError } from './ClusterErrors';
import { isOwned } from './ownership';
import type { ReconcileContext } from './ReconcileContext';
import { recordPoolError } from './recordPoolError';
import { renderPoolObject } from './renderPoolObject';

/**
 * Deletes the NodePool of each pool approved for decommissioning (Karpenter then drains and
 * removes its nodes). Only these pools, and only an object with our label, are ever deleted.
 * The pool is 'removed' once the object is gone; while finalizers hold it, it stays
 * 'decommissioning' and the next reconcile looks again. Returns the number of deletions sent.
 */
export async function removeDecommissioned(
  ctx: ReconcileContext,
  pools: VersionedPool[],
  snapshot: Pick<ClusterSnapshot, 'nodePools'>,
): Promise<number> {
  let deleted = 0;
  for (const pool of pools) {
    if (pool.phase !== 'decommissioning') continue;
    try {
      if (await removePool(ctx, pool, snapshot)) deleted += 1;
    } catch (error) {
      await recordPoolError(ctx, pool, error);
    }
  }
  return deleted;
}

async function removePool(
  ctx: ReconcileContext,
  pool: VersionedPool,
  snapshot: Pick<ClusterSnapshot, 'nodePools'>,
): Promise<boolean> {
  const ref = renderPoolObject(pool, ctx.cluster.policy);
  const name = ref.metadata.name;
  let live = snapshot.nodePools.get(name);
  if (live && !isOwned(live))
    throw new NotOwnedError(ctx.cluster.name, 'NodePool', name);
  let sent = false;
  if (live && !live.metadata.deletionTimestamp) {
    await ctx.client.delete(ref);
    sent = true;
    live = await ctx.client.get(ref);
  }
  if (live) return sent;
  await ctx.store.recordChange(
    {
      pool: {
        id: pool.id,
        version: pool.version,
        patch: { phase: 'removed', lastError: null },
      },
      completes: pool.approvedRequestId,
      events: [
        {
          poolId: pool.id,
          requestId: pool.approvedRequestId,
          type: 'pool.removed',
          message: `NodePool ${name} deleted from ${pool.cluster}`,
        },
      ],
    },
    ctx.now(),
  );
  snapshot.nodePools.delete(name);
  return sent;
}
