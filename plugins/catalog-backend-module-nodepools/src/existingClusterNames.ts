import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { CLUSTER_LOCATION_KEY } from './clusterEntity';

/**
 * Names of `kubernetes-cluster` Resources the catalog already has from another source (a
 * catalog-info.yaml, another provider): the module leaves those clusters to their source.
 */
export function existingClusterNames(
  catalog: CatalogService,
  auth: AuthService,
) {
  return async (): Promise<Set<string>> => {
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' },
        fields: ['metadata.name', 'metadata.annotations'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return new Set(
      items
        .filter(
          e =>
            e.metadata.annotations?.['backstage.io/managed-by-location'] !==
            CLUSTER_LOCATION_KEY,
        )
        .map(e => e.metadata.name),
    );
  };
}
