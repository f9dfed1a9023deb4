import Router from 'express-promise-router';
import { NotFoundError } from '@backstage/errors';
import { historyQuery, parseInput, poolListQuery } from './queryParams';
import type { RouteContext } from './RouteContext';

/** Pools: list (filtered by what the caller may read, in SQL), read, history. */
export function poolsRoutes(ctx: RouteContext) {
  const router = Router();

  router.get('/pools', async (req, res) => {
    const query = parseInput(poolListQuery, req.query, 'query');
    const filter = await ctx.authorizer.readFilter(
      await ctx.httpAuth.credentials(req),
    );
    res.json(await ctx.store.listPools({ ...query, filter }));
  });

  const readable = async (
    req: Parameters<Parameters<typeof router.get>[1]>[0],
  ) => {
    const filter = await ctx.authorizer.readFilter(
      await ctx.httpAuth.credentials(req),
    );
    const pool = await ctx.store.getPool(req.params.id, filter);
    if (!pool) throw new NotFoundError(`no pool ${req.params.id}`);
    const { version: _v, ...record } = pool;
    return record;
  };

  router.get('/pools/:id', async (req, res) => {
    const pool = await readable(req);
    const runRate = await ctx.runRate?.(pool);
    res.json(runRate ? { ...pool, runRate } : pool);
  });

  router.get('/pools/:id/history', async (req, res) => {
    const query = parseInput(historyQuery, req.query, 'query');
    const pool = await readable(req);
    res.json(await ctx.store.history({ poolId: pool.id, ...query }));
  });

  return router;
}
