import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createRequest } from '../__testUtils__/fixtures';
import { startApi } from '../__testUtils__/startApi';
import { PriceStore } from './PriceStore';

const databases = createTestDatabases();

const clusters = [
  {
    name: 'local',
    url: 'https://127.0.0.1:1',
    policy: { instanceCategories: [] },
    pricing: {
      source: 'table',
      asOf: '2026-12-01',
      instanceTypes: {
        'c-4x-amd64-linux': {
          vcpu: 4,
          memoryGiB: 8,
          onDemand: 0.17,
          spot: 0.06,
        },
        's-4x-amd64-linux': {
          vcpu: 4,
          memoryGiB: 16,
          onDemand: 0.19,
          spot: 0.07,
        },
      },
    },
  },
  {
    name: 'eu',
    url: 'https://127.0.0.1:1',
    pricing: { source: 'aws', region: 'eu-west-1' },
  },
  { name: 'plain', url: 'https://127.0.0.1:1' },
];

describe('the preview prices the ceiling from the cluster’s price source (real plugin)', () => {
  it('uses a config table, the cached AWS prices, or the labelled fixed rates', async () => {
    const knex = await databases.init('SQLITE_3');
    // The scheduler of startApi runs no task: no call leaves the machine.
    const { as } = await startApi(knex, {}, { clusters });
    const dryRun = (cluster: string) =>
      as('bob').post('/requests', {
        ...createRequest({ cluster }),
        dryRun: true,
      });

    const table = await dryRun('local');
    expect(table.status).toBe(200);
    // 16 vCPU and 64 GiB on demand: the dearest fit is 4 × s-4x (the vCPU limit), 0.76/h.
    expect(table.body.preview.cost).toMatchObject({
      currency: 'USD',
      low: 496.4,
      high: 554.8,
      basis: {
        method: 'instance-prices',
        source: { kind: 'table', asOf: '2026-12-01', stale: false },
      },
    });

    const notYet = await dryRun('eu');
    expect(notYet.body.preview.cost.basis).toMatchObject({
      method: 'fixed-rates',
    });
    expect(notYet.body.preview.cost.basis.summary).toContain(
      'STALE: not fetched yet',
    );

    await new PriceStore(knex).replace(
      'eu-west-1',
      [
        {
          name: 'm6i.xlarge',
          vcpu: 4,
          memoryGiB: 16,
          architecture: 'amd64',
          onDemandHourly: 0.214,
        },
      ],
      new Date(),
    );
    // The cache is read at most once a minute: a fresh backend reads the refreshed prices.
    const { as: again } = await startApi(knex, {}, { clusters });
    const aws = await again('bob').post('/requests', {
      ...createRequest({ cluster: 'eu' }),
      dryRun: true,
    });
    expect(aws.body.preview.cost).toMatchObject({
      high: Math.round(4 * 0.214 * 730 * 100) / 100,
      basis: {
        method: 'instance-prices',
        source: { kind: 'aws', region: 'eu-west-1', stale: false },
      },
    });

    const plain = await dryRun('plain');
    expect(plain.body.preview.cost.basis).toMatchObject({
      method: 'fixed-rates',
    });
  });
});
