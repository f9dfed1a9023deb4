import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  readNodePoolsConfig,
  type NodePoolsConfig,
} from '@nodepools/plugin-nodepools-node';
import type { NodePoolsReconciler } from './NodePoolsReconciler';

/** Options; `config` is the object the workflow and routes were given, updated in place. */
export interface FollowConfigChangesOptions {
  /** The backend's root config: it notifies subscribers when its files change. */
  rootConfig: Config;
  config: NodePoolsConfig;
  reconciler: NodePoolsReconciler;
  watcher?: { rewatch(cluster: string): void };
  /** Runs a cluster's pass at once (and schedules it if it is new): `scheduleReconciler`'s trigger. */
  reconcileNow: (cluster: string) => void;
  logger: LoggerService;
}

/**
 * Follows changes of the `nodepools.clusters` configuration without a restart: a cluster whose
 * url, CA or auth changed is reached through a new client at once (no backoff left from the old
 * address, watches opened afresh) and reconciled, so approvals made while it was unreachable are
 * applied in the first pass; a changed policy applies to new requests and the next pass; an added
 * cluster is scheduled and watched, a removed one is left alone. An invalid new configuration is
 * refused with an error in the log and the previous one kept. `platformOwner` and
 * `reconcileIntervalSeconds` are read at start-up only. Returns the unsubscribe; without a
 * subscribable config (a static one, as in most tests) there is nothing to follow.
 */
export function followConfigChanges(options: FollowConfigChangesOptions): {
  unsubscribe: () => void;
} {
  const { rootConfig, config, reconciler, logger } = options;
  const onChange = () => {
    let next: NodePoolsConfig;
    try {
      next = readNodePoolsConfig(rootConfig);
    } catch (error) {
      logger.error(
        `The changed nodepools configuration is invalid and was not applied; the previous one stays in force: ${error}`,
      );
      return;
    }
    for (const key of ['platformOwner', 'reconcileIntervalSeconds'] as const)
      if (next[key] !== config[key])
        logger.warn(
          `nodepools.${key} changed; it takes effect when the backend restarts`,
        );
    const changes = reconciler.reconfigure(next.clusters);
    // The workflow and the routes read the clusters from this object on every request.
    config.clusters = next.clusters;
    const { added, removed, reconnected, changed } = changes;
    if (added.length + removed.length + reconnected.length + changed.length)
      logger.info(
        `nodepools configuration changed: ${JSON.stringify(changes)}`,
      );
    for (const cluster of [...added, ...removed, ...reconnected])
      options.watcher?.rewatch(cluster);
    for (const cluster of [...added, ...reconnected, ...changed])
      options.reconcileNow(cluster);
  };
  return rootConfig.subscribe?.(onChange) ?? { unsubscribe: () => {} };
}
