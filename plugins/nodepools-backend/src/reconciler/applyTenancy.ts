import {
  renderTenancyPolicy,
  tenantPoolOf,
  type TenantPool,
} from '@nodepools/plugin-nodepools-common';
import type { VersionedPool } from '../database/NodePoolsStore';
import type { ClusterSnapshot } from './ClusterSnapshot';
import { tenancyKey } from './ClusterSnapshot';
import { NotOwnedError } from './ClusterErrors';
import { findDrift } from './findDrift';
import type { KubeObject } from './KubeObject';
import { isOwned, isOursUnlabelled } from './ownership';
import type { ReconcileContext } from './ReconcileContext';
import { renderPoolObject } from './renderPoolObject';

/**
 * The pools whose nodes admission keeps to their team: every NodePool of ours in the cluster,
 * and every pool the database is about to apply (so a pool is covered before its NodePool
 * exists). A decommissioning pool counts while its NodePool is there, and a name taken by a
 * NodePool that is not ours names nobody's nodes. Derived from the cluster first, so every
 * reconciler of a cluster renders the same policy once the pools are applied. The database's
 * render wins over the live labels: a team label edited on the NodePool hands its nodes to nobody.
 */
export function tenantPools(
  ctx: Pick<ReconcileContext, 'cluster'>,
  pools: VersionedPool[],
  snapshot: Pick<ClusterSnapshot, 'nodePools'>,
): TenantPool[] {
  const byName = new Map<string, TenantPool>();
  for (const pool of pools) {
    if (pool.phase === 'decommissioning' || pool.phase === 'removed') continue;
    const rendered = renderPoolObject(pool, ctx.cluster.policy);
    const live = snapshot.nodePools.get(rendered.metadata.name);
    const tenant = tenantPoolOf(rendered);
    if (tenant && (!live || isOwned(live) || isOursUnlabelled(live, pool.id)))
      byName.set(rendered.metadata.name, tenant);
  }
  for (const [name, live] of snapshot.nodePools) {
    if (byName.has(name) || !isOwned(live)) continue;
    const tenant = tenantPoolOf(live);
    if (tenant) byName.set(name, tenant);
  }
  return [...byName.values()];
}

/**
 * Server-side applies the cluster's admission policies and bindings where they are missing or
 * differ from what we render; equal objects are left alone, so a converged cluster sees no write.
 * They are cluster-wide, so a same-named object that is not ours fails the whole step (and so
 * the cluster's reconcile) rather than being taken over: tenant enforcement that silently isn't
 * ours would be worse than an error. Returns the number of objects written.
 */
export async function applyTenancy(
  ctx: ReconcileContext,
  snapshot: Pick<ClusterSnapshot, 'tenancy' | 'nodePools'>,
): Promise<number> {
  let written = 0;
  const pools = tenantPools(
    ctx,
    await ctx.store.livePools(ctx.cluster.name),
    snapshot,
  );
  for (const manifest of renderTenancyPolicy(ctx.cluster.policy, pools)) {
    const object = manifest as KubeObject;
    // Not among ours: it may still exist without our label.
    const live =
      snapshot.tenancy.get(tenancyKey(object)) ??
      (await ctx.client.get(object));
    if (live && !isOwned(live) && !isOursUnlabelled(live))
      throw new NotOwnedError(
        ctx.cluster.name,
        object.kind,
        object.metadata.name,
      );
    if (live && findDrift(object, live).length === 0) continue;
    const applied = await ctx.client.apply(object, { force: true });
    // Another manager's entry in a set (a binding's validationActions) survives a forced apply.
    if (findDrift(object, applied).length > 0)
      await ctx.client.replace({
        ...object,
        metadata: {
          ...object.metadata,
          resourceVersion: applied.metadata.resourceVersion,
        },
      });
    written += 1;
  }
  return written;
}
