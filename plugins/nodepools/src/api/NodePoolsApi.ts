import { createApiRef } from '@backstage/frontend-plugin-api';
import type { ClusterSummary, NodePoolsHealth } from './types';

/** Reads the nodepools backend. Rejects with a `ResponseError` carrying the backend's message. */
export interface NodePoolsApi {
  /** The backend's health: its own status, its database's and how many clusters it knows. */
  getHealth(): Promise<NodePoolsHealth>;
  /** The configured clusters with the policy that applies to requests on each. */
  listClusters(): Promise<ClusterSummary[]>;
}

/** The Utility API reference for {@link NodePoolsApi}. */
export const nodePoolsApiRef = createApiRef<NodePoolsApi>().with({
  id: 'plugin.nodepools.api',
  pluginId: 'nodepools',
});
