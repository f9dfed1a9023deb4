import {
  runRate,
  type PoolRecord,
  type RunRate,
} from '@nodepools/plugin-nodepools-common';
import type { ClusterConfig } from '@nodepools/plugin-nodepools-node';
import type { ClusterPrices } from './ClusterPrices';

/**
 * The run-rate of a pool now: its NodeClaims as the reconciler last read them, priced from its
 * cluster's price source (list prices, provisioned nodes). Undefined when the cluster has no
 * price source or the pool has no observed status; a NodeClaim being deleted still counts, as
 * its node runs until Karpenter has drained it.
 */
export function poolRunRate(
  prices: Pick<ClusterPrices, 'forCluster'>,
  clusters: () => ClusterConfig[],
): (pool: PoolRecord) => Promise<RunRate | undefined> {
  return async pool => {
    const cluster = clusters().find(c => c.name === pool.cluster);
    if (!cluster || !pool.status) return undefined;
    const book = await prices.forCluster(cluster);
    if (!book) return undefined;
    return runRate(
      pool.status.nodeClaims ?? [],
      book,
      cluster.policy.prices.hoursPerMonth,
    );
  };
}
