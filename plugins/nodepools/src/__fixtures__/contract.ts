import type { ClusterList, NodePoolsHealth } from '../api/types';

// Bodies exactly as the backend contract documents them, shared by the client and page tests so
// that both are checked against the same wire shapes.

/** `GET /api/nodepools/health` of a healthy backend with two clusters. */
export const healthyBody: NodePoolsHealth = {
  status: 'ok',
  database: 'ok',
  clusters: 2,
};

/** `GET /api/nodepools/clusters` with two clusters: `local` healthy, `staging` unreachable. */
export const clustersBody: ClusterList = {
  items: [
    {
      name: 'local',
      title: 'Local control plane',
      description: 'etcd + kube-apiserver started by yarn cluster:start',
      policy: {
        nodeClasses: ['default'],
        architectures: ['amd64', 'arm64'],
        capacityTypes: ['spot', 'on-demand'],
        instanceCategories: ['c', 'm', 'r'],
        maxPoolLimits: { cpu: '64', memory: '256Gi' },
        teamBudget: { cpu: '128', memory: '512Gi' },
        quorum: 1,
        approverGroups: ['group:default/platform'],
        taintKey: 'nodepools.backstage.io/team',
        teamLabelKey: 'nodepools.backstage.io/team',
      },
      health: { state: 'healthy', lastReconcileAt: '2026-11-24T10:00:00.000Z' },
    },
    {
      name: 'staging',
      title: 'Staging (EKS, eu-west-1)',
      policy: {
        nodeClasses: ['default', 'gpu'],
        architectures: ['amd64'],
        capacityTypes: ['on-demand'],
        instanceCategories: ['g', 'p'],
        maxPoolLimits: { cpu: '32', memory: '128Gi', gpu: '4' },
        teamBudget: { cpu: '64', memory: '256Gi', gpu: '8' },
        quorum: 2,
        approverGroups: ['group:default/platform', 'group:default/security'],
        taintKey: 'example.com/team',
        teamLabelKey: 'example.com/team-pool',
      },
      health: {
        state: 'unreachable',
        message: 'connect ECONNREFUSED 10.0.0.1:443',
        lastReconcileAt: '2026-11-24T08:00:00.000Z',
        nextAttemptAt: '2026-11-24T10:05:00.000Z',
      },
    },
  ],
};

/** The body Backstage's error handler sends with a non-2xx response. */
export function errorBody(statusCode: number, name: string, message: string) {
  return { error: { name, message }, response: { statusCode } };
}

/** A JSON response, as `fetch` resolves it. */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}
