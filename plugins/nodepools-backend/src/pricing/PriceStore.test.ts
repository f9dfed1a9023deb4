import { mockServices } from '@backstage/backend-test-utils';
import type { InstanceTypePrice } from '@nodepools/plugin-nodepools-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseNodePoolsStore } from '../database/DatabaseNodePoolsStore';
import { PriceStore } from './PriceStore';

const databases = createTestDatabases();

const c5: InstanceTypePrice = {
  name: 'c5.xlarge',
  vcpu: 4,
  memoryGiB: 8,
  architecture: 'amd64',
  onDemandHourly: 0.192,
  spotHourly: { 'eu-west-1a': 0.0712, 'eu-west-1b': 0.0698 },
};
const p3: InstanceTypePrice = {
  name: 'p3.2xlarge',
  vcpu: 8,
  memoryGiB: 61,
  gpus: 1,
  architecture: 'amd64',
  onDemandHourly: 3.305,
};

describe.each(databases.eachSupportedId())('PriceStore on %s', databaseId => {
  async function store() {
    const knex = await databases.init(databaseId);
    // The price tables come with the plugin's migrations.
    await DatabaseNodePoolsStore.create({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    return new PriceStore(knex);
  }

  it('keeps a region’s prices as fetched, per region', async () => {
    const prices = await store();
    expect(await prices.read('eu-west-1')).toEqual({
      instanceTypes: [],
      fetchedAt: undefined,
      attemptedAt: undefined,
    });
    const at = new Date('2026-12-06T06:00:00Z');
    await prices.replace('eu-west-1', [p3, c5], at);
    await prices.replace('us-east-1', [{ ...c5, onDemandHourly: 0.17 }], at);
    expect(await prices.read('eu-west-1')).toEqual({
      instanceTypes: [c5, p3],
      fetchedAt: at,
      attemptedAt: at,
    });
    expect(
      (await prices.read('us-east-1')).instanceTypes[0].onDemandHourly,
    ).toBe(0.17);
  });

  it('replaces a region’s prices whole, and keeps them through a failed refresh', async () => {
    const prices = await store();
    const first = new Date('2026-12-06T06:00:00Z');
    await prices.replace('eu-west-1', [c5, p3], first);
    const failed = new Date('2026-12-06T18:00:00Z');
    await prices.recordFailure(
      'eu-west-1',
      'ThrottlingException: Rate exceeded',
      failed,
    );
    expect(await prices.read('eu-west-1')).toEqual({
      instanceTypes: [c5, p3],
      fetchedAt: first,
      attemptedAt: failed,
      error: 'ThrottlingException: Rate exceeded',
    });
    const second = new Date('2026-12-07T06:00:00Z');
    await prices.replace('eu-west-1', [{ ...c5, onDemandHourly: 0.2 }], second);
    expect(await prices.read('eu-west-1')).toEqual({
      instanceTypes: [{ ...c5, onDemandHourly: 0.2 }],
      fetchedAt: second,
      attemptedAt: second,
    });
  });

  it('stores a thousand instance types in one refresh (batched under SQLite’s parameter bound)', async () => {
    const prices = await store();
    const many = Array.from({ length: 1000 }, (_, i) => ({
      ...c5,
      name: `c${i}.xlarge`,
    }));
    await prices.replace('eu-west-1', many, new Date());
    expect((await prices.read('eu-west-1')).instanceTypes).toHaveLength(1000);
  });

  it('records a failure before any success without inventing prices', async () => {
    const prices = await store();
    const at = new Date('2026-12-06T06:00:00Z');
    await prices.recordFailure('eu-west-1', 'no credentials', at);
    expect(await prices.read('eu-west-1')).toEqual({
      instanceTypes: [],
      fetchedAt: undefined,
      attemptedAt: at,
      error: 'no credentials',
    });
  });
});
