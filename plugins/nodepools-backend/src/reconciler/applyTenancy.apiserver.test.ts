import { TestDatabases } from '@backstage/backend-test-utils';
import { describeApiServer, type KubeObject } from '@nodepools/local-cluster';
import type { KubeObject as LiveObject } from './KubeObject';
import { reconcilerTestEnv } from './__testUtils__/reconcilerTestEnv';

type Env = Awaited<ReturnType<typeof reconcilerTestEnv>>;
const TEAM_KEY = 'nodepools.backstage.io/team';

/** Admission policies take effect a moment after they are written: poll until they do. */
async function eventually(check: () => Promise<void>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }
}

describeApiServer('tenant enforcement applied by the reconciler', suite => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let env: Env;
  const nsA = suite.name('team-a');
  const nsB = suite.name('team-b');
  const teamB = suite.name('search');

  const pod = (namespace: string, tolerations: unknown[]): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'probe', namespace },
    spec: {
      containers: [{ name: 'app', image: 'registry.invalid/app:1' }],
      tolerations,
    },
  });
  const tolerating = (team: string) => ({
    key: TEAM_KEY,
    operator: 'Equal',
    value: team,
    effect: 'NoSchedule',
  });
  const tryPod = (namespace: string, tolerations: unknown[]) =>
    suite.client().create(pod(namespace, tolerations), { dryRun: true });

  beforeAll(async () => {
    env = await reconcilerTestEnv(suite, databases);
    for (const name of [nsA, nsB])
      await suite.client().create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, labels: suite.labels },
      });
    await env.approve({
      pool: 'tenancy',
      spec: {
        requirements: {
          architectures: ['amd64'],
          capacityTypes: ['on-demand'],
        },
        limits: { cpu: '16', memory: '64Gi' },
        nodeClass: 'default',
        namespaces: [nsA],
      },
    });
    await env.approve({
      owner: `group:default/${teamB}`,
      pool: 'tenancy',
      spec: {
        requirements: {
          architectures: ['amd64'],
          capacityTypes: ['on-demand'],
        },
        limits: { cpu: '16', memory: '64Gi' },
        nodeClass: 'default',
        namespaces: [nsB],
      },
    });
    const health = await env.reconciler.reconcileCluster('local');
    if (health.state !== 'healthy')
      throw new Error(`reconcile failed: ${health.message}`);
  });
  afterAll(() => env.close());

  it('labels the namespaces a request names, owning only that label', async () => {
    const ns = await suite
      .client()
      .request<LiveObject>('GET', `/api/v1/namespaces/${nsA}`);
    expect(ns.metadata.labels).toMatchObject({ [TEAM_KEY]: env.team });
    const ours = ns.metadata.managedFields!.find(
      f => f.manager === 'backstage-nodepools',
    );
    expect(ours?.fieldsV1).toEqual({
      'f:metadata': { 'f:labels': { [`f:${TEAM_KEY}`]: {} } },
    });
  });

  it("rejects a pod tolerating team A's taint in team B's namespace and admits it in team A's", async () => {
    await eventually(async () => {
      await expect(tryPod(nsB, [tolerating(env.team)])).rejects.toMatchObject({
        statusCode: 403,
      });
    });
    await expect(tryPod(nsA, [tolerating(env.team)])).resolves.toBeDefined();
    await expect(tryPod(nsB, [tolerating(teamB)])).resolves.toBeDefined();
  });

  it('rejects a keyless toleration outside system namespaces only', async () => {
    const everything = [{ operator: 'Exists' }];
    await eventually(async () => {
      await expect(tryPod(nsA, everything)).rejects.toMatchObject({
        statusCode: 403,
        status: { message: expect.stringMatching(/every taint/) },
      });
    });
    await expect(tryPod('kube-system', everything)).resolves.toBeDefined();
  });

  it('refuses a team label set on a namespace by anyone but the reconciler', async () => {
    await eventually(async () => {
      await expect(
        suite.client().request('PATCH', `/api/v1/namespaces/${nsB}`, {
          body: { metadata: { labels: { [TEAM_KEY]: env.team } } },
          contentType: 'application/merge-patch+json',
          query: { dryRun: 'All' },
        }),
      ).rejects.toMatchObject({
        statusCode: 403,
        status: {
          message: expect.stringMatching(/only the node pools reconciler/),
        },
      });
    });
  });
});
