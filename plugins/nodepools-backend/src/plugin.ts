import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readNodePoolsConfig } from '@nodepools/plugin-nodepools-node';
import { createRouter } from './router/createRouter';

/** The NodePools backend plugin: requests, approvals, pools and their reconciliation. */
export const nodePoolsPlugin = createBackendPlugin({
  pluginId: 'nodepools',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ config, database, httpRouter, logger }) {
        const nodePoolsConfig = readNodePoolsConfig(config);
        logger.info(
          `NodePools configured for ${
            nodePoolsConfig.clusters.length
          } cluster(s): ${
            nodePoolsConfig.clusters.map(c => c.name).join(', ') || 'none'
          }`,
        );
        httpRouter.use(
          await createRouter({
            config: nodePoolsConfig,
            db: () => database.getClient(),
          }),
        );
        // Health is for load balancers and the README's smoke check; it reveals nothing sensitive.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
