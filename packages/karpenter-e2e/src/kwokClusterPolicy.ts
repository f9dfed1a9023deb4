import {
  clusterPolicySchema,
  type ClusterPolicy,
} from '@nodepools/plugin-nodepools-common';

/**
 * The policy of a cluster whose NodePools get nodes from Karpenter's kwok provider: node classes
 * are `KWOKNodeClass`es (the local control plane installs `default`), and kwok's instance types
 * have no AWS categories or generations to constrain. The same values as the demo's `local`
 * cluster in app-config.yaml.
 */
export function kwokClusterPolicy(
  overrides: Record<string, unknown> = {},
): ClusterPolicy {
  return clusterPolicySchema.parse({
    nodeClassRef: { group: 'karpenter.kwok.sh', kind: 'KWOKNodeClass' },
    nodeClasses: ['default'],
    instanceCategories: [],
    approverGroups: ['group:default/platform'],
    quorum: 1,
    ...overrides,
  });
}
