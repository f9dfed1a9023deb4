import os from 'node:os';
import type { Knex } from 'knex';
import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../testDatabases';
import { DatabaseNodePoolsStore } from '../../database/DatabaseNodePoolsStore';
import {
  HOUR_MS,
  PoolSampleStore,
  type NewPoolSample,
} from '../../samples/PoolSampleStore';
import { quantile, timeRuns, writeBenchmarkSection } from './benchmarkReport';

const databases = createTestDatabases();
const POOLS = 1_000;
const DAYS = 90;
const HOURS = DAYS * 24;
const RUNS = 60;
// The newest hour in the table: the samples end here, the 30-day query looks back from it.
const END = Date.parse('2026-12-06T00:00:00.000Z');
const FIRST = END - (HOURS - 1) * HOUR_MS;
jest.setTimeout(1_800_000);

async function migrated(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  await DatabaseNodePoolsStore.create({
    database: mockServices.database.mock({ getClient: async () => knex }),
  });
  return knex;
}

/**
 * Fills the table with `pools` pools × 90 days of hourly samples in one INSERT … SELECT (the
 * database generates the rows; 2 M single inserts through knex would measure the driver, not the
 * table). The figures vary by pool and hour so no page compresses better than real data would.
 */
async function seed(knex: Knex, pools: number): Promise<number> {
  const postgres = knex.client.config.client === 'pg';
  const select = `
    select 'pool-' || p.i, ${FIRST} + cast(h.j as bigint) * ${HOUR_MS}, (p.i % 7) * 0.192 + h.j * 0.0001, 'USD',
           (p.i % 16) + 4, ((p.i % 16) + 4) * 2, (p.i % 4) + 1, 64`;
  const columns =
    '(pool_id, hour, run_rate_hourly, currency, vcpu, memory_gib, nodes, vcpu_limit)';
  const start = Date.now();
  if (postgres)
    await knex.raw(`insert into nodepools_pool_samples ${columns}
      ${select} from generate_series(0, ${pools - 1}) as p(i)
      cross join generate_series(0, ${HOURS - 1}) as h(j)`);
  else
    await knex.raw(`insert into nodepools_pool_samples ${columns}
      with recursive p(i) as (select 0 union all select i + 1 from p where i < ${
        pools - 1
      }),
      h(j) as (select 0 union all select j + 1 from h where j < ${HOURS - 1})
      ${select} from p cross join h`);
  return Date.now() - start;
}

/** The table's size on disk with its indexes, where the database tells it cheaply. */
async function tableBytes(knex: Knex): Promise<number | undefined> {
  if (knex.client.config.client === 'pg') {
    const { rows } = await knex.raw(
      "select pg_total_relation_size('nodepools_pool_samples') as bytes",
    );
    return Number(rows[0].bytes);
  }
  // SQLite: the whole database (the samples are nearly all of it here).
  const [{ page_count: pages }] = await knex.raw('pragma page_count');
  const [{ page_size: size }] = await knex.raw('pragma page_size');
  return pages * size;
}

const results: string[] = [];

describe.each(databases.eachSupportedId())(
  'pool samples benchmark on %s',
  databaseId => {
    it(`stores and reads ${POOLS} pools × ${DAYS} days of hourly samples`, async () => {
      const knex = await migrated(databaseId);
      const seedMs = await seed(knex, POOLS);
      const [{ count }] = await knex('nodepools_pool_samples').count({
        count: '*',
      });
      expect(Number(count)).toBe(POOLS * HOURS);
      const bytes = await tableBytes(knex);
      const store = new PoolSampleStore(knex);
      const since = new Date(END - 30 * 24 * HOUR_MS);
      const full = await timeRuns(RUNS, async () => {
        expect(await store.list('pool-500', since)).toHaveLength(30 * 24 + 1);
      });
      // One reconciler hour on the full table: every pool's sample, then the prune of the hour
      // that fell out of the retention.
      const next = new Date(END + HOUR_MS);
      const hour: NewPoolSample[] = Array.from({ length: POOLS }, (_, i) => ({
        poolId: `pool-${i}`,
        runRateHourly: 0.192,
        currency: 'USD',
        vcpu: 4,
        memoryGiB: 8,
        nodes: 1,
        vcpuLimit: 64,
      }));
      let started = process.hrtime.bigint();
      await store.record(next, hour);
      const recordMs = Number(process.hrtime.bigint() - started) / 1e6;
      started = process.hrtime.bigint();
      const pruned = await store.prune(new Date(FIRST + HOUR_MS));
      const pruneMs = Number(process.hrtime.bigint() - started) / 1e6;
      expect(pruned).toBe(POOLS);

      // Baseline in the same run: the same query on a table holding one pool's 90 days only.
      const alone = await migrated(databaseId);
      await seed(alone, 1);
      const aloneStore = new PoolSampleStore(alone);
      const baseline = await timeRuns(RUNS, async () => {
        expect(await aloneStore.list('pool-0', since)).toHaveLength(
          30 * 24 + 1,
        );
      });

      const f = (n: number) => n.toFixed(1);
      const mib =
        bytes === undefined ? 'n/a' : `${(bytes / 2 ** 20).toFixed(0)} MiB`;
      results.push(
        `| ${databaseId} | ${(POOLS * HOURS).toLocaleString(
          'en',
        )} | ${mib} | ${(seedMs / 1000).toFixed(1)} s | ${f(
          quantile(full, 0.5),
        )} / ${f(quantile(full, 0.95))} | ${f(quantile(baseline, 0.5))} / ${f(
          quantile(baseline, 0.95),
        )} | ${f(recordMs)} | ${f(pruneMs)} |`,
      );
    });

    afterAll(() => {
      if (results.length === databases.eachSupportedId().length) {
        writeBenchmarkSection(
          'pool-samples',
          `## Spend samples (nodepools_pool_samples)

${POOLS.toLocaleString(
  'en',
)} pools × ${DAYS} days × 24 hourly samples (one row per pool and hour, what the
reconciler keeps at the default retention), seeded by one INSERT … SELECT the database generates. The
30-day query is \`PoolSampleStore.list\` for one pool (what GET /pools/{id}/samples runs: 721 rows),
${RUNS} timed runs after 5 warm-up runs, p50 / p95 in ms; the baseline is the same query, in the same run,
on a table holding that one pool's 90 days only. "Record an hour" is one reconciler hour on the full
table: ${POOLS.toLocaleString(
            'en',
          )} samples inserted (insert-or-ignore, batches of 100), and "prune" deletes the hour that
fell out of the retention (${POOLS.toLocaleString(
            'en',
          )} rows). Size: PostgreSQL's pg_total_relation_size (table, primary key and
hour index); SQLite's whole database (page_count × page_size). Machine: ${
            os.cpus().length
          } cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${
            process.versions.node
          }.

| database | rows | size | seeding | 30-day query, 1 pool of ${POOLS.toLocaleString(
            'en',
          )} | baseline: 1 pool alone | record an hour (ms) | prune an hour (ms) |
| --- | --- | --- | --- | --- | --- | --- | --- |
${results.join('\n')}
`,
        );
      }
    });
  },
);
