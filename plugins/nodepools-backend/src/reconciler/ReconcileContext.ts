import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterConfig } from '@nodepools/plugin-nodepools-node';
import type { NodePoolsStore } from '../database/NodePoolsStore';
import type { GitDelivery } from '../delivery/GitDelivery';
import type { PoolSampler } from '../samples/PoolSampler';
import type { RequestNotifier } from '../workflow/RequestNotifier';
import type { ClusterClient } from './ClusterClient';

/** What every reconcile step of one cluster gets: the cluster, its client, the store and a clock. */
export interface ReconcileContext {
  cluster: ClusterConfig;
  client: ClusterClient;
  store: NodePoolsStore;
  logger: LoggerService;
  /** The current time as an ISO string; tests pass a fixed clock. */
  now: () => string;
  /** Tells a requester their approved request failed; absent in a portal without notifications. */
  notifier?: RequestNotifier;
  /** A cluster with `delivery: git`: where its approvals go (see reconcileThroughGit). */
  gitDelivery?: () => GitDelivery;
  /** Records the hourly spend samples; absent where no one asked for them (some tests). */
  sampler?: PoolSampler;
}
