import { Alert } from '@backstage/ui';
import type { RequestRecord } from '@nodepools/plugin-nodepools-common';
import type { ClusterPolicySummary } from '../../api/types';
import { shortRef } from '../../lib/format';

/**
 * Why an approver sees no Approve button on a request they filed: the backend never lets a
 * requester decide their own request. Says who must, and how far the quorum is.
 */
export function selfApprovalReason(
  request: Pick<RequestRecord, 'decisions'>,
  policy: Pick<ClusterPolicySummary, 'approverGroups' | 'quorum'> | undefined,
): string {
  const approvals = request.decisions.filter(
    d => d.decision === 'approve',
  ).length;
  if (!policy) {
    return `You filed this request, so you cannot approve it: another approver must. ${approvals} approval(s) so far.`;
  }
  const groups = policy.approverGroups.map(shortRef).join(' or ');
  return `You filed this request, so you cannot approve it: another member of ${groups} must approve. Quorum ${policy.quorum}, ${approvals} so far.`;
}

/** {@link selfApprovalReason} as a note in place of the buttons. */
export function SelfApprovalNote({
  request,
  policy,
}: {
  request: Pick<RequestRecord, 'decisions'>;
  policy?: Pick<ClusterPolicySummary, 'approverGroups' | 'quorum'>;
}) {
  return (
    <Alert
      status="info"
      icon
      title="Waiting for another approver"
      description={selfApprovalReason(request, policy)}
    />
  );
}
