import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseNodePoolsStore } from '../database/DatabaseNodePoolsStore';
import { PoolSampleStore, type NewPoolSample } from './PoolSampleStore';

const databases = createTestDatabases();

const sample = (poolId: string, vcpu: number): NewPoolSample => ({
  poolId,
  runRateHourly: 0.384,
  currency: 'USD',
  vcpu,
  memoryGiB: 16,
  nodes: 2,
  vcpuLimit: 64,
});

describe.each(databases.eachSupportedId())(
  'PoolSampleStore on %s',
  databaseId => {
    async function store() {
      const knex = await databases.init(databaseId);
      // The samples table comes with the plugin's migrations.
      await DatabaseNodePoolsStore.create({
        database: mockServices.database.mock({ getClient: async () => knex }),
      });
      return new PoolSampleStore(knex);
    }

    it('keeps one sample per pool and hour: the first written wins', async () => {
      const samples = await store();
      await samples.record(new Date('2026-12-06T06:10:00Z'), [
        sample('pool-a', 8),
        sample('pool-b', 4),
      ]);
      // A second replica in the same hour, with other figures: ignored, not an error.
      await samples.record(new Date('2026-12-06T06:59:59Z'), [
        sample('pool-a', 12),
      ]);
      await samples.record(new Date('2026-12-06T07:00:00Z'), [
        { poolId: 'pool-a', vcpu: 12, memoryGiB: 24, nodes: 3 },
      ]);
      expect(
        await samples.list('pool-a', new Date('2026-12-01T00:00:00Z')),
      ).toEqual([
        {
          hour: '2026-12-06T06:00:00.000Z',
          runRateHourly: 0.384,
          currency: 'USD',
          vcpu: 8,
          memoryGiB: 16,
          nodes: 2,
          vcpuLimit: 64,
        },
        { hour: '2026-12-06T07:00:00.000Z', vcpu: 12, memoryGiB: 24, nodes: 3 },
      ]);
      expect(
        await samples.list('pool-a', new Date('2026-12-06T06:30:00Z')),
      ).toHaveLength(1);
      expect(
        (await samples.list('pool-b', new Date(0))).map(s => s.vcpu),
      ).toEqual([4]);
    });

    it('prunes samples older than a date, across pools', async () => {
      const samples = await store();
      const hours = [0, 1, 2].map(
        h => new Date(Date.parse('2026-09-01T00:00:00Z') + h * 3_600_000),
      );
      for (const hour of hours)
        await samples.record(hour, [sample('pool-a', 1), sample('pool-b', 1)]);
      expect(await samples.prune(hours[2])).toBe(4);
      expect(await samples.list('pool-a', new Date(0))).toHaveLength(1);
      expect(await samples.list('pool-b', new Date(0))).toHaveLength(1);
    });

    it('writes more samples than one insert may bind', async () => {
      const samples = await store();
      await samples.record(
        new Date('2026-12-06T06:00:00Z'),
        Array.from({ length: 250 }, (_, i) => sample(`pool-${i}`, i)),
      );
      expect(await samples.list('pool-249', new Date(0))).toEqual([
        expect.objectContaining({ vcpu: 249 }),
      ]);
    });
  },
);
