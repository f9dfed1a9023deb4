import { useApi } from '@backstage/frontend-plugin-api';
import { Alert, Button, Flex, Link, Text } from '@backstage/ui';
import type {
  PoolRecord,
  RequestRecord,
} from '@nodepools/plugin-nodepools-common';
import { useState } from 'react';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import type { ClusterSummary } from '../../api/types';
import { useNodePoolsLinks } from '../../routing';
import { describeLoadError } from '../LoadErrorAlert/describeLoadError';
import { describePoolExpiry } from './describeExpiry';
import { ExtendDialog } from './ExtendDialog';

/** Props of {@link GrantExpiry}. */
export interface GrantExpiryProps {
  pool: PoolRecord;
  /** The cluster's lifetime rules, for the lifetime the Extend offers and its maximum. */
  lifetime?: ClusterSummary['policy']['lifetime'];
  /** The clock, for tests. */
  now?: () => Date;
}

/**
 * "Expires in …" for a pool with a lifetime, and Extend: a change request carrying the pool's
 * spec and a new lifetime, approved the same way as any change. Nothing for a pool without
 * a lifetime, or one already being removed.
 */
export function GrantExpiry({
  pool,
  lifetime,
  now = () => new Date(),
}: GrantExpiryProps) {
  const api = useApi(nodePoolsApiRef);
  const links = useNodePoolsLinks();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const [filed, setFiled] = useState<RequestRecord | undefined>();
  if (!pool.expiresAt) return null;
  const live = pool.phase !== 'decommissioning' && pool.phase !== 'removed';

  const extend = async (asked: string, justification: string) => {
    setPending(true);
    setError(undefined);
    try {
      setFiled(
        await api.createRequest({
          kind: 'update',
          owner: pool.owner,
          cluster: pool.cluster,
          pool: pool.name,
          justification,
          spec: pool.spec,
          lifetime: asked,
        }),
      );
      setOpen(false);
    } catch (e) {
      setError(e as Error);
    } finally {
      setPending(false);
    }
  };
  const failure = error ? describeLoadError(error) : undefined;

  return (
    <Flex direction="column" gap="2" aria-label="Grant lifetime">
      <Flex align="center" gap="3">
        <Text weight="bold">{describePoolExpiry(pool.expiresAt, now())}</Text>
        {live && !filed && (
          <Button
            variant="secondary"
            size="small"
            onPress={() => setOpen(true)}
          >
            Extend
          </Button>
        )}
      </Flex>
      {filed && (
        <Text role="status">
          Extension requested for {filed.lifetime}; it waits for approval
          {links.request ? (
            <>
              {' '}
              (<Link href={links.request(filed.id)}>follow the request</Link>)
            </>
          ) : null}
          .
        </Text>
      )}
      {failure && (
        <Alert
          role="alert"
          status="danger"
          icon
          title="The extension was not filed"
          description={`${failure.message}. ${failure.advice}`}
        />
      )}
      {open && (
        <ExtendDialog
          isOpen
          onClose={() => setOpen(false)}
          onExtend={extend}
          pending={pending}
          initialLifetime={lifetime?.default ?? lifetime?.max ?? '30d'}
          max={lifetime?.max}
        />
      )}
    </Flex>
  );
}
