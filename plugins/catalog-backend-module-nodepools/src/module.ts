import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readNodePoolsConfig } from '@nodepools/plugin-nodepools-node';
import { NodePoolsEntityProvider } from './NodePoolsEntityProvider';

/** Catalog module: every NodePools cluster (and later every pool) becomes a Resource entity. */
export const catalogModuleNodePools = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'nodepools',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
      },
      async init({ catalog, config, scheduler, logger }) {
        // Other catalog sources that already describe a cluster win; none are consulted yet.
        const provider = new NodePoolsEntityProvider(
          readNodePoolsConfig(config),
          async () => new Set(),
        );
        catalog.addEntityProvider(provider);
        await scheduler.scheduleTask({
          id: 'nodepools-catalog-full-sync',
          frequency: { minutes: 10 },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 5 },
          scope: 'global',
          fn: async () => {
            const entities = await provider.refresh();
            logger.info(
              `Published ${entities.length} NodePools entities to the catalog`,
            );
          },
        });
      },
    });
  },
});
