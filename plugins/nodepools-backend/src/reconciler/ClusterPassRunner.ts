import type { LoggerService } from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import type { ClusterPassStore } from '../database/ClusterPassStore';
import type { NodePoolsReconciler } from './NodePoolsReconciler';

/** Options; the lease is short in tests. */
export interface ClusterPassRunnerOptions {
  reconciler: NodePoolsReconciler;
  passes: ClusterPassStore;
  logger: LoggerService;
  /** How long a lease lasts without renewal: a replica that dies mid-pass is replaced after it. */
  leaseMs?: number;
  /** This replica's name in the lease table; random per process by default. */
  holder?: string;
  now?: () => number;
}

/**
 * Runs a cluster's pass on this replica at once, so an approval is in the cluster within one pass
 * instead of waiting for the scheduler to poll its task table (every 5 s). Replicas share one
 * lease per cluster in the plugin's database: the one that holds it runs the pass, and a replica
 * that asks while another holds it leaves a request that the holder serves with one more pass
 * before it lets go. So no two passes of a cluster ever run at once, and no request is lost: if
 * the holder dies, its lease runs out and the replica that asked takes over.
 */
export class ClusterPassRunner {
  private readonly holder: string;
  private readonly leaseMs: number;
  private readonly now: () => number;
  private readonly running = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly options: ClusterPassRunnerOptions) {
    this.holder = options.holder ?? randomUUID();
    this.leaseMs = options.leaseMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * A pass of `cluster` now: run here, or left to the replica that holds the cluster. Resolves
   * when this replica's part is done; never throws (a failed pass is in the cluster's health).
   */
  async run(cluster: string): Promise<'ran' | 'handed over'> {
    try {
      return await this.runOnce(cluster);
    } catch (error) {
      this.options.logger.warn(
        `Could not run a pass of ${cluster} through its lease: ${error}`,
      );
      return 'handed over';
    }
  }

  /** Stops the follow-up timers (shutdown); a pass under way finishes and lets its lease go. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /**
   * Brings the reconciler's view of every cluster (health, node classes) up to the newest pass of
   * any replica, so every replica answers the same. One small read.
   */
  async refreshShared(): Promise<void> {
    const states = await this.options.passes.loadStates();
    for (const [cluster, state] of states)
      this.options.reconciler.adoptShared(cluster, state);
  }

  private async runOnce(cluster: string): Promise<'ran' | 'handed over'> {
    const { passes } = this.options;
    if (this.running.has(cluster)) {
      // Our own pass is under way and may have read the pools already: ask for one more.
      await passes.request(cluster);
      return 'handed over';
    }
    this.running.add(cluster);
    try {
      let serving = await passes.acquire(
        cluster,
        this.holder,
        this.now() + this.leaseMs,
        this.now(),
      );
      if (serving === undefined) {
        // The holder serves the request when its pass ends. Ask, then try once more: it may have
        // let go between our two statements, before it could see the request.
        await passes.request(cluster);
        serving = await passes.acquire(
          cluster,
          this.holder,
          this.now() + this.leaseMs,
          this.now(),
        );
        if (serving === undefined) {
          this.followUp(cluster);
          return 'handed over';
        }
      }
      await this.serve(cluster, serving);
      return 'ran';
    } finally {
      this.running.delete(cluster);
    }
  }

  /** Runs passes while they are asked for, holding (and renewing) the lease, then lets it go. */
  private async serve(cluster: string, first: number): Promise<void> {
    const { passes, reconciler } = this.options;
    const renew = setInterval(() => {
      passes
        .renew(cluster, this.holder, this.now() + this.leaseMs)
        .catch(error =>
          this.options.logger.warn(
            `Could not renew the pass lease of ${cluster}: ${error}`,
          ),
        );
    }, this.leaseMs / 3);
    let serving: number | undefined = first;
    try {
      while (serving !== undefined) {
        await this.refreshShared();
        const health = await reconciler.reconcileCluster(cluster);
        await passes.saveState(cluster, {
          health,
          nodeClasses: reconciler.nodeClasses(cluster),
        });
        serving = await passes.release(cluster, this.holder, serving);
      }
    } catch (error) {
      await passes.abandon(cluster, this.holder);
      throw error;
    } finally {
      clearInterval(renew);
    }
  }

  /**
   * The holder may die before it serves our request: look again when its lease would have run
   * out, and take over if the request is still unserved.
   */
  private followUp(cluster: string): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopped) return;
      this.options.passes
        .hasUnserved(cluster)
        .then(unserved => (unserved ? this.run(cluster) : undefined))
        .catch(error =>
          this.options.logger.warn(
            `Could not check the pass requests of ${cluster}: ${error}`,
          ),
        );
    }, this.leaseMs + 100);
    timer.unref?.();
    this.timers.add(timer);
  }
}
