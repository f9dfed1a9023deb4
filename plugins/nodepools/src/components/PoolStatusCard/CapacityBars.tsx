import { Flex, Text } from '@backstage/ui';
import type { PoolRecord } from '@nodepools/plugin-nodepools-common';
import { QuantityMeter } from '../QuantityMeter';

/**
 * Provisioned CPU and memory against the pool's limits. Provisioned is what the pool's nodes have
 * (Karpenter's `status.resources`), not what pods use: the limit caps nodes, so that is what counts.
 */
export function CapacityBars({ pool }: { pool: PoolRecord }) {
  const provisioned = pool.status?.provisioned ?? {};
  return (
    <Flex
      direction="column"
      gap="2"
      role="group"
      aria-label={`Provisioned capacity of ${pool.name}`}
    >
      <Text variant="body-small" color="secondary">
        provisioned capacity (node capacity, not pod usage)
      </Text>
      <QuantityMeter
        label="CPU"
        used={provisioned.cpu}
        limit={pool.spec.limits.cpu}
      />
      <QuantityMeter
        label="Memory"
        used={provisioned.memory}
        limit={pool.spec.limits.memory}
      />
    </Flex>
  );
}
