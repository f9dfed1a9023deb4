import type { KubeObject } from '@nodepools/local-cluster';

/** What one replica asks for: Karpenter sizes nodes (and kwok their capacity) from this. */
export const REPLICA_REQUESTS = { cpu: '1', memory: '1Gi' };

/**
 * A Deployment of `replicas` pods carrying a pool's workload snippet (the toleration of its taint
 * and the node selector of its label), as a team would paste it from the portal. The image never
 * runs: kwok marks bound pods Running without pulling anything.
 */
export function teamDeployment(
  namespace: string,
  replicas: number,
  snippet: { tolerations: unknown[]; nodeSelector: Record<string, string> },
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          ...snippet,
          containers: [
            {
              name: 'web',
              image: 'registry.invalid/web:1',
              resources: { requests: REPLICA_REQUESTS },
            },
          ],
        },
      },
    },
  };
}
