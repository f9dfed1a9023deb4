import {
  Cell,
  Column,
  Row,
  TableBody,
  TableHeader,
  TableRoot,
  Text,
} from '@backstage/ui';
import type {
  DriftImpact,
  FieldChange,
} from '@nodepools/plugin-nodepools-common';
import { valueLines } from '../../lib/format';

const IMPACT_LABELS: Record<DriftImpact, string> = {
  none: 'no node replaced',
  'nodes-not-fitting': 'replaces nodes that no longer fit',
  'all-nodes': 'replaces every node',
};

/**
 * A cell whose text wraps instead of being cut off: field paths and values (requirements, taints)
 * are long, and an approver has to read all of it. One line per requirement or taint.
 */
function WrappedCell({ lines }: { lines: string[] }) {
  return (
    <Cell>
      {lines.map((line, i) => (
        <Text
          key={i}
          as="p"
          variant="body-medium"
          style={{ overflowWrap: 'anywhere', margin: 0 }}
        >
          {line}
        </Text>
      ))}
    </Cell>
  );
}

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
            <WrappedCell lines={[change.path]} />
            <WrappedCell lines={valueLines(change.before)} />
            <WrappedCell lines={valueLines(change.after)} />
            <WrappedCell lines={[IMPACT_LABELS[change.impact]]} />
          </Row>
        )}
      </TableBody>
    </TableRoot>
  );
}
