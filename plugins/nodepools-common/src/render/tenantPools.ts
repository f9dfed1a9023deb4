import { NODEPOOLS_LABELS } from '../model/names';

/** The label Karpenter gives every node of a NodePool: the NodePool's name. */
const NODEPOOL_NODE_LABEL = 'karpenter.sh/nodepool';

/** One managed NodePool as tenancy sees it: whose nodes it makes, and the labels they carry. */
export interface TenantPool {
  team: string;
  /** Labels every node of the pool carries: its template labels and `karpenter.sh/nodepool`. */
  nodeLabels: Record<string, string>;
}

/** The {@link TenantPool} of a NodePool we rendered or read back; undefined without a team label. */
export function tenantPoolOf(nodePool: {
  metadata: { name: string; labels?: Record<string, string> };
  spec?: unknown;
}): TenantPool | undefined {
  const team = nodePool.metadata.labels?.[NODEPOOLS_LABELS.team];
  if (!team) return undefined;
  const template = (
    nodePool.spec as
      | { template?: { metadata?: { labels?: Record<string, string> } } }
      | undefined
  )?.template;
  return {
    team,
    nodeLabels: {
      ...template?.metadata?.labels,
      [NODEPOOL_NODE_LABEL]: nodePool.metadata.name,
    },
  };
}
