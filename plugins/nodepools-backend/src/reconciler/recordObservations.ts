import type { NodePoolManifest } from '@nodepools/plugin-nodepools-common';
import { isDeepStrictEqual } from 'node:util';
import type {
  ObservationChange,
  VersionedPool,
} from '../database/NodePoolsStore';
import type { PoolObjects } from './ClusterSnapshot';
import type { KubeObject } from './KubeObject';
import { isOwned, isOursUnlabelled } from './ownership';
import type { ReconcileContext } from './ReconcileContext';
import { renderPoolObject } from './renderPoolObject';

/**
 * How often an unchanged observation is confirmed in the database. The preview states the age of
 * what it compares against, so a reconciler that stopped must show as an old observation; a
 * converged cluster costs one small update a minute for that, not one per pass.
 */
export const OBSERVATION_REFRESH_MS = 60_000;

/** The parts of a NodePool the preview compares: what it is called, labelled and asked to do. */
function asSeen(live: KubeObject): NodePoolManifest {
  const { name, labels, annotations } = live.metadata;
  // As JSON, so it compares equal to what was stored (no undefined fields, no Dates).
  return JSON.parse(
    JSON.stringify({
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: {
        name,
        ...(labels ? { labels } : {}),
        ...(annotations ? { annotations } : {}),
      },
      spec: live.spec,
    }),
  );
}

/**
 * Stores what the pass saw of the cluster's NodePools, for previews on every replica: each live
 * pool's NodePool (ours only: a same-named object we do not manage is not the pool's), and the
 * names held by NodePools we do not manage. Reads the stored observations once and writes only
 * what changed, plus a confirmation of the rest once {@link OBSERVATION_REFRESH_MS} has passed.
 * Returns whether it wrote anything.
 */
export async function recordObservations(
  ctx: ReconcileContext,
  pools: VersionedPool[],
  snapshot: Pick<PoolObjects, 'nodePools'>,
): Promise<boolean> {
  const now = ctx.now();
  const stored = await ctx.store.observations(ctx.cluster.name);
  const poolIdByName = new Map<string, string>();
  const change: ObservationChange = {
    nodePools: [],
    forget: [],
    confirmAll: false,
  };
  const live = new Set<string>();
  for (const pool of pools) {
    if (pool.phase === 'removed') continue;
    live.add(pool.id);
    const name = renderPoolObject(pool, ctx.cluster.policy).metadata.name;
    poolIdByName.set(name, pool.id);
    const object = snapshot.nodePools.get(name);
    const seen =
      object && (isOwned(object) || isOursUnlabelled(object, pool.id))
        ? asSeen(object)
        : undefined;
    const before = stored.nodePools.get(pool.id);
    if (!before || !isDeepStrictEqual(before.nodePool, seen))
      change.nodePools.push({
        poolId: pool.id,
        ...(seen ? { nodePool: seen } : {}),
      });
  }
  change.forget = [...stored.nodePools.keys()].filter(id => !live.has(id));
  const taken = [...snapshot.nodePools.values()]
    .filter(
      o =>
        !isOwned(o) && !isOursUnlabelled(o, poolIdByName.get(o.metadata.name)),
    )
    .map(o => o.metadata.name)
    .sort();
  const stale =
    !stored.takenNames ||
    Date.parse(now) - Date.parse(stored.takenNames.observedAt) >=
      OBSERVATION_REFRESH_MS;
  if (stale || !isDeepStrictEqual(stored.takenNames?.names, taken))
    change.takenNames = taken;
  // The cluster's row and its pools' rows are confirmed together, so their ages agree.
  change.confirmAll = stale;
  if (
    !change.takenNames &&
    change.nodePools.length === 0 &&
    change.forget.length === 0
  )
    return false;
  await ctx.store.saveObservations(ctx.cluster.name, change, now);
  return true;
}
