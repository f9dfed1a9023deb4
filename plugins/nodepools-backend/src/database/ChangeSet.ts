import type { NodePoolsChangeSignal } from '@nodepools/plugin-nodepools-common';
import type { NewEvent } from './NodePoolsStore';

/** What a committed write or transaction changed: the ids it wrote and the history it appended. */
export type StoreChange = NodePoolsChangeSignal;

/** Called once per committed change; it must not throw (the write has already happened). */
export type StoreChangeListener = (change: StoreChange) => void;

/** Collects the ids and event kinds one transaction writes, each once, in order. */
export class ChangeSet {
  private readonly poolIds = new Set<string>();
  private readonly requestIds = new Set<string>();
  private readonly events = new Set<NewEvent['type']>();

  add(entry: {
    poolId?: string;
    requestId?: string;
    event?: NewEvent['type'];
  }): this {
    if (entry.poolId) this.poolIds.add(entry.poolId);
    if (entry.requestId) this.requestIds.add(entry.requestId);
    if (entry.event) this.events.add(entry.event);
    return this;
  }

  get isEmpty(): boolean {
    return this.poolIds.size === 0 && this.requestIds.size === 0;
  }

  toChange(): StoreChange {
    return {
      poolIds: [...this.poolIds],
      requestIds: [...this.requestIds],
      events: [...this.events],
    };
  }
}
