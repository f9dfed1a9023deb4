import type { VersionedPool } from '../database/NodePoolsStore';
import type { ReconcileContext } from './ReconcileContext';

/**
 * Ends the approved request of a pool that can never be applied (its NodePool name is held by an
 * object the portal does not manage, which it never touches) as 'failed' with the reason, in the
 * history, and tells the requester. A created pool that never ran is removed with it, so it holds
 * neither its name nor its team's budget, and the reconciler stops retrying it; a pool that ran
 * keeps its grant and its error. Only an 'approved' request moves, with versions checked, so a
 * second replica doing the same finds nothing to do.
 */
export async function failApprovedRequest(
  ctx: ReconcileContext,
  pool: VersionedPool,
  reason: string,
): Promise<void> {
  const requestId = pool.approvedRequestId;
  if (!requestId) return;
  const now = ctx.now();
  const failed = await ctx.store.transaction(async tx => {
    const request = await tx.getRequest(requestId);
    if (!request || request.state !== 'approved') return undefined;
    const moved = await tx.recordChange(
      {
        request: {
          id: request.id,
          version: request.version,
          patch: { state: 'failed', reason },
        },
        events: [
          {
            requestId: request.id,
            poolId: pool.id,
            type: 'request.failed',
            message: `the approved ${request.kind} of pool ${request.pool} cannot be applied: ${reason}`,
          },
        ],
      },
      now,
    );
    if (!moved) return undefined;
    const current = await tx.getPool(pool.id);
    if (
      request.kind === 'create' &&
      current &&
      current.phase !== 'removed' &&
      current.appliedGeneration === undefined &&
      current.approvedRequestId === request.id
    ) {
      const removed = await tx.recordChange(
        {
          pool: {
            id: current.id,
            version: current.version,
            patch: { phase: 'removed', lastError: reason },
          },
          events: [
            {
              poolId: current.id,
              requestId: request.id,
              type: 'pool.removed',
              message: `pool ${current.name} removed: its request failed and it never ran on ${current.cluster}`,
            },
          ],
        },
        now,
      );
      if (!removed) return undefined;
    }
    return tx.getRequest(request.id);
  });
  if (failed) await ctx.notifier?.decided(failed);
}
