import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ClusterConfig,
  NodePoolsConfig,
} from '@nodepools/plugin-nodepools-node';
import type { NodePoolsStore } from '../database/NodePoolsStore';
import type { RequestNotifier } from '../workflow/RequestNotifier';
import { ConfigReader, type Config } from '@backstage/config';
import { ClusterClient } from './ClusterClient';
import { clusterConnection } from './clusterConnection';
import { ClusterUnreachableError } from './ClusterErrors';
import type { ClusterHealth } from './ClusterHealth';
import { ClusterReconciler } from './ClusterReconciler';
import type { ReconcilerMetrics } from './ReconcilerMetrics';
import type { NodeClassInfo } from './observeNodeClasses';
import { recordClusterFailure } from './recordClusterFailure';

/** Dependencies; the clock and client factory are injectable so tests control them. */
export interface NodePoolsReconcilerOptions {
  config: NodePoolsConfig;
  store: NodePoolsStore;
  logger: LoggerService;
  /** The backend's config: AWS IAM auth reads the `aws` integration from it. */
  rootConfig?: Config;
  metrics?: ReconcilerMetrics;
  now?: () => Date;
  clientFor?: (cluster: ClusterConfig) => ClusterClient;
  /** First retry delay after a failure; doubles per failure up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  notifier?: RequestNotifier;
}

/**
 * Reconciles every configured cluster independently: one that fails (or cannot be reached)
 * backs off exponentially and is reported in {@link NodePoolsReconciler.health}, while the others
 * keep working. Backoff is kept in memory; a restarted backend simply tries at once.
 */
export class NodePoolsReconciler {
  private readonly healthByCluster = new Map<string, ClusterHealth>();
  private readonly clients = new Map<string, ClusterClient>();
  private readonly nodeClassesByCluster = new Map<string, NodeClassInfo[]>();
  private readonly now: () => Date;

  constructor(private readonly options: NodePoolsReconcilerOptions) {
    this.now = options.now ?? (() => new Date());
    for (const cluster of options.config.clusters) {
      this.healthByCluster.set(cluster.name, {
        cluster: cluster.name,
        state: 'unknown',
        // Such a cluster is never reconciled (nor scheduled, nor logged about): it is policy only.
        ...(cluster.url ? {} : { message: 'no url configured' }),
        consecutiveFailures: 0,
      });
    }
  }

  /** Names of the clusters the reconciler can work on (those with an API URL). */
  clusters(): string[] {
    return this.options.config.clusters.filter(c => c.url).map(c => c.name);
  }

  /** The last known health of every configured cluster. */
  health(): ClusterHealth[] {
    return [...this.healthByCluster.values()].map(h => ({ ...h }));
  }

  /**
   * The EC2NodeClasses the cluster policy allows, as the last successful pass saw them;
   * undefined before the first one (or for a cluster without a url).
   */
  nodeClasses(cluster: string): NodeClassInfo[] | undefined {
    return this.nodeClassesByCluster.get(cluster);
  }

  /** Lets the next pass of a cluster run even while it backs off: an approval is worth a try. */
  retryNow(cluster: string): void {
    const health = this.healthByCluster.get(cluster);
    if (health) delete health.retryAfter;
  }

  /** One pass over every cluster, in parallel; never throws. */
  async reconcileAll(): Promise<void> {
    await Promise.all(this.clusters().map(name => this.reconcileCluster(name)));
  }

  /** One pass over one cluster unless it is backing off; records the outcome in its health. */
  async reconcileCluster(name: string): Promise<ClusterHealth> {
    const cluster = this.options.config.clusters.find(c => c.name === name);
    const health = this.healthByCluster.get(name);
    if (!cluster?.url || !health)
      throw new Error(`cluster ${name} is not configured with a url`);
    const started = this.now();
    const seconds = () => (this.now().getTime() - started.getTime()) / 1000;
    if (health.retryAfter && started.toISOString() < health.retryAfter) {
      this.options.metrics?.recordPass(name, 'skipped', 0);
      return { ...health };
    }
    const ctx = this.context(cluster);
    health.lastAttemptAt = started.toISOString();
    try {
      const outcome = await new ClusterReconciler(ctx).reconcile();
      this.options.metrics?.recordPass(name, 'success', seconds(), outcome);
      this.nodeClassesByCluster.set(name, outcome.nodeClasses);
      Object.assign(health, {
        state: 'healthy',
        lastSuccessAt: this.now().toISOString(),
        consecutiveFailures: 0,
      });
      delete health.message;
      delete health.retryAfter;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      health.state =
        error instanceof ClusterUnreachableError ? 'unreachable' : 'error';
      this.options.metrics?.recordPass(name, health.state, seconds());
      health.message = message;
      health.consecutiveFailures += 1;
      const delay = Math.min(
        (this.options.initialBackoffMs ?? 30_000) *
          2 ** (health.consecutiveFailures - 1),
        this.options.maxBackoffMs ?? 15 * 60_000,
      );
      health.retryAfter = new Date(started.getTime() + delay).toISOString();
      ctx.logger.warn(
        `Reconcile of cluster ${name} failed (${health.consecutiveFailures} in a row, next try after ${health.retryAfter}): ${message}`,
      );
      try {
        await recordClusterFailure(ctx, message);
      } catch (recordError) {
        ctx.logger.error(
          `Could not record the failure of ${name}`,
          recordError as Error,
        );
      }
    }
    return { ...health };
  }

  /**
   * Status only (NodePools and NodeClaims read afresh), for watch events: cheap, no writes to
   * the cluster, and skipped while the cluster backs off. Returns the pools whose status changed.
   */
  async observeCluster(name: string): Promise<number> {
    const cluster = this.options.config.clusters.find(c => c.name === name);
    const health = this.healthByCluster.get(name);
    if (!cluster?.url || !health) return 0;
    if (health.retryAfter && this.now().toISOString() < health.retryAfter)
      return 0;
    return new ClusterReconciler(this.context(cluster)).observe();
  }

  /** The client of a cluster, for watches. */
  clientOf(name: string): ClusterClient {
    const cluster = this.options.config.clusters.find(c => c.name === name);
    if (!cluster?.url)
      throw new Error(`cluster ${name} is not configured with a url`);
    return this.client(cluster);
  }

  private context(cluster: ClusterConfig) {
    return {
      cluster,
      client: this.client(cluster),
      store: this.options.store,
      logger: this.options.logger.child({ cluster: cluster.name }),
      now: () => this.now().toISOString(),
      notifier: this.options.notifier,
    };
  }

  private client(cluster: ClusterConfig): ClusterClient {
    let client = this.clients.get(cluster.name);
    if (!client) {
      client = this.options.clientFor
        ? this.options.clientFor(cluster)
        : new ClusterClient(
            cluster.name,
            clusterConnection(
              cluster,
              this.options.rootConfig ?? new ConfigReader({}),
            ),
          );
      this.clients.set(cluster.name, client);
    }
    return client;
  }
}
