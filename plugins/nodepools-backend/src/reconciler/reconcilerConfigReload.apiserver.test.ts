import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigSources, MutableConfigSource } from '@backstage/config-loader';
import { describeApiServer } from '@nodepools/local-cluster';
import { readNodePoolsConfig } from '@nodepools/plugin-nodepools-node';
import { DatabaseNodePoolsStore } from '../database/DatabaseNodePoolsStore';
import { createRequest, people } from '../__testUtils__/fixtures';
import { RequestWorkflow } from '../workflow/RequestWorkflow';
import { ClusterClient } from './ClusterClient';
import { ClusterApiError } from './ClusterErrors';
import type { ClusterHealth } from './ClusterHealth';
import { ConnectionCutter } from './__testUtils__/ConnectionCutter';
import {
  rbacObjects,
  reconcilerToken,
  SHARED_POLICY,
} from './__testUtils__/reconcilerTestEnv';
import { testScheduler } from './__testUtils__/testScheduler';
import { findDrift } from './findDrift';
import { followConfigChanges } from './followConfigChanges';
import type { KubeObject } from './KubeObject';
import { NodePoolsReconciler } from './NodePoolsReconciler';
import { PoolStatusWatcher } from './PoolStatusWatcher';
import { renderPoolObject } from './renderPoolObject';
import { scheduleReconciler } from './scheduleReconciler';
import { parsePoolRequest } from '../workflow/parsePoolRequest';

/** Polls until `check` holds; fails naming what was awaited. */
async function eventually(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

/**
 * The plugin's wiring (real scheduler, watcher, workflow with its approval trigger and the config
 * follower) on a config that notifies its subscribers, as Backstage's root config does when its
 * files change. The control plane "moves": the relay it was reached through stops, and it comes
 * back on a relay with another port, reached with another token (the old one is revoked).
 */
describeApiServer(
  'Reconciler following a configuration change',
  suite => {
    const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
    const account = rbacObjects().find(o => o.kind === 'ServiceAccount')!;
    const { name: accountName, namespace: accountNamespace } = account.metadata;
    const cutters: ConnectionCutter[] = [];
    const closers: Array<() => unknown> = [];
    afterAll(async () => {
      for (const cutter of cutters) await cutter.cut();
      for (const close of closers.reverse()) await close();
    });

    const secretsPath = `/api/v1/namespaces/${accountNamespace}/secrets`;

    /** A token of the reconciler's ServiceAccount bound to a Secret: deleting it revokes the token. */
    const boundToken = async (secret: string) => {
      await suite.client().request('POST', secretsPath, {
        body: {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: secret, namespace: accountNamespace },
        },
      });
      const answer = await suite
        .client()
        .request<{ status: { token: string } }>(
          'POST',
          `/api/v1/namespaces/${accountNamespace}/serviceaccounts/${accountName}/token`,
          {
            body: {
              apiVersion: 'authentication.k8s.io/v1',
              kind: 'TokenRequest',
              spec: {
                expirationSeconds: 3600,
                boundObjectRef: {
                  apiVersion: 'v1',
                  kind: 'Secret',
                  name: secret,
                },
              },
            },
          },
        );
      return answer.status.token;
    };
    const appConfig = (url: string, token: string) => ({
      nodepools: {
        // The periodic pass never comes during the test: only triggers run passes.
        reconcileIntervalSeconds: 3600,
        clusters: [
          {
            name: 'local',
            title: 'Local',
            url,
            caData: suite.connection.caData,
            auth: { type: 'serviceAccount', token },
            policy: {
              approverGroups: ['group:default/platform'],
              ...SHARED_POLICY,
            },
          },
        ],
      },
    });

    it('reaches the cluster at its new address with its new token and applies the approval made while it was down', async () => {
      await reconcilerToken(suite); // the shipped RBAC, applied
      const secretA = suite.name('reload-a');
      const secretB = suite.name('reload-b');
      closers.push(async () => {
        for (const secret of [secretA, secretB])
          await suite
            .client()
            .request('DELETE', `${secretsPath}/${secret}`)
            .catch(() => undefined);
      });
      const tokenA = await boundToken(secretA);
      const relayA = await ConnectionCutter.start(suite.connection.server);
      cutters.push(relayA);

      const source = MutableConfigSource.create({
        data: appConfig(relayA.url, tokenA),
      });
      const rootConfig = await ConfigSources.toConfig(source);
      closers.push(() => rootConfig.close());
      const config = readNodePoolsConfig(rootConfig);

      const knex = await databases.init('SQLITE_3');
      closers.push(() => knex.destroy());
      const database = mockServices.database.mock({
        getClient: async () => knex,
      });
      const logger = mockServices.logger.mock();
      const { scheduler, shutdown } = testScheduler(database, logger);
      closers.push(shutdown);
      const store = await DatabaseNodePoolsStore.create({ database });
      const reconciler = new NodePoolsReconciler({
        config,
        rootConfig,
        store,
        logger,
        initialBackoffMs: 60_000,
        maxBackoffMs: 120_000,
      });
      const passes: Array<{ startedAt: number; health: ClusterHealth }> = [];
      const reconcileCluster = reconciler.reconcileCluster.bind(reconciler);
      reconciler.reconcileCluster = async cluster => {
        const startedAt = performance.now();
        const health = await reconcileCluster(cluster);
        passes.push({ startedAt, health });
        return health;
      };
      const reconcileNow = await scheduleReconciler(
        reconciler,
        scheduler,
        logger,
        config.reconcileIntervalSeconds,
      );
      // Old watches that failed would try again only after 30 s: a quicker correction is the new watch.
      const watcher = new PoolStatusWatcher({
        reconciler,
        logger,
        debounceMs: 100,
        restartDelayMs: 30_000,
      });
      watcher.start();
      closers.push(() => watcher.stop());
      const workflow = new RequestWorkflow({
        store,
        config,
        logger,
        onApproved: reconcileNow,
      });
      const following = followConfigChanges({
        rootConfig,
        config,
        reconciler,
        watcher,
        reconcileNow,
        logger,
      });
      closers.push(() => following.unsubscribe());

      const owner = `group:default/${suite.name('payments')}`;
      const approve = async (pool: string) => {
        const filed = await workflow.file(
          parsePoolRequest(
            createRequest({
              owner,
              pool,
              spec: {
                requirements: {
                  architectures: ['amd64'],
                  capacityTypes: ['spot'],
                },
                limits: { cpu: '2', memory: '4Gi' },
                nodeClass: 'default',
                namespaces: [suite.name('reload')],
              },
            }),
          ),
          people.bob,
        );
        return workflow.decide(filed.id, people.approver(1), 'approve');
      };
      const stateOf = async (id: string) => (await store.getRequest(id))!.state;
      const healthOf = () =>
        reconciler.health().find(h => h.cluster === 'local')!;

      // Up: an approval is applied through relay A.
      const first = await approve('reload-0');
      await eventually(
        'the first approval applied',
        async () => (await stateOf(first.id)) === 'applied',
      );

      // The control plane goes away (relay A stops, token A is revoked); an approval meanwhile fails and backs off.
      await relayA.cut();
      const failuresBefore = healthOf().consecutiveFailures;
      const second = await approve('reload-1');
      await eventually(
        'the pass after the approval failed',
        async () => healthOf().consecutiveFailures > failuresBefore,
      );
      expect(healthOf()).toMatchObject({
        state: 'unreachable',
        retryAfter: expect.any(String),
      });
      expect(await stateOf(second.id)).toBe('approved');
      await suite.client().request('DELETE', `${secretsPath}/${secretA}`);
      const withTokenA = new ClusterClient('local', {
        server: suite.connection.server,
        caData: suite.connection.caData,
        token: tokenA,
      });
      await eventually('token A revoked', () =>
        withTokenA.list('karpenter.sh/v1', 'NodePool').then(
          () => false,
          error => error instanceof ClusterApiError && error.statusCode === 401,
        ),
      );

      // Back on another port with another token; only the config file says so.
      const relayB = await ConnectionCutter.start(suite.connection.server);
      cutters.push(relayB);
      expect(relayB.port).not.toBe(relayA.port);
      const tokenB = await boundToken(secretB);
      const changedAt = performance.now();
      source.setData(appConfig(relayB.url, tokenB));
      await eventually(
        'the change seen',
        async () => config.clusters[0].url === relayB.url,
      );
      // The failures (and the backoff) of relay A are forgotten, whether or not a pass ran yet.
      expect(healthOf().consecutiveFailures).toBe(0);
      expect(healthOf().message).toBeUndefined();

      await eventually(
        'the approval made while down applied',
        async () => (await stateOf(second.id)) === 'applied',
        20_000,
      );
      // In the first pass after the change, with no backoff left over from relay A. (A pass is
      // recorded when it ends, which can be a moment after it has marked the request applied.)
      await eventually('the pass after the change recorded', async () =>
        passes.some(p => p.startedAt >= changedAt),
      );
      const after = passes.filter(p => p.startedAt >= changedAt);
      expect(after[0].health).toMatchObject({
        state: 'healthy',
        consecutiveFailures: 0,
      });
      expect(healthOf()).toMatchObject({ state: 'healthy' });
      expect(config.clusters[0].url).toBe(relayB.url);
      const pool = (await store.getPool(second.poolId!))!;
      expect(pool.lastError).toBeUndefined();
      expect(pool.appliedGeneration).toBe(pool.generation);
      const rendered = renderPoolObject(pool, config.clusters[0].policy);
      const path = `/apis/karpenter.sh/v1/nodepools/${rendered.metadata.name}`;
      expect(
        findDrift(
          rendered,
          await suite.client().request<KubeObject>('GET', path),
        ),
      ).toEqual([]);

      // The watches were opened afresh on relay B: a deleted NodePool is put back within seconds.
      await suite.client().request('DELETE', path);
      await eventually(
        'the deleted NodePool put back',
        () =>
          suite
            .client()
            .request<KubeObject>('GET', path)
            .then(
              live => findDrift(rendered, live).length === 0,
              () => false,
            ),
        10_000,
      );
    });
  },
  { timeoutMs: 120_000 },
);
