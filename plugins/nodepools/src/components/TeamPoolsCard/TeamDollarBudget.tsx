import { Flex, Text } from '@backstage/ui';
import {
  formatMoney,
  type TeamSpend,
} from '@nodepools/plugin-nodepools-common';

/** Props of {@link TeamDollarBudget}. */
export interface TeamDollarBudgetProps {
  /** Undefined when the backend could not say; nothing shows then. */
  spend?: TeamSpend;
}

/**
 * The team's dollar budget against its pools' ceilings across clusters: the most the pools may
 * cost at their limits at list prices, the figure a request is refused on. Pools the budget cannot
 * count (no list prices, another currency) are named, so the sum is not read as complete.
 */
export function TeamDollarBudget({ spend }: TeamDollarBudgetProps) {
  if (!spend?.budget) return null;
  const { budget, atCeilings, unchecked } = spend;
  const text = `${formatMoney(budget.currency, atCeilings)} of ${formatMoney(
    budget.currency,
    budget.monthly,
  )} a month at ceilings`;
  return (
    <Flex
      direction="column"
      gap="2"
      role="group"
      aria-label="Dollar budget across clusters"
    >
      <Text weight="bold">Dollar budget across clusters</Text>
      <meter
        aria-label={text}
        min={0}
        max={budget.monthly}
        value={atCeilings}
        style={{ width: '100%' }}
      />
      <Text color={atCeilings > budget.monthly ? 'danger' : undefined}>
        {text}
      </Text>
      <Text variant="body-small" color="secondary">
        the most the team's pools may cost at their limits, at list prices
        before discounts; not what they cost now
      </Text>
      {unchecked.length > 0 && (
        <Text variant="body-small" color="danger">
          {`Not counted, so the budget cannot be checked: ${unchecked
            .map(u => `${u.pool} on ${u.cluster} (${u.reason})`)
            .join('; ')}`}
        </Text>
      )}
    </Flex>
  );
}
