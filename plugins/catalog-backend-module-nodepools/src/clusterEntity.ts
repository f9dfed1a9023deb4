import type { ResourceEntity } from '@backstage/catalog-model';
import type { ClusterConfig } from '@nodepools/plugin-nodepools-node';

/** The location key of the cluster entities this module publishes. */
export const CLUSTER_LOCATION_KEY = 'nodepools:clusters';

/** The annotation that ties a catalog entity to a NodePools cluster. */
export const CLUSTER_ANNOTATION = 'nodepools.backstage.io/cluster';

/** A configured cluster as a catalog `Resource` of type `kubernetes-cluster`, owned by the platform team. */
export function clusterEntity(
  cluster: ClusterConfig,
  owner: string,
  locationKey: string,
): ResourceEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: cluster.name,
      title: cluster.title,
      description:
        cluster.description ??
        `Kubernetes cluster where teams can request Karpenter node pools`,
      annotations: {
        [CLUSTER_ANNOTATION]: cluster.name,
        'backstage.io/managed-by-location': locationKey,
        'backstage.io/managed-by-origin-location': locationKey,
      },
      tags: ['kubernetes', 'karpenter'],
    },
    spec: { type: 'kubernetes-cluster', owner },
  };
}
