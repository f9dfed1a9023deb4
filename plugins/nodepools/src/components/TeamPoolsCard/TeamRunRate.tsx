import { Text } from '@backstage/ui';
import type { PoolRecord } from '@nodepools/plugin-nodepools-common';
import { runRateFigures, sumRunRates } from '../SpendChart/describeRunRate';

/**
 * The team's run-rate now: the sum over its priced pools. Nothing when no pool has prices, or when
 * they are in different currencies (a sum would mean nothing).
 */
export function TeamRunRate({ pools }: { pools: readonly PoolRecord[] }) {
  const priced = pools.filter(p => p.runRate);
  const total = sumRunRates(priced.map(p => p.runRate));
  if (!total) return null;
  return (
    <Text>
      {`Team run-rate now: ${runRateFigures(total)} over ${
        priced.length
      } priced pool(s) (list prices before discounts; provisioned nodes, not usage)`}
    </Text>
  );
}
