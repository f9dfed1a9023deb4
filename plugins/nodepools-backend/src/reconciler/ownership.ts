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
