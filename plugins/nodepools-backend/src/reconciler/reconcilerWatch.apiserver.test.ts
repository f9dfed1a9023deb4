import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { describeApiServer } from '@nodepools/local-cluster';
import { TENANCY_OBJECT_NAMES } from '@nodepools/plugin-nodepools-common';
import { reconcilerTestEnv } from './__testUtils__/reconcilerTestEnv';
import { findDrift } from './findDrift';
import type { KubeObject } from './KubeObject';
import { isOwned } from './ownership';
import { PoolStatusWatcher } from './PoolStatusWatcher';
import { renderPoolObject } from './renderPoolObject';

type Env = Awaited<ReturnType<typeof reconcilerTestEnv>>;
const LIMIT_MS = 2_000;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Milliseconds from the start of `edit` until `restored` holds (polled every 20 ms). */
async function timeToRestore(
  edit: () => Promise<unknown>,
  restored: () => Promise<boolean>,
): Promise<number> {
  const started = Date.now();
  await edit();
  while (!(await restored())) {
    if (Date.now() - started > 15_000)
      throw new Error('not restored within 15 s');
    await sleep(20);
  }
  return Date.now() - started;
}

const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    p50: sorted[Math.floor((sorted.length - 1) / 2)],
    max: sorted.at(-1)!,
  };
};

describeApiServer('Corrections driven by watch events', suite => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let env: Env;
  let watcher: PoolStatusWatcher;
  let poolId: string;
  let name: string;

  const admin = () => suite.client();
  const nodePoolPath = () => `/apis/karpenter.sh/v1/nodepools/${name}`;
  /** A hand edit, as `kubectl edit` makes it. */
  const patch = (path: string, body: unknown) =>
    admin().request('PATCH', path, {
      body,
      contentType: 'application/merge-patch+json',
      query: { fieldManager: 'kubectl-edit' },
    });
  const poolRestored = async () => {
    const pool = await env.poolOf(poolId);
    const live = await admin().request<KubeObject>('GET', nodePoolPath());
    return (
      findDrift(renderPoolObject(pool, env.config.clusters[0].policy), live)
        .length === 0
    );
  };

  beforeAll(async () => {
    env = await reconcilerTestEnv(suite, databases, {
      reconciler: { initialBackoffMs: 200, maxBackoffMs: 400 },
    });
    await env.approve({
      pool: 'watched',
      spec: {
        requirements: {
          architectures: ['amd64'],
          capacityTypes: ['on-demand'],
        },
        limits: { cpu: '8', memory: '32Gi' },
        nodeClass: 'default',
        namespaces: [suite.namespace],
      },
    });
    poolId = (await env.store.livePools('local')).find(
      p => p.name === 'watched',
    )!.id;
    const health = await env.reconciler.reconcileCluster('local');
    if (health.state !== 'healthy')
      throw new Error(`reconcile failed: ${health.message}`);
    name = renderPoolObject(
      await env.poolOf(poolId),
      env.config.clusters[0].policy,
    ).metadata.name;
    // The production debounce: the figures are what a deployment gets.
    watcher = new PoolStatusWatcher({
      reconciler: env.reconciler,
      logger: mockServices.logger.mock(),
    });
    watcher.start();
    // The watches' initial listings trigger a pass; let it settle.
    await sleep(1_500);
    await watcher.idle();
  });
  afterAll(async () => {
    watcher?.stop();
    await env?.close();
  });

  it(`puts back a removed taint and raised limits of a managed NodePool within ${LIMIT_MS} ms of the edit`, async () => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      times.push(
        await timeToRestore(
          () =>
            patch(nodePoolPath(), {
              spec: { template: { spec: { taints: [] } } },
            }),
          poolRestored,
        ),
      );
      times.push(
        await timeToRestore(
          () => patch(nodePoolPath(), { spec: { limits: { cpu: '999' } } }),
          poolRestored,
        ),
      );
    }
    // eslint-disable-next-line no-console
    console.log(
      `NodePool drift restored from the watch: ${JSON.stringify({
        ms: times,
        ...summary(times),
      })}`,
    );
    expect(summary(times).max).toBeLessThanOrEqual(LIMIT_MS);
    const history = await env.historyOf(poolId);
    expect(
      history
        .filter(e => e.type === 'pool.drift-corrected')
        .map(e => e.message),
    ).toContainEqual(
      expect.stringMatching(/by kubectl-edit .*spec\.limits\.cpu/),
    );
  });

  it('keeps a NodePool whose managed-by label was stripped: the label and the spec come back', async () => {
    const ms = await timeToRestore(
      () =>
        patch(nodePoolPath(), {
          metadata: { labels: { 'app.kubernetes.io/managed-by': null } },
          spec: { template: { spec: { taints: [] } } },
        }),
      async () => {
        const live = await admin().request<KubeObject>('GET', nodePoolPath());
        return isOwned(live) && (await poolRestored());
      },
    );
    // eslint-disable-next-line no-console
    console.log(`NodePool with its label stripped restored in ${ms} ms`);
    expect(ms).toBeLessThanOrEqual(LIMIT_MS);
    expect((await env.poolOf(poolId)).lastError).toBeFalsy();
    expect(
      (await env.historyOf(poolId))
        .filter(e => e.type === 'pool.drift-corrected')
        .map(e => e.message),
    ).toContainEqual(
      expect.stringContaining('metadata.labels.app.kubernetes.io/managed-by'),
    );
  });

  it(`re-creates a deleted admission policy and undoes an edited binding within ${LIMIT_MS} ms; the reconciler itself may not delete them`, async () => {
    const policyPath = `/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies/${TENANCY_OBJECT_NAMES.podPolicy}`;
    const bindingPath = `/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings/${TENANCY_OBJECT_NAMES.namespacePolicy}`;
    const exists = async (path: string) =>
      admin()
        .request<KubeObject>('GET', path)
        .then(
          object => isOwned(object),
          () => false,
        );
    const denies = async () =>
      (
        await admin().request<{ spec: { validationActions: string[] } }>(
          'GET',
          bindingPath,
        )
      ).spec.validationActions.join() === 'Deny';
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      times.push(
        await timeToRestore(
          () => admin().request('DELETE', policyPath),
          () => exists(policyPath),
        ),
      );
      times.push(
        await timeToRestore(
          () => patch(bindingPath, { spec: { validationActions: ['Audit'] } }),
          denies,
        ),
      );
    }
    // eslint-disable-next-line no-console
    console.log(
      `Tenancy restored from the watch: ${JSON.stringify({
        ms: times,
        ...summary(times),
      })}`,
    );
    expect(summary(times).max).toBeLessThanOrEqual(LIMIT_MS);

    await expect(
      env.reconcilerClient().delete({
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicy',
        metadata: { name: TENANCY_OBJECT_NAMES.podPolicy },
      }),
    ).rejects.toMatchObject({ statusCode: 403 });
  });
});
