// The wire contract of `GET /clusters` and `GET /clusters/{name}`: the backend's routes build it,
// the frontend's client reads it.
import type { DisruptionBudget } from '../model/PoolSpec';
import type { ClusterPolicy, PriceTable } from '../policy/ClusterPolicy';
import type { NodeClassInfo } from '../preview/nodeClassWarnings';

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
  /**
   * The node class kind: which requirements the cluster can honour (kwok: no instance labels).
   * This and the fields below are absent from a backend older than the form's advanced step.
   */
  nodeClassRef?: { group: string; kind: string };
  minInstanceGeneration?: number;
  /** Whether `expireAfter: Never` is allowed. */
  allowNeverExpire?: boolean;
  /** What a request that leaves a setting out gets. */
  defaults?: {
    consolidationPolicy?: string;
    consolidateAfter?: string;
    expireAfter?: string;
    terminationGracePeriod?: string;
    budgets?: DisruptionBudget[];
    excludedInstanceSizes?: string[];
    weight?: number;
  };
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
  /** The price table cost estimates use (estimates only, nothing secret). */
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

/** The `health` of a cluster in `GET /clusters`, as the newest pass of any replica saw it. */
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
export interface ClusterNodeClass extends NodeClassInfo {
  /** What the preview of a request using this class warns about it (`nodeClassWarnings`). */
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
