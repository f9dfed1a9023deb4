import Router from 'express-promise-router';
import express from 'express';
import type { Knex } from 'knex';
import type { NodePoolsConfig } from '@nodepools/plugin-nodepools-node';
import { clustersRoutes, type ClusterHealthSource } from './clustersRoutes';
import { fieldErrorMiddleware } from './errorMiddleware';
import { healthRoutes } from './healthRoutes';
import { poolsRoutes } from './poolsRoutes';
import { requestsRoutes } from './requestsRoutes';
import type { RouteContext } from './RouteContext';

/** The plugin's REST API (documented in openapi.yaml); each resource lives in its own route module. */
export async function createRouter(
  options: RouteContext & {
    config: NodePoolsConfig;
    db: () => Promise<Knex>;
    reconciler: ClusterHealthSource;
  },
) {
  const router = Router();
  router.use(express.json({ limit: '256kb' }));
  router.use(
    healthRoutes({
      db: options.db,
      clusterCount: () => options.config.clusters.length,
    }),
  );
  router.use(clustersRoutes(() => options.config.clusters, options.reconciler));
  router.use(poolsRoutes(options));
  router.use(requestsRoutes(options));
  router.use(fieldErrorMiddleware);
  return router;
}
