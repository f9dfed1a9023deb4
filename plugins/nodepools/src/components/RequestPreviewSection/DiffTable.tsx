import {
  CellText,
  Column,
  Row,
  TableBody,
  TableHeader,
  TableRoot,
} from '@backstage/ui';
import type {
  DriftImpact,
  FieldChange,
} from '@nodepools/plugin-nodepools-common';
import { formatValue } from '../../lib/format';

const IMPACT_LABELS: Record<DriftImpact, string> = {
  none: 'no node replaced',
  'nodes-not-fitting': 'replaces nodes that no longer fit',
  'all-nodes': 'replaces every node',
};

/**
 * Field / before / after / impact for every field the request changes in the NodePool; with other
 * labels, the same for where the live NodePool differs from the approved spec.
 */
export function DiffTable({
  changes,
  label = 'Changes',
  before = 'Before',
  after = 'After',
}: {
  changes: FieldChange[];
  label?: string;
  before?: string;
  after?: string;
}) {
  const rows = changes.map(change => ({ id: change.path, change }));
  return (
    <TableRoot aria-label={label}>
      <TableHeader>
        <Column isRowHeader>Field</Column>
        <Column>{before}</Column>
        <Column>{after}</Column>
        <Column>Impact</Column>
      </TableHeader>
      <TableBody items={rows}>
        {({ id, change }) => (
          <Row id={id}>
            <CellText title={change.path} />
            <CellText title={formatValue(change.before)} />
            <CellText title={formatValue(change.after)} />
            <CellText title={IMPACT_LABELS[change.impact]} />
          </Row>
        )}
      </TableBody>
    </TableRoot>
  );
}
