import { savePoolError } from './recordPoolError';
import type { ReconcileContext } from './ReconcileContext';

/**
 * When a whole cluster fails, the pools still waiting for it (a new generation or a removal)
 * carry the reason, so a requester sees why their approved pool is not there yet. The approval
 * itself is kept: the pool stays approved-not-applied until a reconcile succeeds.
 */
export async function recordClusterFailure(
  ctx: Omit<ReconcileContext, 'client'>,
  message: string,
): Promise<void> {
  const waiting = (await ctx.store.livePools(ctx.cluster.name)).filter(
    pool =>
      (pool.phase === 'decommissioning' ||
        pool.appliedGeneration !== pool.generation) &&
      pool.lastError !== message,
  );
  for (const pool of waiting) await savePoolError(ctx, pool, message);
}
