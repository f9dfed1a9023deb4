import type { VersionedPool } from '../database/NodePoolsStore';
import type { ReconcileContext } from '../reconciler/ReconcileContext';

/**
 * The reconcile step that records the hour's spend samples from the status the pass just stored.
 * A sample is worth less than the pass: a failure to write one is logged and the pass goes on
 * (the next pass of the hour tries again, as the hour is remembered only once written).
 */
export async function recordSamples(
  ctx: ReconcileContext,
  pools: VersionedPool[],
): Promise<void> {
  if (!ctx.sampler) return;
  try {
    await ctx.sampler.record(ctx.cluster.name, pools, new Date(ctx.now()));
  } catch (error) {
    ctx.logger.warn(
      `Could not record the spend samples of cluster ${ctx.cluster.name}: ${
        (error as Error).message ?? String(error)
      }`,
    );
  }
}
