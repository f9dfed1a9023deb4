import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { resolveLayout } from '../util/resolveLayout.ts';
import type { KubeClient } from './KubeClient.ts';
import type { KubeObject } from './resourcePath.ts';

/** The RBAC manifest operators apply in each cluster: the reconciler's only rights. */
export function reconcilerRbacManifest(): string {
  return path.join(
    resolveLayout().repoRoot,
    'plugins',
    'nodepools-backend',
    'deploy',
    'nodepools-reconciler.yaml',
  );
}

/** The objects of the shipped manifest, in its order. */
export function reconcilerRbacObjects(): KubeObject[] {
  const file = reconcilerRbacManifest();
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(doc => doc.toJSON() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
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
    throw new Error(
      `unexpected kind ${object.kind} in ${reconcilerRbacManifest()}`,
    );
  return found;
}

/**
 * Applies the shipped RBAC manifest as admin and mints a token of its ServiceAccount, so a test
 * reconciles with exactly the rights a production install grants (and as the identity the
 * tenancy policy lets label namespaces). Every caller applies the same objects, so parallel
 * suites converge instead of fighting.
 */
export async function reconcilerIdentity(
  admin: KubeClient,
  options: { fieldManager: string; expirationSeconds?: number },
): Promise<{ token: string; username: string }> {
  const objects = reconcilerRbacObjects();
  for (const object of objects) {
    await admin.request('PATCH', manifestObjectPath(object), {
      body: object,
      contentType: 'application/apply-patch+yaml',
      query: { fieldManager: options.fieldManager, force: 'true' },
    });
  }
  const account = objects.find(o => o.kind === 'ServiceAccount');
  if (!account)
    throw new Error(`no ServiceAccount in ${reconcilerRbacManifest()}`);
  const { name, namespace } = account.metadata;
  const answer = await admin.request<{ status: { token: string } }>(
    'POST',
    `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`,
    {
      body: {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: options.expirationSeconds ?? 3600 },
      },
    },
  );
  return {
    token: answer.status.token,
    username: `system:serviceaccount:${namespace}:${name}`,
  };
}
