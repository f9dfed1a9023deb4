import {
  MANAGED_BY,
  NODEPOOLS_LABELS,
} from '@nodepools/plugin-nodepools-common';
import type { ClusterClient } from './ClusterClient';
import type { KubeObject } from './KubeObject';

const OWNED = `${NODEPOOLS_LABELS.managedBy}=${MANAGED_BY}`;

/** The label Karpenter puts on every NodeClaim: the name of its NodePool. */
export const NODEPOOL_LABEL = 'karpenter.sh/nodepool';

/**
 * What one pass knows of a cluster, read with a handful of list calls whatever the number of
 * pools, so a converged cluster costs a constant number of reads and no writes. NodePools are
 * listed whole (a cluster has tens, not thousands), so a name taken by someone else's NodePool is
 * seen without a get per pool; cluster-wide admission objects are listed by our label, and a
 * missing name is checked with a get before anything is created.
 */
export interface ClusterSnapshot {
  /** Every NodePool by name, ours or not (the steps check the label before they write). */
  nodePools: Map<string, KubeObject>;
  /** Karpenter's NodeClaims of any NodePool, grouped by NodePool name. */
  nodeClaims: Map<string, KubeObject[]>;
  /** `FailedScheduling` events: where Karpenter says a pool's limits keep pods pending. */
  schedulingEvents: KubeObject[];
  /** Every namespace by name (we label some; we never create one). */
  namespaces: Map<string, KubeObject>;
  /** Our admission policies and bindings by `kind/name`. */
  tenancy: Map<string, KubeObject>;
}

/** The key of an object in {@link ClusterSnapshot.tenancy}. */
export const tenancyKey = (object: Pick<KubeObject, 'kind' | 'metadata'>) =>
  `${object.kind}/${object.metadata.name}`;

const byName = (objects: KubeObject[]) =>
  new Map(objects.map(o => [o.metadata.name, o]));

/** What status is read from (a watch event reads only these). */
export type PoolObjects = Pick<
  ClusterSnapshot,
  'nodePools' | 'nodeClaims' | 'schedulingEvents'
>;

/** Reads the NodePools, NodeClaims and scheduling events: all that status needs. */
export async function readPoolObjects(
  client: ClusterClient,
): Promise<PoolObjects> {
  const [pools, claims, schedulingEvents] = await Promise.all([
    client.list('karpenter.sh/v1', 'NodePool'),
    client.list('karpenter.sh/v1', 'NodeClaim', NODEPOOL_LABEL),
    // Filtered by the API server, so a busy cluster's other events are not read.
    client.list('v1', 'Event', undefined, 'reason=FailedScheduling'),
  ]);
  const nodeClaims = new Map<string, KubeObject[]>();
  for (const claim of claims) {
    const pool = claim.metadata.labels?.[NODEPOOL_LABEL];
    if (!pool) continue;
    nodeClaims.set(pool, [...(nodeClaims.get(pool) ?? []), claim]);
  }
  return { nodePools: byName(pools), nodeClaims, schedulingEvents };
}

/** Reads everything a full pass compares against. */
export async function readClusterSnapshot(
  client: ClusterClient,
): Promise<ClusterSnapshot> {
  const [poolObjects, namespaces, policies, bindings] = await Promise.all([
    readPoolObjects(client),
    client.list('v1', 'Namespace'),
    client.list(
      'admissionregistration.k8s.io/v1',
      'ValidatingAdmissionPolicy',
      OWNED,
    ),
    client.list(
      'admissionregistration.k8s.io/v1',
      'ValidatingAdmissionPolicyBinding',
      OWNED,
    ),
  ]);
  return {
    ...poolObjects,
    namespaces: byName(namespaces),
    // Items of a List carry no kind of their own: key them by the kind that was listed.
    tenancy: new Map([
      ...policies.map(
        o =>
          [tenancyKey({ ...o, kind: 'ValidatingAdmissionPolicy' }), o] as const,
      ),
      ...bindings.map(
        o =>
          [
            tenancyKey({ ...o, kind: 'ValidatingAdmissionPolicyBinding' }),
            o,
          ] as const,
      ),
    ]),
  };
}
