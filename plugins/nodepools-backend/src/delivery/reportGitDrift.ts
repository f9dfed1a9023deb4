import type { VersionedPool } from '../database/NodePoolsStore';
import type { ClusterSnapshot } from '../reconciler/ClusterSnapshot';
import { findDrift, otherSpecManagers } from '../reconciler/findDrift';
import type { ReconcileContext } from '../reconciler/ReconcileContext';
import { renderPoolObject } from '../reconciler/renderPoolObject';
import { liveObject } from './liveNodePool';

/**
 * For pools the cluster showed at their approved generation: where the NodePool now differs from
 * the approval (or is gone), and which field managers changed it. Kept as the pool's `lastError`
 * with one event per distinct finding, and cleared once the cluster matches again. The GitOps
 * controller, not the portal, puts the approved spec back.
 */
export async function reportGitDrift(
  ctx: ReconcileContext,
  pools: VersionedPool[],
  snapshot: Pick<ClusterSnapshot, 'nodePools'>,
): Promise<void> {
  for (const pool of pools) {
    if (pool.phase === 'decommissioning' || pool.phase === 'removed') continue;
    if (pool.appliedGeneration !== pool.generation) continue;
    const rendered = renderPoolObject(pool, ctx.cluster.policy);
    const live = liveObject(ctx, pool, snapshot);
    const paths = live ? findDrift(rendered, live) : ['(object)'];
    const managers = live ? otherSpecManagers(live) : [];
    const finding =
      paths.length === 0
        ? undefined
        : `drift: NodePool ${rendered.metadata.name} ${
            live
              ? `differs from the approval (${paths.join(', ')})${
                  managers.length ? `; changed by ${managers.join(', ')}` : ''
                }`
              : 'is missing from the cluster'
          }; git delivery leaves the correction to the GitOps controller`;
    const wasDrift = pool.lastError?.startsWith('drift: ') ?? false;
    if (finding === pool.lastError || (!finding && !wasDrift)) continue;
    await ctx.store.recordChange(
      {
        pool: {
          id: pool.id,
          version: pool.version,
          patch: { lastError: finding ?? null },
        },
        events: finding
          ? [
              {
                poolId: pool.id,
                requestId: pool.approvedRequestId,
                type: 'pool.drift-detected',
                message: finding,
                data: { paths, managers },
              },
            ]
          : [],
      },
      ctx.now(),
    );
  }
}
