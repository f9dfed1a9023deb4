import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  PoolRecord,
  RequestRecord,
} from '@nodepools/plugin-nodepools-common';

/** A grant about to run out, or that ran out. */
export interface GrantExpiryNotice {
  pool: PoolRecord;
  /** Who asked for the grant as it stands (the last approved request). */
  requester?: string;
  expiresAt: string;
  what: 'warning' | 'expired' | 'decommissioned';
}

/** Tells a requester what happened to their request, and a team that its grant runs out. */
export interface RequestNotifier {
  decided(request: RequestRecord): Promise<void>;
  grantExpiring?(notice: GrantExpiryNotice): Promise<void>;
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

  async grantExpiring({
    pool,
    requester,
    expiresAt,
    what,
  }: GrantExpiryNotice): Promise<void> {
    const title = {
      warning: `The node pool ${pool.name} on ${pool.cluster} expires soon`,
      expired: `The grant of node pool ${pool.name} on ${pool.cluster} ran out`,
      decommissioned: `The node pool ${pool.name} on ${pool.cluster} expired and is being removed`,
    }[what];
    try {
      await this.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: [pool.owner, ...(requester ? [requester] : [])],
        },
        payload: {
          title,
          description: `Its grant runs until ${expiresAt}.${
            what === 'warning'
              ? ' Extend it from the pool page to keep it.'
              : ''
          }`,
          link: `${this.appBaseUrl}/nodepools/pools/${pool.id}`,
          severity: what === 'warning' ? 'high' : 'critical',
          topic: 'nodepools',
        },
      });
    } catch (error) {
      this.logger.warn(
        `Could not notify ${pool.owner} about the expiry of pool ${pool.id}: ${error}`,
      );
    }
  }
}
