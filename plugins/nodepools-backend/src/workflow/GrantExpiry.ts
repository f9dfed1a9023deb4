import type { SchedulerService } from '@backstage/backend-plugin-api';
import {
  describeTimeLeft,
  lifetimeMs,
  type PoolRecord,
} from '@nodepools/plugin-nodepools-common';
import type { ExpiryNotice, VersionedPool } from '../database/NodePoolsStore';
import { decommissionGrant } from './grantToPool';
import type { WorkflowContext } from './WorkflowContext';

/** Who acts when a grant runs out: no person, the grant's own terms. */
export const SYSTEM_ACTOR = 'system';

/** What one pass sent and did. */
export interface GrantExpiryPass {
  warnings: number;
  expired: number;
}

/**
 * Warns before grants run out and carries out their expiry. Every notice is claimed in the same
 * write as its history event (`recordChange` with a `notice`): on any number of replicas each
 * warning is sent once per lead time and each expiry happens once; the pool's version check
 * makes an expiry lose to a decision taken meanwhile. Safe to run as often as wanted.
 */
export async function checkGrantExpiry(
  ctx: WorkflowContext,
): Promise<GrantExpiryPass> {
  const now = ctx.now();
  const longestLead = Math.max(
    0,
    ...ctx.config.clusters.flatMap(c =>
      c.policy.lifetime.warnBefore.map(lifetimeMs),
    ),
  );
  const pass = { warnings: 0, expired: 0 };
  const pools = await ctx.store.expiringPools(
    new Date(now.getTime() + longestLead).toISOString(),
  );
  for (const pool of pools) {
    const cluster = ctx.config.clusters.find(c => c.name === pool.cluster);
    if (!cluster || !pool.expiresAt) continue; // a removed cluster's pools wait for it to come back
    const left = new Date(pool.expiresAt).getTime() - now.getTime();
    if (left <= 0) {
      if (await expire(ctx, pool, cluster.policy.lifetime.onExpiry))
        pass.expired++;
      continue;
    }
    // Only the nearest lead time whose window is open: after an outage, one warning, not two.
    const lead = [...cluster.policy.lifetime.warnBefore]
      .filter(l => lifetimeMs(l) >= left)
      .sort((a, b) => lifetimeMs(a) - lifetimeMs(b))[0];
    if (lead && (await warn(ctx, pool, lead, left))) pass.warnings++;
  }
  if (pass.warnings || pass.expired)
    ctx.logger.info(
      `Grant lifetimes: ${pass.warnings} warning(s) sent, ${pass.expired} grant(s) expired`,
    );
  return pass;
}

async function warn(
  ctx: WorkflowContext,
  pool: VersionedPool,
  lead: string,
  left: number,
): Promise<boolean> {
  const notice = { poolId: pool.id, expiresAt: pool.expiresAt!, lead };
  const sent = await ctx.store.recordChange(
    {
      notice,
      events: [
        {
          poolId: pool.id,
          type: 'pool.expiry-warning',
          actor: SYSTEM_ACTOR,
          message: `the grant of pool ${pool.name} runs out at ${
            pool.expiresAt
          } (in ${describeTimeLeft(left)}); extend it to keep the pool`,
          data: { lead, expiresAt: pool.expiresAt },
        },
      ],
    },
    ctx.now().toISOString(),
  );
  if (sent) await tell(ctx, pool, notice, 'warning');
  return sent;
}

async function expire(
  ctx: WorkflowContext,
  pool: VersionedPool,
  onExpiry: 'decommission' | 'notify',
): Promise<boolean> {
  const now = ctx.now().toISOString();
  const notice = {
    poolId: pool.id,
    expiresAt: pool.expiresAt!,
    lead: 'expiry',
  };
  const data = {
    reason: 'expired',
    expiresAt: pool.expiresAt,
    grantedBy: pool.approvedRequestId,
  };
  if (onExpiry === 'notify') {
    const sent = await ctx.store.recordChange(
      {
        notice,
        events: [
          {
            poolId: pool.id,
            type: 'pool.expired',
            actor: SYSTEM_ACTOR,
            message: `the grant of pool ${pool.name} ran out at ${pool.expiresAt}; the cluster's policy only notifies, so the pool stays`,
            data,
          },
        ],
      },
      now,
    );
    if (sent) await tell(ctx, pool, notice, 'expired');
    return sent;
  }
  // The same change a decommission approval makes, by the system, on the grant's terms.
  const grant = decommissionGrant(pool, now, {
    actor: SYSTEM_ACTOR,
    message: `the grant of pool ${pool.name} ran out at ${pool.expiresAt}: decommissioned on the grant's terms`,
    data,
  });
  const done = await ctx.store.recordChange(
    { notice, pool: grant.pool, events: [grant.event] },
    now,
  );
  if (!done) return false;
  ctx.onApproved?.(pool.cluster);
  await ctx.onPoolChanged?.(grant.granted);
  await tell(ctx, grant.granted, notice, 'decommissioned');
  return true;
}

/** Tells the requester of the grant and the owning team; a notifier that fails only logs. */
async function tell(
  ctx: WorkflowContext,
  pool: PoolRecord,
  notice: ExpiryNotice,
  what: 'warning' | 'expired' | 'decommissioned',
) {
  if (!ctx.notifier?.grantExpiring) return;
  const granted = pool.approvedRequestId
    ? await ctx.store.getRequest(pool.approvedRequestId)
    : undefined;
  await ctx.notifier.grantExpiring({
    pool,
    requester: granted?.requester,
    expiresAt: notice.expiresAt,
    what,
  });
}

/**
 * Checks grant lifetimes every minute (`grantExpiryIntervalSeconds`); global scope, and each
 * notice is claimed in the database.
 */
export class GrantExpiry {
  constructor(
    private readonly workflow: { checkGrantExpiry(): Promise<GrantExpiryPass> },
    private readonly scheduler: SchedulerService,
    private readonly intervalSeconds: number = 60,
  ) {}

  async schedule() {
    await this.scheduler.scheduleTask({
      id: 'nodepools-grant-expiry',
      frequency: { seconds: this.intervalSeconds },
      timeout: { minutes: 2 },
      initialDelay: { seconds: 20 },
      scope: 'global',
      fn: async () => {
        await this.workflow.checkGrantExpiry();
      },
    });
  }
}
