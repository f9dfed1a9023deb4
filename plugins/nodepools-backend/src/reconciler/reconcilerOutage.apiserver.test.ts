import { TestDatabases } from '@backstage/backend-test-utils';
import { describeApiServer } from '@nodepools/local-cluster';
import { ClusterClient } from './ClusterClient';
import { ConnectionCutter } from './__testUtils__/ConnectionCutter';
import { reconcilerTestEnv } from './__testUtils__/reconcilerTestEnv';
import { findDrift } from './findDrift';
import type { KubeObject } from './KubeObject';
import { renderPoolObject } from './renderPoolObject';

type Env = Awaited<ReturnType<typeof reconcilerTestEnv>>;

/** The real client, which stops the API server (cuts the relay) right before its n-th NodePool write. */
class ClientThatCutsMidPass extends ClusterClient {
  cutBeforeNodePoolWrite = Infinity;
  nodePoolWrites = 0;
  constructor(
    cluster: string,
    connection: ConstructorParameters<typeof ClusterClient>[1],
    private readonly cutter: ConnectionCutter,
  ) {
    super(cluster, connection);
  }
  async apply(object: KubeObject, options: { force: boolean }) {
    if (object.kind === 'NodePool') {
      this.nodePoolWrites += 1;
      if (this.nodePoolWrites === this.cutBeforeNodePoolWrite)
        await this.cutter.cut();
    }
    return super.apply(object, options);
  }
}

describeApiServer('Reconciler when the API server stops mid-pass', suite => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const INITIAL_BACKOFF_MS = 60_000;
  let cutter: ConnectionCutter;
  let client: ClientThatCutsMidPass;
  let env: Env;

  beforeAll(async () => {
    cutter = await ConnectionCutter.start(suite.connection.server);
    env = await reconcilerTestEnv(suite, databases, {
      server: cutter.url,
      reconciler: {
        initialBackoffMs: INITIAL_BACKOFF_MS,
        clientFor: cluster => {
          client = new ClientThatCutsMidPass(
            cluster.name,
            {
              server: cluster.url!,
              caData: cluster.caData,
              token:
                cluster.auth?.type === 'serviceAccount'
                  ? cluster.auth.token
                  : undefined,
            },
            cutter,
          );
          return client;
        },
      },
    });
  });
  afterAll(async () => {
    await cutter.cut();
    await env.close();
  });

  it('records the failure, backs off, loses no approval and converges once the server is back', async () => {
    const approveOne = (i: number) =>
      env.approve({
        pool: `outage-${i}`,
        spec: {
          requirements: { architectures: ['amd64'], capacityTypes: ['spot'] },
          limits: { cpu: '2', memory: '4Gi' },
          nodeClass: 'default',
          namespaces: [suite.name('outage')],
        },
      });
    // Twelve pools already run; eight more are approved, and the server stops before the fifth of those is written.
    const approvals: Array<Awaited<ReturnType<Env['approve']>>> = [];
    for (let i = 0; i < 12; i++) approvals.push(await approveOne(i));
    await env.reconciler.reconcileCluster('local');
    const more: typeof approvals = [];
    for (let i = 12; i < 20; i++) more.push(await approveOne(i));
    const state = async () =>
      Promise.all(
        approvals.map(async a => (await env.store.getRequest(a.id))!.state),
      );
    expect(new Set(await state())).toEqual(new Set(['applied']));
    client.nodePoolWrites = 0;
    client.cutBeforeNodePoolWrite = 5;
    const failed = await env.reconciler.reconcileCluster('local');
    expect(failed).toMatchObject({
      state: 'unreachable',
      consecutiveFailures: 1,
      message: expect.stringMatching(/unreachable/),
    });
    expect(
      Date.parse(failed.retryAfter!) - Date.parse(failed.lastAttemptAt!),
    ).toBe(INITIAL_BACKOFF_MS);
    const moreStates = await Promise.all(
      more.map(async a => (await env.store.getRequest(a.id))!.state),
    );
    // Four new pools were written before the cut; the other four stay approved, not lost.
    expect(moreStates.filter(s => s === 'applied')).toHaveLength(4);
    expect(moreStates.filter(s => s === 'approved')).toHaveLength(4);
    for (const [i, request] of more.entries()) {
      if (moreStates[i] !== 'approved') continue;
      const pool = await env.poolOf(request.poolId!);
      expect(pool.lastError).toMatch(/unreachable/);
      expect(pool.appliedGeneration).toBeUndefined();
    }

    // While it is down, the periodic pass waits out the backoff; an approval tries at once and doubles it.
    expect(await env.reconciler.reconcileCluster('local')).toMatchObject({
      consecutiveFailures: 1,
      lastAttemptAt: failed.lastAttemptAt,
    });
    env.reconciler.retryNow('local');
    const again = await env.reconciler.reconcileCluster('local');
    expect(again).toMatchObject({
      state: 'unreachable',
      consecutiveFailures: 2,
    });
    expect(
      Date.parse(again.retryAfter!) - Date.parse(again.lastAttemptAt!),
    ).toBe(2 * INITIAL_BACKOFF_MS);

    // Back: the next pass converges and every approval is applied exactly once.
    await cutter.restore();
    env.reconciler.retryNow('local');
    expect(await env.reconciler.reconcileCluster('local')).toMatchObject({
      state: 'healthy',
      consecutiveFailures: 0,
    });
    for (const request of [...approvals, ...more]) {
      expect((await env.store.getRequest(request.id))!.state).toBe('applied');
      const pool = await env.poolOf(request.poolId!);
      expect(pool.lastError).toBeUndefined();
      expect(pool.appliedGeneration).toBe(pool.generation);
      const rendered = renderPoolObject(pool, env.config.clusters[0].policy);
      const live = await suite
        .client()
        .request<KubeObject>(
          'GET',
          `/apis/karpenter.sh/v1/nodepools/${rendered.metadata.name}`,
        );
      expect(findDrift(rendered, live)).toEqual([]);
      const applied = (await env.historyOf(pool.id)).filter(
        e => e.type === 'pool.applied',
      );
      expect(applied).toHaveLength(1);
    }
  });
});
