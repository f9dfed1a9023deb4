import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type {
  DecisionRecord,
  PoolRecord,
  RequestRecord,
} from '@nodepools/plugin-nodepools-common';
import type { NodePoolsStore } from '../database/NodePoolsStore';
import { describeViolations } from './filing';
import { ConcurrentUpdateError } from './FieldValidationError';
import { grantToPool } from './grantToPool';
import {
  previewBasis,
  storedRequest,
  withClusterFindings,
  type ClusterFindings,
} from './previewing';
import { refusalOf } from './serverVerdict';
import { clusterOf, type Actor, type WorkflowContext } from './WorkflowContext';

const MAX_ATTEMPTS = 8;

/** One decision as the caller asked for it. */
interface Decision {
  actor: Actor;
  decision: 'approve' | 'reject';
  comment?: string;
}

/** What a decision wrote: the request after it, and the pool it granted, if any. */
interface Decided {
  request: RequestRecord;
  granted?: PoolRecord;
}

/**
 * Records an approval or a rejection; approving with enough distinct approvers applies it to the
 * pool. `known` is the request as the caller just read it (or its id): it is what the API server
 * is asked about; each attempt reads the request afresh, once, inside its transaction.
 */
export async function decide(
  ctx: WorkflowContext,
  known: RequestRecord | string,
  asked: Decision,
): Promise<RequestRecord> {
  const id = typeof known === 'string' ? known : known.id;
  const findings =
    asked.decision === 'approve'
      ? await checkWithServer(ctx, known)
      : undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const { request, granted } = await ctx.store.transaction(tx =>
        decideOnce(ctx, tx, id, asked, findings),
      );
      if (request.state === 'approved') {
        ctx.onApproved?.(request.cluster);
        if (granted) await ctx.onPoolChanged?.(granted);
      }
      if (request.state !== 'pending') await ctx.notifier?.decided(request);
      return request;
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= MAX_ATTEMPTS)
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
async function checkWithServer(
  ctx: WorkflowContext,
  known: RequestRecord | string,
): Promise<ClusterFindings> {
  const request =
    typeof known === 'string' ? await ctx.store.getRequest(known) : known;
  if (!request || request.state !== 'pending') return { warnings: [] }; // the transaction says why
  let basis;
  try {
    basis = await previewBasis(ctx, ctx.store, storedRequest(request));
  } catch {
    return { warnings: [] }; // malformed against today's policy: the transaction's own check answers
  }
  const findings = await withClusterFindings(ctx, basis);
  const { warnings, server } = findings;
  const refusal = refusalOf(server);
  if (refusal) throw new ConflictError(refusal);
  return server ? { warnings, server } : { warnings };
}

/** Who may decide, on what: everything that refuses a decision before anything is written. */
function assertMayDecide<R extends RequestRecord>(
  ctx: WorkflowContext,
  request: R | undefined,
  id: string,
  actor: Actor,
  now: string,
): asserts request is R {
  if (!request) throw new NotFoundError(`no request ${id}`);
  if (request.state !== 'pending')
    throw new ConflictError(`request ${id} is ${request.state}, not pending`);
  if (request.expiresAt <= now)
    throw new ConflictError(`request ${id} expired at ${request.expiresAt}`);
  if (request.requester === actor.userRef)
    throw new NotAllowedError('requesters never decide on their own request');
  const { policy, name } = clusterOf(ctx.config, request.cluster);
  if (!policy.approverGroups.some(g => actor.ownershipRefs.includes(g))) {
    throw new NotAllowedError(
      `only members of ${policy.approverGroups.join(
        ', ',
      )} may decide on requests for ${name}`,
    );
  }
}

/** One attempt, in one transaction; a row changed meanwhile throws {@link ConcurrentUpdateError}. */
async function decideOnce(
  ctx: WorkflowContext,
  tx: NodePoolsStore,
  id: string,
  { actor, decision, comment }: Decision,
  findings: ClusterFindings | undefined,
): Promise<Decided> {
  const read = await tx.getRequest(id);
  const now = ctx.now().toISOString();
  assertMayDecide(ctx, read, id, actor, now);
  const { version, ...request } = read;
  const made: DecisionRecord = {
    actor: actor.userRef,
    decision,
    comment,
    createdAt: now,
  };
  const after = {
    ...request,
    decisions: [...request.decisions, made],
    updatedAt: now,
  };
  const record = async (
    change: Parameters<NodePoolsStore['recordChange']>[0],
  ) => {
    if (!(await tx.recordChange(change, now)))
      throw new ConcurrentUpdateError();
  };

  if (decision === 'reject') {
    await record({
      request: { id, version, patch: { state: 'rejected', reason: comment } },
      decision: made,
      events: [
        {
          requestId: id,
          poolId: request.poolId,
          type: 'request.rejected',
          actor: actor.userRef,
          message: `${actor.userRef} rejected the request: ${
            comment ?? ''
          }`.trim(),
        },
      ],
    });
    return { request: { ...after, state: 'rejected', reason: comment } };
  }

  const { quorum } = clusterOf(ctx.config, request.cluster).policy;
  const approvals =
    request.decisions.filter(d => d.decision === 'approve').length + 1;
  if (approvals < quorum) {
    // Bumping the version makes concurrent deciders retry with this approval counted.
    await record({
      request: { id, version, patch: {} },
      decision: made,
      events: [
        {
          requestId: id,
          poolId: request.poolId,
          type: 'request.approval-recorded',
          actor: actor.userRef,
          message: `${
            actor.userRef
          } approved (${approvals} of ${quorum})${withComment(comment)}`,
          ...(comment ? { data: { comment } } : {}),
        },
      ],
    });
    return { request: after };
  }

  // Claim the row first: concurrent deciders serialise here, and the losers retry with fresh
  // state. Nothing the history shows changes yet, so the claim has no event of its own.
  await record({
    request: { id, version, patch: {} },
    decision: made,
    events: [],
  });
  // The team's other pools may have changed since the request was filed: check again, holding
  // the team's budget so a concurrent approval for the same team waits and then sees this grant.
  await tx.lockTeamBudget(request.cluster, request.owner);
  const { preview, target } = await previewBasis(
    ctx,
    tx,
    storedRequest(request),
  );
  if (!preview.policy.allowed) {
    throw new ConflictError(
      `the request no longer fits the cluster policy: ${describeViolations(
        preview.policy.violations,
      )}`,
    );
  }
  const grant = grantToPool(after, target, actor, now, ctx.newId);
  const poolId = grant.granted.id;
  await record({
    request: { id, version: version + 1, patch: { state: 'approved', poolId } },
    pool: grant.pool,
    events: [
      grant.event,
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
    ],
  });
  // Exactly what was agreed to, readable after the pool is applied (when a live preview would
  // compare the request with itself).
  await tx.saveApprovedPreview(id, {
    preview,
    warnings: findings?.warnings ?? [],
    ...(findings?.server ? { server: findings.server } : {}),
    approvedAt: now,
  });
  return {
    request: { ...after, state: 'approved', poolId },
    granted: grant.granted,
  };
}

/** An approver's comment as the history shows it after "approved". */
function withComment(comment: string | undefined): string {
  return comment ? `: "${comment}"` : '';
}
