import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { NodePoolsReconciler } from './NodePoolsReconciler';

/** The scheduler task that reconciles one cluster. */
export function reconcileTaskId(cluster: string): string {
  return `nodepools-reconcile-${cluster}`;
}

/**
 * One global task per cluster, every `intervalSeconds` (30 by default): with many backend
 * replicas each cluster is reconciled by one of them at a time, and a slow cluster never holds up
 * the others. Returns the trigger for approvals, which runs that cluster's task at once instead
 * of waiting for the period.
 */
export async function scheduleReconciler(
  reconciler: NodePoolsReconciler,
  scheduler: SchedulerService,
  logger: LoggerService,
  intervalSeconds = 30,
): Promise<(cluster: string) => void> {
  for (const cluster of reconciler.clusters()) {
    await scheduler.scheduleTask({
      id: reconcileTaskId(cluster),
      scope: 'global',
      frequency: { seconds: intervalSeconds },
      timeout: { minutes: 5 },
      fn: async () => {
        await reconciler.reconcileCluster(cluster);
      },
    });
  }
  return cluster => {
    if (!reconciler.clusters().includes(cluster)) return;
    reconciler.retryNow(cluster);
    // Already running is fine: the running pass or the next period picks the approval up.
    scheduler
      .triggerTask(reconcileTaskId(cluster))
      .catch(error =>
        logger.debug(
          `Could not trigger the reconcile of ${cluster} now: ${error}`,
        ),
      );
  };
}
