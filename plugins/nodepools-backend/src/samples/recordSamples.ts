import type { VersionedPool } from '../database/NodePoolsStore';
import type { ReconcileContext } from '../reconciler/ReconcileContext';

/**
 * The reconcile step that records the hour's spend samples from the status the pass just stored
 * (`pools` reads the cluster's pools as they now are).
 * A sample is worth less than the pass: a failure to write one is logged and the pass goes on
 * (the next pass of the hour tries again, as the hour is remembered only once written).
 */
export async function recordSamples(
  ctx: ReconcileContext,
  pools: () => Promise<VersionedPool[]>,
): Promise<void> {
  const now = new Date(ctx.now());
  // Most passes of an hour have nothing to record: they do not read the pools again either.
  if (!ctx.sampler?.isDue(ctx.cluster.name, now)) return;
  try {
    await ctx.sampler.record(ctx.cluster.name, await pools(), now);
  } catch (error) {
    ctx.logger.warn(
      `Could not record the spend samples of cluster ${ctx.cluster.name}: ${
        (error as Error).message ?? String(error)
      }`,
    );
  }
}
