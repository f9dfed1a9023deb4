import { Text } from '@backstage/ui';
import type { DecisionRecord } from '@nodepools/plugin-nodepools-common';
import { formatTime, shortRef } from '../../lib/format';

/** Who approved or rejected, when, and what they said. */
export function DecisionsList({ decisions }: { decisions: DecisionRecord[] }) {
  if (decisions.length === 0) {
    return <Text color="secondary">No one has decided yet.</Text>;
  }
  return (
    <ul aria-label="Decisions" style={{ margin: 0, paddingLeft: '1.25rem' }}>
      {decisions.map(d => (
        <li key={`${d.actor}:${d.createdAt}`}>
          <Text>
            {`${shortRef(d.actor)} ${
              d.decision === 'approve' ? 'approved' : 'rejected'
            } on ${formatTime(d.createdAt)}`}
            {d.comment ? `: “${d.comment}”` : ''}
          </Text>
        </li>
      ))}
    </ul>
  );
}
