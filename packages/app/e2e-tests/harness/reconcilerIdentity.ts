import fs from 'node:fs';
import path from 'node:path';
import type { KubeClient } from '@nodepools/local-cluster';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from './paths.ts';

/** The RBAC manifest operators apply in each cluster (README: deploy/rbac). */
const MANIFEST = path.join(REPO_ROOT, 'deploy/rbac/nodepools-reconciler.yaml');

type ManifestObject = {
  kind: string;
  metadata: { name: string; namespace?: string };
};

const PATHS: Record<string, (o: ManifestObject) => string> = {
  Namespace: o => `/api/v1/namespaces/${o.metadata.name}`,
  ServiceAccount: o =>
    `/api/v1/namespaces/${o.metadata.namespace}/serviceaccounts/${o.metadata.name}`,
  ClusterRole: o =>
    `/apis/rbac.authorization.k8s.io/v1/clusterroles/${o.metadata.name}`,
  ClusterRoleBinding: o =>
    `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${o.metadata.name}`,
};

/**
 * The portal reconciles as a production install does: the shipped manifest applied by the
 * cluster admin, and a token of its ServiceAccount (which is also the identity the tenancy policy
 * lets label namespaces, `reconcilerUsername`'s default). So the browser tests also prove the
 * manifest grants what the reconciler needs.
 */
export async function reconcilerIdentity(
  admin: KubeClient,
): Promise<{ token: string; username: string }> {
  const objects = parseAllDocuments(fs.readFileSync(MANIFEST, 'utf8'))
    .map(doc => doc.toJSON() as ManifestObject | null)
    .filter((o): o is ManifestObject => o !== null);
  for (const object of objects) {
    const objectPath = PATHS[object.kind];
    if (!objectPath)
      throw new Error(`unexpected ${object.kind} in ${MANIFEST}`);
    await admin.request('PATCH', objectPath(object), {
      body: object,
      contentType: 'application/apply-patch+yaml',
      query: { fieldManager: 'nodepools-browser-tests', force: 'true' },
    });
  }
  const account = objects.find(o => o.kind === 'ServiceAccount');
  if (!account) throw new Error(`no ServiceAccount in ${MANIFEST}`);
  const { name, namespace } = account.metadata;
  const answer = await admin.request<{ status: { token: string } }>(
    'POST',
    `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`,
    {
      body: {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: 7200 },
      },
    },
  );
  return {
    token: answer.status.token,
    username: `system:serviceaccount:${namespace}:${name}`,
  };
}
