/**
 * Query and body shapes of the nodepools backend's REST API (`/api/nodepools`) as the client sends
 * them. The responses (records, pages, clusters, health, previews) are declared once, in
 * `@nodepools/plugin-nodepools-common`, for the backend's routes and this client; they are
 * re-exported here under the names this package has always exported.
 */
import type {
  FieldError,
  PolicyViolation,
  PoolPhase,
  PoolSpec,
  RequestKind,
  RequestState,
} from '@nodepools/plugin-nodepools-common';

export type {
  ClusterHealth,
  DeliveryTarget,
  ClusterHealthState,
  ClusterList,
  ClusterNodeClass,
  ClusterPolicySummary,
  ClusterSummary,
  NodePoolsHealth,
  RequestPreviewResult,
  ResourceQuantities,
  ServerVerdict,
  ServerVerdicts,
} from '@nodepools/plugin-nodepools-common';

/** Paging of every list route. */
export interface PageQuery {
  /** 1 to 200; the backend defaults to 50. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** `GET /pools` filters. */
export interface PoolListQuery extends PageQuery {
  /** A group entity ref such as `group:default/payments`. */
  owner?: string;
  cluster?: string;
  phase?: PoolPhase[];
}

/** `GET /requests` filters. */
export interface RequestListQuery extends PageQuery {
  state?: RequestState[];
  cluster?: string;
  owner?: string;
  /** A user entity ref; "my requests". */
  requester?: string;
  order?: 'newest' | 'oldest';
}

/** `POST /requests` body, without `dryRun` (the client sets it). */
export interface NewRequest {
  kind: RequestKind;
  owner: string;
  cluster: string;
  pool: string;
  justification: string;
  spec?: PoolSpec;
  /** The grant's lifetime (`30d`); on an update, an Extend. */
  lifetime?: string;
}

/** What a 400 from the backend says is wrong with the input, field by field. */
export interface InputProblems {
  fieldErrors: FieldError[];
  violations: PolicyViolation[];
}
