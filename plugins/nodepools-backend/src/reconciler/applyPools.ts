import type { VersionedPool } from '../database/NodePoolsStore';
import type { ClusterSnapshot } from './ClusterSnapshot';
import { NotOwnedError } from './ClusterErrors';
import { failApprovedRequest } from './failApprovedRequest';
import { findDrift, otherSpecManagers } from './findDrift';
import { isOwned, isOursUnlabelled } from './ownership';
import type { ReconcileContext } from './ReconcileContext';
import { recordPoolError } from './recordPoolError';
import { renderPoolObject } from './renderPoolObject';

/** What {@link applyPools} wrote. */
export interface ApplyPoolsOutcome {
  /** NodePools written (new generations, re-creations and corrections). */
  applied: number;
  /** Of those, corrections of someone else's change or deletion. */
  driftCorrected: number;
}

/**
 * Brings each live pool's NodePool to its approved spec: applies a new generation, re-creates a
 * deleted object, and puts back fields someone else changed (naming them in the history). A
 * NodePool that already matches is not written. A same-named NodePool without our label is
 * never touched; the pool records why instead, and the approved request fails with that reason. What apply returns replaces the snapshot's copy,
 * so the status step sees the generation just written.
 */
export async function applyPools(
  ctx: ReconcileContext,
  pools: VersionedPool[],
  snapshot: Pick<ClusterSnapshot, 'nodePools'>,
): Promise<ApplyPoolsOutcome> {
  const outcome = { applied: 0, driftCorrected: 0 };
  for (const pool of pools) {
    if (pool.phase === 'decommissioning' || pool.phase === 'removed') continue;
    try {
      const result = await applyPool(ctx, pool, snapshot);
      if (result === 'unchanged') continue;
      outcome.applied += 1;
      if (result === 'drift-corrected') outcome.driftCorrected += 1;
    } catch (error) {
      await recordPoolError(ctx, pool, error);
      // Never touching that object, the pool cannot ever be applied: its request must not wait.
      if (error instanceof NotOwnedError)
        await failApprovedRequest(ctx, pool, error.message);
    }
  }
  return outcome;
}

async function applyPool(
  ctx: ReconcileContext,
  pool: VersionedPool,
  snapshot: Pick<ClusterSnapshot, 'nodePools'>,
): Promise<'unchanged' | 'applied' | 'drift-corrected'> {
  const rendered = renderPoolObject(pool, ctx.cluster.policy);
  // The snapshot lists every NodePool, so absent here means absent from the cluster.
  const live = snapshot.nodePools.get(rendered.metadata.name);
  if (live && !isOwned(live) && !isOursUnlabelled(live, pool.id))
    throw new NotOwnedError(
      ctx.cluster.name,
      'NodePool',
      rendered.metadata.name,
    );
  const newGeneration = pool.appliedGeneration !== pool.generation;
  const drift = live && !newGeneration ? findDrift(rendered, live) : [];
  if (live && !newGeneration && drift.length === 0) {
    if (pool.lastError)
      await ctx.store.updatePool(pool.id, pool.version, {
        lastError: null,
        updatedAt: ctx.now(),
      });
    return 'unchanged';
  }
  const written = await ctx.client.apply(rendered, { force: true });
  snapshot.nodePools.set(rendered.metadata.name, written);

  const now = ctx.now();
  const name = rendered.metadata.name;
  let event;
  if (newGeneration) {
    event = {
      type: 'pool.applied' as const,
      message: `generation ${pool.generation} applied to NodePool ${name}`,
      data: { generation: pool.generation },
    };
  } else if (!live) {
    event = {
      type: 'pool.drift-corrected' as const,
      message: `NodePool ${name} was missing from the cluster and was re-created`,
      data: { paths: ['(object)'], managers: [] },
    };
  } else {
    const managers = otherSpecManagers(live);
    event = {
      type: 'pool.drift-corrected' as const,
      message: `NodePool ${name} was changed outside the portal${
        managers.length ? ` by ${managers.join(', ')}` : ''
      } (${drift.join(', ')}); the approved spec was restored`,
      data: { paths: drift, managers },
    };
  }
  // A newer approval meanwhile leaves the pool's version changed, so nothing is recorded now:
  // the next reconcile applies that one.
  await ctx.store.recordChange(
    {
      pool: {
        id: pool.id,
        version: pool.version,
        patch: { appliedGeneration: pool.generation, lastError: null },
      },
      completes: pool.approvedRequestId,
      events: [
        { poolId: pool.id, requestId: pool.approvedRequestId, ...event },
      ],
    },
    now,
  );
  return newGeneration ? 'applied' : 'drift-corrected';
}
