import type { VersionedPool } from '../database/NodePoolsStore';
import { NotOwnedError } from './ClusterErrors';
import { completeRequest } from './completeRequest';
import { isOwned } from './ownership';
import type { ReconcileContext } from './ReconcileContext';
import { recordPoolError } from './recordPoolError';
import { renderPoolObject } from './renderPoolObject';

/**
 * Deletes the NodePool of each pool approved for decommissioning (Karpenter then drains and
 * removes its nodes). Only these pools, and only an object with our label, are ever deleted.
 * The pool is 'removed' once the object is gone; while finalizers hold it, it stays
 * 'decommissioning' and the next reconcile looks again.
 */
export async function removeDecommissioned(
  ctx: ReconcileContext,
  pools: VersionedPool[],
): Promise<void> {
  for (const pool of pools) {
    if (pool.phase !== 'decommissioning') continue;
    try {
      await removePool(ctx, pool);
    } catch (error) {
      await recordPoolError(ctx, pool, error);
    }
  }
}

async function removePool(ctx: ReconcileContext, pool: VersionedPool) {
  const ref = renderPoolObject(pool, ctx.cluster.policy);
  const name = ref.metadata.name;
  let live = await ctx.client.get(ref);
  if (live && !isOwned(live))
    throw new NotOwnedError(ctx.cluster.name, 'NodePool', name);
  if (live && !live.metadata.deletionTimestamp) {
    await ctx.client.delete(ref);
    live = await ctx.client.get(ref);
  }
  if (live) return;
  const now = ctx.now();
  await ctx.store.transaction(async tx => {
    if (
      !(await tx.updatePool(pool.id, pool.version, {
        phase: 'removed',
        lastError: null,
        updatedAt: now,
      }))
    )
      return;
    await tx.appendEvent(
      {
        poolId: pool.id,
        requestId: pool.approvedRequestId,
        type: 'pool.removed',
        message: `NodePool ${name} deleted from ${pool.cluster}`,
      },
      now,
    );
    await completeRequest(tx, pool.approvedRequestId, now);
  });
}
