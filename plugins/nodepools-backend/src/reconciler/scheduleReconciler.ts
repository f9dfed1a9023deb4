import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ClusterPassRunner } from './ClusterPassRunner';
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
 * the others. Returns the trigger for approvals and configuration changes, which runs that
 * cluster's task at once instead of waiting for the period, scheduling it first when the cluster
 * was added since start-up. The scheduler cannot drop a task, so the task of a cluster that is
 * no longer configured stays and does nothing (and works again if the cluster comes back).
 */
export async function scheduleReconciler(
  reconciler: NodePoolsReconciler,
  scheduler: SchedulerService,
  logger: LoggerService,
  intervalSeconds = 30,
  runner?: Pick<ClusterPassRunner, 'run'>,
): Promise<(cluster: string) => void> {
  // With a runner (the plugin), every pass takes the cluster's lease; without one (the
  // benchmark's baseline), the task's own global lock keeps passes apart.
  const pass = (cluster: string) =>
    runner ? runner.run(cluster) : reconciler.reconcileCluster(cluster);
  const scheduled = new Map<string, Promise<void>>();
  const schedule = (cluster: string) => {
    let done = scheduled.get(cluster);
    if (!done) {
      done = scheduler.scheduleTask({
        id: reconcileTaskId(cluster),
        scope: 'global',
        frequency: { seconds: intervalSeconds },
        timeout: { minutes: 5 },
        fn: async () => {
          if (reconciler.clusters().includes(cluster)) await pass(cluster);
        },
      });
      // A failed attempt is not remembered: the next trigger tries to schedule again.
      done.catch(() => scheduled.delete(cluster));
      scheduled.set(cluster, done);
    }
    return done;
  };
  for (const cluster of reconciler.clusters()) await schedule(cluster);
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
    schedule(cluster).then(
      // The scheduler would start the task at its next poll of the task table (up to 5 s):
      // the runner starts the pass now, under the cluster's lease.
      () => (runner ? void runner.run(cluster) : trigger(cluster, 0)),
      error =>
        logger.error(
          `Could not schedule the reconcile of ${cluster}: ${error}`,
        ),
    );
  };
}

/** The scheduler's answer when the task is running right now. */
function isConflict(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'ConflictError';
}
