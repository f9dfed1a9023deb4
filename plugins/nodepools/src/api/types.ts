/**
 * Wire shapes of the nodepools backend's REST API (`/api/nodepools`), as the frontend reads them.
 *
 * They are declared here rather than imported from `@nodepools/plugin-nodepools-common` because the
 * common package's API types are still being written; once it exports them, these become aliases.
 */

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
}

/** One configured cluster and its policy, from `GET /clusters`. */
export interface ClusterSummary {
  name: string;
  title?: string;
  description?: string;
  policy: ClusterPolicySummary;
}

/** `GET /clusters`. */
export interface ClusterList {
  items: ClusterSummary[];
}
