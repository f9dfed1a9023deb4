import { applyPools } from './applyPools';
import { applyTenancy } from './applyTenancy';
import { labelNamespaces } from './labelNamespaces';
import { type NodeClassInfo, observeNodeClasses } from './observeNodeClasses';
import { observeStatus } from './observeStatus';
import type { ReconcileContext } from './ReconcileContext';
import { removeDecommissioned } from './removeDecommissioned';

/**
 * One pass over one cluster: tenant enforcement first (so no pool is ever there without it),
 * then namespace labels, pools, removals and status; last, the node classes the policy allows
 * are read for the preview's warnings. Each step is idempotent and reads the pools
 * afresh, so a step sees what the one before it wrote. A pool's own failure is recorded on the
 * pool and the pass goes on; a failure of the cluster (unreachable, tenancy refused) is thrown.
 */
export class ClusterReconciler {
  constructor(private readonly ctx: ReconcileContext) {}

  async reconcile(): Promise<{ nodeClasses: NodeClassInfo[] }> {
    const { ctx } = this;
    const pools = () => ctx.store.livePools(ctx.cluster.name);
    await applyTenancy(ctx);
    await labelNamespaces(ctx, await pools());
    await applyPools(ctx, await pools());
    await removeDecommissioned(ctx, await pools());
    await observeStatus(ctx, await pools());
    return { nodeClasses: await observeNodeClasses(ctx) };
  }
}
