import type { EventRecord } from '@nodepools/plugin-nodepools-common';
import type { VersionedPool } from '../database/NodePoolsStore';
import type { ClusterSnapshot } from '../reconciler/ClusterSnapshot';
import type { ReconcileContext } from '../reconciler/ReconcileContext';
import { recordPoolError } from '../reconciler/recordPoolError';
import { deliveryChange } from './deliveryChange';
import type { DeliveryState, GitDelivery } from './GitDelivery';
import { synced } from './liveNodePool';

/**
 * Delivers each pool whose approval the cluster does not show yet, and returns where each delivery
 * stands; a failed delivery is kept as the pool's error.
 */
export async function deliverPending(
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
