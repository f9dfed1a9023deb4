import type { VersionedPool } from '../database/NodePoolsStore';
import type { ClusterSnapshot } from '../reconciler/ClusterSnapshot';
import { findDrift, otherSpecManagers } from '../reconciler/findDrift';
import type { ReconcileContext } from '../reconciler/ReconcileContext';
import { renderPoolObject } from '../reconciler/renderPoolObject';
import { fileDrift, type DriftFinding } from './fileDrift';
import { liveObject } from './liveNodePool';

/**
 * For pools the cluster showed at their approved generation (so their change is in the base
 * branch): where the NodePool in the cluster, and where the pool's file in git, now differ from
 * the approval, and who changed them. Kept as the pool's `lastError`, one line per finding, with
 * one event per finding not reported before, and cleared once both match again. The GitOps
 * controller, not the portal, puts the approved spec back.
 */
export async function reportGitDrift(
  ctx: ReconcileContext,
  pools: VersionedPool[],
  snapshot: Pick<ClusterSnapshot, 'nodePools'>,
): Promise<void> {
  const delivery = ctx.gitDelivery?.();
  let read;
  try {
    read = delivery ? await delivery.readBase() : undefined;
  } catch (error) {
    // The forge did not answer: keep what was reported until it does, rather than clear it.
    ctx.logger.warn(
      `could not read ${ctx.cluster.name}'s branch from git: ${error}`,
    );
    return;
  }
  for (const pool of pools) {
    if (pool.phase === 'decommissioning' || pool.phase === 'removed') continue;
    if (pool.appliedGeneration !== pool.generation) continue;
    let inGit;
    try {
      inGit =
        delivery && read
          ? await fileDrift(ctx, delivery, read, pool)
          : undefined;
    } catch (error) {
      ctx.logger.warn(`could not read ${pool.id}'s file from git: ${error}`);
      continue;
    }
    const findings = [clusterDrift(ctx, pool, snapshot), inGit].filter(
      (f): f is DriftFinding => f !== undefined,
    );
    const lastError = findings.map(f => f.message).join('\n') || undefined;
    const wasDrift = pool.lastError?.startsWith('drift: ') ?? false;
    if (lastError === pool.lastError || (!lastError && !wasDrift)) continue;
    const before = new Set(wasDrift ? pool.lastError!.split('\n') : []);
    await ctx.store.recordChange(
      {
        pool: {
          id: pool.id,
          version: pool.version,
          patch: { lastError: lastError ?? null },
        },
        events: findings
          .filter(f => !before.has(f.message))
          .map(f => ({
            poolId: pool.id,
            requestId: pool.approvedRequestId,
            type: 'pool.drift-detected' as const,
            message: f.message,
            data: f.data,
          })),
      },
      ctx.now(),
    );
  }
}

/** Where the pool's NodePool in the cluster differs from the approval, and who changed it. */
function clusterDrift(
  ctx: ReconcileContext,
  pool: VersionedPool,
  snapshot: Pick<ClusterSnapshot, 'nodePools'>,
): DriftFinding | undefined {
  const rendered = renderPoolObject(pool, ctx.cluster.policy);
  const live = liveObject(ctx, pool, snapshot);
  const paths = live ? findDrift(rendered, live) : ['(object)'];
  if (paths.length === 0) return undefined;
  const managers = live ? otherSpecManagers(live) : [];
  return {
    message: `drift: NodePool ${rendered.metadata.name} ${
      live
        ? `differs from the approval (${paths.join(', ')})${
            managers.length ? `; changed by ${managers.join(', ')}` : ''
          }`
        : 'is missing from the cluster'
    }; git delivery leaves the correction to the GitOps controller`,
    data: { paths, managers },
  };
}
