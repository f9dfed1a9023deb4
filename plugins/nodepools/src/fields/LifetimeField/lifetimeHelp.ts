import { isLifetime } from '@nodepools/plugin-nodepools-common';
import type { ClusterSummary } from '../../api/types';

/** What the field says under the input: the cluster's default, maximum and whether one is needed. */
export function lifetimeHelp(
  cluster: string | undefined,
  rules: ClusterSummary['policy']['lifetime'],
): string {
  const base =
    'How long the team needs the pool, in days, hours or minutes (30d). Before it runs out the team is warned and can extend it.';
  if (!cluster) return `${base} Choose the cluster to see its rules.`;
  if (!rules?.default && !rules?.max && !rules?.required)
    return `${base} On ${cluster}, leave it empty for a pool that does not expire.`;
  let empty = 'empty means no expiry';
  if (rules.default) empty = `empty means ${rules.default}`;
  else if (rules.required) empty = 'a lifetime is required';
  const parts = [empty, ...(rules.max ? [`at most ${rules.max}`] : [])];
  return `${base} On ${cluster}: ${parts.join(', ')}.`;
}

/** The problem with a typed lifetime, in words; undefined when it is fine or empty. */
export function lifetimeProblem(value: string | undefined): string | undefined {
  if (!value || isLifetime(value)) return undefined;
  return 'Write a whole number followed by d, h or m, such as 30d';
}
