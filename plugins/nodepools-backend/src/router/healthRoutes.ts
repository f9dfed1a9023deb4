import Router from 'express-promise-router';
import type { Knex } from 'knex';

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
    res.status(database === 'ok' ? 200 : 503).json({
      status: database === 'ok' ? 'ok' : 'degraded',
      database,
      clusters: options.clusterCount(),
    });
  });
  return router;
}
