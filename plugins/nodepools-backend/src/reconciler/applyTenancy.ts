import { renderTenancyPolicy } from '@nodepools/plugin-nodepools-common';
import type { ClusterSnapshot } from './ClusterSnapshot';
import { tenancyKey } from './ClusterSnapshot';
import { NotOwnedError } from './ClusterErrors';
import { findDrift } from './findDrift';
import type { KubeObject } from './KubeObject';
import { isOwned } from './ownership';
import type { ReconcileContext } from './ReconcileContext';

/**
 * Server-side applies the cluster's admission policies and bindings where they are missing or
 * differ from what we render; equal objects are left alone, so a converged cluster sees no write.
 * They are cluster-wide, so a same-named object that is not ours fails the whole step (and so
 * the cluster's reconcile) rather than being taken over: tenant enforcement that silently isn't
 * ours would be worse than an error. Returns the number of objects written.
 */
export async function applyTenancy(
  ctx: ReconcileContext,
  snapshot: Pick<ClusterSnapshot, 'tenancy'>,
): Promise<number> {
  let written = 0;
  for (const manifest of renderTenancyPolicy(ctx.cluster.policy)) {
    const object = manifest as KubeObject;
    // Not among ours: it may still exist without our label.
    const live =
      snapshot.tenancy.get(tenancyKey(object)) ??
      (await ctx.client.get(object));
    if (live && !isOwned(live))
      throw new NotOwnedError(
        ctx.cluster.name,
        object.kind,
        object.metadata.name,
      );
    if (live && findDrift(object, live).length === 0) continue;
    await ctx.client.apply(object, { force: true });
    written += 1;
  }
  return written;
}
