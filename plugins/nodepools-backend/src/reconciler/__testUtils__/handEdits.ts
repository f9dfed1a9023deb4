import type { ApiServerSuite } from '@nodepools/local-cluster';

/**
 * Someone else's NodePool of that name: applied under their own field manager, without our
 * labels, so the reconciler must leave it alone.
 */
export function applyForeignNodePool(suite: ApiServerSuite, name: string) {
  return suite.client().apply(
    {
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name },
      spec: {
        template: {
          spec: {
            requirements: [
              { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] },
            ],
            nodeClassRef: {
              group: 'karpenter.k8s.aws',
              kind: 'EC2NodeClass',
              name: 'default',
            },
          },
        },
        limits: { cpu: '1' },
      },
    },
    'someone-else',
  );
}

/** What `kubectl edit` does to a NodePool's cpu limit: a merge patch as a field manager of its own. */
export function editCpuLimitByHand(
  suite: ApiServerSuite,
  name: string,
  cpu: string,
) {
  return suite
    .client()
    .request('PATCH', `/apis/karpenter.sh/v1/nodepools/${name}`, {
      body: { spec: { limits: { cpu } } },
      contentType: 'application/merge-patch+json',
      query: { fieldManager: 'kubectl-edit' },
    });
}
