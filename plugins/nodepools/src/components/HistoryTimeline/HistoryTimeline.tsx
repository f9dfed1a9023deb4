import { Flex, Text } from '@backstage/ui';
import type { EventRecord } from '@nodepools/plugin-nodepools-common';
import { formatTime, shortRef } from '../../lib/format';

/** Props of {@link HistoryTimeline}. */
export interface HistoryTimelineProps {
  events: EventRecord[];
  /** Accessible name of the list. */
  label: string;
}

/** The append-only history, newest first, as an ordered list with a time for every entry. */
export function HistoryTimeline({ events, label }: HistoryTimelineProps) {
  if (events.length === 0) {
    return <Text color="secondary">Nothing has happened yet.</Text>;
  }
  return (
    <ol aria-label={label} style={{ margin: 0, paddingLeft: '1.25rem' }}>
      {events.map(event => (
        <li key={event.id}>
          <Flex direction="column" gap="0">
            <Text>{event.message}</Text>
            <Text variant="body-small" color="secondary">
              <time dateTime={event.createdAt}>
                {formatTime(event.createdAt)}
              </time>
              {event.actor ? ` · ${shortRef(event.actor)}` : ''} · {event.type}
            </Text>
          </Flex>
        </li>
      ))}
    </ol>
  );
}
