import Router from 'express-promise-router';
import express from 'express';
import type { Knex } from 'knex';
import type { NodePoolsConfig } from '@nodepools/plugin-nodepools-node';
import { clustersRoutes } from './clustersRoutes';
import { healthRoutes } from './healthRoutes';

/** The plugin's REST API; each resource lives in its own route module. */
export async function createRouter(options: {
  config: NodePoolsConfig;
  db: () => Promise<Knex>;
}) {
  const router = Router();
  router.use(express.json({ limit: '256kb' }));
  router.use(
    healthRoutes({
      db: options.db,
      clusterCount: options.config.clusters.length,
    }),
  );
  router.use(clustersRoutes(options.config.clusters));
  return router;
}
