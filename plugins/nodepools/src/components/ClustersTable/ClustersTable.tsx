import {
  CellText,
  Column,
  Row,
  TableBody,
  TableHeader,
  TableRoot,
} from '@backstage/ui';
import type { ClusterSummary } from '../../api/types';
import { formatList, formatQuantities, formatQuorum } from './formatPolicy';
import { HealthCell } from './HealthCell';
import { PolicyCell } from './PolicyCell';

/** Props of {@link ClustersTable}. */
export interface ClustersTableProps {
  clusters: ClusterSummary[];
  /** Accessible name of the table; the heading it sits under, when there is one. */
  'aria-labelledby'?: string;
}

/**
 * One row per configured cluster with its health and the policy a request on it must meet. A react-aria grid:
 * arrow keys move between cells, so it is usable without a mouse.
 */
export function ClustersTable(props: ClustersTableProps) {
  const { clusters } = props;
  const labelledBy = props['aria-labelledby'];
  const rows = clusters.map(cluster => ({ id: cluster.name, cluster }));
  return (
    <TableRoot
      {...(labelledBy
        ? { 'aria-labelledby': labelledBy }
        : { 'aria-label': 'Clusters' })}
    >
      <TableHeader>
        <Column isRowHeader>Cluster</Column>
        <Column>Status</Column>
        <Column>Node classes</Column>
        <Column>Architectures</Column>
        <Column>Capacity types</Column>
        <Column>Max per pool</Column>
        <Column>Team budget</Column>
        <Column>Quorum</Column>
        <Column>Approver groups</Column>
      </TableHeader>
      <TableBody items={rows}>
        {({ id, cluster }) => (
          <Row id={id}>
            <CellText
              // The name is what requests and templates refer to, so it is always shown.
              title={
                cluster.title
                  ? `${cluster.title} (${cluster.name})`
                  : cluster.name
              }
              description={cluster.description}
            />
            <HealthCell health={cluster.health} />
            <PolicyCell>{formatList(cluster.policy.nodeClasses)}</PolicyCell>
            <PolicyCell>{formatList(cluster.policy.architectures)}</PolicyCell>
            <PolicyCell>{formatList(cluster.policy.capacityTypes)}</PolicyCell>
            <PolicyCell>
              {formatQuantities(cluster.policy.maxPoolLimits)}
            </PolicyCell>
            <PolicyCell>
              {formatQuantities(cluster.policy.teamBudget)}
            </PolicyCell>
            <PolicyCell>{formatQuorum(cluster.policy.quorum)}</PolicyCell>
            <PolicyCell>{formatList(cluster.policy.approverGroups)}</PolicyCell>
          </Row>
        )}
      </TableBody>
    </TableRoot>
  );
}
