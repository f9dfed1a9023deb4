import os from 'node:os';
import type { Knex } from 'knex';
import { createTestDatabases } from '../testDatabases';
import { createRequest } from '../fixtures';
import { startApi } from '../startApi';
import { DatabaseNodePoolsStore } from '../../database/DatabaseNodePoolsStore';
import { mockServices } from '@backstage/backend-test-utils';
import { poolSpecSchema } from '@nodepools/plugin-nodepools-common';
import { quantile, timeRuns, writeBenchmarkSection } from './benchmarkReport';

const databases = createTestDatabases();
const REQUESTS = 10_000;
const RUNS = 60;
const PAGE = 50;
const DEEP_PAGE = 100; // rows 5,000 to 5,050
jest.setTimeout(600_000);

const owners = [
  'group:default/payments',
  'group:default/search',
  'group:default/ml-research',
];

async function seed(knex: Knex) {
  const store = await DatabaseNodePoolsStore.create({
    database: mockServices.database.mock({ getClient: async () => knex }),
  });
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  const spec = poolSpecSchema.parse(createRequest().spec);
  const rows = Array.from({ length: REQUESTS }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    kind: 'create' as const,
    cluster: 'local',
    owner: owners[i % owners.length],
    pool: `pool-${i}`,
    spec,
    justification: 'benchmark request',
    requester: 'user:default/bob',
    state: (i % 10 < 7 ? 'pending' : 'rejected') as 'pending' | 'rejected',
    policy: { allowed: true, violations: [] },
    createdAt: new Date(base + i * 1000).toISOString(),
    updatedAt: new Date(base + i * 1000).toISOString(),
    expiresAt: new Date(base + i * 1000 + 86_400_000 * 365).toISOString(),
  }));
  const start = Date.now();
  await store.transaction(async tx => {
    for (const row of rows) await tx.insertRequest(row);
  });
  return Date.now() - start;
}

const results: string[] = [];

describe.each(databases.eachSupportedId())(
  'approval queue benchmark on %s',
  databaseId => {
    it(`lists the queue with ${REQUESTS} requests`, async () => {
      const knex = await databases.init(databaseId);
      const seedMs = await seed(knex);
      const { as } = await startApi(knex);
      const rssBefore = process.memoryUsage().rss;

      const first = await timeRuns(RUNS, async () => {
        const res = await as('alice').get(
          `/requests?state=pending&limit=${PAGE}`,
        );
        expect(res.body.items).toHaveLength(PAGE);
      });
      // Walk to the deep page once to get its cursor, then time fetching it.
      let cursor: string | undefined;
      for (let i = 0; i < DEEP_PAGE; i++)
        cursor = (
          await as('alice').get(
            `/requests?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`,
          )
        ).body.nextCursor;
      const deep = await timeRuns(RUNS, async () => {
        const res = await as('alice').get(
          `/requests?limit=${PAGE}&cursor=${cursor}`,
        );
        expect(res.body.items).toHaveLength(PAGE);
      });
      const teamFirst = await timeRuns(RUNS, async () => {
        const res = await as('bob').get(
          `/requests?state=pending&limit=${PAGE}`,
        );
        expect(
          res.body.items.every(
            (r: { owner: string }) => r.owner === 'group:default/payments',
          ),
        ).toBe(true);
      });
      // Baseline in the same run: the same deep page by OFFSET, as a naive list would fetch it.
      const offsetDeep = await timeRuns(RUNS, () =>
        knex('nodepools_requests')
          .orderBy([
            { column: 'created_at', order: 'desc' },
            { column: 'id', order: 'desc' },
          ])
          .offset(DEEP_PAGE * PAGE)
          .limit(PAGE + 1),
      );
      const keysetDeep = await timeRuns(RUNS, () =>
        knex('nodepools_requests')
          .where(
            'created_at',
            '<',
            new Date(
              Date.parse('2026-01-01T00:00:00.000Z') +
                (REQUESTS - DEEP_PAGE * PAGE) * 1000,
            ).toISOString(),
          )
          .orderBy([
            { column: 'created_at', order: 'desc' },
            { column: 'id', order: 'desc' },
          ])
          .limit(PAGE + 1),
      );
      const rssAfter = process.memoryUsage().rss;

      const f = (n: number) => n.toFixed(1);
      results.push(
        `| ${databaseId} | ${f(quantile(first, 0.5))} / ${f(
          quantile(first, 0.95),
        )} | ${f(quantile(deep, 0.5))} / ${f(quantile(deep, 0.95))} | ${f(
          quantile(teamFirst, 0.5),
        )} / ${f(quantile(teamFirst, 0.95))} | ${f(
          quantile(keysetDeep, 0.5),
        )} vs ${f(quantile(offsetDeep, 0.5))} (${(
          quantile(offsetDeep, 0.5) / quantile(keysetDeep, 0.5)
        ).toFixed(1)}×) | ${(seedMs / 1000).toFixed(1)} s | ${Math.round(
          rssBefore / 2 ** 20,
        )} → ${Math.round(rssAfter / 2 ** 20)} MiB |`,
      );
    });

    afterAll(() => {
      if (results.length === databases.eachSupportedId().length) {
        writeBenchmarkSection(
          'approval-queue',
          `## Approval queue (GET /api/nodepools/requests)

${REQUESTS.toLocaleString(
  'en',
)} requests in the database (70% pending, three teams), the real plugin on a test backend,
${RUNS} timed runs after 5 warm-up runs, page size ${PAGE}; times in ms (p50 / p95) through HTTP, including
permission evaluation. "Deep page" is page ${DEEP_PAGE} (rows ${
            DEEP_PAGE * PAGE
          }–${DEEP_PAGE * PAGE + PAGE}) fetched by cursor. The keyset
column compares, in the same run, the SQL of a deep page by keyset (what the API does) with the same page by OFFSET
(the naive baseline): p50 ms and the ratio offset/keyset. Memory is the test process's RSS (it holds the backend)
before and after the listing runs. Machine: ${
            os.cpus().length
          } cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${
            process.versions.node
          }.

| database | first page, approver | deep page, approver | first page, team member (SQL-filtered) | deep page SQL: keyset vs offset | seeding ${REQUESTS.toLocaleString(
            'en',
          )} rows | RSS |
| --- | --- | --- | --- | --- | --- | --- |
${results.join('\n')}
`,
        );
      }
    });
  },
);
