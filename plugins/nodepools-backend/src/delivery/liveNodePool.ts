import { NODEPOOLS_ANNOTATIONS } from '@nodepools/plugin-nodepools-common';
import type { VersionedPool } from '../database/NodePoolsStore';
import type { ClusterSnapshot } from '../reconciler/ClusterSnapshot';
import { isOwned, isOursUnlabelled } from '../reconciler/ownership';
import type { ReconcileContext } from '../reconciler/ReconcileContext';
import { renderPoolObject } from '../reconciler/renderPoolObject';

/** Whether the cluster already shows the pool's approved generation (the object carries it). */
export function synced(
  ctx: ReconcileContext,
  pool: VersionedPool,
  snapshot: Pick<ClusterSnapshot, 'nodePools'>,
): boolean {
  const live = liveObject(ctx, pool, snapshot);
  return (
    live?.metadata.annotations?.[NODEPOOLS_ANNOTATIONS.generation] ===
    String(pool.generation)
  );
}

/** The pool's NodePool in the snapshot, if it is ours. */
export function liveObject(
  ctx: ReconcileContext,
  pool: VersionedPool,
  snapshot: Pick<ClusterSnapshot, 'nodePools'>,
) {
  const name = renderPoolObject(pool, ctx.cluster.policy).metadata.name;
  const live = snapshot.nodePools.get(name);
  return live && (isOwned(live) || isOursUnlabelled(live, pool.id))
    ? live
    : undefined;
}
