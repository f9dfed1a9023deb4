import { mockServices } from '@backstage/backend-test-utils';
import {
  clusterPolicySchema,
  previewRequest,
} from '@nodepools/plugin-nodepools-common';
import type { ClusterConfig } from '@nodepools/plugin-nodepools-node';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseNodePoolsStore } from '../database/DatabaseNodePoolsStore';
import {
  productEntry,
  startFakeAwsPriceApis,
} from './__testUtils__/fakeAwsPriceApis';
import { awsPriceClients } from './awsPriceClients';
import { ClusterPrices } from './ClusterPrices';
import { PriceStore } from './PriceStore';

const databases = createTestDatabases();

const c5 = productEntry({
  type: 'c5.xlarge',
  vcpu: 4,
  memory: '8 GiB',
  usd: '0.1920000000',
});
const m7g = productEntry({
  type: 'm7g.large',
  vcpu: 2,
  memory: '8 GiB',
  usd: '0.0892000000',
  processor: 'AWS Graviton3 Processor',
});
const g5 = productEntry({
  type: 'g5.xlarge',
  vcpu: 4,
  memory: '16 GiB',
  usd: '1.1230000000',
  gpu: '1',
});
// Placeholders with a zero price exist in the real list; they are not free instances.
const placeholder = productEntry({
  type: 'x1.32xlarge',
  vcpu: 128,
  memory: '1,952 GiB',
  usd: '0.0000000000',
});

const cluster = (refreshHours = 12): ClusterConfig => ({
  name: 'prod-eu',
  title: 'prod-eu',
  policy: clusterPolicySchema.parse({}),
  pricing: { source: 'aws', region: 'eu-west-1', refreshHours },
});

describe('AWS prices through the SDK against a stand-in for the Pricing and EC2 APIs', () => {
  let aws: Awaited<ReturnType<typeof startFakeAwsPriceApis>>;
  let now: Date;
  let prices: ClusterPrices;

  beforeEach(async () => {
    aws = await startFakeAwsPriceApis();
    aws.state.pricingPages = [
      [c5, placeholder],
      [m7g, g5],
    ];
    aws.state.spot = [
      {
        type: 'c5.xlarge',
        zone: 'eu-west-1a',
        price: '0.075000',
        timestamp: '2026-12-06T05:00:00.000Z',
      },
      // An older price of the same zone: the newest counts.
      {
        type: 'c5.xlarge',
        zone: 'eu-west-1a',
        price: '0.090000',
        timestamp: '2026-12-06T01:00:00.000Z',
      },
      {
        type: 'c5.xlarge',
        zone: 'eu-west-1b',
        price: '0.071200',
        timestamp: '2026-12-06T04:00:00.000Z',
      },
      // A type the Pricing API does not list: no shape, so no price.
      {
        type: 'z9.mega',
        zone: 'eu-west-1a',
        price: '1.000000',
        timestamp: '2026-12-06T04:00:00.000Z',
      },
    ];
    now = new Date('2026-12-06T06:00:00Z');
    const knex = await databases.init('SQLITE_3');
    await DatabaseNodePoolsStore.create({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    prices = new ClusterPrices({
      store: new PriceStore(knex),
      clients: async region =>
        awsPriceClients({
          region,
          credentials: {
            accessKeyId: 'AKIDTEST',
            secretAccessKey: 'test-secret',
          },
          endpoints: { pricing: aws.url, ec2: aws.url },
          maxAttempts: 3,
        }),
      logger: mockServices.logger.mock(),
      now: () => now,
    });
  });
  afterEach(() => aws.close());

  it('fetches on-demand prices and shapes from the Pricing API and spot prices per zone from EC2', async () => {
    expect(await prices.refresh('eu-west-1')).toBe(true);
    const book = await prices.forCluster(cluster());
    expect(book).toEqual({
      currency: 'USD',
      source: {
        kind: 'aws',
        region: 'eu-west-1',
        asOf: '2026-12-06T06:00:00.000Z',
        stale: false,
      },
      instanceTypes: [
        {
          name: 'c5.xlarge',
          vcpu: 4,
          memoryGiB: 8,
          architecture: 'amd64',
          onDemandHourly: 0.192,
          spotHourly: { 'eu-west-1a': 0.075, 'eu-west-1b': 0.0712 },
        },
        {
          name: 'g5.xlarge',
          vcpu: 4,
          memoryGiB: 16,
          gpus: 1,
          architecture: 'amd64',
          onDemandHourly: 1.123,
        },
        {
          name: 'm7g.large',
          vcpu: 2,
          memoryGiB: 8,
          architecture: 'arm64',
          onDemandHourly: 0.0892,
        },
      ],
    });
    // Signed requests, filtered as Karpenter filters them, both pages, Linux spot history.
    const pricing = aws.state.requests.filter(r => r.api === 'pricing');
    expect(pricing).toHaveLength(2);
    expect(pricing[0].authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d+\/us-east-1\/pricing\//,
    );
    expect(JSON.parse(pricing[0].body)).toMatchObject({
      ServiceCode: 'AmazonEC2',
      Filters: expect.arrayContaining([
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' },
        { Type: 'TERM_MATCH', Field: 'capacitystatus', Value: 'Used' },
      ]),
    });
    const ec2 = aws.state.requests.find(r => r.api === 'ec2')!;
    expect(ec2.authorization).toMatch(/\/eu-west-1\/ec2\//);
    expect(ec2.body).toContain('Action=DescribeSpotPriceHistory');
    expect(ec2.body).toContain('ProductDescription.1=Linux%2FUNIX');
  });

  it('retries a throttled call and gets the prices', async () => {
    aws.state.throttle = { pricing: 2, ec2: 1 };
    expect(await prices.refresh('eu-west-1')).toBe(true);
    expect(aws.state.requests.filter(r => r.api === 'pricing')).toHaveLength(4);
    expect(aws.state.requests.filter(r => r.api === 'ec2')).toHaveLength(2);
    expect((await prices.forCluster(cluster()))!.source.stale).toBe(false);
  });

  it('keeps the old prices when throttling outlasts the retries, and says they are stale', async () => {
    await prices.refresh('eu-west-1');
    now = new Date('2026-12-06T18:00:00Z');
    aws.state.throttle = { pricing: Infinity, ec2: 0 };
    aws.state.pricingPages = [
      [
        productEntry({
          type: 'c5.xlarge',
          vcpu: 4,
          memory: '8 GiB',
          usd: '9.99',
        }),
      ],
    ];
    expect(await prices.refresh('eu-west-1')).toBe(false);
    // Three attempts of the first page, then it gave up.
    expect(aws.state.requests.filter(r => r.api === 'pricing')).toHaveLength(
      2 + 3,
    );
    const book = (await prices.forCluster(cluster()))!;
    expect(
      book.instanceTypes.find(t => t.name === 'c5.xlarge')!.onDemandHourly,
    ).toBe(0.192);
    expect(book.source).toMatchObject({
      stale: true,
      asOf: '2026-12-06T06:00:00.000Z',
    });
    expect(book.source.staleReason).toMatch(
      /^the refresh at 2026-12-06T18:00:00.000Z failed \(ThrottlingException: Rate exceeded\); these are the prices of the last good one, 12 h old$/,
    );

    // And the preview's ceiling, from those prices, says so.
    const preview = previewRequest({
      request: {
        kind: 'create',
        owner: 'group:default/payments',
        cluster: 'prod-eu',
        pool: 'pci',
        justification: 'dedicated nodes',
        spec: {
          requirements: {
            architectures: ['amd64'],
            capacityTypes: ['spot', 'on-demand'],
          },
          limits: { cpu: '16', memory: '32Gi' },
          nodeClass: 'default',
          namespaces: ['payments'],
        },
      },
      policy: cluster().policy,
      currentPools: [],
      prices: book,
    });
    if (!preview.ok) throw new Error(JSON.stringify(preview.errors));
    expect(preview.preview.cost).toMatchObject({
      low: Math.round(4 * 0.0712 * 730 * 100) / 100,
      high: Math.round(4 * 0.192 * 730 * 100) / 100,
      basis: { method: 'instance-prices', source: { stale: true } },
    });
    expect(preview.preview.cost!.basis!.summary).toContain(
      'STALE: the refresh at',
    );
  });

  it('keeps the old prices on a malformed entry or a body that is no JSON', async () => {
    await prices.refresh('eu-west-1');
    aws.state.pricingPages = [
      [c5, '{"product": {"attributes": {"instanceType": "c5.xlarge"'],
      [m7g],
    ];
    expect(await prices.refresh('eu-west-1')).toBe(false);
    let book = (await prices.forCluster(cluster()))!;
    expect(book.instanceTypes).toHaveLength(3);
    expect(book.source.stale).toBe(true);
    expect(book.source.staleReason).toContain(
      'MalformedPriceAnswerError: a PriceList entry is not JSON',
    );

    aws.state.pricingPages = [
      [
        productEntry({
          type: 'c6i.large',
          vcpu: 2,
          memory: 'lots',
          usd: '0.1',
        }),
      ],
    ];
    expect(await prices.refresh('eu-west-1')).toBe(false);
    aws.state.pricingPages = [[]];
    expect(await prices.refresh('eu-west-1')).toBe(false);
    aws.state.garbledPricing = true;
    expect(await prices.refresh('eu-west-1')).toBe(false);
    book = (await prices.forCluster(cluster()))!;
    expect(book.instanceTypes.map(t => t.name)).toEqual([
      'c5.xlarge',
      'g5.xlarge',
      'm7g.large',
    ]);
    expect(book.source.stale).toBe(true);
  });

  it('calls prices stale past twice the refresh period, and says when none were ever fetched', async () => {
    expect((await prices.forCluster(cluster()))!.source).toEqual({
      kind: 'aws',
      region: 'eu-west-1',
      stale: true,
      staleReason: 'not fetched yet',
    });
    await prices.refresh('eu-west-1');
    now = new Date('2026-12-07T07:00:00Z');
    expect((await prices.forCluster(cluster()))!.source).toMatchObject({
      stale: true,
      staleReason: '25 h old; they are refreshed every 12 h',
    });
    expect((await prices.forCluster(cluster(24)))!.source.stale).toBe(false);
  });

  it('schedules one global refresh per region at the shortest period of its clusters', async () => {
    const scheduleTask = jest.fn(async () => {});
    await prices.schedule({ scheduleTask } as any, [
      cluster(12),
      { ...cluster(6), name: 'prod-eu-2' },
      {
        ...cluster(),
        name: 'kwok',
        pricing: { source: 'table', book: {} as any },
      },
      { ...cluster(), name: 'fixed', pricing: undefined },
    ]);
    expect(scheduleTask).toHaveBeenCalledTimes(1);
    expect(scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'nodepools-prices-eu-west-1',
        scope: 'global',
        frequency: { minutes: 360 },
      }),
    );
  });
});
