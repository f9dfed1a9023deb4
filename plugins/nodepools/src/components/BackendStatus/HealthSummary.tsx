import { Flex, Text } from '@backstage/ui';
import type { NodePoolsHealth } from '../../api/types';

/** One status word, coloured: anything but "ok" deserves a second look, whatever word it is. */
function StatusItem({ label, status }: { label: string; status: string }) {
  return (
    <Text role="listitem">
      {label}:{' '}
      <Text weight="bold" color={status === 'ok' ? 'success' : 'warning'}>
        {status}
      </Text>
    </Text>
  );
}

/** The three facts of a health response, as a list. */
export function HealthSummary({ health }: { health: NodePoolsHealth }) {
  return (
    <Flex gap="6" direction="row" role="list" style={{ flexWrap: 'wrap' }}>
      <StatusItem label="Backend" status={health.status} />
      <StatusItem label="Database" status={health.database} />
      <Text role="listitem">
        Clusters configured: <Text weight="bold">{health.clusters}</Text>
      </Text>
    </Flex>
  );
}
