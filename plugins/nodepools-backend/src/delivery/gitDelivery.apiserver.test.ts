// ~420 lines: one end-to-end story per test (approve, pull request, merge, sync, drift, supersede, expiry), all on one
// forge and one control plane, which cost seconds to start; split, each file would start its own.
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { describeApiServer, type KubeObject } from '@nodepools/local-cluster';
import { parseAllDocuments } from 'yaml';
import { poolRequest } from '../__testUtils__/fixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { FIELD_MANAGER } from '../reconciler/ownership';
import { renderPoolObject } from '../reconciler/renderPoolObject';
import { reconcilerTestEnv } from '../reconciler/__testUtils__/reconcilerTestEnv';
import { RequestWorkflow } from '../workflow/RequestWorkflow';
import { TestForge } from './__testUtils__/testForge';
import { editCpuLimitByHand } from '../reconciler/__testUtils__/handEdits';

const nodePoolRef = (name: string) => ({
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodePool',
  metadata: { name },
});

type Env = Awaited<ReturnType<typeof reconcilerTestEnv>>;

/** Argo CD's field manager, for what the test's sync loop writes. */
const GITOPS_MANAGER = 'argocd-controller';

describeApiServer('git delivery end to end', suite => {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let env: Env;
    let forge: TestForge;
    /** The NodePools the sync loop created from git: what it prunes when their file goes. */
    const synced = new Set<string>();

    beforeAll(async () => {
      forge = await TestForge.start();
      env = await reconcilerTestEnv(suite, databases, {
        databaseId,
        reconciler: {
          rootConfig: new ConfigReader({
            app: { baseUrl: 'http://portal.test' },
            integrations: { github: [forge.integration] },
          }),
        },
      });
      env.config.clusters[0].delivery = {
        type: 'git',
        repository: forge.repository,
        branch: 'main',
        path: 'clusters/{cluster}/nodepools/{team}.{pool}.yaml',
        tenancyPath: 'clusters/{cluster}/tenancy.yaml',
        mode: 'pull-request',
      };
    });
    afterAll(async () => {
      for (const name of synced) await suite.client().delete(nodePoolRef(name));
      await env.close();
      await forge.stop();
    });

    const read = (name: string) =>
      suite
        .client()
        .request<KubeObject>('GET', `/apis/karpenter.sh/v1/nodepools/${name}`);
    const pass = async () => {
      const health = await env.reconciler.reconcileCluster('local');
      if (health.state !== 'healthy')
        throw new Error(`reconcile failed: ${health.message}`);
    };
    const stateOf = async (id: string) =>
      (await env.store.getRequest(id))!.state;

    /**
     * One sync of the pools directory on main, as Argo CD does with server-side apply and prune:
     * NodePools under its own field manager; namespace labels with the identity the admission
     * policy lets label namespaces (the reconciler's, which the platform sets to Argo CD's in
     * `reconcilerUsername` for git clusters). The admission policies (tenancy.yaml) are not synced:
     * they are cluster-wide and shared with the other suites of this API server.
     */
    const gitopsSync = async () => {
      const dir = `clusters/local/nodepools/${env.team}.`;
      const paths = (
        await forge.files('main', 'clusters/local/nodepools')
      ).filter(p => p.startsWith(dir));
      const inGit = new Set<string>();
      for (const path of paths) {
        const text = (await forge.file('main', path))!;
        for (const doc of parseAllDocuments(text)) {
          const object = doc.toJSON() as KubeObject;
          if (object.kind === 'NodePool') {
            await suite.client().apply(object, GITOPS_MANAGER);
            inGit.add(object.metadata.name);
            synced.add(object.metadata.name);
          } else {
            await env.reconcilerClient().apply(object, { force: false });
          }
        }
      }
      for (const name of [...synced].filter(n => !inGit.has(n))) {
        await suite.client().delete(nodePoolRef(name));
        synced.delete(name);
      }
    };

    it('approve → pull request → merge → GitOps sync → applied; drift reported, not corrected; decommission removes the file', async () => {
      const spec = {
        requirements: {
          architectures: ['amd64'],
          capacityTypes: ['on-demand'],
        },
        limits: { cpu: '16', memory: '64Gi' },
        nodeClass: 'default',
        namespaces: [suite.namespace],
      };
      // Before anyone approves, the preview says where the change will go.
      const preview = await env.workflow.previewWithWarnings(
        poolRequest({ owner: env.owner, pool: 'gitops', spec }),
      );
      expect(preview.delivery).toEqual({
        repository: forge.repository,
        branch: 'main',
        path: `clusters/local/nodepools/${env.team}.gitops.yaml`,
        mode: 'pull-request',
      });
      const approved = await env.approve({ pool: 'gitops', spec });
      await pass();
      let pool = await env.poolOf(approved.poolId!);
      const name = renderPoolObject(pool, env.config.clusters[0].policy)
        .metadata.name;
      const path = `clusters/local/nodepools/${env.team}.gitops.yaml`;

      // A pull request, and nothing written to the cluster.
      expect(forge.pulls).toHaveLength(1);
      expect(forge.pulls[0].body).toContain(
        `http://portal.test/nodepools/requests/${approved.id}`,
      );
      await expect(read(name)).rejects.toMatchObject({ statusCode: 404 });
      expect(await stateOf(approved.id)).toBe('approved');
      let history = await env.historyOf(pool.id);
      expect(history[0]).toMatchObject({
        type: 'pool.delivery',
        requestId: approved.id,
        data: { state: 'open', url: forge.pulls[0].html_url },
      });

      // A retried pass: the same pull request, no new event.
      await pass();
      expect(forge.pulls).toHaveLength(1);
      expect((await env.historyOf(pool.id)).length).toBe(history.length);

      await forge.merge(1);
      await pass();
      history = await env.historyOf(pool.id);
      expect(history[0]).toMatchObject({
        type: 'pool.delivery',
        data: { state: 'merged' },
      });
      expect(history[0].message).toMatch(/waiting for the cluster to sync/);
      expect(await stateOf(approved.id)).toBe('approved');

      await gitopsSync();
      await pass();
      expect(await stateOf(approved.id)).toBe('applied');
      pool = await env.poolOf(approved.poolId!);
      expect(pool.appliedGeneration).toBe(1);
      expect((await env.historyOf(pool.id))[0].type).not.toBe('pool.failed');
      const live = await read(name);
      // Only the GitOps controller wrote it.
      expect(
        (
          live.metadata.managedFields as Array<{ manager?: string }> | undefined
        )?.map(f => f.manager),
      ).not.toContain(FIELD_MANAGER);
      const namespace = await suite
        .client()
        .request<KubeObject>('GET', `/api/v1/namespaces/${suite.namespace}`);
      expect(
        namespace.metadata.labels?.[env.config.clusters[0].policy.teamLabelKey],
      ).toBe(env.team);

      // Someone edits the NodePool: reported with who did it, and left as it is.
      await editCpuLimitByHand(suite, name, '99');
      await pass();
      pool = await env.poolOf(approved.poolId!);
      expect(pool.lastError).toMatch(
        /^drift: .*spec\.limits\.cpu.*kubectl-edit/,
      );
      expect((await env.historyOf(pool.id))[0].type).toBe(
        'pool.drift-detected',
      );
      expect(((await read(name)).spec as any).limits.cpu).toBe('99');
      // The GitOps controller puts git's spec back; the report clears.
      await gitopsSync();
      await pass();
      expect((await env.poolOf(approved.poolId!)).lastError).toBeUndefined();

      // Someone commits to the pool's file on main past the portal: reported with the file, the
      // paths and the commit's author; the cluster is not touched (no sync ran).
      const approvedFile = (await forge.file('main', path))!;
      const mallory = { name: 'Mallory', email: 'mallory@example.test' };
      await forge.commitByHand(
        'main',
        path,
        approvedFile
          .replace("cpu: '16'", "cpu: '48'")
          .replace('cpu: "16"', 'cpu: "48"'),
        mallory,
      );
      expect(await forge.file('main', path)).not.toBe(approvedFile);
      await pass();
      pool = await env.poolOf(approved.poolId!);
      expect(pool.lastError).toBe(
        `drift: the file ${path} in ${forge.repository}@main differs from the approval (spec.limits.cpu); last changed by Mallory <mallory@example.test>; the GitOps controller will sync it, not the approval`,
      );
      expect((await env.historyOf(pool.id))[0]).toMatchObject({
        type: 'pool.drift-detected',
        data: {
          file: path,
          paths: ['spec.limits.cpu'],
          author: 'Mallory <mallory@example.test>',
        },
      });
      expect(((await read(name)).spec as any).limits.cpu).toBe('16');
      // The same finding next pass: no second event.
      // The same finding next pass: no second event, and git read with one call (the branch's
      // tree; the file's blob is known by its id).
      const events = (await env.historyOf(pool.id)).length;
      const calls = forge.requests.length;
      await pass();
      expect((await env.historyOf(pool.id)).length).toBe(events);
      expect(
        forge.requests
          .slice(calls)
          .filter(r => r.path.includes('/git/'))
          .map(r => r.path),
      ).toEqual(['/api/v3/repos/acme/clusters/git/trees/main']);
      // Put back as approved: the report clears.
      await forge.commitByHand('main', path, approvedFile, mallory);
      await pass();
      expect((await env.poolOf(approved.poolId!)).lastError).toBeUndefined();

      // An update approved while an earlier one's pull request is open: the earlier pull request
      // is closed (merged later, it would put the older spec back), and said so on its request.
      const updateTo = (cpu: string) =>
        env.approve({
          kind: 'update',
          pool: 'gitops',
          spec: { ...spec, limits: { cpu, memory: '64Gi' } },
        });
      const superseded = await updateTo('32');
      await pass();
      expect(forge.pulls).toHaveLength(2);
      const update = await updateTo('24');
      await pass();
      expect(forge.pulls).toHaveLength(3);
      expect(forge.pulls[1]).toMatchObject({
        state: 'closed',
        merged_at: null,
      });
      const supersededEvents = (
        await env.store.history({ requestId: superseded.id, limit: 10 })
      ).items;
      expect(supersededEvents[0]).toMatchObject({
        type: 'pool.delivery',
        data: { state: 'superseded', pullRequest: 2, by: update.id },
      });
      expect(forge.pulls[2].title).toContain(update.id);
      // Its pull request closed without merge: reported, the request stays approved.
      forge.close(3);
      await pass();
      expect((await env.historyOf(pool.id))[0]).toMatchObject({
        type: 'pool.delivery',
        requestId: update.id,
        data: { state: 'closed' },
      });
      expect(await stateOf(update.id)).toBe('approved');

      // Decommission: a pull request removing the file; removed once synced.
      const decommission = await env.approve({
        kind: 'decommission',
        pool: 'gitops',
        spec: undefined,
      });
      await pass();
      expect(forge.pulls).toHaveLength(4);
      expect((await env.poolOf(approved.poolId!)).phase).toBe(
        'decommissioning',
      );
      await forge.merge(4);
      expect(await forge.file('main', path)).toBeNull();
      await pass();
      // Merged, not yet synced: the NodePool is still there, so the pool is not removed yet.
      expect((await env.poolOf(approved.poolId!)).phase).toBe(
        'decommissioning',
      );
      await gitopsSync();
      await pass();
      await expect(read(name)).rejects.toMatchObject({ statusCode: 404 });
      expect((await env.poolOf(approved.poolId!)).phase).toBe('removed');
      expect(await stateOf(decommission.id)).toBe('applied');
    });

    it('a decommission approved while the create pull request is open closes that pull request', async () => {
      const spec = {
        requirements: {
          architectures: ['amd64'],
          capacityTypes: ['on-demand'],
        },
        limits: { cpu: '8', memory: '32Gi' },
        nodeClass: 'default',
        namespaces: [suite.namespace],
      };
      const created = await env.approve({ pool: 'shortlived', spec });
      await pass();
      const createPull = forge.pulls[forge.pulls.length - 1];
      expect(createPull).toMatchObject({ state: 'open' });
      expect(createPull.title).toContain(created.id);

      const decommission = await env.approve({
        kind: 'decommission',
        pool: 'shortlived',
        spec: undefined,
      });
      await pass();
      // Merged after the decommission, it would create the NodePool the decommission removed.
      expect(createPull).toMatchObject({ state: 'closed', merged_at: null });
      const events = (
        await env.store.history({ requestId: created.id, limit: 10 })
      ).items;
      expect(events[0]).toMatchObject({
        type: 'pool.delivery',
        data: {
          state: 'superseded',
          pullRequest: createPull.number,
          by: decommission.id,
        },
      });
      // Nothing of the pool ever reached main: the removal is already there, and the pool is removed.
      expect(
        await forge.file(
          'main',
          `clusters/local/nodepools/${env.team}.shortlived.yaml`,
        ),
      ).toBeNull();
      expect((await env.poolOf(created.poolId!)).phase).toBe('removed');
      expect(await stateOf(decommission.id)).toBe('applied');
    });

    /** The grant expiry check, run by a workflow whose clock is just past the pool's expiry. */
    const expire = async (poolId: string) => {
      const { expiresAt } = await env.poolOf(poolId);
      const at = new Date(new Date(expiresAt!).getTime() + 1000);
      const workflow = new RequestWorkflow({
        store: env.store,
        config: env.config,
        logger: mockServices.logger.mock(),
        now: () => at,
      });
      expect(await workflow.checkGrantExpiry()).toMatchObject({ expired: 1 });
    };
    const lifetimeSpec = {
      requirements: { architectures: ['amd64'], capacityTypes: ['on-demand'] },
      limits: { cpu: '4', memory: '16Gi' },
      nodeClass: 'default',
      namespaces: [suite.namespace],
    };

    it('a grant that runs out after its pull request was merged: a removal pull request, then removed', async () => {
      const created = await env.approve({
        pool: 'expiring',
        spec: lifetimeSpec,
        lifetime: '1h',
      });
      await pass();
      await forge.merge(forge.pulls.length);
      await gitopsSync();
      await pass();
      expect(await stateOf(created.id)).toBe('applied');
      const path = `clusters/local/nodepools/${env.team}.expiring.yaml`;
      expect(await forge.file('main', path)).not.toBeNull();

      // Decommissioned by the system: its request stays the creation's, its removal is its own.
      await expire(created.poolId!);
      const pulls = forge.pulls.length;
      await pass();
      expect(forge.pulls).toHaveLength(pulls + 1);
      expect(forge.pulls[pulls].title).toMatch(/^Remove NodePool/);
      expect((await env.historyOf(created.poolId!))[0]).toMatchObject({
        type: 'pool.delivery',
        data: { state: 'open', pullRequest: pulls + 1 },
      });
      await forge.merge(pulls + 1);
      expect(await forge.file('main', path)).toBeNull();
      await gitopsSync();
      await pass();
      expect((await env.poolOf(created.poolId!)).phase).toBe('removed');
    });

    it('a grant that runs out while its create pull request is open closes that pull request', async () => {
      const created = await env.approve({
        pool: 'expiring-early',
        spec: lifetimeSpec,
        lifetime: '1h',
      });
      await pass();
      const createPull = forge.pulls[forge.pulls.length - 1];
      expect(createPull).toMatchObject({ state: 'open' });
      await expire(created.poolId!);
      await pass();
      expect(createPull).toMatchObject({ state: 'closed', merged_at: null });
      expect(
        (await env.store.history({ requestId: created.id, limit: 10 })).items,
      ).toContainEqual(
        expect.objectContaining({
          type: 'pool.delivery',
          data: expect.objectContaining({
            state: 'superseded',
            pullRequest: createPull.number,
          }),
        }),
      );
      // Nothing of it reached main: the removal is already there, and the pool is removed.
      expect((await env.poolOf(created.poolId!)).phase).toBe('removed');
    });
  });
});
