import type { DeliveryTarget } from '@nodepools/plugin-nodepools-common';
import type { ClusterConfig } from '@nodepools/plugin-nodepools-node';
import { poolFilePath } from './deliveryFiles';

/** Where the request's pool file goes, for a cluster with git delivery; undefined otherwise. */
export function deliveryTarget(
  cluster: ClusterConfig,
  request: { owner: string; pool: string },
): DeliveryTarget | undefined {
  const delivery = cluster.delivery;
  if (!delivery) return undefined;
  return {
    repository: delivery.repository,
    branch: delivery.branch,
    path: poolFilePath(delivery, cluster.name, {
      owner: request.owner,
      name: request.pool,
    }),
    mode: delivery.mode,
  };
}
