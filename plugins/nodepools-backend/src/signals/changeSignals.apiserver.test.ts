import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { describeApiServer } from '@nodepools/local-cluster';
import { createRequest } from '../__testUtils__/fixtures';
import { recordingSignals } from '../__testUtils__/recordingSignals';
import { startApi } from '../__testUtils__/startApi';
import {
  karpenterCondition,
  writeKarpenterStatus,
} from '../reconciler/__testUtils__/karpenterStatus';
import {
  localClusterConfig,
  SHARED_POLICY,
} from '../reconciler/__testUtils__/reconcilerTestEnv';
import { reconcileTaskId } from '../reconciler/scheduleReconciler';

/** The plugin's watcher may record a change before or after the test's own pass: poll for it. */
async function eventually(check: () => void, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }
}

describeApiServer('change signals from the reconciler', suite => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  // The plugin's scheduled tasks run when the test says so, not on a timer.
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: async task => {
      tasks.set(task.id, task);
    },
    // The periodic safety net; an approval itself runs a pass at once.
    triggerTask: async () => {},
  });
  const signals = recordingSignals();
  let ctx: Awaited<ReturnType<typeof startApi>>;

  beforeAll(async () => {
    ctx = await startApi(
      await databases.init('SQLITE_3'),
      {},
      {
        features: [scheduler.factory, signals.factory],
        clusters: [
          await localClusterConfig(suite, {
            approverGroups: ['group:default/platform'],
            ...SHARED_POLICY,
          }),
        ],
      },
    );
  });

  const reconcile = () =>
    tasks.get(reconcileTaskId('local'))!.fn(new AbortController().signal);
  const messagesSince = (n: number) =>
    signals.published.slice(n).map(s => s.message);

  it('signals when the approved pool is applied and when its status changes', async () => {
    // The approval runs the cluster's pass at once: its signals may come before the test looks.
    let seen = signals.published.length;
    const filed = await ctx.as('bob').post(
      '/requests',
      createRequest({
        pool: 'signalled',
        spec: { ...createRequest().spec, namespaces: [suite.namespace] },
      }),
    );
    expect(filed.status).toBe(201);
    const approved = await ctx
      .as('alice')
      .post(`/requests/${filed.body.id}/approve`, {});
    expect(approved.status).toBe(200);
    const poolId: string = approved.body.poolId;

    // Applied: the pool's history and the request's move to 'applied', in one signal.
    await reconcile();
    await eventually(() =>
      expect(messagesSince(seen)).toContainEqual({
        poolIds: [poolId],
        requestIds: [filed.body.id],
        events: ['pool.applied'],
      }),
    );
    expect(
      (await ctx.as('bob').get(`/requests/${filed.body.id}`)).body.state,
    ).toBe('applied');

    // Karpenter reports the NodePool Ready: the status the reconciler copies back is a signal too.
    seen = signals.published.length;
    await writeKarpenterStatus(suite, 'nodepools', 'payments.signalled', {
      conditions: [karpenterCondition('Ready', 'True')],
    });
    await reconcile();
    await eventually(() =>
      expect(messagesSince(seen)).toContainEqual({
        poolIds: [poolId],
        requestIds: [],
        events: ['pool.status-changed'],
      }),
    );
    expect((await ctx.as('bob').get(`/pools/${poolId}`)).body.phase).toBe(
      'ready',
    );

    // A pass that changes nothing says nothing.
    seen = signals.published.length;
    await reconcile();
    expect(messagesSince(seen)).toEqual([]);
  });
});
