import { useApiHolder } from '@backstage/frontend-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  NODEPOOLS_SIGNAL_CHANNEL,
  type NodePoolsChangeSignal,
} from '@nodepools/plugin-nodepools-common';
import { useEffect, useRef } from 'react';

/** How often a page asks the backend again when the app has no signals plugin. */
export const POLL_INTERVAL_MS = 15_000;

/** Says whether a change the backend announced concerns what a page shows. */
export type ChangeFilter = (change: NodePoolsChangeSignal) => boolean;

/** A message as received: the fields a newer or older backend may leave out become empty. */
function readChange(message: Partial<NodePoolsChangeSignal>) {
  const list = <T>(value: T[] | undefined) =>
    Array.isArray(value) ? value : [];
  return {
    poolIds: list(message.poolIds),
    requestIds: list(message.requestIds),
    events: list(message.events),
  };
}

/**
 * Calls `onChange` whenever the backend signals a change that `concerns` accepts, or, when the
 * app has no signals plugin, every {@link POLL_INTERVAL_MS}. Returns whether updates are live.
 *
 * This subscribes through the signal API itself rather than `useSignal`: `useSignal` keeps only
 * the last message in React state, so two signals arriving before a render would leave a page
 * that filters by id with the other one's ids, and its own change unseen. `isSignalsAvailable`
 * is the same test as here: whether the app provides the signal API.
 */
export function useChangeSignal(
  concerns: ChangeFilter,
  onChange: () => void,
): { live: boolean } {
  const signals = useApiHolder().get(signalApiRef);
  // The latest callbacks, so a page re-rendering does not subscribe again.
  const latest = useRef({ concerns, onChange });
  latest.current = { concerns, onChange };

  useEffect(() => {
    if (signals) {
      const subscription = signals.subscribe<Partial<NodePoolsChangeSignal>>(
        NODEPOOLS_SIGNAL_CHANNEL,
        message => {
          if (latest.current.concerns(readChange(message)))
            latest.current.onChange();
        },
      );
      return () => subscription.unsubscribe();
    }
    const timer = setInterval(
      () => latest.current.onChange(),
      POLL_INTERVAL_MS,
    );
    return () => clearInterval(timer);
  }, [signals]);

  return { live: !!signals };
}
