import type { PoolSpec } from '@nodepools/plugin-nodepools-common';
import type { AdvancedPolicy } from '../AdvancedField/advancedValue';

/** The spec lists `ui:field: NodePoolSpecList` edits (`ui:options.list`). */
export type SpecList = 'architectures' | 'capacityTypes' | 'namespaces';

export const SPEC_LISTS: SpecList[] = [
  'architectures',
  'capacityTypes',
  'namespaces',
];

/** The values the cluster allows for a list, or undefined when any value goes (namespaces). */
export function allowedValues(
  list: SpecList,
  policy: AdvancedPolicy,
): string[] | undefined {
  return list === 'namespaces' ? undefined : policy[list];
}

/** The list as the pool's approved spec has it. */
export function currentList(list: SpecList, spec: PoolSpec): string[] {
  return list === 'namespaces' ? spec.namespaces : spec.requirements[list];
}

/**
 * Where a list starts: the pool's current values for a change; for a new pool, every value the
 * cluster allows (both architectures where it allows both, as the help text advises), except
 * reserved capacity, which only a team holding reservations asks for.
 */
export function specListStart(
  list: SpecList,
  policy: AdvancedPolicy,
  current?: PoolSpec,
): string[] | undefined {
  if (current) return currentList(list, current);
  const allowed = allowedValues(list, policy);
  if (!allowed) return undefined;
  const usual = allowed.filter(v => v !== 'reserved');
  return usual.length ? usual : allowed;
}
