import Router from 'express-promise-router';
import { NotFoundError } from '@backstage/errors';
import type { ClusterConfig } from '@nodepools/plugin-nodepools-node';
import {
  nodeClassWarnings,
  type ClusterHealth,
  type ClusterList,
  type ClusterSummary,
  type NodeClassInfo,
} from '@nodepools/plugin-nodepools-common';
import type { ClusterHealth as ClusterPassHealth } from '../reconciler/ClusterHealth';

/** Where cluster health and node classes come from: the reconciler of this backend instance. */
export interface ClusterHealthSource {
  /** Brings in what other replicas' passes saw, so every replica answers the same. */
  refresh?(): Promise<void>;
  health(): ClusterPassHealth[];
  /** The allowed node classes as the last successful pass read them; undefined before one. */
  nodeClasses?(cluster: string): NodeClassInfo[] | undefined;
}

/**
 * The API's view of a cluster's health: `lastReconcileAt` is the last successful pass,
 * `nextAttemptAt` is set only while the cluster backs off after a failure.
 */
export function clusterHealthSummary(
  health: ClusterPassHealth | undefined,
): ClusterHealth {
  if (!health) return { state: 'unknown' };
  return {
    state: health.state,
    ...(health.message ? { message: health.message } : {}),
    ...(health.lastSuccessAt ? { lastReconcileAt: health.lastSuccessAt } : {}),
    ...(health.retryAfter ? { nextAttemptAt: health.retryAfter } : {}),
  };
}

/**
 * What the API tells anyone signed in about a cluster: its policy, health and the state of the
 * node classes it allows (so a form offers only those that exist and are Ready), never its
 * credentials.
 */
export function clusterSummary(
  cluster: ClusterConfig,
  health?: ClusterPassHealth,
  nodeClasses?: NodeClassInfo[],
): ClusterSummary {
  const p = cluster.policy;
  return {
    name: cluster.name,
    title: cluster.title,
    description: cluster.description,
    policy: {
      nodeClasses: p.nodeClasses,
      architectures: p.architectures,
      capacityTypes: p.capacityTypes,
      instanceCategories: p.instanceCategories,
      // What a request form needs to offer only what the policy allows, its defaults filled in:
      // the node class kind says which requirements the cluster can honour (kwok: no instance labels).
      nodeClassRef: p.nodeClassRef,
      minInstanceGeneration: p.minInstanceGeneration,
      allowNeverExpire: p.allowNeverExpire,
      defaults: p.defaults,
      maxPoolLimits: p.maxPoolLimits,
      teamBudget: p.teamBudget,
      quorum: p.quorum,
      approverGroups: p.approverGroups,
      taintKey: p.taintKey,
      teamLabelKey: p.teamLabelKey,
      // Estimates only (cost now and at the limits on the team's cards), nothing secret.
      prices: p.prices,
      // What the form offers and an Extend may ask for.
      lifetime: p.lifetime,
    },
    health: clusterHealthSummary(health),
    // With the preview's own warnings, so a form says what the preview will say.
    ...(nodeClasses
      ? {
          nodeClasses: nodeClasses.map(info => ({
            ...info,
            warnings: nodeClassWarnings(cluster.name, info.name, nodeClasses),
          })),
        }
      : {}),
  };
}

/** `GET /clusters` and `GET /clusters/:name`, of the clusters configured at the time of the call. */
export function clustersRoutes(
  clusters: () => ClusterConfig[],
  reconciler: ClusterHealthSource,
) {
  const router = Router();
  const healthOf = async () => {
    await reconciler.refresh?.();
    return new Map(reconciler.health().map(h => [h.cluster, h] as const));
  };
  router.get('/clusters', async (_req, res) => {
    const health = await healthOf();
    const body: ClusterList = {
      items: clusters().map(c =>
        clusterSummary(c, health.get(c.name), reconciler.nodeClasses?.(c.name)),
      ),
    };
    res.json(body);
  });
  router.get('/clusters/:name', async (req, res) => {
    const cluster = clusters().find(c => c.name === req.params.name);
    if (!cluster)
      throw new NotFoundError(
        `No cluster named "${req.params.name}" is configured`,
      );
    res.json(
      clusterSummary(
        cluster,
        (await healthOf()).get(cluster.name),
        reconciler.nodeClasses?.(cluster.name),
      ),
    );
  });
  return router;
}
