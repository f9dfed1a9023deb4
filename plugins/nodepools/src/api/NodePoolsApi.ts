import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  EventRecord,
  Page,
  PoolRecord,
  PoolSamplesResponse,
  RequestRecord,
  TeamSpend,
} from '@nodepools/plugin-nodepools-common';
import type {
  ClusterSummary,
  NewRequest,
  NodePoolsHealth,
  PageQuery,
  PoolListQuery,
  RequestListQuery,
  RequestPreviewResult,
} from './types';

/**
 * The nodepools backend. Rejects with a `ResponseError` carrying the backend's message; a 400's
 * field errors and policy violations are read with `inputProblemsOf`.
 */
export interface NodePoolsApi {
  /** The backend's health: its own status, its database's and how many clusters it knows. */
  getHealth(): Promise<NodePoolsHealth>;
  /** The configured clusters with the policy that applies to requests on each, and their health. */
  listClusters(): Promise<ClusterSummary[]>;
  listPools(query?: PoolListQuery): Promise<Page<PoolRecord>>;
  getPool(id: string): Promise<PoolRecord>;
  /** The team's pools' cost ceilings on every cluster against its dollar budget, if it has one. */
  getTeamSpend(owner: string): Promise<TeamSpend>;
  getPoolHistory(id: string, page?: PageQuery): Promise<Page<EventRecord>>;
  /** The pool's hourly spend samples of the last `days` days (30 by default), oldest first. */
  getPoolSamples(id: string, days?: number): Promise<PoolSamplesResponse>;
  /** Files a request; the backend answers 201 with it pending. */
  createRequest(request: NewRequest): Promise<RequestRecord>;
  /**
   * What a request would do, without filing it (`dryRun`; only for members of the owning team),
   * with warnings about the cluster.
   */
  previewRequest(request: NewRequest): Promise<RequestPreviewResult>;
  listRequests(query?: RequestListQuery): Promise<Page<RequestRecord>>;
  getRequest(id: string): Promise<RequestRecord>;
  /**
   * What a pending request would do if approved now, with warnings about the cluster, for anyone
   * who may read it. Rejects with 404 when it may not be read, 409 when it is no longer pending.
   */
  getRequestPreview(id: string): Promise<RequestPreviewResult>;
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
