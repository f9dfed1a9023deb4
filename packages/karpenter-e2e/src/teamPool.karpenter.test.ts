// ~370 lines: one story on one control plane with Karpenter running; each step builds on the last.
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  describeKarpenter,
  type KubeClient,
  type KubeObject,
} from '@nodepools/local-cluster';
import {
  nodePoolName,
  workloadSnippet,
} from '@nodepools/plugin-nodepools-common';
import { clusterView, conditionsOf, podState } from './clusterView';
import { writeKarpenterBenchmark } from './karpenterBenchmark';
import { sampleMemory } from './memorySampler';
import { teamPoolsEnv } from './teamPoolsEnv';
import { waitFor } from './waitFor';
import { REPLICA_REQUESTS, teamDeployment } from './workload';

type Env = Awaited<ReturnType<typeof teamPoolsEnv>>;

const TESTS = 4;
const loadedAt = Date.now();

describeKarpenter(
  'Karpenter provisions nodes for an approved team pool, and only its workloads land there',
  suite => {
    const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
    const teamA = suite.name('web');
    const teamB = suite.name('search');
    const nsA = suite.name('web-apps');
    const nsB = suite.name('search-apps');
    const ownerA = `group:default/${teamA}`;
    const ownerB = `group:default/${teamB}`;
    const nodePoolA = nodePoolName(teamA, 'web');
    const spec = (cpu: string, namespace: string) => ({
      requirements: { architectures: ['amd64'], capacityTypes: ['on-demand'] },
      limits: { cpu, memory: '16Gi' },
      nodeClass: 'default',
      namespaces: [namespace],
    });

    let env: Env;
    let admin: KubeClient;
    let view: ReturnType<typeof clusterView>;
    let poolIdA = '';
    let claimsAtStart = 0;
    let memory: ReturnType<typeof sampleMemory>;
    const timings: Array<{ name: string; ms: number }> = [];
    let testStartedAt = 0;
    let passed = 0;

    const runningPods = async (namespace: string) =>
      (await view.pods(namespace)).filter(
        p => podState(p).phase === 'Running' && podState(p).nodeName,
      );
    const nodePoolResources = async () =>
      (
        (await view.nodePool(nodePoolA))?.status as {
          resources?: Record<string, string>;
        }
      )?.resources;

    beforeAll(async () => {
      env = await teamPoolsEnv(suite, databases);
      admin = suite.client();
      view = clusterView(admin);
      for (const name of [nsA, nsB]) {
        await admin.create({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name, labels: suite.labels },
        });
      }
      const { pids } = suite.connection;
      memory = sampleMemory(() => ({
        etcd: pids.etcd,
        'kube-apiserver': pids.kubeApiserver,
        'kube-scheduler': pids.kubeScheduler,
        'kube-controller-manager': pids.kubeControllerManager,
        kwok: pids.kwok,
        karpenter: pids.karpenter,
        'jest worker (backend, SQLite, test)': process.pid,
      }));
    });
    beforeEach(() => {
      testStartedAt = Date.now();
    });
    afterEach(() => {
      // The name of the test that just ran; Jest offers it nowhere else.
      // eslint-disable-next-line jest/no-standalone-expect
      const current = expect.getState().currentTestName ?? '?';
      timings.push({
        name: current.replace(/^.*? only its workloads land there /, ''),
        ms: Date.now() - testStartedAt,
      });
    });
    afterAll(async () => {
      const sampled = memory?.stop();
      await env?.close();
      // Figures of a failed run would describe a run that did not do the work.
      if (passed === TESTS && sampled) {
        writeKarpenterBenchmark({
          connection: suite.connection,
          startMs: suite.startMs,
          tests: timings,
          totalMs: Date.now() - loadedAt,
          memory: sampled,
        });
      }
    });

    it("launches nodes with team A's taint and label for a Deployment carrying the pool's snippet, and the pool's status shows them", async () => {
      const approved = await env.approve({
        kind: 'create',
        owner: ownerA,
        pool: 'web',
        justification: 'Web workloads on nodes of their own',
        spec: spec('4', nsA),
      });
      poolIdA = approved.poolId!;
      // Team B has a pool too: its namespace is labelled for team B, not unlabelled.
      await env.approve({
        kind: 'create',
        owner: ownerB,
        pool: 'batch',
        justification: 'Search indexing on nodes of its own',
        spec: spec('4', nsB),
      });
      await env.reconcile();

      const nodePool = await waitFor('the NodePool to be Ready', async () => {
        const live = await view.nodePool(nodePoolA);
        return conditionsOf(live).Ready === 'True' ? live : undefined;
      });
      expect(
        (nodePool.spec as { template: { spec: { nodeClassRef: unknown } } })
          .template.spec.nodeClassRef,
      ).toEqual({
        group: 'karpenter.kwok.sh',
        kind: 'KWOKNodeClass',
        name: 'default',
      });

      const snippet = workloadSnippet(teamA, env.policy);
      await admin.create(teamDeployment(nsA, 3, snippet));
      const pods = await waitFor(
        '3 pods of team A Running on nodes',
        async () => {
          const running = await runningPods(nsA);
          return running.length === 3 ? running : undefined;
        },
        { timeoutMs: 120_000 },
      );

      // Pods may bind as soon as a node is Ready; Karpenter marks the claim Initialized just after.
      const claims = await waitFor(
        'every NodeClaim to be Initialized',
        async () => {
          const all = await view.nodeClaims(nodePoolA);
          return all.length > 0 &&
            all.every(c => conditionsOf(c).Initialized === 'True')
            ? all
            : undefined;
        },
      );
      const nodes = await view.nodes(nodePoolA);
      claimsAtStart = claims.length;
      expect(claims.length).toBeGreaterThanOrEqual(1);
      expect(nodes.map(n => n.metadata.name).sort()).toEqual(
        claims.map(c => (c.status as { nodeName?: string }).nodeName).sort(),
      );
      for (const claim of claims) {
        expect(conditionsOf(claim)).toMatchObject({
          Launched: 'True',
          Registered: 'True',
          Initialized: 'True',
        });
      }
      for (const node of nodes) {
        expect((node.spec as { taints?: unknown[] }).taints).toContainEqual({
          key: env.policy.taintKey,
          value: teamA,
          effect: 'NoSchedule',
        });
        expect(node.metadata.labels?.[env.policy.teamLabelKey]).toBe(teamA);
        expect(conditionsOf(node).Ready).toBe('True');
      }
      const nodeNames = new Set(nodes.map(n => n.metadata.name));
      for (const pod of pods)
        expect(nodeNames.has(podState(pod).nodeName!)).toBe(true);

      // Under kwok a node's capacity is what its NodeClaim requested: the three replicas.
      await waitFor('the NodePool to count 3 cpu', async () =>
        (await nodePoolResources())?.cpu === '3' ? true : undefined,
      );
      await env.reconcile();
      const pool = await env.poolOf(poolIdA);
      expect(pool.phase).toBe('ready');
      expect(pool.spec.limits).toEqual({ cpu: '4', memory: '16Gi' });
      expect(pool.status).toMatchObject({
        nodes: claims.length,
        provisioned: expect.objectContaining({
          cpu: '3',
          memory: '3Gi',
          pods: '3',
        }),
      });
      expect(pool.status?.limitsReached).toBeUndefined();
      passed += 1;
    });

    it("refuses the same Pod and Deployment in team B's namespace at admission: no pod is created", async () => {
      const snippet = workloadSnippet(teamA, env.policy);
      const refusal = `namespace ${nsB} may only tolerate ${env.policy.taintKey}=${teamB}`;
      // The pod itself, as anyone (even the cluster admin) would create it.
      const direct: KubeObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web-direct', namespace: nsB },
        spec: {
          ...snippet,
          containers: [
            {
              name: 'web',
              image: 'registry.invalid/web:1',
              resources: { requests: REPLICA_REQUESTS },
            },
          ],
        },
      };
      await expect(admin.create(direct)).rejects.toMatchObject({
        statusCode: 403,
        message: expect.stringContaining(refusal),
      });

      // The Deployment itself is refused where the user applies it, with the same message, so it
      // never becomes a ReplicaSet that fails quietly.
      await expect(
        admin.create(teamDeployment(nsB, 3, snippet)),
      ).rejects.toMatchObject({
        statusCode: 403,
        message: expect.stringContaining(refusal),
      });
      expect(await view.pods(nsB)).toEqual([]);
      // And team A's nodes still carry team A's pods only.
      expect((await runningPods(nsA)).map(p => p.metadata.namespace)).toEqual([
        nsA,
        nsA,
        nsA,
      ]);
      passed += 1;
    });

    it("holds the pool's cpu limit: pods beyond it stay pending and no node is added, until the limit is raised", async () => {
      await admin.request(
        'PATCH',
        `/apis/apps/v1/namespaces/${nsA}/deployments/web`,
        {
          body: { spec: { replicas: 6 } },
          contentType: 'application/merge-patch+json',
        },
      );
      // Karpenter looks at each pending pod and finds no instance type within the 1 cpu left.
      const refused = await waitFor(
        "Karpenter's verdict on the 3 pods beyond the limit",
        async () => {
          const pending = (await view.pods(nsA)).filter(
            p => !podState(p).nodeName,
          );
          const events = await view.events(nsA);
          const judged = pending.filter(p =>
            events.some(
              e =>
                (e.involvedObject as { name?: string }).name ===
                  p.metadata.name &&
                e.reason === 'FailedScheduling' &&
                String(e.message).startsWith('Failed to schedule pod'),
            ),
          );
          return pending.length === 3 && judged.length === 3
            ? judged
            : undefined;
        },
      );
      expect(refused).toHaveLength(3);
      // A batch window later, still no new NodeClaim and the same capacity.
      await new Promise(r => setTimeout(r, 5_000));
      expect(await view.nodeClaims(nodePoolA)).toHaveLength(claimsAtStart);
      expect(await runningPods(nsA)).toHaveLength(3);
      expect((await nodePoolResources())?.cpu).toBe('3');
      await env.reconcile();
      const held = (await env.poolOf(poolIdA)).status;
      expect(held?.provisioned?.cpu).toBe('3');
      // 3 of 4 cpu is below the limit by capacity; Karpenter's own verdict is what says "at its limit".
      expect(held?.limitsReached).toBeUndefined();
      expect(held?.launchBlockedByLimits).toEqual({
        pods: 3,
        // Under kwok the 1 cpu left fits no instance type: Karpenter says none is big enough.
        message: expect.stringContaining(
          `karpenter.sh/nodepool In [${nodePoolA}]`,
        ),
        reportedAt: expect.any(String),
      });

      // The limit was the reason: raise it through an approved update and the pods run.
      await env.approve({
        kind: 'update',
        owner: ownerA,
        pool: 'web',
        justification: 'More replicas',
        spec: spec('8', nsA),
      });
      await env.reconcile();
      await waitFor(
        '6 pods of team A Running',
        async () => ((await runningPods(nsA)).length === 6 ? true : undefined),
        { timeoutMs: 120_000 },
      );
      await waitFor('the NodePool to count 6 cpu', async () =>
        (await nodePoolResources())?.cpu === '6' ? true : undefined,
      );
      await env.reconcile();
      const pool = await env.poolOf(poolIdA);
      expect(pool.spec.limits.cpu).toBe('8');
      // The verdicts came before the raise, so they no longer count.
      expect(pool.status?.launchBlockedByLimits).toBeUndefined();
      expect(pool.status?.provisioned).toMatchObject({
        cpu: '6',
        memory: '6Gi',
      });
      passed += 1;
    });

    it('decommission deletes the NodePool, and Karpenter removes its NodeClaims and nodes', async () => {
      expect((await view.nodes(nodePoolA)).length).toBeGreaterThan(0);
      await env.approve({
        kind: 'decommission',
        owner: ownerA,
        pool: 'web',
        justification: 'The web team moved elsewhere',
      });
      await env.reconcile();
      await waitFor(
        'the NodePool, its NodeClaims and its nodes to be gone',
        async () =>
          !(await view.nodePool(nodePoolA)) &&
          (await view.nodeClaims(nodePoolA)).length === 0 &&
          (await view.nodes(nodePoolA)).length === 0
            ? true
            : undefined,
        { timeoutMs: 120_000 },
      );
      await env.reconcile();
      expect((await env.poolOf(poolIdA)).phase).toBe('removed');
      // The evicted replicas have nowhere to go: no other node carries team A's label.
      const pods = await waitFor(
        'the replicas to be left without a node',
        async () => {
          const all = await view.pods(nsA);
          return all.length > 0 && all.every(p => !podState(p).nodeName)
            ? all
            : undefined;
        },
      );
      expect(pods.every(p => podState(p).phase === 'Pending')).toBe(true);
      passed += 1;
    });
  },
  { timeoutMs: 180_000 },
);
