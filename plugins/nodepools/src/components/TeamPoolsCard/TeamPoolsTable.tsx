import {
  CellText,
  Column,
  Row,
  TableBody,
  TableHeader,
  TableRoot,
} from '@backstage/ui';
import type { PoolRecord } from '@nodepools/plugin-nodepools-common';

/** A team's pools across clusters with their phase and limits. */
export function TeamPoolsTable({ pools }: { pools: PoolRecord[] }) {
  const rows = pools.map(pool => ({ id: pool.id, pool }));
  return (
    <TableRoot aria-label="Team pools">
      <TableHeader>
        <Column isRowHeader>Pool</Column>
        <Column>Cluster</Column>
        <Column>Phase</Column>
        <Column>Limits</Column>
      </TableHeader>
      <TableBody items={rows}>
        {({ id, pool }) => (
          <Row id={id}>
            <CellText title={pool.name} />
            <CellText title={pool.cluster} />
            <CellText
              title={
                pool.status ? pool.phase : `${pool.phase} (not yet applied)`
              }
            />
            <CellText
              title={`${pool.spec.limits.cpu} CPU, ${
                pool.spec.limits.memory
              } memory${
                pool.spec.limits.gpu ? `, ${pool.spec.limits.gpu} GPU` : ''
              }`}
            />
          </Row>
        )}
      </TableBody>
    </TableRoot>
  );
}
