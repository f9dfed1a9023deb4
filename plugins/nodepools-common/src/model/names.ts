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

/** The NodePool's name in the cluster: `<team>-<pool>`. It is also the `karpenter.sh/nodepool` label value, so at most 63 characters. */
export function nodePoolName(team: string, pool: string): string {
  return `${team}-${pool}`;
}

/** The longest pool name a team may choose so that `<team>-<pool>` still fits in a label value. */
export function maxPoolNameLength(team: string): number {
  return 63 - team.length - 1;
}
