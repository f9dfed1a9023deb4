import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  NODEPOOLS_SIGNAL_CHANNEL,
  type NodePoolsChangeSignal,
} from '@nodepools/plugin-nodepools-common';
import type { StoreChangeListener } from '../database/ChangeSet';

/**
 * Turns each committed store change into a signal on {@link NODEPOOLS_SIGNAL_CHANNEL}, so open
 * pages load again instead of polling.
 *
 * Signals go to every signed-in user (a per-user recipient list would need the permission check
 * of each user at publish time), so the message carries ids and event kinds only, never a spec,
 * owner or message: a page that hears of a change asks the permission-checked API for what it may
 * see. The write has already committed when this runs: a signals failure is logged, never thrown.
 */
export function publishChangeSignals(
  signals: SignalsService,
  logger: LoggerService,
): StoreChangeListener {
  return change => {
    // Field by field, so that whatever the store reports later cannot reach the message unread.
    const message: NodePoolsChangeSignal = {
      poolIds: change.poolIds,
      requestIds: change.requestIds,
      events: change.events,
    };
    const warn = (error: unknown) =>
      logger.warn(
        `Could not publish the change signal for ${describe(
          message,
        )}: ${error}`,
      );
    try {
      signals
        .publish({
          recipients: { type: 'broadcast' },
          channel: NODEPOOLS_SIGNAL_CHANNEL,
          message,
        })
        .catch(warn);
    } catch (error) {
      warn(error);
    }
  };
}

function describe(message: NodePoolsChangeSignal): string {
  return [
    ...message.poolIds.map(id => `pool ${id}`),
    ...message.requestIds.map(id => `request ${id}`),
  ].join(', ');
}
