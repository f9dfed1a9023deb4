/**
 * Wire shapes of the nodepools backend's REST API (`/api/nodepools`) that the common package does
 * not declare: health, the cluster summary with its health, the preview response, and the query and body shapes of the routes. Records
 * (pools, requests, events, pages, previews) come from `@nodepools/plugin-nodepools-common`.
 */
import type {
  ClusterPolicy,
  FieldError,
  PolicyViolation,
  PoolPhase,
  PoolSpec,
  PriceTable,
  RequestKind,
  RequestPreview,
  RequestState,
  ServerVerdicts,
} from '@nodepools/plugin-nodepools-common';

/** `GET /health`: whether the backend, its database and its cluster configuration are usable. */
export interface NodePoolsHealth {
  /** `ok` when the backend is healthy. */
  status: string;
  /** `ok` when the backend can reach its database. */
  database: string;
  /** How many clusters the backend has configured. */
  clusters: number;
}

/** CPU and memory as Kubernetes quantities (`"64"`, `"256Gi"`); GPU only where the cluster allows it. */
export interface ResourceQuantities {
  cpu: string;
  memory: string;
  gpu?: string;
}

/** What the platform team allows teams to request on one cluster. */
export interface ClusterPolicySummary {
  /** EC2NodeClasses a pool may reference. */
  nodeClasses: string[];
  architectures: string[];
  capacityTypes: string[];
  instanceCategories: string[];
  /** The largest `limits` one NodePool may have. */
  maxPoolLimits: ResourceQuantities;
  /** The most one team may hold across all its pools on this cluster. */
  teamBudget: ResourceQuantities;
  /** How many approvals a request needs. */
  quorum: number;
  /** Catalog group refs whose members may approve. */
  approverGroups: string[];
  /** The taint key of team pools; workloads tolerate it with their team's slug as value. */
  taintKey?: string;
  /** The node label key of team pools; workloads select it with their team's slug. */
  teamLabelKey?: string;
  /**
   * The price table cost estimates use. Cards show monthly costs only when the backend sends it
   * (the policy has it, with defaults, but `GET /clusters` does not expose it yet).
   */
  prices?: PriceTable;
  /** How long grants last on the cluster; absent from a backend without grant lifetimes. */
  lifetime?: ClusterPolicy['lifetime'];
}

/**
 * How the backend's last reconcile of a cluster went. `unreachable`: the API server did not
 * answer; `error`: it answered but the pass failed; `unknown`: no pass yet since the backend
 * started, or the cluster has no `url` configured.
 */
export type ClusterHealthState =
  | 'healthy'
  | 'unreachable'
  | 'error'
  | 'unknown';

/** The `health` of a cluster in `GET /clusters`, as this backend instance saw it. */
export interface ClusterHealth {
  state: ClusterHealthState;
  /** Why it is not healthy. */
  message?: string;
  /** The last successful pass (ISO 8601). */
  lastReconcileAt?: string;
  /** While backing off after a failure: when periodic passes try again (ISO 8601). */
  nextAttemptAt?: string;
}

/** One allowed node class as the reconciler last read it from the cluster. */
export interface ClusterNodeClass {
  name: string;
  /** False when the cluster has no node class of that name. */
  exists: boolean;
  amiAliases: string[];
  /** The Ready condition's status, when it has one. */
  ready?: string;
  readyMessage?: string;
  /** What the preview of a request using this class warns about it. */
  warnings: string[];
}

/** One configured cluster and its policy, from `GET /clusters`. */
export interface ClusterSummary {
  name: string;
  title?: string;
  description?: string;
  policy: ClusterPolicySummary;
  /** Absent only from a backend older than cluster health. */
  health?: ClusterHealth;
  /** The allowed node classes as the last reconcile saw them; absent before one. */
  nodeClasses?: ClusterNodeClass[];
}

/** `GET /clusters`. */
export interface ClusterList {
  items: ClusterSummary[];
}

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

/**
 * `GET /requests/:id/preview` and `POST /requests` with `dryRun`: what the request would do, and
 * warnings about the cluster (an unpinned AMI alias, a node class that is not Ready or missing)
 * from the reconciler's last pass.
 */
export interface RequestPreviewResult {
  /**
   * `diffBase` says what `diff` compares against (the live NodePool as last observed, with its
   * age) and where that differs from the approved spec; absent from backends older than it.
   */
  preview: RequestPreview;
  /** Empty before the reconciler's first pass, or when there is nothing to warn about. */
  warnings: string[];
  /**
   * The target cluster's API server's dry-run verdict on the NodePool; absent for a cluster
   * without url, a decommission, or a backend older than it.
   */
  server?: ServerVerdicts;
  /**
   * Only on the preview of an approved request: when it was approved. Everything above is then
   * what the approvers saw, kept with the approval, not a live preview.
   */
  approvedAt?: string;
}

export type {
  ServerVerdict,
  ServerVerdicts,
} from '@nodepools/plugin-nodepools-common';

/** What a 400 from the backend says is wrong with the input, field by field. */
export interface InputProblems {
  fieldErrors: FieldError[];
  violations: PolicyViolation[];
}
