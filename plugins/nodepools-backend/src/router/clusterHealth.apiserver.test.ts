import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import {
  describeApiServer,
  SAMPLE_EC2_NODE_CLASS,
} from '@nodepools/local-cluster';
import { createRequest } from '../__testUtils__/fixtures';
import { startApi } from '../__testUtils__/startApi';
import {
  localClusterConfig,
  SHARED_POLICY,
} from '../reconciler/__testUtils__/reconcilerTestEnv';
import { reconcileTaskId } from '../reconciler/scheduleReconciler';

describeApiServer('cluster health and preview warnings over the API', suite => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  // The plugin's scheduled tasks run when the test says so, not on a timer.
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: async task => {
      tasks.set(task.id, task);
    },
  });
  let ctx: Awaited<ReturnType<typeof startApi>>;
  // An EC2NodeClass of this suite that follows the newest AMI: what the preview must flag.
  const unpinned = suite.name('unpinned');

  beforeAll(async () => {
    await suite.client().create({
      ...SAMPLE_EC2_NODE_CLASS,
      metadata: { name: unpinned, labels: suite.labels },
      spec: {
        ...(SAMPLE_EC2_NODE_CLASS.spec as object),
        amiSelectorTerms: [{ alias: 'al2023@latest' }],
      },
    });
    const policy = {
      approverGroups: ['group:default/platform'],
      nodeClasses: ['default', unpinned],
      ...SHARED_POLICY,
    };
    ctx = await startApi(
      await databases.init('SQLITE_3'),
      {},
      {
        features: [scheduler.factory],
        clusters: [
          await localClusterConfig(suite, policy),
          {
            // Port 1 on loopback: nothing listens, every connection is refused at once.
            name: 'offline',
            url: 'https://127.0.0.1:1',
            caData: suite.connection.caData,
            auth: { type: 'serviceAccount', token: 'unused' },
            policy,
          },
          { name: 'policy-only', policy },
        ],
      },
    );
  });

  afterAll(async () => {
    await suite.client().delete({
      apiVersion: SAMPLE_EC2_NODE_CLASS.apiVersion,
      kind: SAMPLE_EC2_NODE_CLASS.kind,
      metadata: { name: unpinned },
    });
  });

  const run = (cluster: string) =>
    tasks.get(reconcileTaskId(cluster))!.fn(new AbortController().signal);

  it('reports each cluster as its last reconcile left it', async () => {
    // A cluster without a url is not reconciled at all: no task, no log line, no failure.
    expect(
      [...tasks.keys()].filter(id => id.includes('reconcile')).sort(),
    ).toEqual([reconcileTaskId('local'), reconcileTaskId('offline')]);
    const before = await ctx.as('carol').get('/clusters');
    expect(before.status).toBe(200);
    expect(before.body.items.map((c: any) => [c.name, c.health])).toEqual([
      ['local', { state: 'unknown' }],
      ['offline', { state: 'unknown' }],
      ['policy-only', { state: 'unknown', message: 'no url configured' }],
    ]);
    // Node classes are known only once a pass has read them.
    expect(before.body.items[0].nodeClasses).toBeUndefined();

    const started = new Date().toISOString();
    await run('local');
    await run('offline');

    const local = await ctx.as('carol').get('/clusters/local');
    expect(local.status).toBe(200);
    expect(local.body.health).toEqual({
      state: 'healthy',
      lastReconcileAt: expect.any(String),
    });
    expect(local.body.health.lastReconcileAt >= started).toBe(true);

    const offline = await ctx.as('carol').get('/clusters/offline');
    expect(offline.body.health).toEqual({
      state: 'unreachable',
      message: expect.stringMatching(/offline is unreachable/),
      nextAttemptAt: expect.any(String),
    });
    expect(offline.body.health.nextAttemptAt > started).toBe(true);

    const all = await ctx.as('alice').get('/clusters');
    expect(
      Object.fromEntries(
        all.body.items.map((c: any) => [c.name, c.health.state]),
      ),
    ).toEqual({
      local: 'healthy',
      offline: 'unreachable',
      'policy-only': 'unknown',
    });
  });

  it('warns in the preview about a node class with an unpinned AMI alias that is not Ready', async () => {
    const request = createRequest({
      pool: 'unpinned',
      spec: {
        ...createRequest().spec,
        nodeClass: unpinned,
        namespaces: [suite.name('payments')],
      },
    });
    const filed = await ctx.as('bob').post('/requests', request);
    expect(filed.status).toBe(201);

    await run('local');
    // The form's node-class picker reads the same facts from the cluster summary.
    const summary = await ctx.as('carol').get('/clusters/local');
    expect(summary.body.nodeClasses).toContainEqual({
      name: unpinned,
      exists: true,
      amiAliases: ['al2023@latest'],
      warnings: [
        `node class ${unpinned} uses an unpinned AMI alias (al2023@latest): every node is replaced when AWS publishes a new image`,
        `node class ${unpinned} is not Ready (no Ready condition yet): nodes of this pool may fail to launch`,
      ],
    });
    // The price table the team cards estimate cost with.
    expect(summary.body.policy.prices).toMatchObject({
      currency: 'USD',
      'on-demand': { cpuCoreHour: expect.any(Number) },
    });
    expect(summary.body.nodeClasses.map((c: any) => c.name)).toEqual([
      'default',
      unpinned,
    ]);
    const expected = [
      `node class ${unpinned} uses an unpinned AMI alias (al2023@latest): every node is replaced when AWS publishes a new image`,
      // No Karpenter controller runs against this API server, so nothing ever marks it Ready.
      `node class ${unpinned} is not Ready (no Ready condition yet): nodes of this pool may fail to launch`,
    ];
    // The approver (outside payments) sees them on the filed request...
    const stored = await ctx
      .as('alice')
      .get(`/requests/${filed.body.id}/preview`);
    expect(stored.status).toBe(200);
    expect(stored.body.warnings).toEqual(expected);
    expect(stored.body.preview.request).toMatchObject({ pool: 'unpinned' });
    expect(stored.body.preview.policy.allowed).toBe(true);
    // ...and the requester in the dry run, next to the preview rather than inside it.
    const dryRun = await ctx
      .as('bob')
      .post('/requests', { ...request, pool: 'unpinned-2', dryRun: true });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.warnings).toEqual(expected);
    expect(dryRun.body.preview.warnings).toBeUndefined();
    // The target API server judged both through the plugin's wiring (the reconciler's client).
    const accepted = {
      cluster: 'local',
      validator: 'Karpenter CRDs',
      verdicts: [
        {
          kind: 'NodePool',
          name: expect.any(String),
          verdict: 'accepted',
          message: "accepted by local's API server",
        },
      ],
    };
    expect(stored.body.server).toEqual(accepted);
    expect(dryRun.body.server).toEqual(accepted);
    // An unreachable cluster: the preview still answers, and says it could not ask.
    const offline = await ctx
      .as('bob')
      .post('/requests', { ...request, cluster: 'offline', dryRun: true });
    expect(offline.status).toBe(200);
    expect(offline.body.server.verdicts).toEqual([
      expect.objectContaining({ verdict: 'unreachable' }),
    ]);

    // A request that uses a pinned class gets no AMI warning.
    const pinned = await ctx.as('bob').post('/requests', {
      ...request,
      pool: 'pinned',
      spec: { ...request.spec, nodeClass: 'default' },
      dryRun: true,
    });
    expect(pinned.body.warnings).not.toContainEqual(
      expect.stringMatching(/unpinned AMI alias/),
    );
  });
});
