import { Flex, Text } from '@backstage/ui';
import { RequestList } from '../RequestList';

/** The approval queue: pending requests of every team, newest first. */
export function ApprovalQueuePage() {
  return (
    <Flex direction="column" gap="3" role="region" aria-label="Approval queue">
      <Text as="h2" variant="title-small">
        Approval queue
      </Text>
      <Text as="p" color="secondary">
        Requests waiting for a decision. Open one to see what it would change
        before approving or rejecting it.
      </Text>
      <RequestList
        initialFilters={{ state: 'pending', cluster: '', team: '' }}
        emptyMessage="No request matches these filters. Pending requests appear here as teams file them."
      />
    </Flex>
  );
}
