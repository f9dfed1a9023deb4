import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  EventRecord,
  Page,
  PoolRecord,
  RequestPreview,
  RequestRecord,
} from '@nodepools/plugin-nodepools-common';
import type {
  ClusterSummary,
  NewRequest,
  NodePoolsHealth,
  PageQuery,
  PoolListQuery,
  RequestListQuery,
} from './types';

/**
 * The nodepools backend. Rejects with a `ResponseError` carrying the backend's message; a 400's
 * field errors and policy violations are read with `inputProblemsOf`.
 */
export interface NodePoolsApi {
  /** The backend's health: its own status, its database's and how many clusters it knows. */
  getHealth(): Promise<NodePoolsHealth>;
  /** The configured clusters with the policy that applies to requests on each. */
  listClusters(): Promise<ClusterSummary[]>;
  listPools(query?: PoolListQuery): Promise<Page<PoolRecord>>;
  getPool(id: string): Promise<PoolRecord>;
  getPoolHistory(id: string, page?: PageQuery): Promise<Page<EventRecord>>;
  /** Files a request; the backend answers 201 with it pending. */
  createRequest(request: NewRequest): Promise<RequestRecord>;
  /** What a request would do, without filing it (`dryRun`). */
  previewRequest(request: NewRequest): Promise<RequestPreview>;
  listRequests(query?: RequestListQuery): Promise<Page<RequestRecord>>;
  getRequest(id: string): Promise<RequestRecord>;
  getRequestHistory(id: string, page?: PageQuery): Promise<Page<EventRecord>>;
  approveRequest(id: string, comment?: string): Promise<RequestRecord>;
  /** `comment` is required by the backend (3 characters or more): the requester learns why. */
  rejectRequest(id: string, comment: string): Promise<RequestRecord>;
  cancelRequest(id: string, comment?: string): Promise<RequestRecord>;
}

/** The Utility API reference for {@link NodePoolsApi}. */
export const nodePoolsApiRef = createApiRef<NodePoolsApi>().with({
  id: 'plugin.nodepools.api',
  pluginId: 'nodepools',
});
