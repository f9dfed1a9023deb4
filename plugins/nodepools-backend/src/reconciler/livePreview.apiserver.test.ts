import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { describeApiServer, type KubeObject } from '@nodepools/local-cluster';
import {
  poolSpecSchema,
  renderNodePool,
} from '@nodepools/plugin-nodepools-common';
import { createRequest, people } from '../__testUtils__/fixtures';
import { FieldValidationError } from '../workflow/FieldValidationError';
import type { RequestNotifier } from '../workflow/RequestNotifier';
import { renderPoolObject } from './renderPoolObject';
import { reconcilerTestEnv } from './__testUtils__/reconcilerTestEnv';
import { parsePoolRequest } from '../workflow/parsePoolRequest';
import {
  applyForeignNodePool,
  editCpuLimitByHand,
} from './__testUtils__/handEdits';

type Env = Awaited<ReturnType<typeof reconcilerTestEnv>>;

/**
 * The preview tells the truth about the cluster (issue 15, items 9 and 10): it diffs against the
 * NodePool the reconciler last observed, not the approved spec re-rendered, and says before
 * anyone approves that a pool's NodePool name is held by an object the portal does not manage;
 * an approved request that therefore can never apply ends 'failed', notified.
 */
describeApiServer('The preview against the live cluster', suite => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const notified: Array<{ id: string; state: string; reason?: string }> = [];
  const notifier: RequestNotifier = {
    decided: async request => {
      notified.push({
        id: request.id,
        state: request.state,
        reason: request.reason,
      });
    },
  };
  let env: Env;
  beforeAll(async () => {
    env = await reconcilerTestEnv(suite, databases, {
      reconciler: { notifier },
    });
  });
  afterAll(() => env.close());

  const policy = () => env.config.clusters[0].policy;
  const request = (overrides: Record<string, unknown>) =>
    createRequest({ owner: env.owner, ...overrides });
  /** The name the pool's NodePool gets, as the reconciler renders it. */
  const nodePoolNameOf = (pool: string) =>
    renderNodePool(
      { id: 'any', owner: env.owner, name: pool, generation: 1 },
      poolSpecSchema.parse(createRequest().spec),
      policy(),
    ).metadata.name;
  const read = (name: string) =>
    suite
      .client()
      .request<KubeObject>('GET', `/apis/karpenter.sh/v1/nodepools/${name}`);

  it('says a NodePool name held by an object we do not manage is taken, before anyone files or approves', async () => {
    // Filed while the name was free; the foreign NodePool appears before anyone approves.
    const pending = await env.workflow.file(
      parsePoolRequest(request({ pool: 'taken' })),
      people.bob,
    );
    expect((await env.workflow.previewStored(pending)).policy.allowed).toBe(
      true,
    );
    await applyForeignNodePool(suite, nodePoolNameOf('taken'));
    await env.reconciler.reconcileCluster('local');

    const preview = await env.workflow.previewStored(pending);
    expect(preview.policy).toEqual({
      allowed: false,
      violations: [
        {
          path: 'pool',
          asked: 'taken',
          message: expect.stringContaining(
            `the NodePool name ${nodePoolNameOf(
              'taken',
            )} is already taken on cluster local by a NodePool that backstage-nodepools does not manage`,
          ),
        },
      ],
    });
    await expect(
      env.workflow.decide(pending.id, people.approver(1), 'approve'),
    ).rejects.toThrow(ConflictError);
    expect((await env.store.getRequest(pending.id))!.state).toBe('pending');
    await env.workflow.cancel(pending.id, people.bob);

    // A new request for that name is refused with the same reason; another name is fine.
    await expect(
      env.workflow.file(
        parsePoolRequest(request({ pool: 'taken' })),
        people.bob,
      ),
    ).rejects.toThrow(FieldValidationError);
    expect(
      (await env.workflow.preview(parsePoolRequest(request({ pool: 'free' }))))
        .policy.allowed,
    ).toBe(true);
  });

  it('ends an approved request whose NodePool name turned out taken as failed, with the reason, and tells the requester', async () => {
    const approved = await env.approve({ pool: 'collides' });
    expect(approved.state).toBe('approved');
    const name = nodePoolNameOf('collides');
    await applyForeignNodePool(suite, name);
    const before = await read(name);

    await env.reconciler.reconcileCluster('local');
    const failed = (await env.store.getRequest(approved.id))!;
    expect(failed.state).toBe('failed');
    expect(failed.reason).toMatch(
      new RegExp(`NodePool ${name} on local exists but is not managed`),
    );
    expect(notified).toContainEqual({
      id: approved.id,
      state: 'failed',
      reason: failed.reason,
    });
    const history = (
      await env.store.history({ requestId: approved.id, limit: 50 })
    ).items.map(e => e.type);
    expect(history).toContain('request.failed');
    // Nothing of the pool ever ran: it gives back its name and its budget.
    expect((await env.poolOf(approved.poolId!)).phase).toBe('removed');
    // The foreign object was never touched, and a second pass does nothing more.
    await env.reconciler.reconcileCluster('local');
    expect((await read(name)).metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
    expect(notified.filter(n => n.id === approved.id)).toHaveLength(1);
  });

  it('diffs a change against the NodePool as edited outside the portal, with its age, and shows the drift from the approved spec', async () => {
    const approved = await env.approve({ pool: 'edited' });
    await env.reconciler.reconcileCluster('local');
    const pool = await env.poolOf(approved.poolId!);
    const name = renderPoolObject(pool, policy()).metadata.name;
    const update = request({
      kind: 'update',
      pool: 'edited',
      spec: { ...createRequest().spec, limits: { cpu: '32', memory: '64Gi' } },
    });

    // Observed as applied: the diff starts from the approved 16 cpu, no drift.
    let preview = await env.workflow.preview(parsePoolRequest(update));
    expect(preview.diffBase).toMatchObject({ source: 'live', drift: [] });
    expect(
      preview.diff.changes.find(c => c.path === 'spec.limits.cpu'),
    ).toMatchObject({ before: '16', after: '32' });

    // What `kubectl edit` does, as a field manager of its own; a watch event observes it.
    await editCpuLimitByHand(suite, name, '999');
    await env.reconciler.observeCluster('local');

    preview = await env.workflow.preview(parsePoolRequest(update));
    expect(
      preview.diff.changes.find(c => c.path === 'spec.limits.cpu'),
    ).toMatchObject({ before: '999', after: '32' });
    expect(preview.diffBase.source).toBe('live');
    expect(preview.diffBase.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(preview.diffBase.ageSeconds).toBeLessThan(60);
    expect(preview.diffBase.drift).toEqual([
      {
        path: 'spec.limits.cpu',
        before: '999',
        after: '16',
        impact: 'none',
      },
    ]);
    // The API server's defaults (the disruption budget) are not drift nor a change.
    expect(preview.diff.changes.map(c => c.path)).not.toContain(
      'spec.disruption.budgets',
    );

    // The next full pass puts the approved spec back; the preview follows.
    await env.reconciler.reconcileCluster('local');
    preview = await env.workflow.preview(parsePoolRequest(update));
    expect(preview.diffBase.drift).toEqual([]);
    expect(
      preview.diff.changes.find(c => c.path === 'spec.limits.cpu'),
    ).toMatchObject({ before: '16' });
  });

  it('writes the observations only when they change', async () => {
    await env.reconciler.reconcileCluster('local');
    const count = async () => {
      const rows = await env
        .knex('nodepools_observed_nodepools')
        .select('pool_id', 'nodepool', 'observed_at');
      return JSON.stringify(rows);
    };
    const before = await count();
    expect(JSON.parse(before).length).toBeGreaterThan(0);
    await env.reconciler.reconcileCluster('local');
    await env.reconciler.observeCluster('local');
    expect(await count()).toBe(before);
  });
});
