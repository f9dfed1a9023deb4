import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { existingClusterNames } from './existingClusterNames';

describe('existingClusterNames', () => {
  it('names the clusters the catalog has from other sources, not the ones this module published', async () => {
    const resource = (
      name: string,
      type: string,
      location: string,
    ): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        annotations: { 'backstage.io/managed-by-location': location },
      },
      spec: { type, owner: 'group:default/platform' },
    });
    const catalog = catalogServiceMock({
      entities: [
        resource(
          'prod',
          'kubernetes-cluster',
          'url:https://git.example/catalog-info.yaml',
        ),
        resource('local', 'kubernetes-cluster', 'nodepools:clusters'),
        resource(
          'bucket',
          's3-bucket',
          'url:https://git.example/catalog-info.yaml',
        ),
      ],
    });
    const names = await existingClusterNames(catalog, mockServices.auth())();
    expect([...names]).toEqual(['prod']);
  });
});
