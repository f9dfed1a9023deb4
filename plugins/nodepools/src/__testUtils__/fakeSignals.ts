import type { SignalApi } from '@backstage/plugin-signals-react';
import {
  NODEPOOLS_SIGNAL_CHANNEL,
  type NodePoolsChangeSignal,
} from '@nodepools/plugin-nodepools-common';
import { act } from '@testing-library/react';

/**
 * A signal API as `@backstage/plugin-signals` provides it, with the websocket replaced by
 * `publish`: tests announce a change as the backend would and see what the page does.
 */
export function fakeSignals() {
  type Listener = (message: NodePoolsChangeSignal) => void;
  const subscribers = new Map<string, Set<Listener>>();
  const api: SignalApi = {
    subscribe: (channel, onMessage) => {
      const listener = onMessage as unknown as Listener;
      const set = subscribers.get(channel) ?? new Set();
      set.add(listener);
      subscribers.set(channel, set);
      return { unsubscribe: () => set.delete(listener) };
    },
  };
  return {
    api,
    /** Delivers messages one after another within one act(), as a burst on the socket would. */
    publish: async (...changes: Partial<NodePoolsChangeSignal>[]) => {
      await act(async () => {
        for (const change of changes) {
          const message: NodePoolsChangeSignal = {
            poolIds: [],
            requestIds: [],
            events: [],
            ...change,
          };
          subscribers
            .get(NODEPOOLS_SIGNAL_CHANNEL)
            ?.forEach(listener => listener(message));
        }
      });
    },
    /** How many listeners the channel has now. */
    listeners: () => subscribers.get(NODEPOOLS_SIGNAL_CHANNEL)?.size ?? 0,
  };
}

/** What {@link fakeSignals} returns. */
export type FakeSignals = ReturnType<typeof fakeSignals>;
