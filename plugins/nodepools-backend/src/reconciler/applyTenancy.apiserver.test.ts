// ~400 lines: every block checks pods against the admission objects one reconcile pass applied in
// beforeAll; split, each file would apply them again to the shared API server.
import { TestDatabases } from '@backstage/backend-test-utils';
import { describeApiServer, type KubeObject } from '@nodepools/local-cluster';
import { renderTenancyPolicy } from '@nodepools/plugin-nodepools-common';
import { findDrift } from './findDrift';
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

  const containers = [{ name: 'app', image: 'registry.invalid/app:1' }];
  const pod = (namespace: string, tolerations: unknown[]): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'probe', namespace },
    spec: { containers, tolerations },
  });
  const tolerating = (team: string) => ({
    key: TEAM_KEY,
    operator: 'Equal',
    value: team,
    effect: 'NoSchedule',
  });
  const tryPod = (namespace: string, tolerations: unknown[]) =>
    suite.client().create(pod(namespace, tolerations), { dryRun: true });
  const trySpec = (namespace: string, spec: Record<string, unknown>) =>
    suite.client().create(
      {
        ...pod(namespace, []),
        spec: { containers, ...spec },
      },
      { dryRun: true },
    );
  const requiring = (key: string, operator: string, values?: string[]) => ({
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key, operator, ...(values ? { values } : {}) },
              ],
            },
          ],
        },
      },
    },
  });
  /** The pod template of each workload controller, carrying the given pod spec. */
  const workloads = (namespace: string, spec: Record<string, unknown>) => {
    const template = {
      metadata: { labels: { app: 'probe' } },
      spec: {
        containers: containers,
        restartPolicy: 'Never',
        ...spec,
      },
    };
    const always = {
      ...template,
      spec: { ...template.spec, restartPolicy: 'Always' },
    };
    const selector = { matchLabels: { app: 'probe' } };
    const meta = { name: 'probe', namespace };
    return [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta,
        spec: { selector, template: always },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: meta,
        spec: { selector, serviceName: 'probe', template: always },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: meta,
        spec: { selector, template: always },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: meta,
        spec: { selector, template: always },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: meta,
        spec: { template },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: meta,
        spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } },
      },
    ] as KubeObject[];
  };

  /** Dry-run create of a workload (the client's kind table knows only the kinds it writes). */
  const tryWorkload = (workload: KubeObject) =>
    suite
      .client()
      .request(
        'POST',
        `/apis/${workload.apiVersion}/namespaces/${
          workload.metadata.namespace
        }/${workload.kind.toLowerCase()}s`,
        { body: workload, query: { dryRun: 'All' } },
      );

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

  it("refuses selecting team A's nodes by their NodePool name from team B's namespace, and admits it from team A's", async () => {
    const poolA = `${env.team}.tenancy`;
    const bySelector = { nodeSelector: { 'karpenter.sh/nodepool': poolA } };
    await eventually(async () => {
      await expect(trySpec(nsB, bySelector)).rejects.toMatchObject({
        statusCode: 403,
        status: {
          message: expect.stringMatching(
            /may not select the nodes of another team/,
          ),
        },
      });
    });
    await expect(
      trySpec(
        nsB,
        requiring('karpenter.sh/nodepool', 'In', ['platform', poolA]),
      ),
    ).rejects.toMatchObject({ statusCode: 403 });
    // Exists matches every NodePool's nodes, team A's among them.
    await expect(
      trySpec(nsB, requiring('karpenter.sh/nodepool', 'Exists')),
    ).rejects.toMatchObject({ statusCode: 403 });
    // The team label its nodes carry, by affinity rather than selector.
    await expect(
      trySpec(nsB, requiring(TEAM_KEY, 'In', [env.team])),
    ).rejects.toMatchObject({ statusCode: 403 });
    await expect(trySpec(nsA, bySelector)).resolves.toBeDefined();
    await expect(
      trySpec(nsA, requiring('karpenter.sh/nodepool', 'In', [poolA])),
    ).resolves.toBeDefined();
    // A NodePool that is not ours (the platform's own) stays selectable by anyone.
    await expect(
      trySpec(nsB, { nodeSelector: { 'karpenter.sh/nodepool': 'platform' } }),
    ).resolves.toBeDefined();
    await expect(
      trySpec(nsB, requiring('karpenter.sh/nodepool', 'NotIn', [poolA])),
    ).resolves.toBeDefined();
  });

  it("refuses every workload controller whose pods would tolerate or select team A's nodes from team B's namespace, with the pods' message", async () => {
    const podRefusal = await tryPod(nsB, [tolerating(env.team)]).then(
      () => undefined,
      (error: { status?: { message?: string } }) => error.status?.message,
    );
    expect(podRefusal).toMatch(/may only tolerate/);
    const reason = podRefusal!.replace(/^.*?denied request: /, '');
    for (const workload of workloads(nsB, {
      tolerations: [tolerating(env.team)],
    })) {
      await eventually(async () => {
        const refusal = await tryWorkload(workload).then(
          () => undefined,
          (error: { statusCode?: number; status?: { message?: string } }) =>
            error,
        );
        expect({ kind: workload.kind, refusal }).toMatchObject({
          kind: workload.kind,
          refusal: {
            statusCode: 403,
            status: { message: expect.stringContaining(reason) },
          },
        });
      });
    }
    for (const workload of workloads(nsB, {
      nodeSelector: { 'karpenter.sh/nodepool': `${env.team}.tenancy` },
    }))
      await expect(tryWorkload(workload)).rejects.toMatchObject({
        statusCode: 403,
      });
    for (const workload of workloads(nsA, {
      tolerations: [tolerating(env.team)],
    }))
      await expect(tryWorkload(workload)).resolves.toBeDefined();
  });

  describe('pods that name their node (no scheduler, no taint check)', () => {
    const teamNode = suite.name('team-a-node');
    const otherNode = suite.name('shared-node');
    const node = (
      name: string,
      labels: Record<string, string>,
    ): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { ...suite.labels, ...labels } },
    });
    const bind = (namespace: string, podName: string, nodeName: string) =>
      suite
        .client()
        .request(
          'POST',
          `/api/v1/namespaces/${namespace}/pods/${podName}/binding`,
          {
            body: {
              apiVersion: 'v1',
              kind: 'Binding',
              metadata: { name: podName },
              target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
            },
          },
        );

    beforeAll(async () => {
      // Nodes as Karpenter makes them: the NodePool's template labels, its name.
      await suite.client().create(
        node(teamNode, {
          [TEAM_KEY]: env.team,
          'karpenter.sh/nodepool': `${env.team}.tenancy`,
        }),
      );
      await suite.client().create(node(otherNode, {}));
    });

    it("refuses spec.nodeName of team A's node from team B's namespace, and admits it from team A's", async () => {
      await eventually(async () => {
        await expect(
          trySpec(nsB, { nodeName: teamNode }),
        ).rejects.toMatchObject({
          statusCode: 403,
          status: {
            message: expect.stringContaining(
              `may not run pods on node ${teamNode} of team ${env.team}`,
            ),
          },
        });
      });
      await expect(trySpec(nsA, { nodeName: teamNode })).resolves.toBeDefined();
      // A node that belongs to no team stays open to everyone.
      await expect(
        trySpec(nsB, { nodeName: otherNode }),
      ).resolves.toBeDefined();
      for (const workload of workloads(nsB, { nodeName: teamNode }))
        await expect(tryWorkload(workload)).rejects.toMatchObject({
          statusCode: 403,
        });
      for (const workload of workloads(nsA, { nodeName: teamNode }))
        await expect(tryWorkload(workload)).resolves.toBeDefined();
    });

    it("refuses binding a pod of team B's namespace to team A's node", async () => {
      for (const namespace of [nsA, nsB])
        await suite.client().create({
          ...pod(namespace, []),
          metadata: { name: 'unbound', namespace },
        });
      await eventually(async () => {
        await expect(bind(nsB, 'unbound', teamNode)).rejects.toMatchObject({
          statusCode: 403,
        });
      });
      await expect(bind(nsA, 'unbound', teamNode)).resolves.toBeDefined();
    });
  });

  it('renders a policy the API server keeps as written, so a converged cluster sees no write', async () => {
    // Applied here rather than by a pass: other suites sharing the API server change its pools.
    const client = env.reconcilerClient();
    for (const manifest of renderTenancyPolicy(env.config.clusters[0].policy, [
      {
        team: env.team,
        nodeLabels: { 'karpenter.sh/nodepool': `${env.team}.x`, "o'k": 'v' },
      },
    ])) {
      const written = await client.apply(manifest as LiveObject, {
        force: true,
        dryRun: true,
      });
      expect(findDrift(manifest as LiveObject, written)).toEqual([]);
    }
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
