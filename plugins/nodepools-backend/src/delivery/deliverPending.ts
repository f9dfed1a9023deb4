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
      const request = pool.approvedRequestId
        ? await ctx.store.getRequest(pool.approvedRequestId)
        : undefined;
      const change = deliveryChange({
        cluster: ctx.cluster,
        delivery: config,
        pool,
        livePools: pools,
        request,
        link: pool.approvedRequestId
          ? delivery.requestLink(pool.approvedRequestId)
          : undefined,
      });
      await closeSuperseded(ctx, delivery, pool, recent, change.branch);
      const state = await delivery.deliver(change);
      states.set(pool.id, state);
      await recordDeliveryState(ctx, pool, state, recent, change.branch);
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

/** The branch a delivery event is about (events written before branches were recorded: none). */
function branchOf(event: EventRecord): string | undefined {
  const branch = event.data?.branch;
  return typeof branch === 'string' ? branch : undefined;
}

/**
 * Closes the still-open pull requests of the pool's other deliveries (earlier approvals, or the
 * creation a grant's expiry removes): merged after the newer one, each would put an older spec
 * back. Each is recorded as superseded on its own request.
 */
async function closeSuperseded(
  ctx: ReconcileContext,
  delivery: GitDelivery,
  pool: VersionedPool,
  recent: EventRecord[],
  branch: string,
): Promise<void> {
  const newest = new Map<string, EventRecord>();
  for (const event of recent) {
    if (event.type !== 'pool.delivery' || !event.requestId) continue;
    const key = branchOf(event) ?? `request ${event.requestId}`;
    const other = branchOf(event)
      ? key !== branch
      : event.requestId !== pool.approvedRequestId;
    if (other && !newest.has(key)) newest.set(key, event);
  }
  // A grant's expiry has no request of its own: its removal, not a request, replaces the rest.
  const by =
    pool.phase === 'decommissioning'
      ? "the pool's removal"
      : `request ${pool.approvedRequestId}`;
  for (const event of newest.values()) {
    const requestId = event.requestId;
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
            message: `pull request #${number} (${closed.url}) was closed: ${by} superseded it`,
            data: {
              state: 'superseded',
              ...(branchOf(event) ? { branch: branchOf(event) } : {}),
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
  branch: string,
): Promise<void> {
  const requestId = pool.approvedRequestId;
  const last = recent.find(
    e =>
      e.type === 'pool.delivery' &&
      (branchOf(e) === branch || (!branchOf(e) && e.requestId === requestId)),
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
            branch,
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
