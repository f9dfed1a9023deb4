import { Text } from '@backstage/ui';
import type { PoolCondition } from '@nodepools/plugin-nodepools-common';

/** Each condition Karpenter reports, with its reason and message when it is not True. */
export function ConditionsList({
  conditions,
}: {
  conditions: PoolCondition[];
}) {
  return (
    <ul aria-label="Conditions" style={{ margin: 0, paddingLeft: '1.25rem' }}>
      {conditions.map(c => (
        <li key={c.type}>
          <Text>
            {`${c.type}: ${c.status}`}
            {c.reason && c.status !== 'True' ? ` (${c.reason})` : ''}
            {c.message && c.status !== 'True' ? ` — ${c.message}` : ''}
          </Text>
        </li>
      ))}
    </ul>
  );
}
