import { useApi } from '@backstage/frontend-plugin-api';
import { Card, CardBody, CardHeader, Flex, Link, Text } from '@backstage/ui';
import type { NodePoolsChangeSignal } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { useLiveAsync } from '../../lib/useLiveAsync';
import { useNodePoolsLinks } from '../../routing';
import { LoadErrorAlert } from '../LoadErrorAlert';
import { PollingNote } from '../PollingNote';
import { TeamBudget } from './TeamBudget';
import { TeamDollarBudget } from './TeamDollarBudget';
import { TeamPoolList } from './TeamPoolList';
import { TeamRunRate } from './TeamRunRate';

/** Props of {@link TeamPoolsCard}. */
export interface TeamPoolsCardProps {
  /** The owning group's entity ref; undefined when the entity has no owner group. */
  owner?: string;
}

/**
 * A team's pools on every cluster (status, capacity, cost), its budget used per cluster, and its
 * requests still waiting for a decision. Loaded again when the backend signals a change to one of
 * them or a new request or pool (every 15 seconds without the signals plugin).
 */
export function TeamPoolsCard({ owner }: TeamPoolsCardProps) {
  return (
    <Card>
      <CardHeader>
        <Text as="h3" variant="title-x-small">
          Node pools
        </Text>
      </CardHeader>
      <CardBody>
        {owner ? (
          <TeamPools owner={owner} />
        ) : (
          <Text>
            This entity is not owned by a group, so it has no team pools. Set
            spec.owner to the team's group.
          </Text>
        )}
      </CardBody>
    </Card>
  );
}

/** The card's body for an owner group: it loads only when there is one to load for. */
function TeamPools({ owner }: { owner: string }) {
  const api = useApi(nodePoolsApiRef);
  const requestLink = useNodePoolsLinks().request;
  const data = useLiveAsync(
    async () => {
      const [pools, pending, clusters, spend] = await Promise.all([
        api.listPools({ owner, limit: 100 }),
        api.listRequests({ owner, state: ['pending'], limit: 20 }),
        // Budgets and prices only: the pools still show without them.
        api.listClusters().catch(() => []),
        // Likewise the dollar budget: an older backend has no /team-spend.
        Promise.resolve()
          .then(() => api.getTeamSpend(owner))
          .catch(() => undefined),
      ]);
      return { pools: pools.items, pending: pending.items, clusters, spend };
    },
    [api, owner],
    (change: NodePoolsChangeSignal): boolean =>
      concernsTeam(change, data.value),
  );

  if (data.error && !data.value) {
    return (
      <LoadErrorAlert
        subject="the team's pools"
        error={data.error}
        onRetry={data.retry}
        retrying={data.loading}
      />
    );
  }
  if (!data.value) {
    return <Text role="status">Loading the team's pools…</Text>;
  }
  const { pools, pending, clusters, spend } = data.value;
  return (
    <Flex direction="column" gap="3">
      {pools.length === 0 ? (
        <Text>
          This team has no node pool yet. Request one with the node pool
          template in Create.
        </Text>
      ) : (
        <>
          <TeamPoolList pools={pools} clusters={clusters} />
          <TeamRunRate pools={pools} />
          <TeamBudget owner={owner} pools={pools} clusters={clusters} />
          <TeamDollarBudget spend={spend} />
        </>
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
            const href = requestLink?.(request.id);
            return (
              <li key={request.id}>
                {href ? <Link href={href}>{text}</Link> : <Text>{text}</Text>}
              </li>
            );
          })}
        </ul>
      )}
      <PollingNote live={data.live} />
    </Flex>
  );
}

/**
 * Whether a change may concern the card: one of the pools or requests it shows, or a new request
 * or pool, which may be this team's (the signal does not say whose: signals reach every user).
 */
function concernsTeam(
  change: NodePoolsChangeSignal,
  shown: { pools: { id: string }[]; pending: { id: string }[] } | undefined,
): boolean {
  if (
    change.events.includes('request.created') ||
    change.events.includes('pool.created')
  )
    return true;
  if (!shown) return true;
  return (
    change.poolIds.some(id => shown.pools.some(p => p.id === id)) ||
    change.requestIds.some(id => shown.pending.some(r => r.id === id))
  );
}
