import {
  Cell,
  CellText,
  Column,
  Link,
  Row,
  TableBody,
  TableHeader,
  TableRoot,
} from '@backstage/ui';
import type { RequestRecord } from '@nodepools/plugin-nodepools-common';
import { formatTime, shortRef } from '../../lib/format';
import { useNodePoolsLinks } from '../../routing';

/** Props of {@link RequestsTable}. */
export interface RequestsTableProps {
  requests: RequestRecord[];
  'aria-label'?: string;
}

/** One row per request; the pool name links to the request's detail page. */
export function RequestsTable({
  requests,
  'aria-label': label = 'Requests',
}: RequestsTableProps) {
  const requestLink = useNodePoolsLinks().request;
  const rows = requests.map(request => ({ id: request.id, request }));
  return (
    <TableRoot aria-label={label}>
      <TableHeader>
        <Column isRowHeader>Pool</Column>
        <Column>Team</Column>
        <Column>Kind</Column>
        <Column>State</Column>
        <Column>Requester</Column>
        <Column>Approvals</Column>
        <Column>Filed</Column>
      </TableHeader>
      <TableBody items={rows}>
        {({ id, request }) => {
          const approvals = request.decisions.filter(
            d => d.decision === 'approve',
          ).length;
          const href = requestLink?.(request.id);
          const title = `${request.pool} on ${request.cluster}`;
          return (
            <Row id={id}>
              <Cell>{href ? <Link href={href}>{title}</Link> : title}</Cell>
              <CellText title={shortRef(request.owner)} />
              <CellText title={request.kind} />
              <CellText title={request.state} />
              <CellText title={shortRef(request.requester)} />
              <CellText title={String(approvals)} />
              <CellText title={formatTime(request.createdAt)} />
            </Row>
          );
        }}
      </TableBody>
    </TableRoot>
  );
}
