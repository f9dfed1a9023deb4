import { mockServices } from '@backstage/backend-test-utils';
import type { PoolRecord } from '@nodepools/plugin-nodepools-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import type { StoreChange } from './ChangeSet';
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

    it('keeps what the reconciler observed per cluster: written, replaced, confirmed and forgotten', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseNodePoolsStore.create({
        database: mockServices.database.mock({ getClient: async () => knex }),
      });
      expect(await store.observations('a')).toEqual({
        takenNames: undefined,
        nodePools: new Map(),
      });
      const nodePool = (cpu: string) => ({
        apiVersion: 'karpenter.sh/v1' as const,
        kind: 'NodePool' as const,
        metadata: { name: 'payments-pci', labels: { team: 'payments' } },
        spec: { limits: { cpu } } as any,
      });
      const t0 = '2026-12-06T10:00:00.000Z';
      const t1 = '2026-12-06T10:01:00.000Z';
      const t2 = '2026-12-06T10:02:00.000Z';
      await store.saveObservations(
        'a',
        {
          takenNames: ['foreign'],
          nodePools: [
            { poolId: 'p1', nodePool: nodePool('16') },
            { poolId: 'p2' },
          ],
          forget: [],
          confirmAll: false,
        },
        t0,
      );
      await store.saveObservations(
        'b',
        {
          takenNames: [],
          nodePools: [{ poolId: 'p3' }],
          forget: [],
          confirmAll: false,
        },
        t0,
      );
      expect(await store.observations('a')).toEqual({
        takenNames: { names: ['foreign'], observedAt: t0 },
        nodePools: new Map([
          ['p1', { nodePool: nodePool('16'), observedAt: t0 }],
          ['p2', { observedAt: t0 }],
        ]),
      });

      // A changed object replaces the row; the others keep their time until confirmed.
      await store.saveObservations(
        'a',
        {
          nodePools: [{ poolId: 'p1', nodePool: nodePool('999') }],
          forget: [],
          confirmAll: false,
        },
        t1,
      );
      let a = await store.observations('a');
      expect(a.nodePools.get('p1')).toEqual({
        nodePool: nodePool('999'),
        observedAt: t1,
      });
      expect(a.nodePools.get('p2')).toEqual({ observedAt: t0 });
      expect(a.takenNames).toEqual({ names: ['foreign'], observedAt: t0 });

      // Confirming the cluster touches its rows only; a pool no longer live is forgotten.
      await store.saveObservations(
        'a',
        {
          takenNames: ['foreign', 'other'],
          nodePools: [],
          forget: ['p2'],
          confirmAll: true,
        },
        t2,
      );
      a = await store.observations('a');
      expect(a).toEqual({
        takenNames: { names: ['foreign', 'other'], observedAt: t2 },
        nodePools: new Map([
          ['p1', { nodePool: nodePool('999'), observedAt: t2 }],
        ]),
      });
      expect(await store.observations('b')).toEqual({
        takenNames: { names: [], observedAt: t0 },
        nodePools: new Map([['p3', { observedAt: t0 }]]),
      });
      await knex.destroy();
    });

    it('reports every committed write once, after commit, and nothing for a rollback', async () => {
      const knex = await databases.init(databaseId);
      const changes: StoreChange[] = [];
      const store = await DatabaseNodePoolsStore.create({
        database: mockServices.database.mock({ getClient: async () => knex }),
        onChange: change => changes.push(change),
      });
      const now = '2026-12-01T11:00:00.000Z';

      // Outside a transaction, each write is its own commit.
      await store.insertPool(pool('p1', 'a', 'ready'));
      expect(changes).toEqual([
        { poolIds: ['p1'], requestIds: [], events: [] },
      ]);

      // Inside one, nothing is told until it commits, and then once, with each id once.
      changes.length = 0;
      await store.transaction(async tx => {
        await tx.recordChange(
          {
            pool: {
              id: 'p1',
              version: undefined,
              patch: { phase: 'degraded' },
            },
            events: [
              {
                poolId: 'p1',
                requestId: 'r1',
                type: 'pool.status-changed',
                message: 'degraded',
              },
            ],
          },
          now,
        );
        // A nested transaction is the same one.
        await tx.transaction(inner =>
          inner.recordChange(
            { events: [{ poolId: 'p1', type: 'pool.failed', message: 'x' }] },
            now,
          ),
        );
        expect(changes).toEqual([]);
      });
      expect(changes).toEqual([
        {
          poolIds: ['p1'],
          requestIds: ['r1'],
          events: ['pool.status-changed', 'pool.failed'],
        },
      ]);

      // A rolled-back transaction changed nothing, so it reports nothing.
      changes.length = 0;
      await expect(
        store.transaction(async tx => {
          await tx.updatePool('p1', undefined, {
            phase: 'ready',
            updatedAt: now,
          });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      // An update that finds another version wrote nothing either.
      expect(
        await store.updatePool('p1', 999, { phase: 'ready', updatedAt: now }),
      ).toBe(false);
      expect(changes).toEqual([]);
      expect((await store.getPool('p1'))?.phase).toBe('degraded');
      await knex.destroy();
    });
  },
);
