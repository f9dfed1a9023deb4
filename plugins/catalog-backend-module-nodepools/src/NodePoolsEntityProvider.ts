import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { Entity } from '@backstage/catalog-model';
import type { NodePoolsConfig } from '@nodepools/plugin-nodepools-node';
import { clusterEntity } from './clusterEntity';

/**
 * Publishes the suite's clusters (and, once the backend stores them, its pools) to the catalog.
 * Clusters that the catalog already has under the same name are left to their own source.
 */
export class NodePoolsEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly config: NodePoolsConfig,
    private readonly existingClusterNames: () => Promise<Set<string>>,
  ) {}

  getProviderName(): string {
    return 'nodepools';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /** Replaces everything this provider published with the current clusters. */
  async refresh(): Promise<Entity[]> {
    if (!this.connection)
      throw new Error('NodePoolsEntityProvider is not connected yet');
    const existing = await this.existingClusterNames();
    const locationKey = `${this.getProviderName()}:clusters`;
    const entities = this.config.clusters
      .filter(c => !existing.has(c.name))
      .map(c => clusterEntity(c, this.config.platformOwner, locationKey));
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({ entity, locationKey })),
    });
    return entities;
  }
}
