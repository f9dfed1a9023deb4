import type { Knex } from 'knex';
import type { ClusterHealth } from '../reconciler/ClusterHealth';
import type { NodeClassInfo } from '@nodepools/plugin-nodepools-common';

const PASSES = 'nodepools_cluster_passes';

/** What the last pass of a cluster saw, as any replica reads it. */
export interface SharedClusterState {
  health: ClusterHealth;
  nodeClasses?: NodeClassInfo[];
}

/**
 * The per-cluster pass lease and pass requests, shared by every replica through the plugin's
 * database (SQLite or PostgreSQL). Every operation is one conditional statement, so the database
 * decides who holds a cluster; no clock but the callers' `now`, compared only with lease ends the
 * callers wrote themselves.
 */
export class ClusterPassStore {
  constructor(private readonly db: Knex) {}

  /**
   * Takes the cluster's lease for `holder` until `until` if nobody holds it or the holder's lease
   * ran out. Returns the number of passes requested so far (what this pass will serve), or
   * undefined when another replica holds it.
   */
  async acquire(
    cluster: string,
    holder: string,
    until: number,
    now: number,
  ): Promise<number | undefined> {
    await this.ensureRow(cluster);
    const taken = await this.db(PASSES)
      .where('cluster', cluster)
      .andWhere(q => q.whereNull('holder').orWhere('lease_until', '<', now))
      .update({ holder, lease_until: until });
    if (taken !== 1) return undefined;
    const row = await this.db(PASSES)
      .where({ cluster, holder })
      .first('requested');
    return row ? Number(row.requested) : undefined;
  }

  /** Extends a lease still held; false when it was lost (ran out and taken by another). */
  async renew(
    cluster: string,
    holder: string,
    until: number,
  ): Promise<boolean> {
    const renewed = await this.db(PASSES)
      .where({ cluster, holder })
      .update({ lease_until: until });
    return renewed === 1;
  }

  /** Asks for one more pass of the cluster, by whoever holds it or takes it next. */
  async request(cluster: string): Promise<void> {
    await this.ensureRow(cluster);
    await this.db(PASSES).where('cluster', cluster).increment('requested', 1);
  }

  /**
   * Records that the holder's pass served the requests up to `served`, and lets the lease go
   * unless more were asked for meanwhile. Returns undefined when released, or the requests to
   * serve next when the holder must run again (it keeps the lease).
   */
  async release(
    cluster: string,
    holder: string,
    served: number,
  ): Promise<number | undefined> {
    const released = await this.db(PASSES)
      .where({ cluster, holder })
      .andWhere('requested', '<=', served)
      .update({ holder: null, lease_until: 0, served });
    if (released === 1) return undefined;
    await this.db(PASSES).where({ cluster, holder }).update({ served });
    const row = await this.db(PASSES)
      .where({ cluster, holder })
      .first('requested');
    // Lost the lease meanwhile: the new holder serves the rest.
    return row ? Number(row.requested) : undefined;
  }

  /** Lets a lease go whatever was requested (the pass failed before it could serve anything). */
  async abandon(cluster: string, holder: string): Promise<void> {
    await this.db(PASSES)
      .where({ cluster, holder })
      .update({ holder: null, lease_until: 0 });
  }

  /** Whether a pass was asked for that no pass has served yet. */
  async hasUnserved(cluster: string): Promise<boolean> {
    const row = await this.db(PASSES)
      .where('cluster', cluster)
      .first('requested', 'served');
    return !!row && Number(row.requested) > Number(row.served);
  }

  /** Keeps what a pass saw for every replica to answer with. */
  async saveState(cluster: string, state: SharedClusterState): Promise<void> {
    await this.ensureRow(cluster);
    await this.db(PASSES)
      .where('cluster', cluster)
      .update({
        health: JSON.stringify(state.health),
        node_classes: state.nodeClasses
          ? JSON.stringify(state.nodeClasses)
          : null,
      });
  }

  /** What the last pass of each cluster saw, by cluster name. */
  async loadStates(): Promise<Map<string, SharedClusterState>> {
    const rows = await this.db(PASSES)
      .whereNotNull('health')
      .select('cluster', 'health', 'node_classes');
    return new Map(
      rows.map(row => [
        row.cluster as string,
        {
          health: JSON.parse(row.health),
          nodeClasses: row.node_classes
            ? JSON.parse(row.node_classes)
            : undefined,
        },
      ]),
    );
  }

  private async ensureRow(cluster: string): Promise<void> {
    await this.db(PASSES).insert({ cluster }).onConflict('cluster').ignore();
  }
}
