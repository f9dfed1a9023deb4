import type { ClusterHealthState } from '@nodepools/plugin-nodepools-common';

/**
 * How the passes of a cluster went, as the reconciler keeps it (shared between replicas through
 * the database). The API shows a part of it: `clusterHealthSummary` maps it to the wire's
 * `ClusterHealth` (declared in the common package).
 */
export interface ClusterHealth {
  cluster: string;
  /**
   * `unreachable`: no answer from the API server; `error`: it answered, but the pass failed;
   * `unknown`: no pass yet, or never one (no `url` configured: the message says so).
   */
  state: ClusterHealthState;
  message?: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  /** Failures in a row; the backoff grows with it. */
  consecutiveFailures: number;
  /** Until when periodic passes skip the cluster (backoff); an approval still triggers one. */
  retryAfter?: string;
}
