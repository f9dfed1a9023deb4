import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { Card, CardBody, CardHeader, Flex, Link, Text } from '@backstage/ui';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { usePolledAsync } from '../../lib/usePolledAsync';
import { requestRouteRef } from '../../routes';
import { LoadErrorAlert } from '../LoadErrorAlert';
import { TeamPoolsTable } from './TeamPoolsTable';

/** Props of {@link TeamPoolsCard}. */
export interface TeamPoolsCardProps {
  /** The owning group's entity ref; undefined when the entity has no owner group. */
  owner?: string;
}

/** A team's pools on every cluster and its requests still waiting for a decision. */
export function TeamPoolsCard({ owner }: TeamPoolsCardProps) {
  const api = useApi(nodePoolsApiRef);
  const requestLink = useRouteRef(requestRouteRef);
  const data = usePolledAsync(async () => {
    if (!owner) return undefined;
    const [pools, pending] = await Promise.all([
      api.listPools({ owner, limit: 100 }),
      api.listRequests({ owner, state: ['pending'], limit: 20 }),
    ]);
    return { pools: pools.items, pending: pending.items };
  }, [api, owner]);

  let body;
  if (!owner) {
    body = (
      <Text>
        This entity is not owned by a group, so it has no team pools. Set
        spec.owner to the team's group.
      </Text>
    );
  } else if (data.error && !data.value) {
    body = (
      <LoadErrorAlert
        subject="the team's pools"
        error={data.error}
        onRetry={data.retry}
        retrying={data.loading}
      />
    );
  } else if (!data.value) {
    body = <Text role="status">Loading the team's pools…</Text>;
  } else {
    const { pools, pending } = data.value;
    body = (
      <Flex direction="column" gap="3">
        {pools.length === 0 ? (
          <Text>
            This team has no node pool yet. Request one with the node pool
            template in Create.
          </Text>
        ) : (
          <TeamPoolsTable pools={pools} />
        )}
        <Text as="h4" variant="title-x-small">
          Pending requests
        </Text>
        {pending.length === 0 ? (
          <Text color="secondary">None waiting for a decision.</Text>
        ) : (
          <ul
            aria-label="Pending requests"
            style={{ margin: 0, paddingLeft: '1.25rem' }}
          >
            {pending.map(request => {
              const text = `${request.kind} ${request.pool} on ${request.cluster}`;
              const href = requestLink?.({ id: request.id });
              return (
                <li key={request.id}>
                  {href ? <Link href={href}>{text}</Link> : <Text>{text}</Text>}
                </li>
              );
            })}
          </ul>
        )}
      </Flex>
    );
  }

  return (
    <Card>
      <CardHeader>
        <Text as="h3" variant="title-x-small">
          Node pools
        </Text>
      </CardHeader>
      <CardBody>{body}</CardBody>
    </Card>
  );
}
