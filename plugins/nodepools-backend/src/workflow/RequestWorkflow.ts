import type {
  PoolRequest,
  RequestPreview,
  RequestRecord,
  ServerVerdicts,
  TeamSpend,
} from '@nodepools/plugin-nodepools-common';
import type { ClusterConfig } from '@nodepools/plugin-nodepools-node';
import type { NodePoolsStore } from '../database/NodePoolsStore';
import { cancelRequest } from './cancelling';
import { decide } from './deciding';
import { fileRequest } from './filing';
import {
  askServer,
  previewBasis,
  storedRequest,
  withClusterFindings,
  type PreviewResponse,
} from './previewing';
import { expirePending } from './RequestExpiry';
import { teamSpendOf } from './teamSpend';
import { checkGrantExpiry, type GrantExpiryPass } from './GrantExpiry';
import {
  clusterOf,
  workflowContext,
  type Actor,
  type RequestWorkflowOptions,
  type WorkflowContext,
} from './WorkflowContext';

export type { Actor, RequestWorkflowOptions } from './WorkflowContext';
export type { PreviewResponse } from './previewing';

/** A request as stored, as far as its preview needs it. */
type StoredRequest = Pick<
  RequestRecord,
  'kind' | 'owner' | 'cluster' | 'pool' | 'justification' | 'spec'
>;

/**
 * The request lifecycle as the router, the scheduler and the tests use it: preview, file,
 * approve (with quorum), reject, cancel, expire, and grants running out. Each concern lives in its
 * own file (previewing, filing, deciding, grantToPool, cancelling, RequestExpiry, GrantExpiry); every change is one transaction that
 * checks the request's version and writes its history with it (`NodePoolsStore.recordChange`).
 * Requests come in parsed (`parsePoolRequest`, at the route).
 */
export class RequestWorkflow {
  private readonly ctx: WorkflowContext;

  constructor(options: RequestWorkflowOptions) {
    this.ctx = workflowContext(options);
  }

  /** The cluster by name, or a 400 naming the field. */
  cluster(name: unknown): ClusterConfig {
    return clusterOf(this.ctx.config, name);
  }

  /** The team's pools' ceilings on every cluster against its dollar budget. */
  teamSpend(owner: string): Promise<TeamSpend> {
    return teamSpendOf(this.ctx, this.ctx.store, owner);
  }

  /** The full preview of a request against the live pools, without writing anything. */
  async preview(
    request: PoolRequest,
    store: NodePoolsStore = this.ctx.store,
  ): Promise<RequestPreview> {
    return (await previewBasis(this.ctx, store, request)).preview;
  }

  /** {@link RequestWorkflow.preview} with the cluster's warnings and the API server's verdict. */
  async previewWithWarnings(request: PoolRequest): Promise<PreviewResponse> {
    return withClusterFindings(
      this.ctx,
      await previewBasis(this.ctx, this.ctx.store, request),
    );
  }

  /**
   * The preview of a stored request as it would apply now: the same computation as a dry run of
   * the same fields, against the live pools (which may have changed since it was filed).
   */
  previewStored(
    request: StoredRequest,
    store: NodePoolsStore = this.ctx.store,
  ): Promise<RequestPreview> {
    return this.preview(storedRequest(request), store);
  }

  /** {@link RequestWorkflow.previewStored} with the warnings, for the approvers' view. */
  previewStoredWithWarnings(request: StoredRequest): Promise<PreviewResponse> {
    return this.previewWithWarnings(storedRequest(request));
  }

  /**
   * The target API server's dry-run verdict on the preview's NodePools, time-boxed; undefined
   * when there is nothing to ask (no client, no url, a decommission).
   */
  serverVerdicts(preview: RequestPreview): Promise<ServerVerdicts | undefined> {
    return askServer(
      this.ctx,
      preview,
      async () =>
        (await this.ctx.store.observations(preview.request.cluster)).takenNames
          ?.names,
    );
  }

  /** Files a request as pending; refused with the violations when the policy does not allow it. */
  file(request: PoolRequest, requester: Actor): Promise<RequestRecord> {
    return fileRequest(this.ctx, request, requester);
  }

  /**
   * Records an approval or a rejection; approving with enough distinct approvers applies it to
   * the pool. Given the request the caller just read, the API server is asked about that one
   * instead of reading it again.
   */
  decide(
    request: string | RequestRecord,
    actor: Actor,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<RequestRecord> {
    return decide(this.ctx, request, { actor, decision, comment });
  }

  /** Withdraws a pending request; only its requester may. */
  cancel(id: string, actor: Actor, reason?: string): Promise<RequestRecord> {
    return cancelRequest(this.ctx, id, actor, reason);
  }

  /** Expires pending requests past their time; returns how many. Safe to run on many replicas. */
  expirePending(): Promise<number> {
    return expirePending(this.ctx);
  }

  /** Warns of grants about to run out and expires those past their time. Safe on many replicas. */
  checkGrantExpiry(): Promise<GrantExpiryPass> {
    return checkGrantExpiry(this.ctx);
  }
}
