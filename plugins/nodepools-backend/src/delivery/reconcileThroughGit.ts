import type { ReconcileOutcome } from '../reconciler/ClusterReconciler';
import { readClusterSnapshot } from '../reconciler/ClusterSnapshot';
import { observeNodeClasses } from '../reconciler/observeNodeClasses';
import { observeStatus } from '../reconciler/observeStatus';
import type { ReconcileContext } from '../reconciler/ReconcileContext';
import { recordObservations } from '../reconciler/recordObservations';
import { recordSamples } from '../samples/recordSamples';
import { completeSynced } from './completeSynced';
import { deliverPending } from './deliverPending';
import { reportGitDrift } from './reportGitDrift';

/**
 * One pass over a cluster whose pools are delivered through git. Nothing is written to the
 * cluster: the GitOps controller owns it. Each pool whose approval the cluster does not show yet
 * is delivered (idempotently: its pull request is found again, not opened twice) and where the
 * delivery stands goes into the pool's history when it changes; the request becomes `applied`
 * only when the cluster carries the approved generation, and a decommissioned pool `removed` only
 * once its file is gone from the base branch and its NodePool from the cluster. Status is read as
 * in apply mode (spend samples too); drift is reported, never corrected.
 */
export async function reconcileThroughGit(
  ctx: ReconcileContext,
): Promise<ReconcileOutcome> {
  const pools = () => ctx.store.livePools(ctx.cluster.name);
  const snapshot = await readClusterSnapshot(ctx.client);
  const delivered = await deliverPending(ctx, await pools(), snapshot);
  await completeSynced(ctx, await pools(), snapshot, delivered);
  const statusChanged = await observeStatus(ctx, await pools(), snapshot);
  await recordSamples(ctx, pools);
  await reportGitDrift(ctx, await pools(), snapshot);
  await recordObservations(ctx, await pools(), snapshot);
  return {
    nodeClasses: await observeNodeClasses(ctx),
    applied: { tenancy: 0, namespaces: 0, nodePools: 0 },
    driftCorrected: 0,
    deleted: 0,
    statusChanged,
  };
}
