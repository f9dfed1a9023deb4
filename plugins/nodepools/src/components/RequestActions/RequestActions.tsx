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
import { RejectDialog } from './RejectDialog';

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
 * (and may not approve their own request). The backend enforces all of it anyway.
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

  if (request.state !== 'pending') return null;
  const isRequester = identity.value?.userEntityRef === request.requester;
  const mayDecide = decide.allowed && !decide.loading && !isRequester;

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
    }
  };

  if (!mayDecide && !isRequester) return null;
  const failure = error ? describeLoadError(error) : undefined;

  return (
    <Flex direction="column" gap="3">
      <Flex gap="3">
        {mayDecide && (
          <>
            <Button
              variant="primary"
              isPending={running === 'approve'}
              onPress={() =>
                run('approve', () => api.approveRequest(request.id))
              }
            >
              Approve
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
      {failure && (
        <Alert
          role="alert"
          status="danger"
          icon
          title="The backend refused this"
          description={`${failure.message}. ${failure.advice}`}
        />
      )}
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
