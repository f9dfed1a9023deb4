import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  MANAGED_BY,
  NODEPOOLS_LABELS,
} from '@nodepools/plugin-nodepools-common';
import { NODEPOOL_LABEL } from './ClusterSnapshot';
import type { NodePoolsReconciler } from './NodePoolsReconciler';

const OURS = `${NODEPOOLS_LABELS.managedBy}=${MANAGED_BY}`;

/** What a watch event calls for: status only, or a pass that also corrects what was changed. */
type Pass = 'status' | 'correct';

/**
 * What is watched in every cluster. Our NodePools and admission objects: any change to them may
 * be someone's edit, so it triggers a correcting pass (a label-selected watch reports an object
 * whose label was stripped as deleted, so that is seen too). NodeClaims of any NodePool: status.
 */
const WATCHED: { path: string; labelSelector: string; pass: Pass }[] = [
  {
    path: '/apis/karpenter.sh/v1/nodepools',
    labelSelector: OURS,
    pass: 'correct',
  },
  {
    path: '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies',
    labelSelector: OURS,
    pass: 'correct',
  },
  {
    path: '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings',
    labelSelector: OURS,
    pass: 'correct',
  },
  {
    path: '/apis/karpenter.sh/v1/nodeclaims',
    labelSelector: NODEPOOL_LABEL,
    pass: 'status',
  },
];

/** Options; the delays are short in tests. */
export interface PoolStatusWatcherOptions {
  reconciler: NodePoolsReconciler;
  /** Runs a correcting pass; the plugin passes its lease-holding runner, so replicas take turns. */
  runPass?: (cluster: string) => Promise<unknown>;
  logger: LoggerService;
  /** Events within this window become one status pass (a scale-up sends many). */
  debounceMs?: number;
  /** First wait before watching again after a watch failed; doubles up to `maxRestartDelayMs`. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
}

/**
 * Watches NodePools, NodeClaims and our admission objects so that status reaches the database,
 * and a hand edit or deletion of a NodePool or of tenant enforcement is put back, within about a
 * second instead of at the next period. A NodeClaim event triggers a status pass (reads only); a
 * NodePool or admission object event a full pass of the cluster, which writes only what differs,
 * so our own correction comes back as one more event and a pass that finds nothing to do. Every
 * replica watches: applies are idempotent and database writes carry the pool's version, so when
 * two see the same change one records it and the other finds nothing to do.
 */
export class PoolStatusWatcher {
  /** The open watches of each cluster, by how to stop them. */
  private readonly stops = new Map<string, Set<() => void>>();
  /** Bumped when a cluster is watched afresh: watches (and retries) of an older round end. */
  private readonly rounds = new Map<string, number>();
  private started = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly dirty = new Map<string, Pass>();
  private stopped = false;

  constructor(private readonly options: PoolStatusWatcherOptions) {}

  /** Starts watching every reconcilable cluster; failures are retried, never thrown. */
  start(): void {
    this.started = true;
    for (const cluster of this.options.reconciler.clusters())
      this.rewatch(cluster);
  }

  /**
   * Ends a cluster's watches and, if it is still reconcilable, watches it afresh with its current
   * client: after a configuration change, so events come from the new address at once rather
   * than after the old watches' retry delay (up to `maxRestartDelayMs`). Before `start`, nothing.
   */
  rewatch(cluster: string): void {
    if (!this.started || this.stopped) return;
    const round = (this.rounds.get(cluster) ?? 0) + 1;
    this.rounds.set(cluster, round);
    for (const stop of this.stops.get(cluster) ?? []) stop();
    this.stops.delete(cluster);
    if (!this.options.reconciler.clusters().includes(cluster)) return;
    for (const watched of WATCHED) this.watch(cluster, round, watched, 0);
  }

  /** Stops every watch and pending pass timer. */
  stop(): void {
    this.stopped = true;
    for (const stops of this.stops.values()) for (const stop of stops) stop();
    for (const timer of this.timers) clearTimeout(timer);
    this.stops.clear();
    this.timers.clear();
  }

  /** Resolves once the passes triggered so far have finished (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0 || this.timers.size > 0)
      await new Promise(resolve => setTimeout(resolve, 20));
  }

  private watch(
    cluster: string,
    round: number,
    watched: (typeof WATCHED)[number],
    failures: number,
  ): void {
    // Over once the watcher stops, the cluster is watched afresh, or it is no longer configured.
    const current = () =>
      !this.stopped &&
      this.rounds.get(cluster) === round &&
      this.options.reconciler.clusters().includes(cluster);
    if (!current()) return;
    const { logger } = this.options;
    let stop: (() => void) | undefined;
    const retry = (error?: unknown) => {
      if (stop) this.stops.get(cluster)?.delete(stop);
      if (!current()) return;
      const next = error ? failures + 1 : 0;
      const delay = Math.min(
        (this.options.restartDelayMs ?? 1000) * 2 ** Math.max(0, next - 1),
        this.options.maxRestartDelayMs ?? 30_000,
      );
      if (error)
        logger.debug(
          `Watch of ${watched.path} on ${cluster} ended (${String(
            error,
          )}); watching again in ${delay} ms`,
        );
      this.later(
        () => this.watch(cluster, round, watched, next),
        error ? delay : 0,
      );
    };
    this.options.reconciler
      .clientOf(cluster)
      .watch(
        watched.path,
        watched.labelSelector,
        event => {
          if (event.type !== 'BOOKMARK') this.trigger(cluster, watched.pass);
        },
        retry,
      )
      .then(handle => {
        stop = handle.stop;
        if (!current()) handle.stop();
        else {
          const stops = this.stops.get(cluster) ?? new Set();
          stops.add(stop);
          this.stops.set(cluster, stops);
        }
      }, retry);
  }

  /**
   * Debounced: one pass per cluster at a time, and one more if events came meanwhile; a
   * correcting pass includes status, so it stands for both.
   */
  private trigger(cluster: string, kind: Pass): void {
    const queued = this.dirty.get(cluster);
    if (queued) {
      if (kind === 'correct') this.dirty.set(cluster, kind);
      return;
    }
    this.dirty.set(cluster, kind);
    this.later(() => {
      const run = this.dirty.get(cluster);
      this.dirty.delete(cluster);
      const { reconciler } = this.options;
      const previous = this.pending.get(cluster) ?? Promise.resolve();
      const pass = previous
        .then(async () => {
          if (run === 'correct')
            await (
              this.options.runPass ?? (c => reconciler.reconcileCluster(c))
            )(cluster);
          else await reconciler.observeCluster(cluster);
        })
        .then(
          () => undefined,
          error =>
            this.options.logger.debug(
              `Pass of ${cluster} after a watch event failed: ${error}`,
            ),
        )
        .finally(() => {
          if (this.pending.get(cluster) === pass) this.pending.delete(cluster);
        });
      this.pending.set(cluster, pass);
    }, this.options.debounceMs ?? 500);
  }

  private later(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) fn();
    }, ms);
    this.timers.add(timer);
  }
}
