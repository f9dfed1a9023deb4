import { reconcileThroughGit } from '../delivery/reconcileThroughGit';
import { applyPools } from './applyPools';
import { applyTenancy } from './applyTenancy';
import { readClusterSnapshot, readPoolObjects } from './ClusterSnapshot';
import { labelNamespaces } from './labelNamespaces';
import type { NodeClassInfo } from '@nodepools/plugin-nodepools-common';
import { observeNodeClasses } from './observeNodeClasses';
import { observeStatus } from './observeStatus';
import type { ReconcileContext } from './ReconcileContext';
import { recordObservations } from './recordObservations';
import { recordSamples } from '../samples/recordSamples';
import { removeDecommissioned } from './removeDecommissioned';

/** What one pass did: the figures metrics and benchmarks report. */
export interface ReconcileOutcome {
  nodeClasses: NodeClassInfo[];
  /** Objects written, by kind of step. */
  applied: { tenancy: number; namespaces: number; nodePools: number };
  driftCorrected: number;
  deleted: number;
  statusChanged: number;
}

/**
 * One pass over one cluster: read the cluster once (a few list calls), then tenant enforcement
 * first (so no pool is ever there without it), namespace labels, pools, removals and status;
 * then what runs is recorded for the preview (see recordObservations); last, the node classes the
 * policy allows are read for the preview's warnings. Each step is
 * idempotent, writes only what differs, and reads the pools afresh, so a step sees what the one
 * before it wrote. A pool's own failure is recorded on the pool and the pass goes on; a failure
 * of the cluster (unreachable, tenancy refused) is thrown.
 */
export class ClusterReconciler {
  constructor(private readonly ctx: ReconcileContext) {}

  async reconcile(): Promise<ReconcileOutcome> {
    const { ctx } = this;
    // Git delivery: the GitOps controller writes to the cluster, the reconciler only reads it.
    if (ctx.cluster.delivery) return reconcileThroughGit(ctx);
    const pools = () => ctx.store.livePools(ctx.cluster.name);
    const snapshot = await readClusterSnapshot(ctx.client);
    const tenancy = await applyTenancy(ctx, snapshot);
    const namespaces = await labelNamespaces(ctx, await pools(), snapshot);
    const poolsOutcome = await applyPools(ctx, await pools(), snapshot);
    const deleted = await removeDecommissioned(ctx, await pools(), snapshot);
    const statusChanged = await observeStatus(ctx, await pools(), snapshot);
    await recordSamples(ctx, pools);
    // After the writes above, so what is recorded is what now runs.
    await recordObservations(ctx, await pools(), snapshot);
    return {
      nodeClasses: await observeNodeClasses(ctx),
      applied: { tenancy, namespaces, nodePools: poolsOutcome.applied },
      driftCorrected: poolsOutcome.driftCorrected,
      deleted,
      statusChanged,
    };
  }

  /** Status only, from a fresh read of the NodePools and NodeClaims: what a watch event needs. */
  async observe(): Promise<number> {
    const { ctx } = this;
    const objects = await readPoolObjects(ctx.client);
    const pools = await ctx.store.livePools(ctx.cluster.name);
    const changed = await observeStatus(ctx, pools, objects);
    // A watch event is how an edit made outside the portal reaches the preview before the next
    // full pass puts the approved spec back.
    await recordObservations(ctx, pools, objects);
    return changed;
  }
}
