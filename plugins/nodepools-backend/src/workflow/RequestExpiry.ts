import type { SchedulerService } from '@backstage/backend-plugin-api';
import type { WorkflowContext } from './WorkflowContext';

/** Expires pending requests past their time; returns how many. Safe to run on many replicas. */
export async function expirePending(ctx: WorkflowContext): Promise<number> {
  const now = ctx.now().toISOString();
  let expired = 0;
  for (const request of await ctx.store.expiredPendingRequests(now)) {
    const done = await ctx.store.transaction(async tx => {
      const fresh = await tx.getRequest(request.id);
      if (!fresh || fresh.state !== 'pending') return false;
      return tx.recordChange(
        {
          request: {
            id: fresh.id,
            version: fresh.version,
            patch: {
              state: 'expired',
              reason: 'no decision before the request expired',
            },
          },
          events: [
            {
              requestId: fresh.id,
              poolId: fresh.poolId,
              type: 'request.expired',
              message: `request expired undecided at ${fresh.expiresAt}`,
            },
          ],
        },
        now,
      );
    });
    if (done) {
      expired++;
      await ctx.notifier?.decided({ ...request, state: 'expired' });
    }
  }
  if (expired)
    ctx.logger.info(`Expired ${expired} pending node pool request(s)`);
  return expired;
}

/** Expires undecided requests every few minutes; global scope, so one replica does it at a time. */
export class RequestExpiry {
  constructor(
    private readonly workflow: { expirePending(): Promise<number> },
    private readonly scheduler: SchedulerService,
  ) {}

  async schedule() {
    await this.scheduler.scheduleTask({
      id: 'nodepools-request-expiry',
      frequency: { minutes: 5 },
      timeout: { minutes: 2 },
      initialDelay: { seconds: 30 },
      scope: 'global',
      fn: async () => {
        await this.workflow.expirePending();
      },
    });
  }
}
