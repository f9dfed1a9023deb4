import type { ResourceEntity } from '@backstage/catalog-model';
import {
  formatQuantity,
  nodePoolName,
  quantity,
  teamSlug,
  type PoolRecord,
} from '@nodepools/plugin-nodepools-common';
import { CLUSTER_ANNOTATION } from './clusterEntity';

/** Annotations that tie a pool entity to the backend. */
export const POOL_ANNOTATIONS = {
  poolId: 'nodepools.backstage.io/pool-id',
  cluster: CLUSTER_ANNOTATION,
  nodePool: 'nodepools.backstage.io/nodepool-name',
} as const;

/** The entity name of a pool: `<cluster>.<team>.<pool>` (unique, as cluster names hold no dot), or its id when that is too long for a name. */
export function poolEntityName(
  pool: Pick<PoolRecord, 'id' | 'cluster' | 'owner' | 'name'>,
): string {
  const name = `${pool.cluster}.${nodePoolName(
    teamSlug(pool.owner),
    pool.name,
  )}`;
  return name.length <= 63 ? name : `nodepool-${pool.id}`.slice(0, 63);
}

/** A pool as a catalog `Resource` of type `karpenter-nodepool`, owned by its team, depending on its cluster. */
export function poolEntity(
  pool: PoolRecord,
  locationKey: string,
  appBaseUrl: string,
): ResourceEntity {
  const npName = nodePoolName(teamSlug(pool.owner), pool.name);
  const limits = `${formatQuantity(
    quantity(pool.spec.limits.cpu),
  )} CPU, ${formatQuantity(
    quantity(pool.spec.limits.memory),
    'binary',
  )} memory`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: poolEntityName(pool),
      title: `${npName} (${pool.cluster})`,
      description:
        pool.description ??
        `Karpenter node pool of ${pool.owner} on ${pool.cluster}`,
      annotations: {
        [POOL_ANNOTATIONS.poolId]: pool.id,
        [POOL_ANNOTATIONS.cluster]: pool.cluster,
        [POOL_ANNOTATIONS.nodePool]: npName,
        // Limits are a ceiling Karpenter enforces, not capacity the team holds: say so where people read it.
        'nodepools.backstage.io/limits': `${limits} (ceiling)`,
        'backstage.io/managed-by-location': locationKey,
        'backstage.io/managed-by-origin-location': locationKey,
      },
      labels: { 'nodepools.backstage.io/phase': pool.phase },
      tags: ['karpenter', 'nodepool'],
      // The catalog accepts only absolute link URLs.
      links: [
        {
          url: `${appBaseUrl}/nodepools/pools/${pool.id}`,
          title: 'Pool status and history',
        },
      ],
    },
    spec: {
      type: 'karpenter-nodepool',
      owner: pool.owner,
      dependsOn: [`resource:default/${pool.cluster}`],
    },
  };
}
