import { Text } from '@backstage/ui';
import { POLL_INTERVAL_MS } from '../../lib/useChangeSignal';

/** Props of {@link PollingNote}. */
export interface PollingNoteProps {
  /** Whether the page follows changes through signals; the note shows only when it does not. */
  live: boolean;
}

/**
 * A footer line for a page or card that polls because the app has no signals plugin: people
 * should know its numbers may be a few seconds old, and admins how to make them live.
 */
export function PollingNote({ live }: PollingNoteProps) {
  if (live) return null;
  return (
    <Text as="p" variant="body-small" color="secondary">
      {`Updates every ${
        POLL_INTERVAL_MS / 1000
      } s; install the signals plugin for live updates.`}
    </Text>
  );
}
