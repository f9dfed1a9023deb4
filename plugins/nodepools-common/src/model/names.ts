/** Rules for the names and labels the suite writes into a cluster. */

/** The value of `app.kubernetes.io/managed-by` on everything the reconciler owns. */
export const MANAGED_BY = 'backstage-nodepools';

/** Label and annotation keys the suite owns. */
export const NODEPOOLS_LABELS = {
  managedBy: 'app.kubernetes.io/managed-by',
  team: 'nodepools.backstage.io/team',
  pool: 'nodepools.backstage.io/pool',
  poolId: 'nodepools.backstage.io/pool-id',
} as const;

/** Annotation keys the suite owns. */
export const NODEPOOLS_ANNOTATIONS = {
  owner: 'nodepools.backstage.io/owner',
  requestId: 'nodepools.backstage.io/request-id',
  generation: 'nodepools.backstage.io/generation',
} as const;

// RFC 1123 label: what Kubernetes accepts for namespace names and label values we compose.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** True when the text is an RFC 1123 DNS label of at most 63 characters. */
export function isDnsLabel(text: string): boolean {
  return text.length <= 63 && DNS_LABEL.test(text);
}

/**
 * The team's name in a cluster (taint value, labels, NodePool name prefix): the group's name in
 * the `default` namespace, `<namespace>.<name>` elsewhere. Both parts are DNS labels, which hold
 * no dot, so `group:a/b` and `group:default/a-b` stay apart.
 */
export function teamSlugOf(group: { namespace: string; name: string }): string {
  return group.namespace === 'default'
    ? group.name
    : `${group.namespace}.${group.name}`;
}

/** Why a group cannot name a team in a cluster, or undefined when it can. */
export function teamSlugProblem(group: {
  namespace: string;
  name: string;
}): string | undefined {
  if (!isDnsLabel(group.name))
    return `the group name "${group.name}" must be lower-case letters, digits and '-' (at most 63) to be used in the cluster`;
  if (group.namespace !== 'default' && !isDnsLabel(group.namespace))
    return `the group namespace "${group.namespace}" must be lower-case letters, digits and '-' (at most 63) to be used in the cluster`;
  const slug = teamSlugOf(group);
  if (slug.length > 63)
    return `the team name "${slug}" is longer than the 63 characters a label value holds`;
  return undefined;
}

/**
 * The NodePool's name in the cluster: `<team>.<pool>`. The pool name is a DNS label (no dot), so
 * the last dot splits the name back into team and pool: no two pools of a cluster share a name.
 * It is also the `karpenter.sh/nodepool` label value, so at most 63 characters.
 */
export function nodePoolName(team: string, pool: string): string {
  return `${team}.${pool}`;
}

/** The longest pool name a team may choose so that `<team>.<pool>` still fits in a label value. */
export function maxPoolNameLength(team: string): number {
  return 63 - team.length - 1;
}

/**
 * What is wrong with a pool name, in words a requester acts on (the form shows it as they type),
 * or undefined when the name is fine. With the team known, it also checks that the NodePool name
 * `<team>.<pool>` fits in the 63 characters of a label value.
 */
export function poolNameProblem(
  pool: string,
  team?: string,
): string | undefined {
  if (pool === '') return 'Enter a name for the pool';
  if (/[A-Z]/.test(pool))
    return 'Use lower-case letters only: Kubernetes names have no capitals';
  const other = [...new Set(pool.replace(/[-a-z0-9]/g, ''))];
  if (other.length > 0)
    return `Use only lower-case letters, digits and '-': ${other
      .map(c => (c === ' ' ? 'spaces' : `"${c}"`))
      .join(', ')} ${
      other.length === 1 && other[0] !== ' ' ? 'is' : 'are'
    } not allowed`;
  if (pool.startsWith('-') || pool.endsWith('-'))
    return "Start and end the name with a letter or a digit, not '-'";
  const max = team === undefined ? 63 : maxPoolNameLength(team);
  if (pool.length > max)
    return team === undefined
      ? 'Use at most 63 characters'
      : `Use at most ${max} characters, so that the NodePool name ${nodePoolName(
          team,
          '…',
        )} fits in 63`;
  return undefined;
}
