import { Text } from '@backstage/ui';
import type { PoolCondition } from '@nodepools/plugin-nodepools-common';
import { conditionHelp } from '../../lib/conditionHelp';

/**
 * Each condition Karpenter reports, with its reason and message when it is not True, and a line
 * on what it means, so a newcomer can tell "no node yet" from a fault.
 */
export function ConditionsList({
  conditions,
}: {
  conditions: PoolCondition[];
}) {
  return (
    <ul aria-label="Conditions" style={{ margin: 0, paddingLeft: '1.25rem' }}>
      {conditions.map(c => {
        const help = conditionHelp(c);
        return (
          <li key={c.type}>
            <Text>
              {`${c.type}: ${c.status}`}
              {c.reason && c.status !== 'True' ? ` (${c.reason})` : ''}
              {c.message && c.status !== 'True' ? ` — ${c.message}` : ''}
            </Text>
            {help && (
              <Text as="p" variant="body-small" color="secondary">
                {help}
              </Text>
            )}
          </li>
        );
      })}
    </ul>
  );
}
