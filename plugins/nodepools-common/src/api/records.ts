import type { PoolSpec } from '../model/PoolSpec';
import type { RequestKind } from '../model/PoolRequest';
import type { PolicyResult } from '../policy/evaluatePolicy';
import type { PoolPhase } from '../policy/teamBudget';
import type { RunRate } from '../cost/runRate';

/** Where a request is in its life. */
export const REQUEST_STATES = [
  'pending',
  'approved',
  'rejected',
  'cancelled',
  'expired',
  'applied',
  'failed',
] as const;
/** A request's state. */
export type RequestState = (typeof REQUEST_STATES)[number];

/** A Kubernetes-style condition as the reconciler reads it from the NodePool. */
export interface PoolCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** One NodeClaim of a pool (Karpenter's request for one node), as the reconciler last read it. */
export interface PoolNodeClaim {
  name: string;
  /** The Node it became, once registered. */
  nodeName?: string;
  instanceType?: string;
  /** `spot` or `on-demand`. */
  capacityType?: string;
  zone?: string;
  /** The claim's `status.capacity` (what the node has, not what pods use). */
  capacity?: Record<string, string>;
  /** Launched, Registered, Initialized, Ready, Drifted, ... as Karpenter reports them. */
  conditions: PoolCondition[];
  createdAt?: string;
  /** Set once Karpenter started removing the node. */
  deleting?: boolean;
}

/** Pods Karpenter recently could not place because the pool's limits leave no room. */
export interface LaunchBlockedByLimits {
  /** Distinct pods Karpenter reported within the last few minutes. */
  pods: number;
  /** Karpenter's message, as in `kubectl describe pod`. */
  message: string;
  /** When Karpenter last said so. */
  reportedAt: string;
}

/** What the reconciler last observed of a pool in its cluster. */
export interface PoolStatus {
  observedGeneration?: number;
  conditions: PoolCondition[];
  nodes?: number;
  /** `status.resources`: capacity of the pool's nodes (provisioned), not what pods use. */
  provisioned?: Record<string, string>;
  /** The pool's NodeClaims, sorted by name. */
  nodeClaims?: PoolNodeClaim[];
  /** Limits that provisioned capacity has reached: Karpenter launches no more nodes for the pool. */
  limitsReached?: Array<'cpu' | 'memory' | 'gpu'>;
  /**
   * Karpenter's own word that the pool's limits keep pods pending: no instance type fits in what
   * is left. It comes before `limitsReached` whenever the room left is smaller than any instance.
   */
  launchBlockedByLimits?: LaunchBlockedByLimits;
  observedAt: string;
}

/** A pool: the long-lived grant. */
export interface PoolRecord {
  id: string;
  cluster: string;
  owner: string;
  name: string;
  phase: PoolPhase;
  spec: PoolSpec;
  /** Why the pool exists: the justification of the request that created or last changed it. */
  description?: string;
  generation: number;
  appliedGeneration?: number;
  approvedRequestId?: string;
  /** When the grant runs out (approval + lifetime, moved by an Extend); none: it never does. */
  expiresAt?: string;
  status?: PoolStatus;
  lastError?: string;
  createdAt: string;
  updatedAt: string;
  /** What its nodes cost now at list prices (read routes only, when its cluster has prices). */
  runRate?: RunRate;
}

/** One approver's or rejecter's decision. */
export interface DecisionRecord {
  actor: string;
  decision: 'approve' | 'reject';
  comment?: string;
  createdAt: string;
}

/** A request as stored, with its decisions. */
export interface RequestRecord {
  id: string;
  kind: RequestKind;
  cluster: string;
  owner: string;
  pool: string;
  poolId?: string;
  spec?: PoolSpec;
  /** The grant's lifetime once approved (`30d`), the cluster's default applied at filing. */
  lifetime?: string;
  justification: string;
  requester: string;
  state: RequestState;
  /** The policy verdict when the request was filed. */
  policy: PolicyResult;
  /** Why it was rejected, cancelled, expired or failed. */
  reason?: string;
  decisions: DecisionRecord[];
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

/** Kinds of history events. */
export type EventType =
  | 'request.created'
  | 'request.approval-recorded'
  | 'request.approved'
  | 'request.rejected'
  | 'request.cancelled'
  | 'request.expired'
  | 'request.failed'
  | 'pool.created'
  | 'pool.updated'
  | 'pool.decommissioning'
  | 'pool.expiry-warning'
  | 'pool.expired'
  | 'pool.applied'
  | 'pool.status-changed'
  | 'pool.drift-corrected'
  /** Git delivery: the approval's pull request opened, merged, closed, or its commit pushed. */
  | 'pool.delivery'
  /** Git delivery: the cluster differs from the approval; reported, never corrected. */
  | 'pool.drift-detected'
  | 'pool.failed'
  | 'pool.removed';

/** One entry of the append-only history. */
export interface EventRecord {
  id: string;
  poolId?: string;
  requestId?: string;
  type: EventType;
  actor?: string;
  message: string;
  data?: Record<string, unknown>;
  createdAt: string;
}

/** A page of a list, with the cursor of the next page when there is one. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** The events-service topic on which the backend announces that a pool changed. */
export const POOL_CHANGED_TOPIC = 'nodepools.pool-changed';

/** The payload of a pool-changed event. */
export interface PoolChangedEvent {
  poolId: string;
  cluster: string;
  phase: PoolPhase;
}
