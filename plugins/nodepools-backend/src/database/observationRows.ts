import type { Knex } from 'knex';
import type { ClusterObservations, ObservationChange } from './NodePoolsStore';
import { iso } from './rows';

/** The rows of what the reconciler last observed of each cluster's NodePools. */

const OBSERVED_NODEPOOLS = 'nodepools_observed_nodepools';
const CLUSTER_OBSERVATIONS = 'nodepools_cluster_observations';

export async function readObservations(
  db: Knex | Knex.Transaction,
  cluster: string,
): Promise<ClusterObservations> {
  const [clusterRow, rows] = await Promise.all([
    db(CLUSTER_OBSERVATIONS).where('cluster', cluster).first(),
    db(OBSERVED_NODEPOOLS).where('cluster', cluster),
  ]);
  return {
    takenNames: clusterRow
      ? {
          names: JSON.parse(clusterRow.taken_nodepool_names),
          observedAt: iso(clusterRow.observed_at),
        }
      : undefined,
    nodePools: new Map(
      rows.map(row => [
        row.pool_id,
        {
          ...(row.nodepool ? { nodePool: JSON.parse(row.nodepool) } : {}),
          observedAt: iso(row.observed_at),
        },
      ]),
    ),
  };
}

/** Writes a pass's observations; `db` is a transaction, so a pass's facts land together. */
export async function writeObservations(
  db: Knex | Knex.Transaction,
  cluster: string,
  change: ObservationChange,
  now: string,
): Promise<void> {
  if (change.confirmAll)
    await db(OBSERVED_NODEPOOLS)
      .where('cluster', cluster)
      .update({ observed_at: now });
  if (change.forget.length > 0)
    await db(OBSERVED_NODEPOOLS).whereIn('pool_id', change.forget).delete();
  // Upserts: replicas observing the same cluster at once write the same facts.
  if (change.nodePools.length > 0)
    await db(OBSERVED_NODEPOOLS)
      .insert(
        change.nodePools.map(p => ({
          pool_id: p.poolId,
          cluster,
          nodepool: p.nodePool ? JSON.stringify(p.nodePool) : null,
          observed_at: now,
        })),
      )
      .onConflict('pool_id')
      .merge();
  if (change.takenNames)
    await db(CLUSTER_OBSERVATIONS)
      .insert({
        cluster,
        taken_nodepool_names: JSON.stringify(change.takenNames),
        observed_at: now,
      })
      .onConflict('cluster')
      .merge();
}
