import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { NodePoolsReconciler } from './NodePoolsReconciler';

/** How often to try again while a pass runs (250 ms doubling: about half a minute in all). */
const RETRIGGER_ATTEMPTS = 7;

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
  // A running pass may have read the pools before this approval: trigger again once it is done,
  // instead of leaving the approval to the next period.
  const trigger = (cluster: string, attempt: number) => {
    scheduler.triggerTask(reconcileTaskId(cluster)).catch(error => {
      if (isConflict(error) && attempt < RETRIGGER_ATTEMPTS) {
        setTimeout(
          () => trigger(cluster, attempt + 1),
          Math.min(250 * 2 ** attempt, (intervalSeconds * 1000) / 2),
        ).unref();
        return;
      }
      logger.debug(
        `Could not trigger the reconcile of ${cluster} now: ${error}`,
      );
    });
  };
  return cluster => {
    if (!reconciler.clusters().includes(cluster)) return;
    reconciler.retryNow(cluster);
    trigger(cluster, 0);
  };
}

/** The scheduler's answer when the task is running right now. */
function isConflict(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'ConflictError';
}
