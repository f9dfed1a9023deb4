import {
  NODEPOOLS_ANNOTATIONS,
  type EventRecord,
} from '@nodepools/plugin-nodepools-common';
import type { VersionedPool } from '../database/NodePoolsStore';
import type { ReconcileOutcome } from '../reconciler/ClusterReconciler';
import {
  readClusterSnapshot,
  type ClusterSnapshot,
} from '../reconciler/ClusterSnapshot';
import { findDrift, otherSpecManagers } from '../reconciler/findDrift';
import { observeNodeClasses } from '../reconciler/observeNodeClasses';
import { observeStatus } from '../reconciler/observeStatus';
import { isOwned, isOursUnlabelled } from '../reconciler/ownership';
import type { ReconcileContext } from '../reconciler/ReconcileContext';
import { recordObservations } from '../reconciler/recordObservations';
import { recordPoolError } from '../reconciler/recordPoolError';
import { renderPoolObject } from '../reconciler/renderPoolObject';
import { deliveryChange } from './deliveryChange';
import type { DeliveryState, GitDelivery } from './GitDelivery';

/**
 * One pass over a cluster whose pools are delivered through git. Nothing is written to the
 * cluster: the GitOps controller owns it. Each pool whose approval the cluster does not show yet
 * is delivered (idempotently: its pull request is found again, not opened twice) and where the
 * delivery stands goes into the pool's history when it changes; the request becomes `applied`
 * only when the cluster carries the approved generation, and a decommissioned pool `removed` only
 * once its file is gone from the base branch and its NodePool from the cluster. Status is read as
 * in apply mode; drift is reported, never corrected.
 */
export async function reconcileThroughGit(
  ctx: ReconcileContext,
): Promise<ReconcileOutcome> {
  const pools = () => ctx.store.livePools(ctx.cluster.name);
  const snapshot = await readClusterSnapshot(ctx.client);
  const delivered = await deliverPending(ctx, await pools(), snapshot);
  await completeSynced(ctx, await pools(), snapshot, delivered);
  const statusChanged = await observeStatus(ctx, await pools(), snapshot);
  await reportDrift(ctx, await pools(), snapshot);
  await recordObservations(ctx, await pools(), snapshot);
  return {
    nodeClasses: await observeNodeClasses(ctx),
    applied: { tenancy: 0, namespaces: 0, nodePools: 0 },
    driftCorrected: 0,
    deleted: 0,
    statusChanged,
  };
}

/** Whether the cluster already shows the pool's approved generation (the object carries it). */
function synced(
  ctx: ReconcileContext,
  pool: VersionedPool,
  snapshot: Pick<ClusterSnapshot, 'nodePools'>,
): boolean {
  const live = liveObject(ctx, pool, snapshot);
  return (
    live?.metadata.annotations?.[NODEPOOLS_ANNOTATIONS.generation] ===
    String(pool.generation)
  );
}

function liveObject(
  ctx: ReconcileContext,
  pool: VersionedPool,
  snapshot: Pick<ClusterSnapshot, 'nodePools'>,
) {
  const name = renderPoolObject(pool, ctx.cluster.policy).metadata.name;
  const live = snapshot.nodePools.get(name);
  return live && (isOwned(live) || isOursUnlabelled(live, pool.id))
    ? live
    : undefined;
}

async function deliverPending(
  ctx: ReconcileContext,
  pools: VersionedPool[],
  snapshot: Pick<ClusterSnapshot, 'nodePools'>,
): Promise<Map<string, DeliveryState>> {
  const states = new Map<string, DeliveryState>();
  const config = ctx.cluster.delivery;
  if (!ctx.gitDelivery || !config)
    throw new Error(
      `cluster ${ctx.cluster.name} delivers through git, but no delivery is set up for it`,
    );
  // A missing integration fails the pass, as an unreachable cluster does: it is the cluster's.
  const delivery = ctx.gitDelivery();
  for (const pool of pools) {
    const pending =
      pool.phase === 'decommissioning' ||
      (pool.appliedGeneration !== pool.generation &&
        !synced(ctx, pool, snapshot));
    if (!pending) continue;
    try {
      const recent = (await ctx.store.history({ poolId: pool.id, limit: 50 }))
        .items;
      await closeSuperseded(ctx, delivery, pool, recent);
      const request = pool.approvedRequestId
        ? await ctx.store.getRequest(pool.approvedRequestId)
        : undefined;
      const state = await delivery.deliver(
        deliveryChange({
          cluster: ctx.cluster,
          delivery: config,
          pool,
          livePools: pools,
          request,
          link: pool.approvedRequestId
            ? delivery.requestLink(pool.approvedRequestId)
            : undefined,
        }),
      );
      states.set(pool.id, state);
      await recordDeliveryState(ctx, pool, state, recent);
    } catch (error) {
      await recordPoolError(ctx, pool, `git delivery failed: ${error}`);
    }
  }
  return states;
}

function describeState(state: DeliveryState): string {
  const pr = state.pullRequest;
  const where = pr ? `pull request #${pr.number} (${pr.url})` : '';
  if (state.state === 'open') return `${where} is open: waiting for a merge`;
  if (state.state === 'closed')
    return `${where} was closed without merge: the approval will not reach the cluster`;
  return `${
    pr ? `${where} is merged` : 'committed to the base branch'
  }: waiting for the cluster to sync it`;
}

/**
 * Closes the still-open pull request of the pool's earlier approvals: merged after the newer one,
 * it would put the older spec back. Each is recorded as superseded on its own request.
 */
async function closeSuperseded(
  ctx: ReconcileContext,
  delivery: GitDelivery,
  pool: VersionedPool,
  recent: EventRecord[],
): Promise<void> {
  const newest = new Map<string, EventRecord>();
  for (const event of recent)
    if (
      event.type === 'pool.delivery' &&
      event.requestId &&
      event.requestId !== pool.approvedRequestId &&
      !newest.has(event.requestId)
    )
      newest.set(event.requestId, event);
  for (const [requestId, event] of newest) {
    const number = event.data?.pullRequest;
    if (event.data?.state !== 'open' || typeof number !== 'number') continue;
    const closed = await delivery.closeSuperseded(number);
    await ctx.store.recordChange(
      {
        events: [
          {
            poolId: pool.id,
            requestId,
            type: 'pool.delivery',
            message: `pull request #${number} (${closed.url}) was closed: request ${pool.approvedRequestId} superseded it`,
            data: {
              state: 'superseded',
              pullRequest: number,
              url: closed.url,
              by: pool.approvedRequestId,
            },
          },
        ],
      },
      ctx.now(),
    );
  }
}

/** A history event when the delivery of the pool's approval moved on; the same state is not repeated. */
async function recordDeliveryState(
  ctx: ReconcileContext,
  pool: VersionedPool,
  state: DeliveryState,
  recent: EventRecord[],
): Promise<void> {
  const requestId = pool.approvedRequestId;
  const last = recent.find(
    e => e.type === 'pool.delivery' && e.requestId === requestId,
  );
  if (last?.data?.state === state.state) return;
  await ctx.store.recordChange(
    {
      events: [
        {
          poolId: pool.id,
          requestId,
          type: 'pool.delivery',
          message: describeState(state),
          data: {
            state: state.state,
            generation: pool.generation,
            ...(state.pullRequest
              ? {
                  pullRequest: state.pullRequest.number,
                  url: state.pullRequest.url,
                }
              : {}),
          },
        },
      ],
    },
    ctx.now(),
  );
}

/**
 * Marks what the cluster now shows: a pool whose NodePool carries the approved generation is
 * applied, and a decommissioned pool whose file was removed in git and whose NodePool is gone
 * is removed; each completes its request.
 */
async function completeSynced(
  ctx: ReconcileContext,
  pools: VersionedPool[],
  snapshot: Pick<ClusterSnapshot, 'nodePools'>,
  delivered: Map<string, DeliveryState>,
): Promise<void> {
  for (const pool of pools) {
    const name = renderPoolObject(pool, ctx.cluster.policy).metadata.name;
    let patch;
    let event;
    if (pool.phase === 'decommissioning') {
      if (
        delivered.get(pool.id)?.state !== 'merged' ||
        snapshot.nodePools.has(name)
      )
        continue;
      patch = { phase: 'removed' as const };
      event = {
        type: 'pool.removed' as const,
        message: `NodePool ${name} is gone from ${pool.cluster}: its removal was synced from git`,
      };
    } else {
      if (pool.appliedGeneration === pool.generation) continue;
      if (!synced(ctx, pool, snapshot)) continue;
      patch = { appliedGeneration: pool.generation };
      event = {
        type: 'pool.applied' as const,
        message: `generation ${pool.generation} of NodePool ${name} was synced from git to the cluster`,
        data: { generation: pool.generation },
      };
    }
    await ctx.store.recordChange(
      {
        pool: {
          id: pool.id,
          version: pool.version,
          patch: { ...patch, lastError: null },
        },
        completes: pool.approvedRequestId,
        events: [
          { poolId: pool.id, requestId: pool.approvedRequestId, ...event },
        ],
      },
      ctx.now(),
    );
  }
}

/**
 * For pools the cluster showed at their approved generation: where the NodePool now differs from
 * the approval (or is gone), and which field managers changed it. Kept as the pool's `lastError`
 * with one event per distinct finding, and cleared once the cluster matches again. The GitOps
 * controller, not the portal, puts the approved spec back.
 */
async function reportDrift(
  ctx: ReconcileContext,
  pools: VersionedPool[],
  snapshot: Pick<ClusterSnapshot, 'nodePools'>,
): Promise<void> {
  for (const pool of pools) {
    if (pool.phase === 'decommissioning' || pool.phase === 'removed') continue;
    if (pool.appliedGeneration !== pool.generation) continue;
    const rendered = renderPoolObject(pool, ctx.cluster.policy);
    const live = liveObject(ctx, pool, snapshot);
    const paths = live ? findDrift(rendered, live) : ['(object)'];
    const managers = live ? otherSpecManagers(live) : [];
    const finding =
      paths.length === 0
        ? undefined
        : `drift: NodePool ${rendered.metadata.name} ${
            live
              ? `differs from the approval (${paths.join(', ')})${
                  managers.length ? `; changed by ${managers.join(', ')}` : ''
                }`
              : 'is missing from the cluster'
          }; git delivery leaves the correction to the GitOps controller`;
    const wasDrift = pool.lastError?.startsWith('drift: ') ?? false;
    if (finding === pool.lastError || (!finding && !wasDrift)) continue;
    await ctx.store.recordChange(
      {
        pool: {
          id: pool.id,
          version: pool.version,
          patch: { lastError: finding ?? null },
        },
        events: finding
          ? [
              {
                poolId: pool.id,
                requestId: pool.approvedRequestId,
                type: 'pool.drift-detected',
                message: finding,
                data: { paths, managers },
              },
            ]
          : [],
      },
      ctx.now(),
    );
  }
}
