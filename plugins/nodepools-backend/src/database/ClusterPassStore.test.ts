import { mockServices } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ClusterPassStore } from './ClusterPassStore';
import { DatabaseNodePoolsStore } from './DatabaseNodePoolsStore';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'ClusterPassStore on %s',
  databaseId => {
    async function twoReplicas() {
      const knex = await databases.init(databaseId);
      // Migrations ship with the store; the lease table is one of them.
      await DatabaseNodePoolsStore.create({
        database: mockServices.database.mock({ getClient: async () => knex }),
      });
      // A second connection pool to the same database, as another replica has (SQLite in memory
      // is one connection: the same pool stands for both there).
      const other = databaseId.startsWith('POSTGRES')
        ? knexFactory(knex.client.config)
        : knex;
      return {
        a: new ClusterPassStore(knex),
        b: new ClusterPassStore(other),
        close: () => (other !== knex ? other.destroy() : Promise.resolve()),
      };
    }

    it('lets one replica at a time hold a cluster, and each cluster separately', async () => {
      const { a, b, close } = await twoReplicas();
      expect(await a.acquire('local', 'A', 10_000, 0)).toBe(0);
      expect(await b.acquire('local', 'B', 10_000, 0)).toBeUndefined();
      expect(await b.acquire('prod', 'B', 10_000, 0)).toBe(0);
      expect(await a.release('local', 'A', 0)).toBeUndefined();
      expect(await b.acquire('local', 'B', 10_000, 1)).toBe(0);
      await close();
    });

    it('makes the holder serve a request made during its pass before it lets go', async () => {
      const { a, b, close } = await twoReplicas();
      const serving = await a.acquire('local', 'A', 10_000, 0);
      await b.request('local');
      expect(await b.hasUnserved('local')).toBe(true);
      // The pass that started before the request does not count for it.
      const next = await a.release('local', 'A', serving!);
      expect(next).toBe(1);
      expect(await b.acquire('local', 'B', 10_000, 0)).toBeUndefined();
      expect(await a.release('local', 'A', next!)).toBeUndefined();
      expect(await b.hasUnserved('local')).toBe(false);
      await close();
    });

    it('gives a lease that ran out to another replica; the old holder can no longer renew or release it', async () => {
      const { a, b, close } = await twoReplicas();
      await a.acquire('local', 'A', 1_000, 0);
      expect(await a.renew('local', 'A', 2_000)).toBe(true);
      expect(await b.acquire('local', 'B', 12_000, 1_999)).toBeUndefined();
      expect(await b.acquire('local', 'B', 12_000, 2_001)).toBe(0);
      expect(await a.renew('local', 'A', 30_000)).toBe(false);
      expect(await a.release('local', 'A', 0)).toBeUndefined();
      expect(await a.acquire('local', 'A', 30_000, 2_002)).toBeUndefined();
      await close();
    });

    it('races 20 replicas for one cluster: exactly one wins', async () => {
      const { a, b, close } = await twoReplicas();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? a : b).acquire('local', `R${i}`, 10_000, 0),
        ),
      );
      expect(results.filter(r => r !== undefined)).toHaveLength(1);
      await close();
    });

    it('keeps what the last pass saw for every replica', async () => {
      const { a, b, close } = await twoReplicas();
      const health = {
        cluster: 'local',
        state: 'healthy' as const,
        consecutiveFailures: 0,
        lastAttemptAt: '2026-12-06T10:00:00.000Z',
      };
      const nodeClasses = [{ name: 'default', exists: true, amiAliases: [] }];
      await a.saveState('local', { health, nodeClasses });
      expect(await b.loadStates()).toEqual(
        new Map([['local', { health, nodeClasses }]]),
      );
      await close();
    });
  },
);
