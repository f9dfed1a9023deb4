import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  previewRequest,
  renderNodePool,
  type PoolRecord,
  type PriceBook,
  type RequestPreview,
  type RequestRecord,
} from '@nodepools/plugin-nodepools-common';
import type {
  ClusterConfig,
  NodePoolsConfig,
} from '@nodepools/plugin-nodepools-node';
import type { NodePoolsStore, VersionedPool } from '../database/NodePoolsStore';
import {
  ConcurrentUpdateError,
  FieldValidationError,
} from './FieldValidationError';
import {
  type NodeClassInfo,
  nodeClassWarnings,
} from '../reconciler/observeNodeClasses';
import type { RequestNotifier } from './RequestNotifier';
import type { ClusterClient } from '../reconciler/ClusterClient';
import type { ServerVerdicts } from '@nodepools/plugin-nodepools-common';
import { refusalOf, serverVerdicts } from './serverVerdict';

/** Who is acting: the user's entity ref and the groups they belong to. */
export interface Actor {
  userRef: string;
  ownershipRefs: string[];
}

/** Dependencies of the workflow; time and ids are passed in so tests control them. */
export interface RequestWorkflowOptions {
  store: NodePoolsStore;
  config: NodePoolsConfig;
  logger: LoggerService;
  notifier?: RequestNotifier;
  now?: () => Date;
  newId?: () => string;
  /** Called after a request is approved, so the reconciler can apply it at once. */
  onApproved?: (cluster: string) => void;
  /** Called after a pool changed (created, new generation, decommissioning), for the catalog. */
  onPoolChanged?: (pool: PoolRecord) => Promise<void>;
  /** The cluster's EC2NodeClasses as the reconciler last saw them, for the preview's warnings. */
  nodeClasses?: (
    cluster: string,
  ) => NodeClassInfo[] | undefined | Promise<NodeClassInfo[] | undefined>;
  /**
   * The reconciler's client of a cluster with an url: the preview asks its API server for a
   * dry-run verdict. Without it (or for a cluster without url) previews carry no server verdict.
   */
  clusterClient?: (cluster: string) => ClusterClient;
  /** How long a preview waits for the API server's verdict (default 2 s). */
  serverVerdictTimeoutMs?: number;
  /** The cluster's instance prices (cached; never fetched here); without them, fixed rates. */
  prices?: (cluster: ClusterConfig) => Promise<PriceBook | undefined>;
}

/** What the API answers for a preview: the common preview, and warnings about the cluster. */
export interface PreviewResponse {
  preview: RequestPreview;
  /** E.g. the node class uses an unpinned AMI alias or is not Ready; empty when all is well. */
  warnings: string[];
  /** The target API server's dry-run verdict per object; absent when there is no cluster to ask. */
  server?: ServerVerdicts;
}

/** What an approver sees besides the preview: warnings about the cluster, the server's verdict. */
type ClusterFindings = Pick<PreviewResponse, 'warnings' | 'server'>;

const MAX_ATTEMPTS = 8;

/**
 * The request lifecycle: file, approve (with quorum), reject, cancel, expire. Every transition is
 * one transaction that checks the request's version, appends history and changes the pool.
 */
export class RequestWorkflow {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly options: RequestWorkflowOptions) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  /** The cluster by name, or a 400 naming the field. */
  cluster(name: unknown): ClusterConfig {
    const cluster = this.options.config.clusters.find(c => c.name === name);
    if (!cluster) {
      const known =
        this.options.config.clusters.map(c => c.name).join(', ') || 'none';
      throw new FieldValidationError(
        `cluster: "${String(name)}" is not a configured cluster`,
        [
          {
            path: 'cluster',
            message: `must be one of the configured clusters (${known})`,
          },
        ],
      );
    }
    return cluster;
  }

  /** The team's undecided requests on the cluster: the preview shows their limits as reserved. */
  private async pendingOf(
    store: NodePoolsStore,
    cluster: string,
    owner: string | undefined,
  ): Promise<RequestRecord[]> {
    if (!owner) return [];
    const all: RequestRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listRequests({
        state: ['pending'],
        cluster,
        owner,
        order: 'oldest',
        limit: 100,
        cursor,
      });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  /** The full preview of a request against the live pools, without writing anything. */
  async preview(
    raw: unknown,
    store: NodePoolsStore = this.options.store,
  ): Promise<RequestPreview> {
    const cluster = this.cluster(
      (raw as { cluster?: unknown } | null)?.cluster,
    );
    const pools = await store.livePools(cluster.name);
    const target = pools.find(
      p =>
        p.owner === normalisedOwner(raw) &&
        p.name === (raw as { pool?: unknown }).pool,
    );
    // What the approved spec renders to now, and what the reconciler last saw run: the diff is
    // against the latter, and the preview says where the two differ.
    const observed = await store.observations(cluster.name);
    const approved = target
      ? renderNodePool(
          {
            id: target.id,
            owner: target.owner,
            name: target.name,
            generation: target.generation,
            requestId: target.approvedRequestId,
          },
          target.spec,
          cluster.policy,
        )
      : undefined;
    const result = previewRequest({
      request: raw,
      policy: cluster.policy,
      currentPools: pools,
      approved,
      live: target ? observed.nodePools.get(target.id) : undefined,
      takenNames: observed.takenNames,
      now: this.now().toISOString(),
      nodeCount: target?.status?.nodes,
      poolId: target?.id,
      generation: target ? target.generation + 1 : 1,
      pending: await this.pendingOf(store, cluster.name, normalisedOwner(raw)),
      prices: await this.options.prices?.(cluster),
    });
    if (!result.ok) {
      throw new FieldValidationError(
        `request is invalid: ${result.errors
          .map(e => `${e.path}: ${e.message}`)
          .join('; ')}`,
        result.errors,
      );
    }
    if (!cluster.url) {
      // Nothing could ever be applied there: say so before anyone files or approves it.
      const violation = {
        path: 'cluster',
        message: `cluster ${cluster.name} has no API server url configured, so no pool can be applied to it`,
        asked: cluster.name,
      };
      return {
        ...result.preview,
        policy: {
          allowed: false,
          violations: [violation, ...result.preview.policy.violations],
        },
      };
    }
    return result.preview;
  }

  /** {@link RequestWorkflow.preview} with the warnings about the node class the request uses. */
  async previewWithWarnings(raw: unknown): Promise<PreviewResponse> {
    const preview = await this.preview(raw);
    return this.withClusterFindings(preview);
  }

  /** {@link RequestWorkflow.previewStored} with the warnings, for the approvers' view. */
  async previewStoredWithWarnings(
    request: Parameters<RequestWorkflow['previewStored']>[0],
  ): Promise<PreviewResponse> {
    const preview = await this.previewStored(request);
    return this.withClusterFindings(preview);
  }

  private async withClusterFindings(
    preview: RequestPreview,
  ): Promise<PreviewResponse> {
    // Both ask other parties (the shared pass state, the API server): at once, not one after the other.
    const [warnings, server] = await Promise.all([
      this.warnings(preview),
      this.serverVerdicts(preview),
    ]);
    return server ? { preview, warnings, server } : { preview, warnings };
  }

  /**
   * The target API server's dry-run verdict on the preview's NodePools, time-boxed; undefined
   * when there is nothing to ask (no client, no url, a decommission).
   */
  async serverVerdicts(
    preview: RequestPreview,
  ): Promise<ServerVerdicts | undefined> {
    const cluster = this.cluster(preview.request.cluster);
    if (!cluster.url || !this.options.clusterClient) return undefined;
    if (!preview.manifests.some(m => m.kind === 'NodePool')) return undefined;
    const observed = await this.options.store.observations(cluster.name);
    return serverVerdicts({
      cluster: cluster.name,
      client: this.options.clusterClient(cluster.name),
      manifests: preview.manifests,
      takenNames: observed.takenNames?.names,
      timeoutMs: this.options.serverVerdictTimeoutMs,
    });
  }

  private async warnings(preview: RequestPreview): Promise<string[]> {
    const { request } = preview;
    if (request.kind === 'decommission') return [];
    return nodeClassWarnings(
      request.cluster,
      request.spec.nodeClass,
      await this.options.nodeClasses?.(request.cluster),
    );
  }

  /**
   * The preview of a stored request as it would apply now: the same computation as a dry run of
   * the same fields, against the live pools (which may have changed since it was filed).
   */
  async previewStored(
    request: Pick<
      RequestRecord,
      'kind' | 'owner' | 'cluster' | 'pool' | 'justification' | 'spec'
    >,
    store: NodePoolsStore = this.options.store,
  ): Promise<RequestPreview> {
    return this.preview(
      {
        kind: request.kind,
        owner: request.owner,
        cluster: request.cluster,
        pool: request.pool,
        justification: request.justification,
        ...(request.spec ? { spec: request.spec } : {}),
      },
      store,
    );
  }

  /** Files a request as pending; refused with the violations when the policy does not allow it. */
  async file(raw: unknown, requester: Actor): Promise<RequestRecord> {
    return this.options.store.transaction(async tx => {
      const preview = await this.preview(raw, tx);
      if (!preview.policy.allowed) {
        throw new FieldValidationError(
          `the cluster policy refuses this request: ${preview.policy.violations
            .map(v => `${v.path}: ${v.message}`)
            .join('; ')}`,
          [],
          preview.policy.violations,
        );
      }
      const { request } = preview;
      const now = this.now();
      const cluster = this.cluster(request.cluster);
      const pool =
        request.kind === 'create'
          ? undefined
          : (await tx.livePools(request.cluster)).find(
              p => p.owner === request.owner && p.name === request.pool,
            );
      const record: RequestRecord = {
        id: this.newId(),
        kind: request.kind,
        cluster: request.cluster,
        owner: request.owner,
        pool: request.pool,
        poolId: pool?.id,
        spec: request.kind === 'decommission' ? undefined : request.spec,
        justification: request.justification,
        requester: requester.userRef,
        state: 'pending',
        policy: preview.policy,
        decisions: [],
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        expiresAt: new Date(
          now.getTime() + cluster.policy.requestExpiryHours * 3600_000,
        ).toISOString(),
      };
      await tx.insertRequest(record);
      await tx.appendEvent(
        {
          requestId: record.id,
          poolId: pool?.id,
          type: 'request.created',
          actor: requester.userRef,
          message: `${requester.userRef} requested to ${request.kind} pool ${request.pool} on ${request.cluster}`,
        },
        record.createdAt,
      );
      return record;
    });
  }

  /** Records an approval or a rejection; approving with enough distinct approvers applies it to the pool. */
  async decide(
    id: string,
    actor: Actor,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<RequestRecord> {
    const findings =
      decision === 'approve' ? await this.checkWithServer(id) : undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.options.store.transaction(tx =>
          this.decideOnce(tx, id, actor, decision, comment, findings),
        );
        if (result.state === 'approved') {
          this.options.onApproved?.(result.cluster);
          const pool = result.poolId
            ? await this.options.store.getPool(result.poolId)
            : undefined;
          if (pool) await this.options.onPoolChanged?.(pool);
        }
        if (result.state !== 'pending')
          await this.options.notifier?.decided(result);
        return result;
      } catch (error) {
        if (
          !(error instanceof ConcurrentUpdateError) ||
          attempt >= MAX_ATTEMPTS
        )
          throw error;
        await new Promise(resolve =>
          setTimeout(resolve, Math.random() * 20 * attempt),
        );
      }
    }
  }

  /**
   * An approval of what the target API server refuses is refused: it could never be applied.
   * Asked before the transaction (no network call while rows are locked); no answer (unreachable,
   * slow) does not block, as the core's own checks still hold. Returns what the approver was
   * shown besides the preview (warnings, the server's verdict), to keep with the approval.
   */
  private async checkWithServer(id: string): Promise<ClusterFindings> {
    const request = await this.options.store.getRequest(id);
    if (!request || request.state !== 'pending') return { warnings: [] }; // the transaction says why
    let preview: RequestPreview;
    try {
      preview = await this.previewStored(request);
    } catch {
      return { warnings: [] }; // malformed against today's policy: the transaction's own check answers
    }
    const { warnings, server } = await this.withClusterFindings(preview);
    const refusal = refusalOf(server);
    if (refusal) throw new ConflictError(refusal);
    return server ? { warnings, server } : { warnings };
  }

  private async decideOnce(
    tx: NodePoolsStore,
    id: string,
    actor: Actor,
    decision: 'approve' | 'reject',
    comment: string | undefined,
    findings: ClusterFindings | undefined,
  ): Promise<RequestRecord> {
    const request = await tx.getRequest(id);
    if (!request) throw new NotFoundError(`no request ${id}`);
    if (request.state !== 'pending')
      throw new ConflictError(`request ${id} is ${request.state}, not pending`);
    const now = this.now().toISOString();
    if (request.expiresAt <= now)
      throw new ConflictError(`request ${id} expired at ${request.expiresAt}`);
    if (request.requester === actor.userRef)
      throw new NotAllowedError('requesters never decide on their own request');
    const cluster = this.cluster(request.cluster);
    if (
      !cluster.policy.approverGroups.some(g => actor.ownershipRefs.includes(g))
    ) {
      throw new NotAllowedError(
        `only members of ${cluster.policy.approverGroups.join(
          ', ',
        )} may decide on requests for ${cluster.name}`,
      );
    }
    // Claim the row first: concurrent deciders serialise here, and the losers retry with fresh state.
    if (!(await tx.transitionRequest(id, request.version, {}, now)))
      throw new ConcurrentUpdateError();
    const version = request.version + 1;
    await tx.insertDecision(id, {
      actor: actor.userRef,
      decision,
      comment,
      createdAt: now,
    });

    if (decision === 'reject') {
      await this.transition(
        tx,
        id,
        version,
        { state: 'rejected', reason: comment },
        now,
      );
      await tx.appendEvent(
        {
          requestId: id,
          poolId: request.poolId,
          type: 'request.rejected',
          actor: actor.userRef,
          message: `${actor.userRef} rejected the request: ${
            comment ?? ''
          }`.trim(),
        },
        now,
      );
      return (await tx.getRequest(id))!;
    }

    const approvals =
      request.decisions.filter(d => d.decision === 'approve').length + 1;
    if (approvals < cluster.policy.quorum) {
      await tx.appendEvent(
        {
          requestId: id,
          poolId: request.poolId,
          type: 'request.approval-recorded',
          actor: actor.userRef,
          message: `${actor.userRef} approved (${approvals} of ${
            cluster.policy.quorum
          })${withComment(comment)}`,
          ...(comment ? { data: { comment } } : {}),
        },
        now,
      );
      return (await tx.getRequest(id))!;
    }

    // The team's other pools may have changed since the request was filed: check again, holding
    // the team's budget so a concurrent approval for the same team waits and then sees this grant.
    await tx.lockTeamBudget(request.cluster, request.owner);
    const preview = await this.previewStored(request, tx);
    if (!preview.policy.allowed) {
      throw new ConflictError(
        `the request no longer fits the cluster policy: ${preview.policy.violations
          .map(v => `${v.path}: ${v.message}`)
          .join('; ')}`,
      );
    }
    const poolId = await this.applyToPool(tx, request, actor, now);
    await this.transition(tx, id, version, { state: 'approved', poolId }, now);
    // Exactly what was agreed to, readable after the pool is applied (when a live preview would
    // compare the request with itself).
    await tx.saveApprovedPreview(id, {
      preview,
      warnings: findings?.warnings ?? [],
      ...(findings?.server ? { server: findings.server } : {}),
      approvedAt: now,
    });
    await tx.appendEvent(
      {
        requestId: id,
        poolId,
        type: 'request.approved',
        actor: actor.userRef,
        message: `${actor.userRef} approved${withComment(comment)}; ${
          request.kind
        } of ${request.pool} is waiting to be applied`,
        ...(comment ? { data: { comment } } : {}),
      },
      now,
    );
    return (await tx.getRequest(id))!;
  }

  /** Moves the approved change into the pool: a new pool, a new generation, or decommissioning. */
  private async applyToPool(
    tx: NodePoolsStore,
    request: RequestRecord,
    actor: Actor,
    now: string,
  ): Promise<string> {
    const current = (await tx.livePools(request.cluster)).find(
      p => p.owner === request.owner && p.name === request.pool,
    ) as VersionedPool | undefined;
    if (request.kind === 'create') {
      const pool: PoolRecord = {
        id: this.newId(),
        cluster: request.cluster,
        owner: request.owner,
        name: request.pool,
        phase: 'provisioning',
        spec: request.spec!,
        description: request.justification,
        generation: 1,
        approvedRequestId: request.id,
        createdAt: now,
        updatedAt: now,
      };
      await tx.insertPool(pool);
      await tx.appendEvent(
        {
          poolId: pool.id,
          requestId: request.id,
          type: 'pool.created',
          actor: actor.userRef,
          message: `pool ${pool.name} granted to ${pool.owner} on ${pool.cluster}`,
        },
        now,
      );
      return pool.id;
    }
    if (!current)
      throw new ConflictError(
        `pool ${request.pool} no longer exists on ${request.cluster}`,
      );
    const patch =
      request.kind === 'update'
        ? {
            spec: request.spec!,
            description: request.justification,
            generation: current.generation + 1,
            approvedRequestId: request.id,
            updatedAt: now,
          }
        : {
            phase: 'decommissioning' as const,
            approvedRequestId: request.id,
            updatedAt: now,
          };
    if (!(await tx.updatePool(current.id, current.version, patch)))
      throw new ConcurrentUpdateError();
    await tx.appendEvent(
      request.kind === 'update'
        ? {
            poolId: current.id,
            requestId: request.id,
            type: 'pool.updated',
            actor: actor.userRef,
            message: `pool ${current.name} spec approved as generation ${
              current.generation + 1
            }`,
          }
        : {
            poolId: current.id,
            requestId: request.id,
            type: 'pool.decommissioning',
            actor: actor.userRef,
            message: `pool ${current.name} approved for removal`,
          },
      now,
    );
    return current.id;
  }

  /** Withdraws a pending request; only its requester may. */
  async cancel(
    id: string,
    actor: Actor,
    reason?: string,
  ): Promise<RequestRecord> {
    return this.options.store.transaction(async tx => {
      const request = await tx.getRequest(id);
      if (!request) throw new NotFoundError(`no request ${id}`);
      if (request.requester !== actor.userRef)
        throw new NotAllowedError('only the requester may cancel a request');
      if (request.state !== 'pending')
        throw new ConflictError(
          `request ${id} is ${request.state}, not pending`,
        );
      const now = this.now().toISOString();
      await this.transition(
        tx,
        id,
        request.version,
        { state: 'cancelled', reason },
        now,
      );
      await tx.appendEvent(
        {
          requestId: id,
          poolId: request.poolId,
          type: 'request.cancelled',
          actor: actor.userRef,
          message: `${actor.userRef} cancelled the request${
            reason ? `: ${reason}` : ''
          }`,
        },
        now,
      );
      return (await tx.getRequest(id))!;
    });
  }

  /** Expires pending requests past their time; returns how many. Safe to run on many replicas. */
  async expirePending(): Promise<number> {
    const now = this.now().toISOString();
    let expired = 0;
    for (const request of await this.options.store.expiredPendingRequests(
      now,
    )) {
      const done = await this.options.store.transaction(async tx => {
        const fresh = await tx.getRequest(request.id);
        if (!fresh || fresh.state !== 'pending') return false;
        if (
          !(await tx.transitionRequest(
            fresh.id,
            fresh.version,
            {
              state: 'expired',
              reason: 'no decision before the request expired',
            },
            now,
          ))
        )
          return false;
        await tx.appendEvent(
          {
            requestId: fresh.id,
            poolId: fresh.poolId,
            type: 'request.expired',
            message: `request expired undecided at ${fresh.expiresAt}`,
          },
          now,
        );
        return true;
      });
      if (done) {
        expired++;
        await this.options.notifier?.decided({ ...request, state: 'expired' });
      }
    }
    if (expired)
      this.options.logger.info(
        `Expired ${expired} pending node pool request(s)`,
      );
    return expired;
  }

  private async transition(
    tx: NodePoolsStore,
    id: string,
    version: number,
    patch: Parameters<NodePoolsStore['transitionRequest']>[2],
    now: string,
  ) {
    if (!(await tx.transitionRequest(id, version, patch, now)))
      throw new ConcurrentUpdateError();
  }
}

/** An approver's comment as the history shows it after "approved". */
function withComment(comment: string | undefined): string {
  return comment ? `: "${comment}"` : '';
}

function normalisedOwner(raw: unknown): string | undefined {
  const owner = (raw as { owner?: unknown } | null)?.owner;
  if (typeof owner !== 'string') return undefined;
  return owner.includes(':') ? owner : `group:default/${owner}`;
}
