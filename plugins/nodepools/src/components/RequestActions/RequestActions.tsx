import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import { Alert, Button, Flex } from '@backstage/ui';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  nodePoolRequestDecidePermission,
  type RequestRecord,
} from '@nodepools/plugin-nodepools-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { describeLoadError } from '../LoadErrorAlert/describeLoadError';
import { ApproveDialog } from './ApproveDialog';
import { RejectDialog } from './RejectDialog';
import { SelfApprovalNote } from './SelfApprovalNote';

/** Props of {@link RequestActions}. */
export interface RequestActionsProps {
  request: RequestRecord;
  /** Called with the request as the backend returns it after a decision. */
  onChanged: (request: RequestRecord) => void;
}

type Action = 'approve' | 'reject' | 'cancel';

/**
 * Approve, Reject and Cancel for a pending request. Buttons the user may not use are not shown:
 * deciding needs the decide permission for the owning team, and only the requester may cancel
 * (and may not approve their own request: an approver who filed it is told why, and who must).
 * The backend enforces all of it anyway. Approve and Reject both ask first, in a dialog.
 */
export function RequestActions({ request, onChanged }: RequestActionsProps) {
  const api = useApi(nodePoolsApiRef);
  const identityApi = useApi(coreApis.identity);
  const identity = useAsync(() => identityApi.getBackstageIdentity(), []);
  const decide = usePermission({
    permission: nodePoolRequestDecidePermission,
    resourceRef: request.owner,
  });
  const [running, setRunning] = useState<Action | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [rejecting, setRejecting] = useState(false);
  const [approving, setApproving] = useState(false);
  const isRequester = identity.value?.userEntityRef === request.requester;
  const mayDecide = decide.allowed && !decide.loading && !isRequester;
  // The quorum and approver groups, for the approval dialog and the requester's explanation.
  const policy = useAsync(async () => {
    if (request.state !== 'pending' || (!mayDecide && !isRequester))
      return undefined;
    const clusters = await api.listClusters();
    return clusters.find(c => c.name === request.cluster)?.policy;
  }, [api, request.cluster, request.state, mayDecide, isRequester]);

  if (request.state !== 'pending') return null;
  const approvals = request.decisions.filter(
    d => d.decision === 'approve',
  ).length;
  const effect = approvalEffect(approvals + 1, policy.value?.quorum);

  const run = async (action: Action, call: () => Promise<RequestRecord>) => {
    setRunning(action);
    setError(undefined);
    try {
      const updated = await call();
      setRejecting(false);
      onChanged(updated);
    } catch (e) {
      setError(e as Error);
    } finally {
      setRunning(undefined);
      // The refusal shows below the buttons, not behind the dialog; a reason typed for Reject
      // is required and longer, so that dialog stays open to try again.
      setApproving(false);
    }
  };

  if (!mayDecide && !isRequester) return null;
  const failure = error ? describeLoadError(error) : undefined;

  return (
    <Flex direction="column" gap="3">
      <Flex gap="3">
        {mayDecide && (
          <>
            <Button variant="primary" onPress={() => setApproving(true)}>
              Approve…
            </Button>
            <Button variant="secondary" onPress={() => setRejecting(true)}>
              Reject…
            </Button>
          </>
        )}
        {isRequester && (
          <Button
            variant="secondary"
            isPending={running === 'cancel'}
            onPress={() => run('cancel', () => api.cancelRequest(request.id))}
          >
            Cancel request
          </Button>
        )}
      </Flex>
      {isRequester && decide.allowed && !decide.loading && (
        <SelfApprovalNote request={request} policy={policy.value} />
      )}
      {failure && (
        <Alert
          role="alert"
          status="danger"
          icon
          title="The backend refused this"
          description={`${failure.message}. ${failure.advice}`}
        />
      )}
      <ApproveDialog
        isOpen={approving}
        pending={running === 'approve'}
        effect={effect}
        onClose={() => setApproving(false)}
        onApprove={comment =>
          run('approve', () => api.approveRequest(request.id, comment))
        }
      />
      <RejectDialog
        isOpen={rejecting}
        pending={running === 'reject'}
        onClose={() => setRejecting(false)}
        onReject={reason =>
          run('reject', () => api.rejectRequest(request.id, reason))
        }
      />
    </Flex>
  );
}

/** What the n-th approval does, for the confirmation: the last one applies the pool. */
function approvalEffect(n: number, quorum: number | undefined): string {
  if (quorum === undefined) return 'an approval of this request';
  if (quorum <= 1)
    return 'the only approval this request needs: approving applies the pool';
  if (n >= quorum)
    return `approval ${n} of ${quorum}, the last one: approving applies the pool`;
  return `approval ${n} of ${quorum}: the pool is applied once ${quorum} approvers agree`;
}
