import { mockServices } from '@backstage/backend-test-utils';
import type { PoolRecord } from '@nodepools/plugin-nodepools-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createRequest } from '../__testUtils__/fixtures';
import { startApi } from '../__testUtils__/startApi';
import { DatabaseNodePoolsStore } from '../database/DatabaseNodePoolsStore';

const databases = createTestDatabases();

const pricing = {
  source: 'table',
  instanceTypes: {
    'c-4x-amd64-linux': { vcpu: 4, memoryGiB: 8, onDemand: 0.17, spot: 0.06 },
  },
};
const clusters = [
  { name: 'local', policy: { instanceCategories: [] }, pricing },
  { name: 'plain' },
];

const pool = (cluster: string, id: string): PoolRecord => ({
  id,
  cluster,
  owner: 'group:default/payments',
  name: 'pci',
  phase: 'ready',
  spec: createRequest().spec as PoolRecord['spec'],
  generation: 1,
  appliedGeneration: 1,
  createdAt: '2026-12-06T00:00:00.000Z',
  updatedAt: '2026-12-06T00:00:00.000Z',
  status: {
    conditions: [],
    nodes: 3,
    observedAt: '2026-12-06T06:00:00.000Z',
    nodeClaims: [
      {
        name: 'a',
        instanceType: 'c-4x-amd64-linux',
        capacityType: 'on-demand',
        zone: 'test-zone-a',
        conditions: [],
      },
      {
        name: 'b',
        instanceType: 'c-4x-amd64-linux',
        capacityType: 'spot',
        zone: 'test-zone-b',
        conditions: [],
      },
      // Still launching: Karpenter has not picked its instance type yet.
      { name: 'c', conditions: [] },
    ],
  },
});

describe('the pool’s run-rate (real plugin)', () => {
  it('prices the pool’s NodeClaims when its cluster has a price source, and adds nothing otherwise', async () => {
    const knex = await databases.init('SQLITE_3');
    const { as } = await startApi(knex, {}, { clusters });
    const store = await DatabaseNodePoolsStore.create({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    await store.insertPool(pool('local', 'p-local'));
    await store.insertPool(pool('plain', 'p-plain'));

    const priced = await as('bob').get('/pools/p-local');
    expect(priced.status).toBe(200);
    expect(priced.body.runRate).toMatchObject({
      currency: 'USD',
      hourly: 0.23,
      monthly: 167.9,
      priced: 2,
      unpriced: 1,
      source: { kind: 'table', stale: false },
    });
    expect(priced.body.runRate.summary).toMatch(
      /^List prices before discounts of the nodes the pool runs now \(provisioned capacity, not usage\)/,
    );

    const plain = await as('bob').get('/pools/p-plain');
    expect(plain.status).toBe(200);
    expect(plain.body.runRate).toBeUndefined();
  });

  it('gives each listed pool of a priced cluster its run-rate, for the team card', async () => {
    const knex = await databases.init('SQLITE_3');
    const { as } = await startApi(knex, {}, { clusters });
    const store = await DatabaseNodePoolsStore.create({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    await store.insertPool(pool('local', 'p-local'));
    await store.insertPool(pool('plain', 'p-plain'));

    const list = await as('bob').get('/pools?owner=group:default/payments');
    expect(list.status).toBe(200);
    const byId = Object.fromEntries(
      list.body.items.map((p: PoolRecord) => [p.id, p.runRate]),
    );
    expect(byId['p-local']).toMatchObject({ hourly: 0.23, priced: 2 });
    expect(byId['p-plain']).toBeUndefined();
  });
});
