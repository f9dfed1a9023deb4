import type { NodeClassInfo } from '@nodepools/plugin-nodepools-common';
import { ClusterApiError } from './ClusterErrors';
import type { ReconcileContext } from './ReconcileContext';

/**
 * The served version of each node class group the portal knows. The policy names the group and
 * kind NodePools reference (`nodeClassRef` has no version); reading one needs a version too.
 */
const NODE_CLASS_VERSIONS: Record<string, string> = {
  'karpenter.k8s.aws': 'v1',
  // Karpenter's kwok provider (the local control plane in Karpenter mode).
  'karpenter.kwok.sh': 'v1alpha1',
};

/** The apiVersion to read node classes of the policy's `nodeClassRef` with. */
export function nodeClassApiVersion(ref: { group: string }): string {
  return `${ref.group}/${NODE_CLASS_VERSIONS[ref.group] ?? 'v1'}`;
}

interface NodeClassObject {
  spec?: { amiSelectorTerms?: Array<{ alias?: unknown }> };
  status?: {
    conditions?: Array<{
      type?: unknown;
      status?: unknown;
      message?: unknown;
      reason?: unknown;
    }>;
  };
}

/**
 * Reads each node class the cluster policy allows, of the kind its `nodeClassRef` names (by name:
 * the reconciler's role may get them, nothing more). Only informational, so a refusal is logged and leaves that class out rather than
 * failing the pass; an unreachable cluster still throws like any other step.
 */
export async function observeNodeClasses(
  ctx: ReconcileContext,
): Promise<NodeClassInfo[]> {
  const out: NodeClassInfo[] = [];
  const ref = ctx.cluster.policy.nodeClassRef;
  for (const name of ctx.cluster.policy.nodeClasses) {
    let object: NodeClassObject | undefined;
    try {
      object = (await ctx.client.get({
        apiVersion: nodeClassApiVersion(ref),
        kind: ref.kind,
        metadata: { name },
      })) as NodeClassObject | undefined;
    } catch (error) {
      if (!(error instanceof ClusterApiError)) throw error;
      ctx.logger.warn(`Could not read ${ref.kind} ${name}: ${error.message}`);
      continue;
    }
    if (!object) {
      out.push({ name, exists: false, amiAliases: [] });
      continue;
    }
    const amiAliases = (object.spec?.amiSelectorTerms ?? [])
      .map(term => term?.alias)
      .filter((alias): alias is string => typeof alias === 'string');
    const ready = (object.status?.conditions ?? []).find(
      c => c?.type === 'Ready',
    );
    const readyStatus =
      typeof ready?.status === 'string' ? ready.status : undefined;
    const readyMessage = [ready?.message, ready?.reason].find(
      (m): m is string => typeof m === 'string' && m !== '',
    );
    out.push({
      name,
      exists: true,
      amiAliases,
      ...(readyStatus ? { ready: readyStatus } : {}),
      ...(readyStatus !== 'True' && readyMessage ? { readyMessage } : {}),
    });
  }
  return out;
}
