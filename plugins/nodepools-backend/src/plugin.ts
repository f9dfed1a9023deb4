import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { notificationService } from '@backstage/plugin-notifications-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  POOL_CHANGED_TOPIC,
  type PoolChangedEvent,
} from '@nodepools/plugin-nodepools-common';
import { readNodePoolsConfig } from '@nodepools/plugin-nodepools-node';
import { DatabaseNodePoolsStore } from './database/DatabaseNodePoolsStore';
import { NodePoolsAuthorizer } from './permissions/NodePoolsAuthorizer';
import { NodePoolsReconciler } from './reconciler/NodePoolsReconciler';
import { ClusterPassStore } from './database/ClusterPassStore';
import { ClusterPassRunner } from './reconciler/ClusterPassRunner';
import { PoolStatusWatcher } from './reconciler/PoolStatusWatcher';
import { ReconcilerMetrics } from './reconciler/ReconcilerMetrics';
import { followConfigChanges } from './reconciler/followConfigChanges';
import { scheduleReconciler } from './reconciler/scheduleReconciler';
import { createRouter } from './router/createRouter';
import { RequestExpiry } from './workflow/RequestExpiry';
import { GrantExpiry } from './workflow/GrantExpiry';
import { NotificationsRequestNotifier } from './workflow/RequestNotifier';
import { RequestWorkflow } from './workflow/RequestWorkflow';
import { publishChangeSignals } from './signals/publishChangeSignals';
import { awsPriceClientsFromConfig } from './pricing/awsPriceClients';
import { ClusterPrices } from './pricing/ClusterPrices';
import { PriceStore } from './pricing/PriceStore';
import { poolRunRate } from './pricing/poolRunRate';
import { PoolSampleStore } from './samples/PoolSampleStore';
import { PoolSampler } from './samples/PoolSampler';

/** The NodePools backend plugin: requests, approvals, pools and their reconciliation. */
export const nodePoolsPlugin = createBackendPlugin({
  pluginId: 'nodepools',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        logger: coreServices.logger,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        metrics: metricsServiceRef,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        notifications: notificationService,
        events: eventsServiceRef,
        signals: signalsServiceRef,
      },
      async init(deps) {
        const { config, database, httpRouter, logger, scheduler } = deps;
        const nodePoolsConfig = readNodePoolsConfig(config);
        logger.info(
          `NodePools configured for ${
            nodePoolsConfig.clusters.length
          } cluster(s): ${
            nodePoolsConfig.clusters.map(c => c.name).join(', ') || 'none'
          }`,
        );
        // Every committed change becomes a signal, so open pages refresh without polling.
        const store = await DatabaseNodePoolsStore.create({
          database,
          onChange: publishChangeSignals(deps.signals, logger),
        });
        const notifier = new NotificationsRequestNotifier(
          deps.notifications,
          logger,
          config.getOptionalString('app.baseUrl') ?? '',
        );
        // Instance prices: AWS ones refreshed by a scheduled task per region, never per request.
        const prices = new ClusterPrices({
          store: new PriceStore(await database.getClient()),
          clients: awsPriceClientsFromConfig(config),
          logger,
        });
        await prices.schedule(scheduler, nodePoolsConfig.clusters);
        const runRate = poolRunRate(prices, () => nodePoolsConfig.clusters);
        // Spend over time: the reconciler samples each pool once an hour (list prices, provisioned).
        const sampler = new PoolSampler({
          store: new PoolSampleStore(await database.getClient()),
          runRate,
        });
        const reconciler = new NodePoolsReconciler({
          sampler,
          notifier,
          config: nodePoolsConfig,
          rootConfig: config,
          store,
          logger,
          metrics: new ReconcilerMetrics(deps.metrics, store),
        });
        // Replicas take turns per cluster through a lease in the plugin's database.
        const runner = new ClusterPassRunner({
          reconciler,
          passes: new ClusterPassStore(await database.getClient()),
          logger,
        });
        const reconcileNow = await scheduleReconciler(
          reconciler,
          scheduler,
          logger,
          nodePoolsConfig.reconcileIntervalSeconds,
          runner,
        );
        const watcher = new PoolStatusWatcher({
          reconciler,
          logger,
          runPass: cluster => runner.run(cluster),
        });
        deps.lifecycle.addStartupHook(() => watcher.start());
        deps.lifecycle.addShutdownHook(() => {
          watcher.stop();
          runner.stop();
        });
        // Connection details and policies follow the config files (the root config watches them).
        const following = followConfigChanges({
          rootConfig: config,
          config: nodePoolsConfig,
          reconciler,
          watcher,
          reconcileNow,
          logger,
        });
        deps.lifecycle.addShutdownHook(() => following.unsubscribe());
        const workflow = new RequestWorkflow({
          store,
          config: nodePoolsConfig,
          logger,
          notifier,
          onApproved: reconcileNow,
          prices: cluster => prices.forCluster(cluster),
          // The preview and approvals ask the target API server through the reconciler's client.
          clusterClient: cluster => reconciler.clientOf(cluster),
          nodeClasses: async cluster => {
            await runner.refreshShared();
            return reconciler.nodeClasses(cluster);
          },
          // The catalog module turns this into a delta, so a granted pool shows up without waiting for a full sync.
          onPoolChanged: async pool => {
            const eventPayload: PoolChangedEvent = {
              poolId: pool.id,
              cluster: pool.cluster,
              phase: pool.phase,
            };
            await deps.events.publish({
              topic: POOL_CHANGED_TOPIC,
              eventPayload,
            });
          },
        });
        const authorizer = NodePoolsAuthorizer.register(deps);
        await new RequestExpiry(workflow, scheduler).schedule();
        await new GrantExpiry(
          workflow,
          scheduler,
          nodePoolsConfig.grantExpiryIntervalSeconds,
        ).schedule();
        httpRouter.use(
          await createRouter({
            ...deps,
            store,
            workflow,
            authorizer,
            reconciler: {
              refresh: () => runner.refreshShared(),
              health: () => reconciler.health(),
              nodeClasses: cluster => reconciler.nodeClasses(cluster),
            },
            config: nodePoolsConfig,
            db: () => database.getClient(),
            runRate,
            sampler,
          }),
        );
        // Health is for load balancers and the README's smoke check; it reveals nothing sensitive.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
