import { TestDatabases } from '@backstage/backend-test-utils';
import { describeApiServer, type KubeObject } from '@nodepools/local-cluster';
import { findDrift } from './findDrift';
import { renderPoolObject } from './renderPoolObject';
import { reconcilerTestEnv } from './__testUtils__/reconcilerTestEnv';
import {
  applyForeignNodePool,
  editCpuLimitByHand,
} from './__testUtils__/handEdits';

type Env = Awaited<ReturnType<typeof reconcilerTestEnv>>;

describeApiServer('ClusterReconciler against the API server', suite => {
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

  it('applies an approved pool with exactly the rendered spec, updates it in place and removes it on decommission', async () => {
    const approved = await env.approve({ pool: 'lifecycle' });
    expect(approved.state).toBe('approved');
    const health = await env.reconciler.reconcileCluster('local');
    expect(health).toMatchObject({ state: 'healthy' });

    let pool = await env.poolOf(approved.poolId!);
    const rendered = renderPoolObject(pool, env.config.clusters[0].policy);
    const created = await read(rendered.metadata.name);
    // Exactly what we rendered, plus the one default the CRD adds (Karpenter's budget of 10%).
    expect(created.spec).toEqual({
      ...rendered.spec,
      disruption: {
        ...(rendered.spec.disruption as object),
        budgets: [{ nodes: '10%' }],
      },
    });
    expect(created.metadata.labels).toMatchObject(rendered.metadata.labels!);
    expect(pool).toMatchObject({ appliedGeneration: 1 });
    expect(pool.lastError).toBeUndefined();
    expect((await env.store.getRequest(approved.id))!.state).toBe('applied');
    expect((await env.historyOf(pool.id)).map(e => e.type)).toContain(
      'pool.applied',
    );

    // A second pass finds nothing to do: no new event, same object.
    const eventsBefore = (await env.historyOf(pool.id)).length;
    await env.reconciler.reconcileCluster('local');
    expect((await env.historyOf(pool.id)).length).toBe(eventsBefore);

    const update = await env.approve({
      kind: 'update',
      pool: 'lifecycle',
      spec: {
        requirements: {
          architectures: ['amd64'],
          capacityTypes: ['on-demand'],
        },
        limits: { cpu: '32', memory: '128Gi' },
        nodeClass: 'default',
        namespaces: ['payments'],
      },
    });
    await env.reconciler.reconcileCluster('local');
    pool = await env.poolOf(approved.poolId!);
    const updated = await read(rendered.metadata.name);
    expect(updated.metadata.uid).toBe(created.metadata.uid);
    const renderedUpdate = renderPoolObject(
      pool,
      env.config.clusters[0].policy,
    );
    expect(findDrift(renderedUpdate, updated)).toEqual([]);
    expect((updated.spec as any).limits).toEqual({
      cpu: '32',
      memory: '128Gi',
      'nvidia.com/gpu': '0',
    });
    expect(pool.appliedGeneration).toBe(2);
    expect((await env.store.getRequest(update.id))!.state).toBe('applied');

    const decommission = await env.approve({
      kind: 'decommission',
      pool: 'lifecycle',
      spec: undefined,
    });
    await env.reconciler.reconcileCluster('local');
    await expect(read(rendered.metadata.name)).rejects.toMatchObject({
      statusCode: 404,
    });
    pool = await env.poolOf(approved.poolId!);
    expect(pool.phase).toBe('removed');
    expect((await env.store.getRequest(decommission.id))!.state).toBe(
      'applied',
    );
    expect((await env.historyOf(pool.id)).map(e => e.type)).toContain(
      'pool.removed',
    );
  });

  it('never touches a same-named NodePool without our label, and records why on the pool', async () => {
    const name = `${env.team}.foreign`;
    await applyForeignNodePool(suite, name);
    const before = await read(name);

    const approved = await env.approve({ pool: 'foreign' });
    const health = await env.reconciler.reconcileCluster('local');
    expect(health.state).toBe('healthy');

    const after = await read(name);
    expect(after.metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
    expect(after.spec).toEqual(before.spec);
    const pool = await env.poolOf(approved.poolId!);
    expect(pool.lastError).toMatch(/not managed by backstage-nodepools/);
    expect(pool.appliedGeneration).toBeUndefined();
    // It could never apply: the request fails and the pool, which never ran, is removed.
    expect((await env.store.getRequest(approved.id))!.state).toBe('failed');
    expect(pool.phase).toBe('removed');

    // Later passes leave the object alone too.
    await env.reconciler.reconcileCluster('local');
    expect((await read(name)).metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
  });

  it('restores limits edited by another field manager and names it in the history', async () => {
    const approved = await env.approve({ pool: 'drift' });
    await env.reconciler.reconcileCluster('local');
    const pool = await env.poolOf(approved.poolId!);
    const name = renderPoolObject(pool, env.config.clusters[0].policy).metadata
      .name;

    // What `kubectl edit` does, as a field manager of its own.
    await editCpuLimitByHand(suite, name, '999');
    expect(((await read(name)).spec as any).limits.cpu).toBe('999');

    await env.reconciler.reconcileCluster('local');
    expect(((await read(name)).spec as any).limits.cpu).toBe('16');
    const drift = (await env.historyOf(pool.id)).find(
      e => e.type === 'pool.drift-corrected',
    );
    expect(drift?.message).toMatch(/kubectl-edit/);
    expect(drift?.data).toMatchObject({
      managers: ['kubectl-edit'],
      paths: ['spec.limits.cpu'],
    });
  });

  it('copies the NodePool status onto the pool and derives the phase from Ready', async () => {
    const approved = await env.approve({ pool: 'status' });
    await env.reconciler.reconcileCluster('local');
    let pool = await env.poolOf(approved.poolId!);
    expect(pool.phase).toBe('provisioning');
    expect(pool.status?.nodes).toBeUndefined();
    const poolName = renderPoolObject(pool, env.config.clusters[0].policy)
      .metadata.name;
    // Without status.nodes, the NodeClaims Karpenter labels with the pool are counted.
    await suite.client().create({
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodeClaim',
      metadata: {
        name: suite.name('claim'),
        labels: { 'karpenter.sh/nodepool': poolName },
      },
      spec: {
        nodeClassRef: {
          group: 'karpenter.k8s.aws',
          kind: 'EC2NodeClass',
          name: 'default',
        },
        requirements: [
          { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
        ],
      },
    });
    await env.reconciler.reconcileCluster('local');
    pool = await env.poolOf(approved.poolId!);
    expect(pool.status?.nodes).toBe(1);
    const statusEvents = async () =>
      (await env.historyOf(pool.id)).filter(
        e => e.type === 'pool.status-changed',
      ).length;
    const before = await statusEvents();
    const name = renderPoolObject(pool, env.config.clusters[0].policy).metadata
      .name;
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const condition = (type: string, status: string, reason: string) => ({
      type,
      status,
      reason,
      message: '',
      lastTransitionTime: now,
      observedGeneration: 1,
    });
    // Karpenter would write this; nothing runs here, so the admin writes the status subresource.
    await suite
      .client()
      .request('PATCH', `/apis/karpenter.sh/v1/nodepools/${name}/status`, {
        body: {
          status: {
            nodes: 2,
            resources: { cpu: '8', memory: '32Gi', nodes: '2' },
            conditions: [
              condition('Ready', 'True', 'Ready'),
              condition('ValidationSucceeded', 'True', 'ValidationSucceeded'),
              condition('NodeClassReady', 'True', 'NodeClassReady'),
            ],
          },
        },
        contentType: 'application/merge-patch+json',
      });
    await env.reconciler.reconcileCluster('local');
    pool = await env.poolOf(approved.poolId!);
    expect(pool.phase).toBe('ready');
    expect(pool.status).toMatchObject({
      observedGeneration: 1,
      nodes: 2,
      provisioned: { cpu: '8', memory: '32Gi', nodes: '2' },
    });
    expect(pool.status!.conditions.map(c => c.type)).toEqual([
      'NodeClassReady',
      'Ready',
      'ValidationSucceeded',
    ]);
    expect(await statusEvents()).toBe(before + 1);
    // The same status again writes nothing.
    await env.reconciler.reconcileCluster('local');
    expect(await statusEvents()).toBe(before + 1);
  });
});
