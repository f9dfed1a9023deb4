import {
  MANAGED_BY,
  NODEPOOLS_LABELS,
} from '@nodepools/plugin-nodepools-common';
import type { KubeObject } from './KubeObject';

/** The field manager of every write the reconciler makes. */
export const FIELD_MANAGER = 'backstage-nodepools';

/** True when the object carries our managed-by label: the only objects we may change or delete. */
export function isOwned(object: Pick<KubeObject, 'metadata'>): boolean {
  return object.metadata.labels?.[NODEPOOLS_LABELS.managedBy] === MANAGED_BY;
}

/**
 * True when the object is ours although its managed-by label is gone: our field manager applied
 * it (the API server records that in `metadata.managedFields`), or, for a NodePool, it carries the
 * pool-id label of the pool it is checked against. Stripping the label is then an edit to undo,
 * not a hand-over: otherwise removing one label would take a pool or a policy out of our hands.
 */
export function isOursUnlabelled(
  object: Pick<KubeObject, 'metadata'>,
  poolId?: string,
): boolean {
  if (
    poolId !== undefined &&
    object.metadata.labels?.[NODEPOOLS_LABELS.poolId] === poolId
  )
    return true;
  return (object.metadata.managedFields ?? []).some(
    entry => entry.manager === FIELD_MANAGER && entry.operation === 'Apply',
  );
}
