import { Flex, Link, Text } from '@backstage/ui';
import type { PoolRecord } from '@nodepools/plugin-nodepools-common';
import type { ClusterSummary } from '../../api/types';
import { useNodePoolsLinks } from '../../routing';
import { GrantExpiry } from '../GrantExpiry';
import { CapacityBars } from '../PoolStatusCard/CapacityBars';
import { LimitsNote } from '../PoolStatusCard/LimitsNote';
import { describePoolCost } from './poolCost';
import { describeRunRate } from '../SpendChart/describeRunRate';

/** "True", or "False (Reason)": the NodePool's Ready condition as Karpenter reports it. */
function readyText(pool: PoolRecord): string {
  const ready = pool.status?.conditions.find(c => c.type === 'Ready');
  if (!ready) return 'not reported yet';
  return ready.status === 'True' || !ready.reason
    ? ready.status
    : `${ready.status} (${ready.reason})`;
}

const limitsText = ({ spec: { limits } }: PoolRecord) =>
  `${limits.cpu} CPU, ${limits.memory} memory${
    limits.gpu ? `, ${limits.gpu} GPU` : ''
  }`;

/** Props of {@link TeamPoolList}. */
export interface TeamPoolListProps {
  pools: PoolRecord[];
  clusters: ClusterSummary[];
}

/**
 * A team's pools across clusters: phase, Ready, nodes, provisioned capacity against limits and,
 * where the backend sends prices, the monthly cost now and at the limits. Each links to its pool page.
 */
export function TeamPoolList({ pools, clusters }: TeamPoolListProps) {
  const poolLink = useNodePoolsLinks().pool;
  return (
    <ul
      aria-label="Team pools"
      style={{ margin: 0, padding: 0, listStyle: 'none' }}
    >
      {pools.map(pool => {
        const title = `${pool.name} on ${pool.cluster}`;
        const policy = clusters.find(c => c.name === pool.cluster)?.policy;
        const prices = policy?.prices;
        return (
          <li key={pool.id} aria-label={title} style={{ marginBottom: '1rem' }}>
            <Flex direction="column" gap="2">
              {poolLink ? (
                <Link href={poolLink(pool.id)} weight="bold">
                  {title}
                </Link>
              ) : (
                <Text weight="bold">{title}</Text>
              )}
              <Text>
                {`Phase: ${pool.phase} · Ready: ${readyText(pool)} · Nodes: ${
                  pool.status?.nodes ?? 0
                }`}
              </Text>
              <Text>{`Limits: ${limitsText(pool)}`}</Text>
              <GrantExpiry pool={pool} lifetime={policy?.lifetime} />
              {pool.status ? (
                <>
                  <CapacityBars pool={pool} />
                  <LimitsNote status={pool.status} />
                </>
              ) : (
                <Text color="secondary">
                  Not yet applied: the reconciler has not reported on it yet.
                </Text>
              )}
              {prices && <Text>{describePoolCost(pool, prices)}</Text>}
              {pool.runRate && <Text>{describeRunRate(pool.runRate)}</Text>}
            </Flex>
          </li>
        );
      })}
    </ul>
  );
}
