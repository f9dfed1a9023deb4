import { mockServices } from '@backstage/backend-test-utils';
import { describeApiServer } from '@nodepools/local-cluster';
import knexFactory, { type Knex } from 'knex';
import { DatabaseNodePoolsStore } from '../database/DatabaseNodePoolsStore';
import { createRequest, people } from '../__testUtils__/fixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { RequestWorkflow } from '../workflow/RequestWorkflow';
import { ClusterClient } from './ClusterClient';
import type { KubeObject } from './KubeObject';
import { reconcilerTestEnv } from './__testUtils__/reconcilerTestEnv';
import { testScheduler } from './__testUtils__/testScheduler';
import { NodePoolsReconciler } from './NodePoolsReconciler';
import { scheduleReconciler } from './scheduleReconciler';

const databases = createTestDatabases();
const POSTGRES = databases
  .eachSupportedId()
  .find(([id]) => id.startsWith('POSTGRES'));

/** Every NodePool write either instance sends, in order, and which instance sent it. */
const nodePoolWrites: Array<{ instance: string; name: string }> = [];
/** Reconcile passes as [instance, start, end]: no two may overlap. */
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

if (!POSTGRES) {
  // createTestDatabases has already said why (and failed the run in CI).
  describe.skip('Two backend instances on one PostgreSQL: no PostgreSQL here', () => {
    it('needs the PostgreSQL that ./scripts/test starts', () => {});
  });
} else
  describeApiServer(
    'Two backend instances on one PostgreSQL',
    suite => {
      const shutdowns: Array<() => Promise<unknown>> = [];
      const knexes: Knex[] = [];
      let instances: Array<{
        name: string;
        workflow: RequestWorkflow;
        store: DatabaseNodePoolsStore;
      }>;
      let env: Awaited<ReturnType<typeof reconcilerTestEnv>>;

      beforeAll(async () => {
        env = await reconcilerTestEnv(suite, databases, {
          databaseId: POSTGRES![0],
        });
        // The second instance: its own connection pool to the same database, as another replica has.
        knexes.push(env.knex, knexFactory(env.knex.client.config));
        instances = [];
        const { config, token } = env;
        for (const [index, knex] of knexes.entries()) {
          const name = `instance-${index + 1}`;
          const database = mockServices.database.mock({
            getClient: async () => knex,
          });
          const logger = mockServices.logger.mock();
          const { scheduler, shutdown } = testScheduler(database, logger);
          shutdowns.push(shutdown);
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
          const trigger = await scheduleReconciler(
            reconciler,
            scheduler,
            logger,
            5,
          );
          const workflow = new RequestWorkflow({
            store,
            config,
            logger,
            onApproved: trigger,
          });
          instances.push({ name, workflow, store });
        }
      });
      afterAll(async () => {
        await Promise.all(shutdowns.map(shutdown => shutdown()));
        await knexes[1]?.destroy();
        await env.close();
      });

      it('applies each approval once, from one instance at a time', async () => {
        const requests = [];
        for (let i = 0; i < 10; i++) {
          // Filed and approved on alternating instances, as a load balancer would spread them.
          const { workflow } = instances[i % 2];
          const filed = await workflow.file(
            createRequest({
              owner: env.owner,
              pool: `replica-${i}`,
              spec: {
                requirements: {
                  architectures: ['amd64'],
                  capacityTypes: ['spot'],
                },
                limits: { cpu: '2', memory: '4Gi' },
                nodeClass: 'default',
                namespaces: [suite.namespace],
              },
            }),
            people.bob,
          );
          requests.push(
            await workflow.decide(filed.id, people.approver(1), 'approve'),
          );
        }
        const deadline = Date.now() + 60_000;
        const store = instances[0].store;
        for (;;) {
          const states = await Promise.all(
            requests.map(async r => (await store.getRequest(r.id))!.state),
          );
          if (states.every(s => s === 'applied')) break;
          if (Date.now() > deadline)
            throw new Error(
              `not all applied within 60 s: ${states.join(', ')}`,
            );
          await new Promise(resolve => setTimeout(resolve, 200));
        }

        // Each NodePool was written exactly once, whichever instance ran the pass.
        const names = nodePoolWrites.map(w => w.name).sort();
        expect(names).toHaveLength(10);
        expect(new Set(names).size).toBe(10);
        for (const request of requests) {
          const history = (
            await instances[1].store.history({
              poolId: request.poolId!,
              limit: 50,
            })
          ).items;
          expect(history.filter(e => e.type === 'pool.applied')).toHaveLength(
            1,
          );
        }
        // The global task never ran on both instances at once.
        const sorted = [...passes].sort((a, b) => a.start - b.start);
        for (let i = 1; i < sorted.length; i++)
          expect(sorted[i].start).toBeGreaterThanOrEqual(sorted[i - 1].end);
      });
    },
    { timeoutMs: 120_000 },
  );
