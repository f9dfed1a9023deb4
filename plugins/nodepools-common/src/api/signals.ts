import type { EventType } from './records';

/**
 * The signals channel on which the backend announces every committed change to pools and
 * requests (`@backstage/plugin-signals`). The frontend's pages subscribe to it and load again
 * through the permission-checked API when a change concerns what they show.
 */
export const NODEPOOLS_SIGNAL_CHANNEL = 'nodepools:changes';

/**
 * What one committed change touched. Signals are broadcast to every signed-in user, so this holds
 * ids and event kinds only: no spec, owner, cluster or message a user may not be allowed to read.
 * (A type alias, not an interface, so it is a `JsonObject` as the signals API wants.)
 */
export type NodePoolsChangeSignal = {
  /** Pools written. */
  poolIds: string[];
  /** Requests written. */
  requestIds: string[];
  /** The kinds of history events written, e.g. `request.created` for a new request. */
  events: EventType[];
};
