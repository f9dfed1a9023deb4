import type { Entity } from '@backstage/catalog-model';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { NodePoolsConfig } from '@nodepools/plugin-nodepools-node';
import {
  CLUSTER_LOCATION_KEY as CLUSTERS_KEY,
  clusterEntity,
} from './clusterEntity';
import type { NodePoolsClient } from '@nodepools/plugin-nodepools-node';

/** What the provider reads from the NodePools backend. */
export type NodePoolsCatalogSource = Pick<
  NodePoolsClient,
  'listLivePools' | 'getPool'
>;
import { poolEntity } from './poolEntity';

const POOLS_KEY = 'nodepools:pools';

/**
 * Publishes the suite's clusters and every pool that is not removed as catalog entities. A full
 * sync replaces everything on a schedule; a pool change is a delta, so the catalog follows at once.
 * Clusters that the catalog already has under the same name are left to their own source.
 */
export class NodePoolsEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: {
      config: NodePoolsConfig;
      /** The portal's URL, for links from entities to pool pages. */
      appBaseUrl: string;
      source: NodePoolsCatalogSource;
      logger?: LoggerService;
      existingClusterNames?: () => Promise<Set<string>>;
    },
  ) {}

  getProviderName(): string {
    return 'nodepools';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  private get conn(): EntityProviderConnection {
    if (!this.connection)
      throw new Error('NodePoolsEntityProvider is not connected yet');
    return this.connection;
  }

  /** Replaces everything this provider published with the current clusters and pools. */
  async refresh(): Promise<{ clusters: number; pools: number }> {
    const conn = this.conn;
    const existing =
      (await this.options.existingClusterNames?.()) ?? new Set<string>();
    const clusters: Entity[] = this.options.config.clusters
      .filter(c => !existing.has(c.name))
      .map(c =>
        clusterEntity(c, this.options.config.platformOwner, CLUSTERS_KEY),
      );
    const pools: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.options.source.listLivePools({ cursor });
      for (const pool of page.items)
        pools.push(poolEntity(pool, POOLS_KEY, this.options.appBaseUrl));
      cursor = page.nextCursor;
    } while (cursor);
    await conn.applyMutation({
      type: 'full',
      entities: [
        ...clusters.map(entity => ({ entity, locationKey: CLUSTERS_KEY })),
        ...pools.map(entity => ({ entity, locationKey: POOLS_KEY })),
      ],
    });
    return { clusters: clusters.length, pools: pools.length };
  }

  /** Updates one pool's entity after it changed; a removed or vanished pool leaves the catalog. */
  async poolChanged(poolId: string): Promise<void> {
    const conn = this.conn;
    const pool = await this.options.source.getPool(poolId);
    if (pool && pool.phase !== 'removed') {
      await conn.applyMutation({
        type: 'delta',
        added: [
          {
            entity: poolEntity(pool, POOLS_KEY, this.options.appBaseUrl),
            locationKey: POOLS_KEY,
          },
        ],
        removed: [],
      });
      return;
    }
    // The entity name depends on fields we may no longer be able to read; remove by the last known entity.
    if (pool) {
      await conn.applyMutation({
        type: 'delta',
        added: [],
        removed: [
          {
            entity: poolEntity(pool, POOLS_KEY, this.options.appBaseUrl),
            locationKey: POOLS_KEY,
          },
        ],
      });
    } else {
      this.options.logger?.info(
        `Pool ${poolId} is gone; the next full sync removes its entity`,
      );
    }
  }
}
