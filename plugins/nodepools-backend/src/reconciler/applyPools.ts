import type { VersionedPool } from '../database/NodePoolsStore';
import { NotOwnedError } from './ClusterErrors';
import { completeRequest } from './completeRequest';
import { findDrift, otherSpecManagers } from './findDrift';
import { isOwned } from './ownership';
import type { ReconcileContext } from './ReconcileContext';
import { recordPoolError } from './recordPoolError';
import { renderPoolObject } from './renderPoolObject';

/**
 * Brings each live pool's NodePool to its approved spec: applies a new generation, re-creates a
 * deleted object, and puts back fields someone else changed (naming them in the history). A
 * same-named NodePool without our label is never touched; the pool records why instead.
 */
export async function applyPools(
  ctx: ReconcileContext,
  pools: VersionedPool[],
): Promise<void> {
  for (const pool of pools) {
    if (pool.phase === 'decommissioning' || pool.phase === 'removed') continue;
    try {
      await applyPool(ctx, pool);
    } catch (error) {
      await recordPoolError(ctx, pool, error);
    }
  }
}

async function applyPool(ctx: ReconcileContext, pool: VersionedPool) {
  const rendered = renderPoolObject(pool, ctx.cluster.policy);
  const live = await ctx.client.get(rendered);
  if (live && !isOwned(live))
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
    return;
  }
  await ctx.client.apply(rendered, { force: true });

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
  await ctx.store.transaction(async tx => {
    // A newer approval meanwhile: the next reconcile applies that one; nothing to record now.
    if (
      !(await tx.updatePool(pool.id, pool.version, {
        appliedGeneration: pool.generation,
        lastError: null,
        updatedAt: now,
      }))
    )
      return;
    await tx.appendEvent(
      { poolId: pool.id, requestId: pool.approvedRequestId, ...event },
      now,
    );
    await completeRequest(tx, pool.approvedRequestId, now);
  });
}
