// Over 300 lines as one class on purpose: its methods share the per-cluster state it holds
// (clients, health, backoff, shared pass state); the work of a pass lives in ClusterReconciler.
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ClusterConfig,
  NodePoolsConfig,
} from '@nodepools/plugin-nodepools-node';
import type { NodePoolsStore } from '../database/NodePoolsStore';
import type { SharedClusterState } from '../database/ClusterPassStore';
import type { PoolSampler } from '../samples/PoolSampler';
import type { RequestNotifier } from '../workflow/RequestNotifier';
import { ConfigReader, type Config } from '@backstage/config';
import { GitDeliveries } from '../delivery/GitDelivery';
import { ClusterClient } from './ClusterClient';
import { clusterConnection } from './clusterConnection';
import { ClusterUnreachableError } from './ClusterErrors';
import type { ClusterHealth } from './ClusterHealth';
import { ClusterReconciler } from './ClusterReconciler';
import type { ReconcilerMetrics } from './ReconcilerMetrics';
import type { NodeClassInfo } from '@nodepools/plugin-nodepools-common';
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
  /** Records each pool's hourly run-rate and provisioned capacity after a pass read its status. */
  sampler?: PoolSampler;
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
  /** The newest pass of another replica, per cluster: what this one shows when it is newer. */
  private readonly shared = new Map<string, SharedClusterState>();
  /** When a cluster was last given a clean slate: shared state older than that is stale. */
  private readonly resetAt = new Map<string, string>();
  private readonly now: () => Date;
  private readonly gitDeliveries = new GitDeliveries(
    () => this.options.rootConfig ?? new ConfigReader({}),
  );
  /** The clusters as configured; replaced (never edited) by {@link NodePoolsReconciler.reconfigure}. */
  private clusterConfigs: ClusterConfig[];

  constructor(private readonly options: NodePoolsReconcilerOptions) {
    this.now = options.now ?? (() => new Date());
    this.clusterConfigs = options.config.clusters;
    for (const cluster of this.clusterConfigs)
      this.healthByCluster.set(cluster.name, freshHealth(cluster));
  }

  /** Names of the clusters the reconciler can work on (those with an API URL). */
  clusters(): string[] {
    return this.clusterConfigs.filter(c => c.url).map(c => c.name);
  }

  /**
   * Takes a new configuration of the clusters. A cluster whose url, CA or auth changed gets a new
   * client and a clean slate: its backoff was earned by the old address or token, so it must not
   * delay the first try of the new one. A pass still running on the old client cannot put the
   * backoff back (see {@link NodePoolsReconciler.reconcileCluster}). Policy changes need nothing
   * here: every pass reads the cluster's policy afresh. Returns what the caller must act on.
   */
  reconfigure(clusters: ClusterConfig[]): ClusterChanges {
    const before = new Map(this.clusterConfigs.map(c => [c.name, c] as const));
    const changes: ClusterChanges = {
      added: [],
      removed: [],
      reconnected: [],
      changed: [],
    };
    for (const cluster of clusters) {
      const old = before.get(cluster.name);
      before.delete(cluster.name);
      if (!old?.url) {
        if (cluster.url) changes.added.push(cluster.name);
      } else if (!cluster.url) {
        changes.removed.push(cluster.name);
      } else if (connectionKey(old) !== connectionKey(cluster)) {
        changes.reconnected.push(cluster.name);
      } else if (JSON.stringify(old) !== JSON.stringify(cluster)) {
        changes.changed.push(cluster.name);
      }
    }
    changes.removed.push(
      ...[...before.values()].filter(c => c.url).map(c => c.name),
    );
    this.clusterConfigs = clusters;
    const names = new Set(clusters.map(c => c.name));
    for (const name of [...this.healthByCluster.keys()])
      if (!names.has(name)) this.healthByCluster.delete(name);
    for (const name of [
      ...changes.added,
      ...changes.removed,
      ...changes.reconnected,
    ]) {
      this.clients.delete(name);
      this.nodeClassesByCluster.delete(name);
      this.shared.delete(name);
      this.resetAt.set(name, this.now().toISOString());
    }
    for (const cluster of clusters) {
      const { name } = cluster;
      if (
        !this.healthByCluster.has(name) ||
        changes.added.includes(name) ||
        changes.removed.includes(name) ||
        changes.reconnected.includes(name)
      )
        this.healthByCluster.set(name, freshHealth(cluster));
    }
    return changes;
  }

  /**
   * The last known health of every configured cluster: this replica's last pass, or another
   * replica's when that is newer ({@link NodePoolsReconciler.adoptShared}). Backoff decisions use
   * this replica's own only.
   */
  health(): ClusterHealth[] {
    return [...this.healthByCluster.values()].map(local => {
      const shared = this.newerShared(local);
      return { ...(shared?.health ?? local) };
    });
  }

  /**
   * The EC2NodeClasses the cluster policy allows, as the last successful pass (of any replica) saw
   * them; undefined before the first one (or for a cluster without a url).
   */
  nodeClasses(cluster: string): NodeClassInfo[] | undefined {
    const local = this.healthByCluster.get(cluster);
    const shared = local && this.newerShared(local);
    return shared?.nodeClasses ?? this.nodeClassesByCluster.get(cluster);
  }

  /** What another replica's pass of `cluster` saw, read from the database by the pass runner. */
  adoptShared(cluster: string, state: SharedClusterState): void {
    const since = this.resetAt.get(cluster);
    const at = state.health.lastAttemptAt;
    if (since && (!at || at < since)) return;
    this.shared.set(cluster, state);
  }

  private newerShared(local: ClusterHealth): SharedClusterState | undefined {
    const shared = this.shared.get(local.cluster);
    const at = shared?.health.lastAttemptAt;
    return at && (!local.lastAttemptAt || at > local.lastAttemptAt)
      ? shared
      : undefined;
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
    const cluster = this.clusterConfigs.find(c => c.name === name);
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
      // Reconfigured meanwhile: this failure belongs to the old address or token, not the new.
      if (this.healthByCluster.get(name) !== health) {
        ctx.logger.info(
          `Reconcile of cluster ${name} on its previous connection failed: ${message}`,
        );
        return { ...health };
      }
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
    const cluster = this.clusterConfigs.find(c => c.name === name);
    const health = this.healthByCluster.get(name);
    if (!cluster?.url || !health) return 0;
    if (health.retryAfter && this.now().toISOString() < health.retryAfter)
      return 0;
    return new ClusterReconciler(this.context(cluster)).observe();
  }

  /** The client of a cluster, for watches. */
  clientOf(name: string): ClusterClient {
    const cluster = this.clusterConfigs.find(c => c.name === name);
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
      sampler: this.options.sampler,
      gitDelivery: cluster.delivery
        ? () => this.gitDeliveries.for(cluster.name, cluster.delivery!)
        : undefined,
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

/** What {@link NodePoolsReconciler.reconfigure} found, by cluster name. */
export interface ClusterChanges {
  /** Reconcilable now and not before (new, or given a url): schedule, watch and reconcile it. */
  added: string[];
  /** Reconcilable before and not now (gone, or its url removed): stop watching it. */
  removed: string[];
  /** Reconcilable before and after, with another url, CA or auth: watch afresh and reconcile. */
  reconnected: string[];
  /** Same connection, something else (policy, title) changed: reconcile, so the policy applies. */
  changed: string[];
}

function freshHealth(cluster: ClusterConfig): ClusterHealth {
  return {
    cluster: cluster.name,
    state: 'unknown',
    // Such a cluster is never reconciled (nor scheduled, nor logged about): it is policy only.
    ...(cluster.url ? {} : { message: 'no url configured' }),
    consecutiveFailures: 0,
  };
}

/** What a client is built from: a change here means a new client. */
function connectionKey(cluster: ClusterConfig): string {
  return JSON.stringify([cluster.url, cluster.caData, cluster.auth]);
}
