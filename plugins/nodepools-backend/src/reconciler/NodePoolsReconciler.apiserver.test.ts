import { TestDatabases } from '@backstage/backend-test-utils';
import {
  describeApiServer,
  KubeClient,
  type KubeObject,
} from '@nodepools/local-cluster';
import { clusterPolicySchema } from '@nodepools/plugin-nodepools-common';
import {
  rbacObjects,
  reconcilerTestEnv,
  reconcilerToken,
} from './__testUtils__/reconcilerTestEnv';

type Env = Awaited<ReturnType<typeof reconcilerTestEnv>>;

describeApiServer('NodePoolsReconciler across clusters', suite => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let env: Env;
  beforeAll(async () => {
    env = await reconcilerTestEnv(suite, databases, {
      extraClusters: [
        {
          // Port 1 on loopback: nothing listens, every connection is refused at once.
          name: 'offline',
          title: 'Offline',
          url: 'https://127.0.0.1:1',
          caData: suite.connection.caData,
          auth: { type: 'serviceAccount', token: 'unused' },
          policy: clusterPolicySchema.parse({
            approverGroups: ['group:default/platform'],
            quorum: 1,
          }),
        },
      ],
    });
  });
  afterAll(() => env.close());

  it('reports an unreachable cluster, keeps its approval pending, and backs off while the others reconcile', async () => {
    const local = await env.approve({ pool: 'reachable' });
    const offline = await env.approve({ pool: 'stranded', cluster: 'offline' });

    await env.reconciler.reconcileAll();
    const health = Object.fromEntries(
      env.reconciler.health().map(h => [h.cluster, h]),
    );
    expect(health.local).toMatchObject({
      state: 'healthy',
      consecutiveFailures: 0,
    });
    expect(health.offline).toMatchObject({
      state: 'unreachable',
      consecutiveFailures: 1,
      message: expect.stringMatching(/offline is unreachable/),
    });
    expect(health.offline.retryAfter! > health.offline.lastAttemptAt!).toBe(
      true,
    );
    expect((await env.store.getRequest(local.id))!.state).toBe('applied');
    expect((await env.store.getRequest(offline.id))!.state).toBe('approved');
    const stranded = await env.poolOf(offline.poolId!);
    expect(stranded.lastError).toMatch(/unreachable/);
    expect(stranded.appliedGeneration).toBeUndefined();

    // Within the backoff a periodic pass skips the cluster...
    await env.reconciler.reconcileAll();
    expect(
      env.reconciler.health().find(h => h.cluster === 'offline'),
    ).toMatchObject({
      consecutiveFailures: 1,
      lastAttemptAt: health.offline.lastAttemptAt,
    });
    // ...and an approval makes it try again at once; the failure is not a second event.
    env.reconciler.retryNow('offline');
    expect(await env.reconciler.reconcileCluster('offline')).toMatchObject({
      state: 'unreachable',
      consecutiveFailures: 2,
    });
    expect(
      (await env.historyOf(stranded.id)).filter(e => e.type === 'pool.failed'),
    ).toHaveLength(1);
  });

  it('ships a ClusterRole that is exactly what the reconciler needs', async () => {
    const [, , role] = rbacObjects();
    const live = await suite
      .client()
      .request<KubeObject>(
        'GET',
        '/apis/rbac.authorization.k8s.io/v1/clusterroles/nodepools-reconciler',
      );
    expect(live.rules).toEqual(role.rules);

    // A full pass (tenancy, labels, create, update, status, delete) with only that role: no 403.
    const ns = suite.name('rbac');
    await suite.client().create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: suite.labels },
    });
    const spec = (cpu: string) => ({
      requirements: { architectures: ['amd64'], capacityTypes: ['on-demand'] },
      limits: { cpu, memory: '64Gi' },
      nodeClass: 'default',
      namespaces: [ns],
    });
    const created = await env.approve({ pool: 'rbac', spec: spec('8') });
    expect(await env.reconciler.reconcileCluster('local')).toMatchObject({
      state: 'healthy',
    });
    await env.approve({ kind: 'update', pool: 'rbac', spec: spec('12') });
    await env.reconciler.reconcileCluster('local');
    await env.approve({ kind: 'decommission', pool: 'rbac' });
    expect(await env.reconciler.reconcileCluster('local')).toMatchObject({
      state: 'healthy',
    });
    const pool = await env.poolOf(created.poolId!);
    expect(pool).toMatchObject({ phase: 'removed', appliedGeneration: 2 });
    expect(pool.lastError).toBeUndefined();
    expect(
      (await env.historyOf(pool.id)).filter(e => e.type === 'pool.failed'),
    ).toEqual([]);

    // And nothing beyond it.
    const asReconciler = new KubeClient({
      server: suite.connection.server,
      caData: suite.connection.caData,
      token: await reconcilerToken(suite),
    });
    const can = async (attributes: Record<string, string>) =>
      (
        await asReconciler.request<{ status: { allowed: boolean } }>(
          'POST',
          '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
          {
            body: {
              apiVersion: 'authorization.k8s.io/v1',
              kind: 'SelfSubjectAccessReview',
              spec: { resourceAttributes: attributes },
            },
          },
        )
      ).status.allowed;
    try {
      expect(
        await can({
          group: 'karpenter.sh',
          resource: 'nodepools',
          verb: 'delete',
        }),
      ).toBe(true);
      for (const denied of [
        { group: '', resource: 'namespaces', verb: 'create' },
        { group: '', resource: 'namespaces', verb: 'delete' },
        { group: '', resource: 'secrets', verb: 'get' },
        { group: 'karpenter.sh', resource: 'nodeclaims', verb: 'delete' },
        {
          group: 'karpenter.k8s.aws',
          resource: 'ec2nodeclasses',
          verb: 'patch',
        },
        {
          group: 'admissionregistration.k8s.io',
          resource: 'validatingadmissionpolicies',
          verb: 'delete',
        },
      ])
        expect([denied, await can(denied)]).toEqual([denied, false]);
    } finally {
      asReconciler.close();
    }
  });
});
