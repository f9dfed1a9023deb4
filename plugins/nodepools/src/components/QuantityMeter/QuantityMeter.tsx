import { Flex, Text } from '@backstage/ui';
import {
  parseQuantity,
  quantityToNumber,
} from '@nodepools/plugin-nodepools-common';
import { useId } from 'react';

const amount = (text: string | undefined) => {
  if (!text) return 0;
  const parsed = parseQuantity(text);
  return parsed.ok ? quantityToNumber(parsed.quantity) : 0;
};

/** Props of {@link QuantityMeter}. */
export interface QuantityMeterProps {
  label: string;
  /** A Kubernetes quantity; absent reads as 0. */
  used?: string;
  /** A Kubernetes quantity. */
  limit: string;
}

/** "CPU: 12 of 16" as a labelled meter, so screen readers get the figures with the bar. */
export function QuantityMeter({ label, used, limit }: QuantityMeterProps) {
  const id = useId();
  const max = amount(limit);
  return (
    <Flex direction="column" gap="1">
      <Text id={id}>{`${label}: ${used ?? '0'} of ${limit}`}</Text>
      <meter
        style={{ width: '100%', maxWidth: '24rem' }}
        aria-labelledby={id}
        min={0}
        max={max}
        value={Math.min(amount(used), max)}
      />
    </Flex>
  );
}
