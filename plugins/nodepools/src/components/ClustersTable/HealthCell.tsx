import { Cell, Flex, Text } from '@backstage/ui';
import type { ClusterHealth } from '../../api/types';
import { formatHealth, healthColors } from './formatHealth';

/** A table cell with the cluster's health: its state, and why when it is not healthy. */
export function HealthCell({ health }: { health: ClusterHealth | undefined }) {
  const text = formatHealth(health);
  return (
    <Cell>
      <Flex direction="column" gap="1">
        <Text
          variant="body-medium"
          weight="bold"
          color={healthColors[text.state] ?? 'secondary'}
        >
          {text.label}
        </Text>
        {text.details.map(line => (
          <Text key={line} variant="body-small" color="secondary">
            {line}
          </Text>
        ))}
      </Flex>
    </Cell>
  );
}
