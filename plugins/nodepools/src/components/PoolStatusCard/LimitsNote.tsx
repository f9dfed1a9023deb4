import { Alert } from '@backstage/ui';
import type { PoolStatus } from '@nodepools/plugin-nodepools-common';
import { formatTime } from '../../lib/format';

const ADVICE =
  'To grow the pool, ask for higher limits with the template "Change a node pool" in Create.';

/**
 * Says when the pool's limits stop Karpenter: pods it could not place because no instance type fits
 * in the room left, or limits that provisioned capacity has reached. Nothing otherwise.
 */
export function LimitsNote({ status }: { status: PoolStatus }) {
  const blocked = status.launchBlockedByLimits;
  const reached = status.limitsReached ?? [];
  if (blocked) {
    return (
      <Alert
        status="warning"
        icon
        title={`${blocked.pods} pod(s) pending: the pool's limits leave no room for another node`}
        description={`Karpenter, ${formatTime(blocked.reportedAt)}: ${
          blocked.message
        } ${ADVICE}`}
      />
    );
  }
  if (reached.length === 0) return null;
  return (
    <Alert
      status="info"
      icon
      title={`At its ${reached.join(
        ' and ',
      )} limit: Karpenter launches no more nodes for this pool`}
      description={ADVICE}
    />
  );
}
