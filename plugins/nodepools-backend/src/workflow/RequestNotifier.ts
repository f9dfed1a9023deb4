import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { RequestRecord } from '@nodepools/plugin-nodepools-common';

/** Tells a requester what happened to their request. */
export interface RequestNotifier {
  decided(request: RequestRecord): Promise<void>;
}

/** Sends through the notifications plugin; a portal without it only logs, and nothing fails. */
export class NotificationsRequestNotifier implements RequestNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
    private readonly appBaseUrl: string,
  ) {}

  async decided(request: RequestRecord): Promise<void> {
    const verb =
      {
        approved: 'was approved',
        rejected: 'was rejected',
        expired: 'expired undecided',
        cancelled: 'was cancelled',
        failed: 'failed: it cannot be applied',
      }[request.state as string] ?? `is ${request.state}`;
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: request.requester },
        payload: {
          title: `Your node pool request ${verb}`,
          description: `${request.kind} of pool ${request.pool} on ${
            request.cluster
          }${request.reason ? `: ${request.reason}` : ''}`,
          link: `${this.appBaseUrl}/nodepools/requests/${request.id}`,
          severity: request.state === 'approved' ? 'normal' : 'high',
          topic: 'nodepools',
        },
      });
    } catch (error) {
      this.logger.warn(
        `Could not notify ${request.requester} about request ${request.id}: ${error}`,
      );
    }
  }
}
