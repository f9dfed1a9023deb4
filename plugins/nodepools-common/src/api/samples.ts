/**
 * One hour of a pool as the reconciler recorded it: provisioned capacity (what Karpenter
 * launched, not what pods use) and its run-rate at list prices before discounts.
 */
export interface PoolSample {
  /** The start of the hour, ISO 8601. */
  hour: string;
  /** Per hour at list prices; absent when the cluster has no price source. */
  runRateHourly?: number;
  currency?: string;
  /** Provisioned vCPU (the NodePool's status.resources.cpu). */
  vcpu: number;
  memoryGiB: number;
  nodes: number;
  /** The pool's vCPU limit at that hour. */
  vcpuLimit?: number;
}

/** GET /pools/{id}/samples: the pool's samples of the last `days` days, oldest first. */
export interface PoolSamplesResponse {
  items: PoolSample[];
  /** How long samples are kept, in days. */
  retentionDays: number;
  /** What the figures are, for the page to state. */
  summary: string;
}
