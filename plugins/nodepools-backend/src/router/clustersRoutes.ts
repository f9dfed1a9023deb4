import Router from 'express-promise-router';
import { NotFoundError } from '@backstage/errors';
import type { ClusterConfig } from '@nodepools/plugin-nodepools-node';

/** What the API tells anyone signed in about a cluster: its policy, never its credentials. */
export function clusterSummary(cluster: ClusterConfig) {
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
      maxPoolLimits: p.maxPoolLimits,
      teamBudget: p.teamBudget,
      quorum: p.quorum,
      approverGroups: p.approverGroups,
      taintKey: p.taintKey,
      teamLabelKey: p.teamLabelKey,
    },
  };
}

/** `GET /clusters` and `GET /clusters/:name`. */
export function clustersRoutes(clusters: ClusterConfig[]) {
  const router = Router();
  router.get('/clusters', async (_req, res) => {
    res.json({ items: clusters.map(clusterSummary) });
  });
  router.get('/clusters/:name', async (req, res) => {
    const cluster = clusters.find(c => c.name === req.params.name);
    if (!cluster)
      throw new NotFoundError(
        `No cluster named "${req.params.name}" is configured`,
      );
    res.json(clusterSummary(cluster));
  });
  return router;
}
