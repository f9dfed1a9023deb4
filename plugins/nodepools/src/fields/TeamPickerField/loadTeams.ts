import type { IdentityApi } from '@backstage/core-plugin-api';
import type { CatalogApi } from '@backstage/plugin-catalog-react';

/** A group the signed-in user belongs to, as the team picker offers it. */
export interface TeamChoice {
  ref: string;
  title: string;
}

/**
 * The user's teams: the groups among their ownership refs (the same refs the backend checks
 * membership with), titled from the catalog when it knows them.
 */
export async function loadTeams(
  identity: Pick<IdentityApi, 'getBackstageIdentity'>,
  catalog: Pick<CatalogApi, 'getEntitiesByRefs'>,
): Promise<TeamChoice[]> {
  const { ownershipEntityRefs } = await identity.getBackstageIdentity();
  const refs = [
    ...new Set(ownershipEntityRefs.filter(r => r.startsWith('group:'))),
  ].sort();
  if (refs.length === 0) return [];
  // Titles are a nicety: without the catalog the refs themselves still work.
  const { items } = await catalog
    .getEntitiesByRefs({ entityRefs: refs })
    .catch(() => ({ items: refs.map(() => undefined) }));
  return refs.map((ref, i) => {
    const entity = items[i];
    const profile = (entity?.spec as { profile?: { displayName?: string } })
      ?.profile;
    return {
      ref,
      title:
        entity?.metadata.title ??
        profile?.displayName ??
        entity?.metadata.name ??
        ref,
    };
  });
}
