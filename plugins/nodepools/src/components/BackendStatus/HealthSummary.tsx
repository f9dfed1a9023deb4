import { Flex, Text } from '@backstage/ui';
import type { NodePoolsHealth } from '../../api/types';

// Anything but "ok" deserves a second look, whatever word the backend uses for it.
function colorOf(status: string) {
  return status === 'ok' ? 'success' : 'warning';
}

/** The three facts of a health response, as a list. */
export function HealthSummary({ health }: { health: NodePoolsHealth }) {
  return (
    <Flex gap="6" direction="row" role="list" style={{ flexWrap: 'wrap' }}>
      <Text role="listitem">
        Backend:{' '}
        <Text weight="bold" color={colorOf(health.status)}>
          {health.status}
        </Text>
      </Text>
      <Text role="listitem">
        Database:{' '}
        <Text weight="bold" color={colorOf(health.database)}>
          {health.database}
        </Text>
      </Text>
      <Text role="listitem">
        Clusters configured: <Text weight="bold">{health.clusters}</Text>
      </Text>
    </Flex>
  );
}
