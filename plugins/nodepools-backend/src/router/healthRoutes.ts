import Router from 'express-promise-router';
import type { Knex } from 'knex';
import type { NodePoolsHealth } from '@nodepools/plugin-nodepools-common';

/** `GET /health`: the plugin is up and its database answers. */
export function healthRoutes(options: {
  db: () => Promise<Knex>;
  /** Asked per call: the configured clusters can change while the backend runs. */
  clusterCount: () => number;
}) {
  const router = Router();
  router.get('/health', async (_req, res) => {
    let database: 'ok' | 'unavailable' = 'ok';
    try {
      await (await options.db()).raw('select 1');
    } catch {
      database = 'unavailable';
    }
    const body: NodePoolsHealth = {
      status: database === 'ok' ? 'ok' : 'degraded',
      database,
      clusters: options.clusterCount(),
    };
    res.status(database === 'ok' ? 200 : 503).json(body);
  });
  return router;
}
