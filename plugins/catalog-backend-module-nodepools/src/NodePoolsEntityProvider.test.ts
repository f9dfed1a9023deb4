import { resourceEntityV1alpha1Validator } from '@backstage/catalog-model';
import { clusterPolicySchema } from '@nodepools/plugin-nodepools-common';
import { NodePoolsEntityProvider } from './NodePoolsEntityProvider';

const policy = clusterPolicySchema.parse({});
const config = {
  platformOwner: 'group:default/platform',
  clusters: [
    { name: 'local', title: 'Local control plane', policy },
    { name: 'prod', title: 'Production', description: 'EKS prod', policy },
  ],
};

describe('NodePoolsEntityProvider', () => {
  it('publishes each configured cluster as a valid Resource owned by the platform team', async () => {
    const applyMutation = jest.fn();
    const provider = new NodePoolsEntityProvider(config, async () => new Set());
    await provider.connect({ applyMutation, refresh: jest.fn() });
    await provider.refresh();
    expect(applyMutation).toHaveBeenCalledTimes(1);
    const mutation = applyMutation.mock.calls[0][0];
    expect(mutation.type).toBe('full');
    expect(mutation.entities.map((e: any) => e.entity.metadata.name)).toEqual([
      'local',
      'prod',
    ]);
    for (const { entity } of mutation.entities) {
      expect(entity.spec).toEqual({
        type: 'kubernetes-cluster',
        owner: 'group:default/platform',
      });
      // The catalog's own Resource validator, the one the catalog runs on ingestion.
      expect(await resourceEntityV1alpha1Validator.check(entity)).toBe(true);
    }
  });

  it('leaves clusters the catalog already has to their own source', async () => {
    const applyMutation = jest.fn();
    const provider = new NodePoolsEntityProvider(
      config,
      async () => new Set(['prod']),
    );
    await provider.connect({ applyMutation, refresh: jest.fn() });
    await provider.refresh();
    expect(
      applyMutation.mock.calls[0][0].entities.map(
        (e: any) => e.entity.metadata.name,
      ),
    ).toEqual(['local']);
  });

  it('refuses to refresh before the catalog connects it', async () => {
    await expect(
      new NodePoolsEntityProvider(config, async () => new Set()).refresh(),
    ).rejects.toThrow(/not connected/);
  });
});
