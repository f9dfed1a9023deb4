import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { PoolRecord } from '@nodepools/plugin-nodepools-common';
import { NotificationsRequestNotifier } from './RequestNotifier';

const pool = {
  id: 'pool-1',
  cluster: 'local',
  owner: 'group:default/payments',
  name: 'pci',
} as PoolRecord;

describe('NotificationsRequestNotifier.grantExpiring', () => {
  it('tells the owning team and the requester, linking to the pool page', async () => {
    const send = jest.fn(async () => {});
    const notifier = new NotificationsRequestNotifier(
      { send } as unknown as NotificationService,
      mockServices.logger.mock(),
      'http://portal',
    );
    await notifier.grantExpiring({
      pool,
      requester: 'user:default/bob',
      expiresAt: '2026-12-31T10:00:00.000Z',
      what: 'warning',
    });
    expect(send).toHaveBeenCalledWith({
      recipients: {
        type: 'entity',
        entityRef: ['group:default/payments', 'user:default/bob'],
      },
      payload: expect.objectContaining({
        title: 'The node pool pci on local expires soon',
        description: expect.stringMatching(
          /^Its grant runs until 2026-12-31T10:00:00.000Z\. Extend it/,
        ),
        link: 'http://portal/nodepools/pools/pool-1',
        topic: 'nodepools',
      }),
    });
  });

  it('only logs when the notifications service fails', async () => {
    const logger = mockServices.logger.mock();
    const notifier = new NotificationsRequestNotifier(
      {
        send: async () => {
          throw new Error('down');
        },
      } as unknown as NotificationService,
      logger,
      '',
    );
    await notifier.grantExpiring({
      pool,
      expiresAt: '2026-12-31T10:00:00.000Z',
      what: 'decommissioned',
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('about the expiry of pool pool-1'),
    );
  });
});
