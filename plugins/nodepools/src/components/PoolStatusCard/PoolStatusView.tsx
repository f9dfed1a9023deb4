import { useApi } from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { shortRef } from '../../lib/format';
import type { ChangeFilter } from '../../lib/useChangeSignal';
import { useLiveAsync } from '../../lib/useLiveAsync';
import { GrantExpiry } from '../GrantExpiry';
import { HistoryTimeline } from '../HistoryTimeline';
import { LoadErrorAlert } from '../LoadErrorAlert';
import { PollingNote } from '../PollingNote';
import { describeRunRate } from '../SpendChart/describeRunRate';
import { CapacityBars } from './CapacityBars';
import { ClusterHealthNote } from './ClusterHealthNote';
import { ConditionsList } from './ConditionsList';
import { LimitsNote } from './LimitsNote';
import { NodeClaimsTable } from './NodeClaimsTable';
import { WorkloadSnippet } from './WorkloadSnippet';

/** Props of {@link PoolStatusView}. */
export interface PoolStatusViewProps {
  /** The pool's id in the backend. */
  id: string;
  /** How many history entries to show. */
  historyLimit?: number;
}

/**
 * The status of one pool, loaded again whenever the backend signals a change to it (every 15
 * seconds without the signals plugin): phase, conditions with reasons, nodes, NodeClaims,
 * provisioned capacity against limits, the workload snippet and the history. The Resource entity
 * card and the pool page both show this.
 */
export function PoolStatusView({ id, historyLimit = 10 }: PoolStatusViewProps) {
  const api = useApi(nodePoolsApiRef);
  const concernsPool: ChangeFilter = change => change.poolIds.includes(id);
  const pool = useLiveAsync(() => api.getPool(id), [api, id], concernsPool);
  const history = useLiveAsync(
    () => api.getPoolHistory(id, { limit: historyLimit }),
    [api, id, historyLimit],
    concernsPool,
  );
  // For the snippet's keys and the cluster's health, which the pool's changes may come with.
  const clusters = useLiveAsync(() => api.listClusters(), [api], concernsPool);

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
        {` · ${value.cluster} · ${shortRef(value.owner)}`}
      </Text>
      <GrantExpiry pool={value} lifetime={policy?.lifetime} />
      <ClusterHealthNote cluster={cluster} />
      {value.lastError && (
        <Text color="danger">{`Last error: ${value.lastError}`}</Text>
      )}
      {value.status ? (
        <>
          <Text>{`Nodes: ${value.status.nodes ?? 0}`}</Text>
          <ConditionsList conditions={value.status.conditions} />
          <CapacityBars pool={value} />
          {value.runRate && <Text>{describeRunRate(value.runRate)}</Text>}
          <LimitsNote status={value.status} />
          <Text as="h4" variant="title-x-small">
            NodeClaims
          </Text>
          <NodeClaimsTable claims={value.status.nodeClaims ?? []} />
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
      {history.error && !history.value ? (
        <LoadErrorAlert
          subject="the pool's history"
          error={history.error}
          onRetry={history.retry}
          retrying={history.loading}
        />
      ) : (
        <HistoryTimeline
          label="Pool history"
          events={history.value?.items ?? []}
        />
      )}
      <PollingNote live={pool.live} />
    </Flex>
  );
}
