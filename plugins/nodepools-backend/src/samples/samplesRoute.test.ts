import { mockServices } from '@backstage/backend-test-utils';
import type { PoolRecord } from '@nodepools/plugin-nodepools-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createRequest } from '../__testUtils__/fixtures';
import { startApi } from '../__testUtils__/startApi';
import { DatabaseNodePoolsStore } from '../database/DatabaseNodePoolsStore';
import { PoolSampleStore } from './PoolSampleStore';

const databases = createTestDatabases();

const pool: PoolRecord = {
  id: 'p-spend',
  cluster: 'local',
  owner: 'group:default/payments',
  name: 'pci',
  phase: 'ready',
  spec: createRequest().spec as PoolRecord['spec'],
  generation: 1,
  createdAt: '2026-10-01T00:00:00.000Z',
  updatedAt: '2026-10-01T00:00:00.000Z',
};

describe('GET /pools/{id}/samples (real plugin)', () => {
  it('returns the last days’ samples to whoever may read the pool, oldest first, and says what they are', async () => {
    const knex = await databases.init('SQLITE_3');
    const { as } = await startApi(knex);
    const store = await DatabaseNodePoolsStore.create({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    await store.insertPool(pool);
    const samples = new PoolSampleStore(knex);
    const now = Date.now();
    for (const daysAgo of [40, 2, 1])
      await samples.record(new Date(now - daysAgo * 86_400_000), [
        { poolId: pool.id, vcpu: daysAgo, memoryGiB: 8, nodes: 1 },
      ]);

    const res = await as('bob').get('/pools/p-spend/samples');
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: { vcpu: number }) => s.vcpu)).toEqual([2, 1]);
    expect(res.body.retentionDays).toBe(90);
    expect(res.body.summary).toMatch(/list prices before discounts/);
    expect(res.body.summary).toMatch(
      /provisioned capacity .*not what pods use/,
    );

    const longer = await as('bob').get('/pools/p-spend/samples?days=60');
    expect(longer.body.items).toHaveLength(3);
    expect((await as('carol').get('/pools/p-spend/samples')).status).toBe(404);
    expect((await as('bob').get('/pools/p-spend/samples?days=0')).status).toBe(
      400,
    );
  });
});
