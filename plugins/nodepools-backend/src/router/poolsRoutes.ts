import Router from 'express-promise-router';
import { NotFoundError } from '@backstage/errors';
import type {
  EventRecord,
  Page,
  PoolRecord,
  PoolSamplesResponse,
  TeamSpend,
} from '@nodepools/plugin-nodepools-common';
import {
  historyQuery,
  parseInput,
  poolListQuery,
  samplesQuery,
  teamSpendQuery,
} from './queryParams';
import { SAMPLES_SUMMARY } from '../samples/PoolSampler';
import type { RouteContext } from './RouteContext';

/** Pools: list (filtered by what the caller may read, in SQL), read, history, spend samples; a team's spend. */
export function poolsRoutes(ctx: RouteContext) {
  const router = Router();

  router.get('/pools', async (req, res) => {
    const query = parseInput(poolListQuery, req.query, 'query');
    const filter = await ctx.authorizer.readFilter(
      await ctx.httpAuth.credentials(req),
    );
    const page: Page<PoolRecord> = await ctx.store.listPools({
      ...query,
      filter,
    });
    // The team card sums them; prices come from a per-cluster cache, never the cloud.
    const { runRate } = ctx;
    if (runRate)
      page.items = await Promise.all(
        page.items.map(async pool => {
          const rate = await runRate(pool);
          return rate ? { ...pool, runRate: rate } : pool;
        }),
      );
    res.json(page);
  });

  // A sum over the team's pools, for its card; whoever may read pools at all may read it.
  router.get('/team-spend', async (req, res) => {
    const { owner } = parseInput(teamSpendQuery, req.query, 'query');
    await ctx.authorizer.readFilter(await ctx.httpAuth.credentials(req));
    const spend: TeamSpend = await ctx.workflow.teamSpend(owner);
    res.json(spend);
  });

  // The wire record: the store's row version is for optimistic concurrency, not for callers.
  const readable = async (
    req: Parameters<Parameters<typeof router.get>[1]>[0],
  ): Promise<PoolRecord> => {
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

  router.get('/pools/:id/samples', async (req, res) => {
    const { days } = parseInput(samplesQuery, req.query, 'query');
    const pool = await readable(req);
    const body: PoolSamplesResponse = {
      items: (await ctx.sampler?.samples(pool.id, days)) ?? [],
      retentionDays: ctx.sampler?.retentionDays ?? 0,
      summary: SAMPLES_SUMMARY,
    };
    res.json(body);
  });

  router.get('/pools/:id/history', async (req, res) => {
    const query = parseInput(historyQuery, req.query, 'query');
    const pool = await readable(req);
    const page: Page<EventRecord> = await ctx.store.history({
      poolId: pool.id,
      ...query,
    });
    res.json(page);
  });

  return router;
}
