import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { describeApiServer } from '@nodepools/local-cluster';
import type { PriceBook } from '@nodepools/plugin-nodepools-common';
import { poolRunRate } from '../pricing/poolRunRate';
import { NodePoolsReconciler } from '../reconciler/NodePoolsReconciler';
import { renderPoolObject } from '../reconciler/renderPoolObject';
import { writeKarpenterStatus } from '../reconciler/__testUtils__/karpenterStatus';
import { reconcilerTestEnv } from '../reconciler/__testUtils__/reconcilerTestEnv';
import { PoolSampler } from './PoolSampler';
import { PoolSampleStore } from './PoolSampleStore';

type Env = Awaited<ReturnType<typeof reconcilerTestEnv>>;

const book: PriceBook = {
  currency: 'USD',
  source: { kind: 'table', stale: false },
  instanceTypes: [
    {
      name: 'c5.xlarge',
      vcpu: 4,
      memoryGiB: 8,
      architecture: 'amd64',
      onDemandHourly: 0.192,
      spotHourly: { 'eu-west-1a': 0.0712, 'eu-west-1b': 0.0698 },
    },
  ],
};

describeApiServer('spend samples recorded by the reconciler', suite => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let env: Env;
  let clock = new Date('2026-12-06T05:50:00Z');
  /** A replica of the backend: its own reconciler and sampler, the shared database. */
  const replica = () => {
    const sampler = new PoolSampler({
      store: new PoolSampleStore(env.knex),
      runRate: poolRunRate(
        { forCluster: async () => book },
        () => env.config.clusters,
      ),
    });
    const reconciler = new NodePoolsReconciler({
      config: env.config,
      store: env.store,
      logger: mockServices.logger.mock(),
      now: () => clock,
      sampler,
    });
    return { sampler, reconciler };
  };
  beforeAll(async () => {
    env = await reconcilerTestEnv(suite, databases);
  });
  afterAll(() => env.close());

  it('records each pool once an hour from the NodePool and NodeClaims the pass read, and prunes past the retention', async () => {
    const one = replica();
    const two = replica();
    const approved = await env.approve({ pool: 'spend' });
    await one.reconciler.reconcileCluster('local');
    const pool = await env.poolOf(approved.poolId!);
    const name = renderPoolObject(pool, env.config.clusters[0].policy).metadata
      .name;
    // Nothing launched yet: the 05:00 sample says so.
    expect(await one.sampler.samples(pool.id, 30, clock)).toEqual([
      {
        hour: '2026-12-06T05:00:00.000Z',
        runRateHourly: 0,
        currency: 'USD',
        vcpu: 0,
        memoryGiB: 0,
        nodes: 0,
        vcpuLimit: 16,
      },
    ]);

    // Karpenter launches two nodes (no Karpenter runs here: the test writes what it would).
    for (const [claim, capacityType, zone] of [
      ['od', 'on-demand', 'eu-west-1a'],
      ['spot', 'spot', 'eu-west-1b'],
    ])
      await suite.client().create({
        apiVersion: 'karpenter.sh/v1',
        kind: 'NodeClaim',
        metadata: {
          name: suite.name(claim),
          labels: {
            'karpenter.sh/nodepool': name,
            'node.kubernetes.io/instance-type': 'c5.xlarge',
            'karpenter.sh/capacity-type': capacityType,
            'topology.kubernetes.io/zone': zone,
          },
        },
        spec: {
          nodeClassRef: {
            group: 'karpenter.k8s.aws',
            kind: 'EC2NodeClass',
            name: 'default',
          },
          requirements: [],
        },
      });
    await writeKarpenterStatus(suite, 'nodepools', name, {
      nodes: 2,
      resources: { cpu: '8', memory: '16Gi', nodes: '2' },
    });

    // Same hour: this replica has recorded it, so the pass writes no sample.
    clock = new Date('2026-12-06T05:58:00Z');
    await one.reconciler.reconcileCluster('local');
    expect(await one.sampler.samples(pool.id, 30, clock)).toHaveLength(1);

    // 06:05, both replicas pass: one sample of the hour, from what the pass read.
    clock = new Date('2026-12-06T06:05:00Z');
    await one.reconciler.reconcileCluster('local');
    await writeKarpenterStatus(suite, 'nodepools', name, {
      nodes: 2,
      resources: { cpu: '12', memory: '24Gi', nodes: '2' },
    });
    await two.reconciler.reconcileCluster('local');
    const samples = await two.sampler.samples(pool.id, 30, clock);
    expect(samples).toEqual([
      expect.objectContaining({ hour: '2026-12-06T05:00:00.000Z' }),
      {
        hour: '2026-12-06T06:00:00.000Z',
        runRateHourly: 0.2618,
        currency: 'USD',
        vcpu: 8,
        memoryGiB: 16,
        nodes: 2,
        vcpuLimit: 16,
      },
    ]);

    // 91 days on, the next hour's pass prunes what is past the 90 days kept.
    clock = new Date(Date.parse('2026-12-06T06:05:00Z') + 91 * 86_400_000);
    await one.reconciler.reconcileCluster('local');
    const kept = await one.sampler.samples(pool.id, 366, clock);
    expect(kept.map(s => [s.hour, s.vcpu])).toEqual([
      [clock.toISOString().replace(/:05:00/, ':00:00'), 12],
    ]);
  });
});
