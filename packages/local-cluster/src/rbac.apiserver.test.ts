import { describeApiServer } from './jest/describeApiServer.ts';
import { KubeApiError } from './kube/KubeApiError.ts';
import { KubeClient } from './kube/KubeClient.ts';
import { guideNodePool } from './testFixtures/productionGuideExamples.ts';

describeApiServer('RBAC with the control plane tokens', suite => {
  it('refuses NodePool creation to the low-privilege token (403) and lets the admin create it', async () => {
    const pool = { ...guideNodePool(), metadata: { name: suite.name('rbac') } };
    const viewer = suite.client('lowPrivilege');

    const refused = await viewer.create(pool).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(KubeApiError);
    expect((refused as KubeApiError).statusCode).toBe(403);
    expect((refused as KubeApiError).status.message).toContain(
      'User "nodepools-viewer" cannot create resource "nodepools" in API group "karpenter.sh"',
    );

    await suite.client('admin').create(pool);
    // The low-privilege user may read what it may not write.
    const read = await viewer.request<{ metadata: { name: string } }>(
      'GET',
      `/apis/karpenter.sh/v1/nodepools/${pool.metadata.name}`,
    );
    expect(read.metadata.name).toBe(pool.metadata.name);
  });

  it('refuses even reads to a token without any binding', async () => {
    const error = await suite
      .client('noAccess')
      .request('GET', '/apis/karpenter.sh/v1/nodepools')
      .then(
        () => undefined,
        (e: unknown) => e as KubeApiError,
      );
    expect(error?.statusCode).toBe(403);
  });

  it('lets the reconciler token write NodePools but not read secrets', async () => {
    const reconciler = suite.client('reconciler');
    await reconciler.apply(
      { ...guideNodePool(), metadata: { name: suite.name('reconciled') } },
      'nodepools-reconciler',
    );
    const error = await reconciler
      .request('GET', `/api/v1/namespaces/${suite.namespace}/secrets`)
      .then(
        () => undefined,
        (e: unknown) => e as KubeApiError,
      );
    expect(error?.statusCode).toBe(403);
  });

  it('rejects an unknown token (401)', async () => {
    const stranger = new KubeClient({
      ...suite.client().credentials,
      token: 'not-a-token',
    });
    const error = await stranger.request('GET', '/api/v1/namespaces').then(
      () => undefined,
      (e: unknown) => e as KubeApiError,
    );
    stranger.close();
    expect(error?.statusCode).toBe(401);
  });
});
