import { useApi } from '@backstage/frontend-plugin-api';
import { Text } from '@backstage/ui';
import type { RequestRecord } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { useLiveAsync } from '../../lib/useLiveAsync';
import { formatMoney, runRateFigures } from '../SpendChart/describeRunRate';

/**
 * For a request on an existing pool, what the pool's nodes cost now and after: a decommission
 * ends it once Karpenter has drained the nodes; a change moves it only as Karpenter replaces nodes,
 * so "after" is bounded by the ceiling the preview shows rather than known in advance.
 */
export function RequestRunRate({ request }: { request: RequestRecord }) {
  const api = useApi(nodePoolsApiRef);
  const poolId = request.poolId;
  const pool = useLiveAsync(
    async () => (poolId ? api.getPool(poolId) : undefined),
    [api, poolId],
    change => !!poolId && change.poolIds.includes(poolId),
  );
  const rate = pool.value?.runRate;
  if (!rate) return null;
  const after =
    request.kind === 'decommission'
      ? `${formatMoney(rate.currency, 0, 3)}/h once its nodes are drained`
      : 'what Karpenter launches under the new spec, at most the ceiling below';
  return (
    <Text>
      {`Run-rate: ${runRateFigures(
        rate,
      )} now → ${after} (list prices before discounts; provisioned nodes, not usage)`}
    </Text>
  );
}
