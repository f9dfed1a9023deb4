import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { usePolledAsync } from '../../lib/usePolledAsync';
import { HistoryTimeline } from '../HistoryTimeline';
import { LoadErrorAlert } from '../LoadErrorAlert';
import { CapacityBars } from './CapacityBars';
import { ClusterHealthNote } from './ClusterHealthNote';
import { ConditionsList } from './ConditionsList';
import { WorkloadSnippet } from './WorkloadSnippet';

/** The annotation of a `karpenter-nodepool` Resource that names its pool in the backend. */
export const POOL_ID_ANNOTATION = 'nodepools.backstage.io/pool-id';

/** The pool behind a Resource entity: phase, conditions, nodes, capacity, snippet and history. */
export function PoolStatusCard() {
  const { entity } = useEntity();
  const id = entity.metadata.annotations?.[POOL_ID_ANNOTATION];
  return (
    <Card>
      <CardHeader>
        <Text as="h3" variant="title-x-small">
          Node pool status
        </Text>
      </CardHeader>
      <CardBody>
        {id ? (
          <PoolStatus id={id} />
        ) : (
          <Text>{`This entity has no ${POOL_ID_ANNOTATION} annotation, so its pool cannot be found. The nodepools backend sets it when it registers the pool.`}</Text>
        )}
      </CardBody>
    </Card>
  );
}

/** The status of one pool, refreshed every 15 seconds. */
function PoolStatus({ id }: { id: string }) {
  const api = useApi(nodePoolsApiRef);
  const pool = usePolledAsync(() => api.getPool(id), [api, id]);
  const history = usePolledAsync(
    () => api.getPoolHistory(id, { limit: 10 }),
    [api, id],
  );
  // For the snippet's keys and the cluster's health, which changes as the reconciler passes.
  const clusters = usePolledAsync(() => api.listClusters(), [api]);

  if (pool.error && !pool.value) {
    return (
      <LoadErrorAlert
        subject="the pool"
        error={pool.error}
        onRetry={pool.retry}
        retrying={pool.loading}
      />
    );
  }
  if (!pool.value) {
    return <Text role="status">Loading the pool…</Text>;
  }
  const value = pool.value;
  const cluster = clusters.value?.find(c => c.name === value.cluster);
  const policy = cluster?.policy;
  return (
    <Flex direction="column" gap="3">
      <Text>
        <Text weight="bold">Phase:</Text> {value.phase}
        {` · ${value.cluster}`}
      </Text>
      <ClusterHealthNote cluster={cluster} />
      {value.lastError && (
        <Text color="danger">{`Last error: ${value.lastError}`}</Text>
      )}
      {value.status ? (
        <>
          <Text>{`Nodes: ${value.status.nodes ?? 0}`}</Text>
          <ConditionsList conditions={value.status.conditions} />
          <CapacityBars pool={value} />
        </>
      ) : (
        <Text color="secondary">
          Not yet applied: the reconciler has not reported on this pool's
          cluster yet. Status appears here once it has.
        </Text>
      )}
      <Text as="h4" variant="title-x-small">
        Use it in a workload
      </Text>
      <WorkloadSnippet owner={value.owner} policy={policy} />
      <Text as="h4" variant="title-x-small">
        History
      </Text>
      <HistoryTimeline
        label="Pool history"
        events={history.value?.items ?? []}
      />
    </Flex>
  );
}
