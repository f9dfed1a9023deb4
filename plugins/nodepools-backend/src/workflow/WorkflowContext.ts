import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  NodeClassInfo,
  PoolRecord,
  PriceBook,
} from '@nodepools/plugin-nodepools-common';
import type {
  ClusterConfig,
  NodePoolsConfig,
} from '@nodepools/plugin-nodepools-node';
import type { NodePoolsStore } from '../database/NodePoolsStore';
import type { ClusterClient } from '../reconciler/ClusterClient';
import { FieldValidationError } from './FieldValidationError';
import type { RequestNotifier } from './RequestNotifier';

/** Who is acting: the user's entity ref and the groups they belong to. */
export interface Actor {
  userRef: string;
  ownershipRefs: string[];
}

/** Dependencies of the workflow; time and ids are passed in so tests control them. */
export interface RequestWorkflowOptions {
  store: NodePoolsStore;
  config: NodePoolsConfig;
  logger: LoggerService;
  notifier?: RequestNotifier;
  now?: () => Date;
  newId?: () => string;
  /** Called after a request is approved, so the reconciler can apply it at once. */
  onApproved?: (cluster: string) => void;
  /** Called after a pool changed (created, new generation, decommissioning), for the catalog. */
  onPoolChanged?: (pool: PoolRecord) => Promise<void>;
  /** The cluster's EC2NodeClasses as the reconciler last saw them, for the preview's warnings. */
  nodeClasses?: (
    cluster: string,
  ) => NodeClassInfo[] | undefined | Promise<NodeClassInfo[] | undefined>;
  /**
   * The reconciler's client of a cluster with an url: the preview asks its API server for a
   * dry-run verdict. Without it (or for a cluster without url) previews carry no server verdict.
   */
  clusterClient?: (cluster: string) => ClusterClient;
  /** How long a preview waits for the API server's verdict (default 2 s). */
  serverVerdictTimeoutMs?: number;
  /** The cluster's instance prices (cached; never fetched here); without them, fixed rates. */
  prices?: (cluster: ClusterConfig) => Promise<PriceBook | undefined>;
}

/** What every part of the workflow is given: the options, with the clock and ids resolved. */
export type WorkflowContext = RequestWorkflowOptions & {
  now: () => Date;
  newId: () => string;
};

export function workflowContext(
  options: RequestWorkflowOptions,
): WorkflowContext {
  return {
    ...options,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? (() => crypto.randomUUID()),
  };
}

/** The cluster by name, or a 400 naming the field. Read at each call: the config can reload. */
export function clusterOf(
  config: NodePoolsConfig,
  name: unknown,
): ClusterConfig {
  const cluster = config.clusters.find(c => c.name === name);
  if (!cluster) {
    const known = config.clusters.map(c => c.name).join(', ') || 'none';
    throw new FieldValidationError(
      `cluster: "${String(name)}" is not a configured cluster`,
      [
        {
          path: 'cluster',
          message: `must be one of the configured clusters (${known})`,
        },
      ],
    );
  }
  return cluster;
}
