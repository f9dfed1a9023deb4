import type {
  NodePoolManifest,
  ObservedNodePool,
  ObservedNodePoolNames,
  PoolPhase,
  DecisionRecord,
  EventRecord,
  Page,
  PoolRecord,
  PoolStatus,
  RequestPreviewResult,
  RequestRecord,
  RequestState,
} from '@nodepools/plugin-nodepools-common';
import type { ResourceFilter } from '../permissions/resourceFilter';

/** Filters for listing pools. */
export interface PoolQuery {
  owner?: string;
  cluster?: string;
  phase?: PoolRecord['phase'][];
  /** The permission framework's conditions, applied in SQL. */
  filter?: ResourceFilter;
  limit: number;
  cursor?: string;
}

/** Filters for listing requests (the approval queue, "my requests"). */
export interface RequestQuery {
  state?: RequestState[];
  cluster?: string;
  owner?: string;
  requester?: string;
  order: 'newest' | 'oldest';
  filter?: ResourceFilter;
  limit: number;
  cursor?: string;
}

/** A new history entry: the store gives it its id and time. */
export type NewEvent = Omit<EventRecord, 'id' | 'createdAt'>;

/** Reads and writes of pools, requests, decisions and history. */
export interface NodePoolsStore {
  /** Runs the function in one database transaction; a thrown error rolls everything back. */
  transaction<T>(fn: (tx: NodePoolsStore) => Promise<T>): Promise<T>;
  /**
   * Inside a transaction, waits until no other transaction holds the team's budget on the cluster,
   * and holds it until this one ends, so budget checks and the grants they allow never interleave.
   */
  lockTeamBudget(cluster: string, owner: string): Promise<void>;

  listPools(query: PoolQuery): Promise<Page<PoolRecord>>;
  getPool(
    id: string,
    filter?: ResourceFilter,
  ): Promise<VersionedPool | undefined>;
  /** Every pool of a cluster that is not removed: what the policy counts. */
  livePools(cluster: string): Promise<VersionedPool[]>;
  /** How many pools each cluster has in each phase (for the pools-per-phase metric). */
  countPoolsByPhase(): Promise<
    Array<{ cluster: string; phase: PoolPhase; count: number }>
  >;
  insertPool(pool: PoolRecord): Promise<void>;
  /** Updates the given fields if the pool still has the expected version; false when it changed meanwhile. */
  updatePool(
    id: string,
    expectedVersion: number | undefined,
    patch: PoolPatch,
  ): Promise<boolean>;

  insertRequest(request: Omit<RequestRecord, 'decisions'>): Promise<void>;
  getRequest(
    id: string,
    filter?: ResourceFilter,
  ): Promise<(RequestRecord & { version: number }) | undefined>;
  listRequests(query: RequestQuery): Promise<Page<RequestRecord>>;
  /** Pools granted until at or before `until`, not yet being removed, soonest first. */
  expiringPools(until: string): Promise<VersionedPool[]>;
  /** Pending requests whose expiry is at or before `now`. */
  expiredPendingRequests(now: string): Promise<RequestRecord[]>;
  /** Keeps the preview the request was approved on (written once, in the approving transaction). */
  saveApprovedPreview(
    requestId: string,
    approved: ApprovedPreview,
  ): Promise<void>;
  /** The preview the request was approved on; undefined when it was not approved (or before it was kept). */
  approvedPreview(requestId: string): Promise<ApprovedPreview | undefined>;

  /**
   * Writes a change of a request and/or a pool together with the history events that record it,
   * all or nothing: false, with nothing written, when a version-checked row changed since it was
   * read. Every history event is written here.
   */
  recordChange(change: RecordedChange, now: string): Promise<boolean>;

  /** What the reconciler last observed of the cluster's NodePools; empty before its first pass. */
  observations(cluster: string): Promise<ClusterObservations>;
  /** Records what a pass saw that differs from {@link NodePoolsStore.observations}. */
  saveObservations(
    cluster: string,
    change: ObservationChange,
    now: string,
  ): Promise<void>;
  history(query: {
    poolId?: string;
    requestId?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<EventRecord>>;
}

/**
 * What the approvers saw when the request was approved: the preview, the cluster's warnings and
 * the API server's verdict, so the record shows exactly what was agreed to after it is applied.
 */
export type ApprovedPreview = RequestPreviewResult & { approvedAt: string };

/** A request's fields that change with its state. */
export interface RequestPatch {
  state?: RequestState;
  reason?: string;
  poolId?: string;
}

/** One change and its history, written by {@link NodePoolsStore.recordChange}. */
export interface RecordedChange {
  /** A new request, or one moved from the version it was read at (an empty patch only claims the row). */
  request?:
    | { insert: Omit<RequestRecord, 'decisions'> }
    | { id: string; version: number; patch: RequestPatch };
  /** A decision on the change's request. */
  decision?: DecisionRecord;
  /** A new pool, or one changed from the version it was read at (any version when undefined). */
  pool?:
    | { insert: PoolRecord }
    | {
        id: string;
        version: number | undefined;
        patch: Omit<PoolPatch, 'updatedAt'>;
      };
  /**
   * A notice about the pool's expiry, claimed with the change: when another replica already
   * claimed it, nothing is written and the change is refused as stale.
   */
  notice?: ExpiryNotice;
  /** The approved request the change carries out: it becomes 'applied' if it still is 'approved'. */
  completes?: string;
  /** What the history says of it, in order; empty only for a claim, which changes nothing shown. */
  events: NewEvent[];
}

/** One notice about a grant's expiry: a warning `lead` before it (`7d`), or `expiry` itself. */
export interface ExpiryNotice {
  poolId: string;
  expiresAt: string;
  lead: string;
}

/** Fields of a pool that change after it is created. */
export interface PoolPatch {
  phase?: PoolRecord['phase'];
  spec?: PoolRecord['spec'];
  description?: string;
  generation?: number;
  appliedGeneration?: number | null;
  approvedRequestId?: string;
  expiresAt?: string;
  status?: PoolStatus | null;
  lastError?: string | null;
  updatedAt: string;
}

/** The optimistic-concurrency version of a pool, as stored. */
export type VersionedPool = PoolRecord & { version: number };

/** What the reconciler last observed of one cluster's NodePools. */
export interface ClusterObservations {
  /** NodePool names held by objects the portal does not manage. */
  takenNames?: ObservedNodePoolNames;
  /** Each live pool's NodePool as seen, by pool id. */
  nodePools: Map<string, ObservedNodePool>;
}

/** What a pass saw that differs from what is stored; everything written is stamped `now`. */
export interface ObservationChange {
  /** The names held by objects we do not manage, when they changed (or are confirmed). */
  takenNames?: string[];
  /** Pools whose NodePool changed (no `nodePool`: the cluster had none of ours). */
  nodePools: Array<{ poolId: string; nodePool?: NodePoolManifest }>;
  /** Pools no longer live: their observations go. */
  forget: string[];
  /** Confirms every other observation of the cluster as still current. */
  confirmAll: boolean;
}
