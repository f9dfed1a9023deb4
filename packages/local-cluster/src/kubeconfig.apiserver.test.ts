import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { describeApiServer } from './jest/describeApiServer.ts';
import { KUBECONFIG_CONTEXTS } from './runtime/ControlPlaneConnection.ts';

describeApiServer(
  'the written kubeconfig with @kubernetes/client-node',
  suite => {
    it('reaches the API server with each context and carries the user’s RBAC', async () => {
      const config = new KubeConfig();
      config.loadFromFile(suite.connection.kubeconfigPath);
      expect(config.getCurrentContext()).toBe(KUBECONFIG_CONTEXTS.admin);

      const classes = await config
        .makeApiClient(CustomObjectsApi)
        .listClusterCustomObject({
          group: 'karpenter.k8s.aws',
          version: 'v1',
          plural: 'ec2nodeclasses',
        });
      expect(
        (classes as { items: Array<{ metadata: { name: string } }> }).items.map(
          i => i.metadata.name,
        ),
      ).toContain('default');

      config.setCurrentContext(KUBECONFIG_CONTEXTS.noAccess);
      await expect(
        config.makeApiClient(CustomObjectsApi).listClusterCustomObject({
          group: 'karpenter.sh',
          version: 'v1',
          plural: 'nodepools',
        }),
      ).rejects.toMatchObject({ code: 403 });
    });
  },
);
