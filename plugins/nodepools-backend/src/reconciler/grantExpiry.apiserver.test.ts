import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { describeApiServer, type KubeObject } from '@nodepools/local-cluster';
import { RequestWorkflow } from '../workflow/RequestWorkflow';
import { renderPoolObject } from './renderPoolObject';
import { reconcilerTestEnv } from './__testUtils__/reconcilerTestEnv';

type Env = Awaited<ReturnType<typeof reconcilerTestEnv>>;

describeApiServer('A grant running out, against the API server', suite => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let env: Env;
  beforeAll(async () => {
    env = await reconcilerTestEnv(suite, databases);
  });
  afterAll(() => env.close());

  const read = (name: string) =>
    suite
      .client()
      .request<KubeObject>('GET', `/apis/karpenter.sh/v1/nodepools/${name}`);

  it('deletes the NodePool once the clock passes the expiry, and keeps the pool and its history readable', async () => {
    const approved = await env.approve({ pool: 'short-lived', lifetime: '1h' });
    await env.reconciler.reconcileCluster('local');
    const pool = await env.poolOf(approved.poolId!);
    const name = renderPoolObject(pool, env.config.clusters[0].policy).metadata
      .name;
    expect((await read(name)).metadata?.name).toBe(name);

    // The same store and config, with the clock in the test's hands.
    const clock = { now: new Date(pool.expiresAt!) };
    clock.now = new Date(clock.now.getTime() - 60_000);
    const workflow = new RequestWorkflow({
      store: env.store,
      config: env.config,
      logger: mockServices.logger.mock(),
      now: () => clock.now,
    });
    expect(await workflow.checkGrantExpiry()).toEqual({
      warnings: 1,
      expired: 0,
    });
    await env.reconciler.reconcileCluster('local');
    expect((await read(name)).metadata?.name).toBe(name);

    clock.now = new Date(new Date(pool.expiresAt!).getTime() + 1000);
    expect(await workflow.checkGrantExpiry()).toEqual({
      warnings: 0,
      expired: 1,
    });
    await env.reconciler.reconcileCluster('local');
    await expect(read(name)).rejects.toMatchObject({ statusCode: 404 });

    const after = await env.poolOf(pool.id);
    expect(after).toMatchObject({
      phase: 'removed',
      spec: pool.spec,
      expiresAt: pool.expiresAt,
    });
    // The reconciler's own entries (applied, removed) have no actor; status changes are left out.
    const history = (await env.historyOf(pool.id))
      .reverse()
      .filter(e => e.type !== 'pool.status-changed');
    expect(history.map(e => [e.type, e.actor])).toEqual([
      ['pool.created', 'user:default/approver-1'],
      ['request.approved', 'user:default/approver-1'],
      ['pool.applied', undefined],
      ['pool.expiry-warning', 'system'],
      ['pool.decommissioning', 'system'],
      ['pool.removed', undefined],
    ]);
    // The request that granted it stays as it was: the expiry was no one's decision.
    expect((await env.store.getRequest(approved.id))!.state).toBe('applied');
  });
});
