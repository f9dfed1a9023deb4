import { Flex, Text } from '@backstage/ui';
import {
  parseQuantity,
  quantityToNumber,
  type PoolRecord,
} from '@nodepools/plugin-nodepools-common';
import { useId } from 'react';

const amount = (text: string | undefined) => {
  if (!text) return 0;
  const parsed = parseQuantity(text);
  return parsed.ok ? quantityToNumber(parsed.quantity) : 0;
};

function Bar({
  label,
  used,
  limit,
}: {
  label: string;
  used?: string;
  limit: string;
}) {
  const id = useId();
  const max = amount(limit);
  return (
    <Flex direction="column" gap="1">
      <Text id={id}>{`${label}: ${used ?? '0'} of ${limit}`}</Text>
      <meter
        aria-labelledby={id}
        min={0}
        max={max}
        value={Math.min(amount(used), max)}
      />
    </Flex>
  );
}

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
      aria-label="Provisioned capacity"
    >
      <Text variant="body-small" color="secondary">
        provisioned capacity (node capacity, not pod usage)
      </Text>
      <Bar label="CPU" used={provisioned.cpu} limit={pool.spec.limits.cpu} />
      <Bar
        label="Memory"
        used={provisioned.memory}
        limit={pool.spec.limits.memory}
      />
    </Flex>
  );
}
