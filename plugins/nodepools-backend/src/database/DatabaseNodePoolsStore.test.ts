import { mockServices } from '@backstage/backend-test-utils';
import type { PoolRecord } from '@nodepools/plugin-nodepools-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseNodePoolsStore } from './DatabaseNodePoolsStore';

const databases = createTestDatabases();

const pool = (
  id: string,
  cluster: string,
  phase: PoolRecord['phase'],
): PoolRecord => ({
  id,
  cluster,
  owner: 'group:default/payments',
  name: id,
  phase,
  spec: {
    requirements: { architectures: ['amd64'], capacityTypes: ['spot'] },
    limits: { cpu: '2', memory: '4Gi' },
    nodeClass: 'default',
    namespaces: ['payments'],
  },
  generation: 1,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
});

describe.each(databases.eachSupportedId())(
  'DatabaseNodePoolsStore on %s',
  databaseId => {
    it('counts pools per cluster and phase, as numbers on every database', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseNodePoolsStore.create({
        database: mockServices.database.mock({ getClient: async () => knex }),
      });
      expect(await store.countPoolsByPhase()).toEqual([]);
      const phases: Array<[string, PoolRecord['phase']]> = [
        ['a', 'ready'],
        ['a', 'ready'],
        ['a', 'degraded'],
        ['b', 'ready'],
        ['b', 'removed'],
      ];
      for (const [i, [cluster, phase]] of phases.entries())
        await store.insertPool(pool(`pool-${i}`, cluster, phase));
      const counts = await store.countPoolsByPhase();
      expect(
        [...counts].sort((x, y) =>
          `${x.cluster}/${x.phase}`.localeCompare(`${y.cluster}/${y.phase}`),
        ),
      ).toEqual([
        { cluster: 'a', phase: 'degraded', count: 1 },
        { cluster: 'a', phase: 'ready', count: 2 },
        { cluster: 'b', phase: 'ready', count: 1 },
        { cluster: 'b', phase: 'removed', count: 1 },
      ]);
      await knex.destroy();
    });
  },
);
