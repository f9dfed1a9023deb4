import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  POOL_CHANGED_TOPIC,
  type PoolChangedEvent,
} from '@nodepools/plugin-nodepools-common';
import {
  NodePoolsClient,
  readNodePoolsConfig,
} from '@nodepools/plugin-nodepools-node';
import { NodePoolsEntityProvider } from './NodePoolsEntityProvider';
import { existingClusterNames } from './existingClusterNames';

/** Catalog module: every NodePools cluster and pool becomes a Resource entity. */
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
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        events: eventsServiceRef,
        lifecycle: coreServices.lifecycle,
        catalogService: catalogServiceRef,
      },
      async init({
        catalog,
        config,
        scheduler,
        logger,
        discovery,
        auth,
        events,
        lifecycle,
        catalogService,
      }) {
        const provider = new NodePoolsEntityProvider({
          config: readNodePoolsConfig(config),
          appBaseUrl:
            config.getOptionalString('app.baseUrl') ?? 'http://localhost:3000',
          source: new NodePoolsClient(discovery, auth),
          existingClusterNames: existingClusterNames(catalogService, auth),
          logger,
        });
        catalog.addEntityProvider(provider);
        // The scheduled full sync keeps its cadence across restarts; sync once at start too, so a
        // restarted portal never shows stale pools for up to ten minutes.
        lifecycle.addStartupHook(() => {
          provider
            .refresh()
            .catch(error =>
              logger.warn(`Initial NodePools catalog sync failed: ${error}`),
            );
        });
        await scheduler.scheduleTask({
          id: 'nodepools-catalog-full-sync',
          frequency: { minutes: 10 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 15 },
          scope: 'global',
          fn: async () => {
            const counts = await provider.refresh();
            logger.info(
              `Published ${counts.clusters} cluster(s) and ${counts.pools} pool(s) to the catalog`,
            );
          },
        });
        await events.subscribe({
          id: 'nodepools-catalog-delta',
          topics: [POOL_CHANGED_TOPIC],
          onEvent: async ({ eventPayload }) =>
            provider.poolChanged((eventPayload as PoolChangedEvent).poolId),
        });
      },
    });
  },
});
