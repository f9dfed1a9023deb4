import type { VersionedPool } from '../database/NodePoolsStore';
import { ClusterUnreachableError } from './ClusterErrors';
import type { ReconcileContext } from './ReconcileContext';

/**
 * Keeps a pool's failure on the pool (`lastError`, shown in the UI) and in its history. The same
 * error again is not a new event, so a pool failing every period does not flood its history. An
 * unreachable cluster is rethrown: it is the cluster's failure, reported once for all its pools.
 */
export async function recordPoolError(
  ctx: ReconcileContext,
  pool: VersionedPool,
  error: unknown,
): Promise<void> {
  if (error instanceof ClusterUnreachableError) throw error;
  const message = error instanceof Error ? error.message : String(error);
  ctx.logger.warn(`NodePool ${pool.name} on ${pool.cluster}: ${message}`);
  if (pool.lastError === message) return;
  await savePoolError(ctx, pool, message);
}

/** Stores the message as the pool's `lastError` with one 'pool.failed' event, unless the pool changed meanwhile. */
export async function savePoolError(
  ctx: Pick<ReconcileContext, 'store' | 'now'>,
  pool: VersionedPool,
  message: string,
): Promise<void> {
  await ctx.store.recordChange(
    {
      pool: {
        id: pool.id,
        version: pool.version,
        patch: { lastError: message },
      },
      events: [
        {
          poolId: pool.id,
          requestId: pool.approvedRequestId,
          type: 'pool.failed',
          message,
        },
      ],
    },
    ctx.now(),
  );
}
