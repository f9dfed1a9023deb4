import type { NodePoolsConfig } from './readNodePoolsConfig';

/**
 * Everyone a permission policy should let decide on requests: the platform owner and every
 * cluster's approver groups. The backend still checks the cluster's own groups and its quorum.
 */
export function nodePoolsApproverGroups(config: NodePoolsConfig): string[] {
  return [
    ...new Set([
      config.platformOwner,
      ...config.clusters.flatMap(c => c.policy.approverGroups),
    ]),
  ];
}
