/** How the last reconcile of a cluster went, for the clusters endpoint and the UI. */
export interface ClusterHealth {
  cluster: string;
  /**
   * `unreachable`: no answer from the API server; `error`: it answered, but the pass failed;
   * `unknown`: no pass yet, or never one (no `url` configured: the message says so).
   */
  state: 'unknown' | 'healthy' | 'unreachable' | 'error';
  message?: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  /** Failures in a row; the backoff grows with it. */
  consecutiveFailures: number;
  /** Until when periodic passes skip the cluster (backoff); an approval still triggers one. */
  retryAfter?: string;
}
