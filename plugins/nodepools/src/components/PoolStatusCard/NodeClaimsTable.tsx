import {
  CellText,
  Column,
  Row,
  TableBody,
  TableHeader,
  TableRoot,
  Text,
} from '@backstage/ui';
import type { PoolNodeClaim } from '@nodepools/plugin-nodepools-common';

/** A NodeClaim's state in one word, from Karpenter's conditions: the last one reached, or why not. */
export function nodeClaimState(claim: PoolNodeClaim): string {
  if (claim.deleting) return 'deleting';
  const status = (type: string) =>
    claim.conditions.find(c => c.type === type)?.status;
  if (status('Drifted') === 'True') return 'drifted';
  if (status('Ready') === 'True') return 'ready';
  for (const type of ['Initialized', 'Registered', 'Launched']) {
    const condition = claim.conditions.find(c => c.type === type);
    if (condition?.status === 'False') {
      return `not ${type.toLocaleLowerCase('en-US')}${
        condition.reason ? ` (${condition.reason})` : ''
      }`;
    }
  }
  for (const type of ['Initialized', 'Registered', 'Launched']) {
    if (status(type) === 'True') return type.toLocaleLowerCase('en-US');
  }
  return 'pending';
}

/** The pool's NodeClaims (one per node Karpenter launched or is launching) as the reconciler last read them. */
export function NodeClaimsTable({ claims }: { claims: PoolNodeClaim[] }) {
  if (claims.length === 0) {
    return (
      <Text color="secondary">
        No NodeClaims: the pool has no nodes. Karpenter launches one when a pod
        that tolerates the pool's taint cannot be scheduled elsewhere.
      </Text>
    );
  }
  const rows = claims.map(claim => ({ id: claim.name, claim }));
  return (
    <TableRoot aria-label="NodeClaims">
      <TableHeader>
        <Column isRowHeader>NodeClaim</Column>
        <Column>Node</Column>
        <Column>Instance</Column>
        <Column>Zone</Column>
        <Column>State</Column>
        <Column>Capacity</Column>
      </TableHeader>
      <TableBody items={rows}>
        {({ id, claim }) => (
          <Row id={id}>
            <CellText title={claim.name} />
            <CellText title={claim.nodeName ?? '(not registered)'} />
            <CellText
              title={[claim.instanceType, claim.capacityType]
                .filter(Boolean)
                .join(', ')}
            />
            <CellText title={claim.zone ?? ''} />
            <CellText title={nodeClaimState(claim)} />
            <CellText
              title={
                claim.capacity
                  ? `${claim.capacity.cpu ?? '?'} CPU, ${
                      claim.capacity.memory ?? '?'
                    } memory`
                  : ''
              }
            />
          </Row>
        )}
      </TableBody>
    </TableRoot>
  );
}
