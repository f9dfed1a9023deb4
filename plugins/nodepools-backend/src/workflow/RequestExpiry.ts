import type { SchedulerService } from '@backstage/backend-plugin-api';
import type { RequestWorkflow } from './RequestWorkflow';

/** Expires undecided requests every few minutes; global scope, so one replica does it at a time. */
export class RequestExpiry {
  constructor(
    private readonly workflow: RequestWorkflow,
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
