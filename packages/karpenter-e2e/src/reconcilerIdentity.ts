import fs from 'node:fs';
import path from 'node:path';
import {
  type KubeClient,
  type KubeObject,
  resolveLayout,
} from '@nodepools/local-cluster';
import { parseAllDocuments } from 'yaml';

/** The manifest operators apply in each cluster; the suite reconciles with exactly its rights. */
export function rbacManifestPath(): string {
  return path.join(
    resolveLayout().repoRoot,
    'deploy',
    'rbac',
    'nodepools-reconciler.yaml',
  );
}

/** REST path of each kind the manifest holds. */
function manifestObjectPath(object: KubeObject): string {
  const { name, namespace } = object.metadata;
  const paths: Record<string, string> = {
    Namespace: `/api/v1/namespaces/${name}`,
    ServiceAccount: `/api/v1/namespaces/${namespace}/serviceaccounts/${name}`,
    ClusterRole: `/apis/rbac.authorization.k8s.io/v1/clusterroles/${name}`,
    ClusterRoleBinding: `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${name}`,
  };
  const found = paths[object.kind];
  if (!found)
    throw new Error(`unexpected kind ${object.kind} in ${rbacManifestPath()}`);
  return found;
}

/**
 * Applies the shipped RBAC manifest as admin and returns a token of its ServiceAccount (the
 * identity the tenancy policy lets label namespaces), minted by the API server's TokenRequest.
 */
export async function reconcilerIdentity(
  admin: KubeClient,
): Promise<{ token: string; username: string }> {
  const objects = parseAllDocuments(fs.readFileSync(rbacManifestPath(), 'utf8'))
    .map(doc => doc.toJSON() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
  for (const object of objects) {
    await admin.request('PATCH', manifestObjectPath(object), {
      body: object,
      contentType: 'application/apply-patch+yaml',
      query: { fieldManager: 'nodepools-karpenter-e2e', force: 'true' },
    });
  }
  const account = objects.find(o => o.kind === 'ServiceAccount');
  if (!account) throw new Error(`no ServiceAccount in ${rbacManifestPath()}`);
  const { name, namespace } = account.metadata;
  const answer = await admin.request<{ status: { token: string } }>(
    'POST',
    `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`,
    {
      body: {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: 3600 },
      },
    },
  );
  return {
    token: answer.status.token,
    username: `system:serviceaccount:${namespace}:${name}`,
  };
}
