import { mockServices } from '@backstage/backend-test-utils';
import { describeApiServer } from '@nodepools/local-cluster';
import knexFactory, { type Knex } from 'knex';
import { ClusterPassStore } from '../database/ClusterPassStore';
import { DatabaseNodePoolsStore } from '../database/DatabaseNodePoolsStore';
import { createRequest, people } from '../__testUtils__/fixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { RequestWorkflow } from '../workflow/RequestWorkflow';
import { ClusterClient } from './ClusterClient';
import { ClusterPassRunner } from './ClusterPassRunner';
import type { KubeObject } from './KubeObject';
import { reconcilerTestEnv } from './__testUtils__/reconcilerTestEnv';
import { testScheduler } from './__testUtils__/testScheduler';
import { NodePoolsReconciler } from './NodePoolsReconciler';
import { scheduleReconciler } from './scheduleReconciler';
import { parsePoolRequest } from '../workflow/parsePoolRequest';

const databases = createTestDatabases();
const POSTGRES = databases
  .eachSupportedId()
  .find(([id]) => id.startsWith('POSTGRES'));

/** Short, so the test of a replica that dies mid-pass takes seconds, not half a minute. */
const LEASE_MS = 3_000;
const APPROVALS = 200;
/** Four teams, so 200 one-cpu pools stay within each team's budget (128 cpu by default). */
const TEAMS = 4;

/** Every NodePool write either replica sends, and which replica sent it. */
const nodePoolWrites: Array<{ instance: string; name: string }> = [];
/** Passes as [instance, start, end]: no two may overlap. */
const passes: Array<{ instance: string; start: number; end: number }> = [];

class RecordingClient extends ClusterClient {
  constructor(
    private readonly instance: string,
    ...args: ConstructorParameters<typeof ClusterClient>
  ) {
    super(...args);
  }
  async apply(object: KubeObject, options: { force: boolean }) {
    if (object.kind === 'NodePool')
      nodePoolWrites.push({
        instance: this.instance,
        name: object.metadata.name,
      });
    return super.apply(object, options);
  }
}

const spec = (namespace: string) => ({
  requirements: { architectures: ['amd64'], capacityTypes: ['spot'] },
  limits: { cpu: '1', memory: '1Gi' },
  nodeClass: 'default',
  namespaces: [namespace],
});

if (!POSTGRES) {
  // createTestDatabases has already said why (and failed the run in CI).
  describe.skip('Two backend replicas on one PostgreSQL: no PostgreSQL here', () => {
    it('needs the PostgreSQL that ./scripts/test starts', () => {});
  });
} else
  describeApiServer(
    'Two backend replicas on one PostgreSQL',
    suite => {
      const shutdowns: Array<() => Promise<unknown>> = [];
      const knexes: Knex[] = [];
      let instances: Array<{
        name: string;
        workflow: RequestWorkflow;
        store: DatabaseNodePoolsStore;
        runner: ClusterPassRunner;
        reconciler: NodePoolsReconciler;
      }>;
      let env: Awaited<ReturnType<typeof reconcilerTestEnv>>;
      const teams = Array.from({ length: TEAMS }, (_, t) =>
        suite.name(`replicas-${t}`),
      );

      const waitApplied = async (ids: string[], timeoutMs: number) => {
        const deadline = Date.now() + timeoutMs;
        const store = instances[0].store;
        for (;;) {
          const states = await Promise.all(
            ids.map(async id => (await store.getRequest(id))!.state),
          );
          if (states.every(s => s === 'applied')) return;
          if (Date.now() > deadline)
            throw new Error(
              `not all applied within ${timeoutMs} ms: ${states
                .filter(s => s !== 'applied')
                .join(', ')}`,
            );
          await new Promise(resolve => setTimeout(resolve, 50));
        }
      };

      beforeAll(async () => {
        env = await reconcilerTestEnv(suite, databases, {
          databaseId: POSTGRES![0],
        });
        // A namespace uses the pools of one team only: one per team.
        for (const team of teams)
          await suite.client().create({
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name: team, labels: suite.labels },
          });
        // The second replica: its own connection pool to the same database, as another one has.
        knexes.push(env.knex, knexFactory(env.knex.client.config));
        instances = [];
        const { config, token } = env;
        for (const [index, knex] of knexes.entries()) {
          const name = `replica-${index + 1}`;
          const database = mockServices.database.mock({
            getClient: async () => knex,
          });
          const logger = mockServices.logger.mock();
          const { scheduler, shutdown } = testScheduler(database, logger);
          const store = await DatabaseNodePoolsStore.create({ database });
          const reconciler = new NodePoolsReconciler({
            config,
            store,
            logger,
            clientFor: cluster =>
              new RecordingClient(name, cluster.name, {
                server: cluster.url!,
                caData: cluster.caData,
                token,
              }),
          });
          const reconcileCluster = reconciler.reconcileCluster.bind(reconciler);
          reconciler.reconcileCluster = async cluster => {
            const start = performance.now();
            try {
              return await reconcileCluster(cluster);
            } finally {
              passes.push({ instance: name, start, end: performance.now() });
            }
          };
          const runner = new ClusterPassRunner({
            reconciler,
            passes: new ClusterPassStore(knex),
            logger,
            leaseMs: LEASE_MS,
            holder: name,
          });
          shutdowns.push(async () => {
            runner.stop();
            await shutdown();
          });
          // As the plugin wires it: the approval runs the pass at once, under the lease.
          const trigger = await scheduleReconciler(
            reconciler,
            scheduler,
            logger,
            30,
            runner,
          );
          const workflow = new RequestWorkflow({
            store,
            config,
            logger,
            onApproved: trigger,
          });
          instances.push({ name, workflow, store, runner, reconciler });
        }
      });
      afterAll(async () => {
        await Promise.all(shutdowns.map(shutdown => shutdown()));
        // Other suites share the API server: take this suite's NodePools away again.
        for (const team of [...teams, env.team])
          await suite
            .client()
            .request('DELETE', '/apis/karpenter.sh/v1/nodepools', {
              query: { labelSelector: `nodepools.backstage.io/team=${team}` },
            })
            .catch(() => undefined);
        await knexes[1]?.destroy();
        await env.close();
      });

      it(`applies ${APPROVALS} approvals spread over both replicas exactly once, never two passes at once`, async () => {
        const approveOne = async (i: number) => {
          const { workflow } = instances[i % 2];
          const filed = await workflow.file(
            parsePoolRequest(
              createRequest({
                owner: `group:default/${teams[i % TEAMS]}`,
                pool: `r${i}`,
                spec: spec(teams[i % TEAMS]),
              }),
            ),
            people.bob,
          );
          return (
            await workflow.decide(filed.id, people.approver(1), 'approve')
          ).id;
        };
        const ids: string[] = [];
        // Ten at a time, alternating replicas, as a load balancer spreads a busy morning.
        for (let batch = 0; batch < APPROVALS / 10; batch++)
          ids.push(
            ...(await Promise.all(
              Array.from({ length: 10 }, (_, j) => approveOne(batch * 10 + j)),
            )),
          );
        await waitApplied(ids, 120_000);

        // Each NodePool was written exactly once, whichever replica ran the pass.
        const names = nodePoolWrites.map(w => w.name);
        expect(names).toHaveLength(APPROVALS);
        expect(new Set(names).size).toBe(APPROVALS);
        const applied = await env
          .knex('nodepools_events')
          .where('type', 'pool.applied')
          .count<{ n: string | number }[]>({ n: '*' });
        expect(Number(applied[0].n)).toBe(APPROVALS);
        // No two passes of the cluster ran at once, on one replica or across both.
        const sorted = [...passes].sort((a, b) => a.start - b.start);
        for (let i = 1; i < sorted.length; i++)
          expect(sorted[i].start).toBeGreaterThanOrEqual(sorted[i - 1].end);
        // And passes were shared out rather than one per approval.
        expect(passes.length).toBeLessThan(APPROVALS * 2);
        // Both replicas answer with the newest pass's health, whichever replica ran it.
        const healthOf = async (i: number) => {
          await instances[i].runner.refreshShared();
          return instances[i].reconciler
            .health()
            .find(h => h.cluster === 'local');
        };
        // (Once the last pass, still running on one of them, has ended.)
        const deadline = Date.now() + 20_000;
        let [one, two] = [await healthOf(0), await healthOf(1)];
        while (
          JSON.stringify(one) !== JSON.stringify(two) &&
          Date.now() < deadline
        ) {
          await new Promise(resolve => setTimeout(resolve, 100));
          [one, two] = [await healthOf(0), await healthOf(1)];
        }
        expect(one).toMatchObject({ state: 'healthy' });
        expect(two).toEqual(one);
      });

      it('finishes the work of a replica that died holding the lease within one lease period', async () => {
        // A replica took the cluster's lease for a pass and died: no renewal, no release.
        // (Once the replicas' own last pass of the test before has let go of it.)
        const dead = new ClusterPassStore(env.knex);
        const deadline = Date.now() + 10_000;
        let taken: number | undefined;
        while (taken === undefined && Date.now() < deadline) {
          taken = await dead.acquire(
            'local',
            'replica-that-died',
            Date.now() + LEASE_MS,
            Date.now(),
          );
          if (taken === undefined)
            await new Promise(resolve => setTimeout(resolve, 50));
        }
        expect(taken).toBeDefined();
        const { workflow } = instances[1];
        const filed = await workflow.file(
          parsePoolRequest(
            createRequest({
              owner: env.owner,
              pool: 'after-death',
              spec: spec(suite.namespace),
            }),
          ),
          people.bob,
        );
        const approvedAt = Date.now();
        const decided = await workflow.decide(
          filed.id,
          people.approver(1),
          'approve',
        );
        // Not before the dead replica's lease ran out: nobody ran a pass under it.
        await new Promise(resolve => setTimeout(resolve, LEASE_MS / 2));
        expect((await instances[0].store.getRequest(decided.id))!.state).toBe(
          'approved',
        );
        await waitApplied([decided.id], LEASE_MS * 2);
        expect(Date.now() - approvedAt).toBeLessThan(LEASE_MS + 2_000);
      });
    },
    { timeoutMs: 240_000 },
  );
