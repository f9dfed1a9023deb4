import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { RequestList } from '../RequestList';

/** The signed-in user's requests in any state, newest first. */
export function MyRequestsPage() {
  const identityApi = useApi(coreApis.identity);
  const identity = useAsync(() => identityApi.getBackstageIdentity(), []);
  const userRef = identity.value?.userEntityRef;
  // Stable per user so the list does not reload on every render.
  const fixedQuery = useMemo(() => ({ requester: userRef }), [userRef]);

  return (
    <Flex direction="column" gap="3" role="region" aria-label="My requests">
      <Text as="h2" variant="title-small">
        My requests
      </Text>
      {userRef ? (
        <RequestList
          fixedQuery={fixedQuery}
          initialFilters={{ state: '', cluster: '', team: '' }}
          emptyMessage="You have not filed any request matching these filters. Use the node pool template in Create to ask for one."
        />
      ) : (
        <Text role="status">
          {identity.error
            ? `Could not tell who you are: ${identity.error.message}. Sign in again.`
            : 'Finding out who you are…'}
        </Text>
      )}
    </Flex>
  );
}
