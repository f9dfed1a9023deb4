import {
  renderNamespaceLabel,
  teamSlug,
} from '@nodepools/plugin-nodepools-common';
import type { VersionedPool } from '../database/NodePoolsStore';
import type { ClusterSnapshot } from './ClusterSnapshot';
import type { KubeObject } from './KubeObject';
import type { ReconcileContext } from './ReconcileContext';
import { recordPoolError } from './recordPoolError';

/**
 * Labels the namespaces each live pool names with its team, so admission lets their pods use
 * the team's nodes. Namespaces are not ours: we never create or delete one (a namespace that does
 * not exist yet is labelled by a later reconcile), and we apply only the team label, without
 * force, so our field manager owns that one label and a conflicting owner is an error, not an
 * overwrite. A namespace named by two teams is labelled for the first pool granted and the
 * other pool records the conflict. A namespace that already carries the label is not written.
 * Returns the number of namespaces written.
 */
export async function labelNamespaces(
  ctx: ReconcileContext,
  pools: VersionedPool[],
  snapshot: Pick<ClusterSnapshot, 'namespaces'>,
): Promise<number> {
  let written = 0;
  const claimed = new Map<string, string>();
  const live = pools
    .filter(p => p.phase !== 'decommissioning' && p.phase !== 'removed')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const pool of live) {
    const team = teamSlug(pool.owner);
    try {
      for (const namespace of pool.spec.namespaces ?? []) {
        const holder = claimed.get(namespace);
        if (holder !== undefined && holder !== team)
          throw new Error(
            `namespace ${namespace} is already labelled for team ${holder}; it cannot also be ${team}'s`,
          );
        claimed.set(namespace, team);
        const label = renderNamespaceLabel(
          namespace,
          team,
          ctx.cluster.policy,
        ) as KubeObject;
        const existing = snapshot.namespaces.get(namespace);
        if (!existing) continue;
        const key = ctx.cluster.policy.teamLabelKey;
        if (existing.metadata.labels?.[key] === team) continue;
        const labelled = await ctx.client.apply(label, { force: false });
        // Later pools naming the same namespace see it labelled and write nothing.
        snapshot.namespaces.set(namespace, labelled);
        written += 1;
      }
    } catch (error) {
      await recordPoolError(ctx, pool, error);
    }
  }
  return written;
}
