// The demo's git forge and GitOps controller, for `NODEPOOLS_DELIVERY=git ./scripts/demo`: a bare
// repository served by `git http-backend` with a stand-in for GitHub's pull-request API (the same
// forge the backend's tests use), and a small sync loop standing in for Argo CD: every few
// seconds it server-side applies what `main` holds under clusters/local/ to the local control
// plane and prunes the portal's NodePools whose file is gone. Run with Node's type stripping:
//   node scripts/lib/local-forge.ts <connection.json> <forge dir> <port>
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { KubeClient } from '../../packages/local-cluster/src/kube/KubeClient.ts';
import { TestForge } from '../../plugins/nodepools-backend/src/delivery/__testUtils__/testForge.ts';

const [connectionFile, root, port] = process.argv.slice(2);
const SYNC_MS = 3000;
const FIELD_MANAGER = 'gitops-sync';
const OURS = 'app.kubernetes.io/managed-by=backstage-nodepools';

const connection = JSON.parse(readFileSync(connectionFile, 'utf8'));
// The identity the admission policy lets label namespaces: in git mode that is the GitOps
// controller's, so the demo's sync runs as the reconciler user (set as reconcilerUsername).
const kube = new KubeClient({
  server: connection.server,
  caData: connection.caData,
  token: connection.tokens?.reconciler ?? connection.tokens.admin,
});
const forge = await TestForge.start({
  root,
  port: Number(port),
  token: 'demo-token',
});
console.log(
  `Local forge: ${forge.repository} (merge with: curl -X PUT -H 'authorization: token demo-token' http://${forge.host}/api/v3/repos/acme/clusters/pulls/<n>/merge)`,
);

async function sync(): Promise<void> {
  const paths = await forge.files('main', 'clusters/local');
  const nodePools = new Set<string>();
  for (const path of paths) {
    const text = await forge.file('main', path);
    for (const doc of parseAllDocuments(text ?? '')) {
      const object = doc.toJSON();
      if (!object?.kind) continue;
      if (object.kind === 'NodePool') nodePools.add(object.metadata.name);
      await kube.apply(object, FIELD_MANAGER);
    }
  }
  const live = await kube.request<{
    items: Array<{ metadata: { name: string } }>;
  }>('GET', '/apis/karpenter.sh/v1/nodepools', {
    query: { labelSelector: OURS },
  });
  for (const item of live.items)
    if (!nodePools.has(item.metadata.name))
      await kube.delete({
        apiVersion: 'karpenter.sh/v1',
        kind: 'NodePool',
        metadata: { name: item.metadata.name },
      });
}

for (;;) {
  try {
    await sync();
  } catch (error) {
    console.warn(`GitOps sync failed: ${error}`);
  }
  await new Promise(resolve => setTimeout(resolve, SYNC_MS));
}
