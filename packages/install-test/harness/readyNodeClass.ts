import type { KubeClient } from '@nodepools/local-cluster';

/**
 * Marks the control plane's sample EC2NodeClass `default` Ready, as Karpenter's controller would
 * in a real cluster. The API-server-only plane runs no controller, and the request form refuses
 * a node class that is not Ready. The node class kind is the policy's default (`EC2NodeClass`).
 */
export async function markNodeClassReady(
  admin: KubeClient,
  name = 'default',
): Promise<void> {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  await admin.request(
    'PATCH',
    `/apis/karpenter.k8s.aws/v1/ec2nodeclasses/${name}/status`,
    {
      contentType: 'application/merge-patch+json',
      body: {
        status: {
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              reason: 'Ready',
              message: '',
              lastTransitionTime: now,
            },
          ],
        },
      },
    },
  );
}
