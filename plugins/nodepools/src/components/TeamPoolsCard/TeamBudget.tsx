import { Flex, Text } from '@backstage/ui';
import {
  formatQuantity,
  teamUsage,
  type PoolRecord,
} from '@nodepools/plugin-nodepools-common';
import type { ClusterSummary } from '../../api/types';
import { QuantityMeter } from '../QuantityMeter';

/** Props of {@link TeamBudget}. */
export interface TeamBudgetProps {
  owner: string;
  pools: PoolRecord[];
  clusters: ClusterSummary[];
}

/**
 * The team's budget used on each cluster where it holds pools: the sum of its pools' limits
 * against the cluster's team budget, counted the way the policy counts it at request time.
 */
export function TeamBudget({ owner, pools, clusters }: TeamBudgetProps) {
  const held = clusters.filter(c =>
    pools.some(p => p.cluster === c.name && p.phase !== 'removed'),
  );
  if (held.length === 0) return null;
  return (
    <Flex direction="column" gap="3">
      {held.map(cluster => {
        const used = teamUsage(owner, cluster.name, pools);
        const budget = cluster.policy.teamBudget;
        return (
          <Flex
            key={cluster.name}
            direction="column"
            gap="2"
            role="group"
            aria-label={`Team budget used on ${cluster.name}`}
          >
            <Text weight="bold">{`Team budget used on ${cluster.name}`}</Text>
            <Text variant="body-small" color="secondary">
              the pools' limits added up, against what the team may hold on this
              cluster
            </Text>
            <QuantityMeter
              label="CPU"
              used={formatQuantity(used.cpu)}
              limit={budget.cpu}
            />
            <QuantityMeter
              label="Memory"
              used={formatQuantity(used.memory, 'binary')}
              limit={budget.memory}
            />
          </Flex>
        );
      })}
    </Flex>
  );
}
