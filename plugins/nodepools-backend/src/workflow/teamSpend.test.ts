import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createRequest } from '../__testUtils__/fixtures';
import { startApi } from '../__testUtils__/startApi';

const databases = createTestDatabases();
jest.setTimeout(60_000);

// 16 vCPU and 64 GiB on demand at these prices: the dearest fit is 4 × s-4x, 0.76/h = USD 554.8 a month.
const table = (currency: string) => ({
  source: 'table',
  asOf: '2026-12-01',
  currency,
  instanceTypes: {
    'c-4x-amd64-linux': { vcpu: 4, memoryGiB: 8, onDemand: 0.17, spot: 0.06 },
    's-4x-amd64-linux': { vcpu: 4, memoryGiB: 16, onDemand: 0.19, spot: 0.07 },
  },
});
const cluster = (name: string, pricing?: object) => ({
  name,
  url: 'https://127.0.0.1:1',
  policy: {
    instanceCategories: [],
    approverGroups: ['group:default/platform'],
  },
  ...(pricing ? { pricing } : {}),
});
const clusters = [
  cluster('local', table('USD')),
  cluster('us', table('USD')),
  cluster('eu', table('EUR')),
  cluster('plain'),
];

describe.each(databases.eachSupportedId())(
  'dollar budget per team across clusters (real plugin) on %s',
  databaseId => {
    it('refuses a request whose ceiling takes the team over, counts every cluster, and says when it cannot check', async () => {
      const knex = await databases.init(databaseId);
      const { as } = await startApi(
        knex,
        {},
        {
          clusters,
          nodepools: {
            teamBudgets: [{ team: 'group:default/payments', monthly: 1000 }],
          },
        },
      );
      // Every cluster's lease is held elsewhere: approvals do not try the address nothing serves.
      for (const c of clusters)
        await knex('nodepools_cluster_passes')
          .insert({
            cluster: c.name,
            holder: 'api-tests',
            lease_until: Number.MAX_SAFE_INTEGER,
          })
          .onConflict('cluster')
          .merge();
      const request = (on: string, pool: string) =>
        createRequest({
          cluster: on,
          pool,
          spec: { ...createRequest().spec, namespaces: [pool] },
        });
      const dryRun = async (on: string, pool: string, user = 'bob') =>
        (
          await as(user).post('/requests', {
            ...request(on, pool),
            ...(user === 'carol' ? { owner: 'group:default/search' } : {}),
            dryRun: true,
          })
        ).body.preview.policy;

      // One pool's ceiling (USD 554.8) fits the budget of USD 1,000.
      expect(await dryRun('local', 'first')).toEqual({
        allowed: true,
        violations: [],
      });
      const filed = await as('bob').post('/requests', request('us', 'first'));
      expect(filed.status).toBe(201);
      const approved = await as('alice').post(
        `/requests/${filed.body.id}/approve`,
        {},
      );
      expect(approved.status).toBe(200);

      // The pool on `us` counts against a request on `local`: two ceilings are USD 1,109.6.
      const over = await dryRun('local', 'second');
      expect(over.allowed).toBe(false);
      expect(over.violations).toEqual([
        {
          path: 'spec.limits',
          message:
            'At its limits this pool may cost up to USD 555 a month at list prices, which puts the team over its dollar budget of USD 1,000 a month by USD 110: its other pools may cost up to USD 555 a month at their ceilings, across all clusters',
          asked: 'USD 555 a month',
          allowed: 'at most USD 445 a month',
        },
      ]);
      const refused = await as('bob').post(
        '/requests',
        request('local', 'second'),
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain('over its dollar budget');

      // A cluster priced in another currency, or not at all, cannot be checked against USD.
      const eur = await dryRun('eu', 'small');
      expect(eur.violations[0].message).toContain(
        "The team's dollar budget of USD 1,000 a month cannot be checked: pool small on eu: its cluster prices in EUR",
      );
      const plain = await dryRun('plain', 'small');
      expect(plain.violations[0].message).toContain(
        'pool small on plain: its cluster has no instance prices (only fixed rates)',
      );

      // A team without a budget is not checked.
      expect((await dryRun('local', 'second', 'carol')).allowed).toBe(true);

      const spend = await as('bob').get(
        `/team-spend?owner=${encodeURIComponent('group:default/payments')}`,
      );
      expect(spend.status).toBe(200);
      expect(spend.body).toEqual({
        owner: 'group:default/payments',
        budget: { monthly: 1000, currency: 'USD' },
        atCeilings: 554.8,
        unchecked: [],
      });
      const none = await as('carol').get(
        `/team-spend?owner=${encodeURIComponent('group:default/search')}`,
      );
      expect(none.body).toEqual({
        owner: 'group:default/search',
        atCeilings: 0,
        unchecked: [],
      });
    });
  },
);
