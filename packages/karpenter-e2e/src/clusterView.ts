import type { KubeClient, KubeObject } from '@nodepools/local-cluster';

/** The label Karpenter puts on the NodeClaims and Nodes of a NodePool. */
export const NODEPOOL_LABEL = 'karpenter.sh/nodepool';

interface List {
  items: KubeObject[];
}

/** Reads of what Karpenter, kwok and the controllers did, as plain objects. */
export function clusterView(admin: KubeClient) {
  const list = async (path: string, labelSelector?: string) =>
    (
      await admin.request<List>('GET', path, {
        query: labelSelector ? { labelSelector } : {},
      })
    ).items;
  return {
    pods: (namespace: string) => list(`/api/v1/namespaces/${namespace}/pods`),
    events: (namespace: string) =>
      list(`/api/v1/namespaces/${namespace}/events`),
    nodeClaims: (nodePool: string) =>
      list('/apis/karpenter.sh/v1/nodeclaims', `${NODEPOOL_LABEL}=${nodePool}`),
    nodes: (nodePool: string) =>
      list('/api/v1/nodes', `${NODEPOOL_LABEL}=${nodePool}`),
    nodePool: async (name: string) => {
      const pools = await list('/apis/karpenter.sh/v1/nodepools');
      return pools.find(p => p.metadata.name === name);
    },
  };
}

/** A pod's phase and node, and whether the scheduler gave up on it for now. */
export function podState(pod: KubeObject) {
  const status = (pod.status ?? {}) as {
    phase?: string;
    conditions?: Array<{ type: string; status: string; reason?: string }>;
  };
  const scheduled = status.conditions?.find(c => c.type === 'PodScheduled');
  return {
    phase: status.phase,
    nodeName: (pod.spec as { nodeName?: string } | undefined)?.nodeName,
    unschedulable:
      scheduled?.status === 'False' && scheduled.reason === 'Unschedulable',
  };
}

/** The conditions of a Karpenter object, by type. */
export function conditionsOf(
  object: KubeObject | undefined,
): Record<string, string> {
  const conditions =
    (
      object?.status as
        | { conditions?: Array<{ type: string; status: string }> }
        | undefined
    )?.conditions ?? [];
  return Object.fromEntries(conditions.map(c => [c.type, c.status]));
}
