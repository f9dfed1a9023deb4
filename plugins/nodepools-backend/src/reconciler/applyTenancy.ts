import { renderTenancyPolicy } from '@nodepools/plugin-nodepools-common';
import { NotOwnedError } from './ClusterErrors';
import type { KubeObject } from './KubeObject';
import { isOwned } from './ownership';
import type { ReconcileContext } from './ReconcileContext';

/**
 * Server-side applies the cluster's admission policies and bindings. They are cluster-wide, so a
 * same-named object that is not ours fails the whole step (and so the cluster's reconcile) rather
 * than being taken over: tenant enforcement that silently isn't ours would be worse than an error.
 */
export async function applyTenancy(ctx: ReconcileContext): Promise<void> {
  for (const manifest of renderTenancyPolicy(ctx.cluster.policy)) {
    const object = manifest as KubeObject;
    const live = await ctx.client.get(object);
    if (live && !isOwned(live))
      throw new NotOwnedError(
        ctx.cluster.name,
        object.kind,
        object.metadata.name,
      );
    await ctx.client.apply(object, { force: true });
  }
}
