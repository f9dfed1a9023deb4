import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { describeApiServer, type KubeObject } from '@nodepools/local-cluster';
import { testMetrics } from './__testUtils__/collectMetrics';
import {
  karpenterCondition,
  writeKarpenterStatus,
} from './__testUtils__/karpenterStatus';
import { reconcilerTestEnv } from './__testUtils__/reconcilerTestEnv';
import { NodePoolsReconciler } from './NodePoolsReconciler';
import { PoolStatusWatcher } from './PoolStatusWatcher';
import { ReconcilerMetrics } from './ReconcilerMetrics';
import { renderPoolObject } from './renderPoolObject';
import { editCpuLimitByHand } from './__testUtils__/handEdits';

type Env = Awaited<ReturnType<typeof reconcilerTestEnv>>;

describeApiServer('Reconciler in steady state', suite => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const metrics = testMetrics();
  let env: Env;
  let reconciler: NodePoolsReconciler;

  beforeAll(async () => {
    env = await reconcilerTestEnv(suite, databases);
    reconciler = new NodePoolsReconciler({
      config: env.config,
      store: env.store,
      logger: mockServices.logger.mock(),
      metrics: new ReconcilerMetrics(metrics.service, env.store),
    });
  });
  afterAll(async () => {
    await metrics.shutdown();
    await env.close();
  });

  const approvePools = async (from: number, to: number) => {
    for (let i = from; i < to; i++)
      await env.approve({
        pool: `steady-${i}`,
        spec: {
          requirements: { architectures: ['arm64'], capacityTypes: ['spot'] },
          limits: { cpu: '2', memory: '4Gi' },
          nodeClass: 'default',
          namespaces: [suite.namespace],
        },
      });
  };
  /**
   * The cluster calls one pass makes. Writes leave out the tenancy policy: it names the nodes of
   * every team's NodePools, so the other suites sharing this API server change it whenever they
   * add a pool (applyTenancy's suite checks that it converges).
   */
  const pass = async () => {
    const client = reconciler.clientOf('local');
    const before = client.callCounts();
    expect(await reconciler.reconcileCluster('local')).toMatchObject({
      state: 'healthy',
    });
    const after = client.callCounts();
    return {
      reads: after.reads - before.reads,
      writes:
        after.writes -
        after.tenancyWrites -
        (before.writes - before.tenancyWrites),
    };
  };

  it('writes nothing once converged, and reads the same few lists whatever the number of pools', async () => {
    await approvePools(0, 3);
    const first = await pass();
    // Three NodePools and the namespace label at least.
    expect(first.writes).toBeGreaterThanOrEqual(4);
    const convergedWithThree = await pass();
    expect(convergedWithThree.writes).toBe(0);

    await approvePools(3, 15);
    expect((await pass()).writes).toBe(12);
    const convergedWithFifteen = await pass();
    expect(convergedWithFifteen).toEqual({
      reads: convergedWithThree.reads,
      writes: 0,
    });
    // Six lists (NodePools, NodeClaims, scheduling events, namespaces, admission policies,
    // bindings) and one get per allowed node class.
    expect(convergedWithFifteen.reads).toBe(
      6 + env.config.clusters[0].policy.nodeClasses.length,
    );

    const points = await metrics.collect();
    const value = (name: string, attributes: Record<string, string>) =>
      points
        .get(name)
        ?.filter(p =>
          Object.entries(attributes).every(([k, v]) => p.attributes[k] === v),
        )
        .map(p => p.value);
    expect(
      value('nodepools.reconcile.passes', {
        cluster: 'local',
        result: 'success',
      }),
    ).toEqual([4]);
    expect(
      value('nodepools.reconcile.objects_applied', {
        cluster: 'local',
        kind: 'NodePool',
      }),
    ).toEqual([15]);
    expect(
      value('nodepools.reconcile.duration', {
        cluster: 'local',
        result: 'success',
      }),
    ).toEqual([expect.objectContaining({ count: 4 })]);
    expect(
      value('nodepools.pools', { cluster: 'local', phase: 'provisioning' }),
    ).toEqual([15]);
  });

  it('counts a drift correction in the metrics', async () => {
    const pool = (await env.store.livePools('local')).find(
      p => p.name === 'steady-0',
    )!;
    const name = renderPoolObject(pool, env.config.clusters[0].policy).metadata
      .name;
    await editCpuLimitByHand(suite, name, '1000');
    expect((await pass()).writes).toBe(1);
    const points = await metrics.collect();
    expect(
      points
        .get('nodepools.reconcile.drift_corrections')
        ?.map(p => [p.attributes.cluster, p.value]),
    ).toEqual([['local', 1]]);
  });

  it("says when Karpenter reports that the pool's limits keep pods pending", async () => {
    const pool = (await env.store.livePools('local')).find(
      p => p.name === 'steady-2',
    )!;
    const name = renderPoolObject(pool, env.config.clusters[0].policy).metadata
      .name;
    const message = `Failed to schedule pod, all available instance types exceed limits for nodepool (NodePool=${name})`;
    // Karpenter's event on a pending pod, as it words it; nothing runs Karpenter here.
    for (const pod of ['web-1', 'web-2'])
      await suite.client().create({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: {
          name: suite.name(`${pod}-limits`),
          namespace: suite.namespace,
        },
        involvedObject: { kind: 'Pod', name: pod, namespace: suite.namespace },
        reason: 'FailedScheduling',
        type: 'Warning',
        message,
        source: { component: 'karpenter' },
        lastTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      } as unknown as KubeObject);
    expect((await pass()).writes).toBe(0);
    const seen = await env.poolOf(pool.id);
    expect(seen.status?.launchBlockedByLimits).toEqual({
      pods: 2,
      message,
      reportedAt: expect.any(String),
    });
    expect(
      (await env.historyOf(pool.id)).find(e => e.type === 'pool.status-changed')
        ?.message,
    ).toMatch(
      /Karpenter cannot launch a node within its limits for 2 pending pod\(s\)$/,
    );
  });

  it('brings status changes in through watches, without waiting for a pass', async () => {
    const watcher = new PoolStatusWatcher({
      reconciler,
      logger: mockServices.logger.mock(),
      debounceMs: 50,
    });
    watcher.start();
    try {
      const pool = (await env.store.livePools('local')).find(
        p => p.name === 'steady-1',
      )!;
      const name = renderPoolObject(pool, env.config.clusters[0].policy)
        .metadata.name;
      const claimName = suite.name('watched-claim');
      // Karpenter would write these; nothing runs here, so the admin writes them.
      await suite.client().create({
        apiVersion: 'karpenter.sh/v1',
        kind: 'NodeClaim',
        metadata: {
          name: claimName,
          labels: {
            'karpenter.sh/nodepool': name,
            'node.kubernetes.io/instance-type': 'm7g.large',
            'karpenter.sh/capacity-type': 'spot',
            'topology.kubernetes.io/zone': 'eu-west-1a',
          },
        },
        spec: {
          nodeClassRef: {
            group: 'karpenter.k8s.aws',
            kind: 'EC2NodeClass',
            name: 'default',
          },
          requirements: [
            { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] },
          ],
        },
      } as KubeObject);
      await writeKarpenterStatus(suite, 'nodeclaims', claimName, {
        nodeName: 'ip-10-0-1-23.eu-west-1.compute.internal',
        capacity: { cpu: '2', memory: '8Gi' },
        conditions: [karpenterCondition('Ready', 'True')],
      });
      await writeKarpenterStatus(suite, 'nodepools', name, {
        nodes: 1,
        resources: { cpu: '2', memory: '8Gi', nodes: '1' },
        conditions: [karpenterCondition('Ready', 'True')],
      });
      const deadline = Date.now() + 15_000;
      let seen = await env.poolOf(pool.id);
      while (seen.phase !== 'ready' || !seen.status?.nodeClaims) {
        if (Date.now() > deadline)
          throw new Error(
            `status never arrived through the watch: ${JSON.stringify(
              seen.status,
            )}`,
          );
        await new Promise(resolve => setTimeout(resolve, 100));
        seen = await env.poolOf(pool.id);
      }
      expect(seen.status).toMatchObject({
        nodes: 1,
        provisioned: { cpu: '2', memory: '8Gi', nodes: '1' },
        // 2 cpu and 8Gi provisioned against limits of 2 and 4Gi: Karpenter launches nothing more here.
        limitsReached: ['cpu', 'memory'],
        nodeClaims: [
          {
            name: claimName,
            nodeName: 'ip-10-0-1-23.eu-west-1.compute.internal',
            instanceType: 'm7g.large',
            capacityType: 'spot',
            zone: 'eu-west-1a',
            capacity: { cpu: '2', memory: '8Gi' },
            conditions: [
              expect.objectContaining({ type: 'Ready', status: 'True' }),
            ],
          },
        ],
      });
      const events = await env.historyOf(pool.id);
      expect(
        events.find(
          e => e.type === 'pool.status-changed' && /limit/.test(e.message),
        )?.message,
      ).toMatch(
        /NodePool is ready \(Ready\); 1 node\(s\); at its cpu and memory limit/,
      );
    } finally {
      watcher.stop();
      await watcher.idle();
    }
  });
});
