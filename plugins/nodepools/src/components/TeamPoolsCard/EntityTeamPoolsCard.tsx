import {
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { getEntityRelations, useEntity } from '@backstage/plugin-catalog-react';
import { TeamPoolsCard } from './TeamPoolsCard';

/**
 * The team pools card for the current entity: a Group shows its own pools, anything else the
 * pools of the group that owns it.
 */
export function EntityTeamPoolsCard() {
  const { entity } = useEntity();
  let owner: string | undefined;
  if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
    owner = stringifyEntityRef(entity);
  } else {
    // The relation is the resolved owner; spec.owner is the fallback before the catalog processed it.
    const related = getEntityRelations(entity, RELATION_OWNED_BY, {
      kind: 'group',
    })[0];
    const specOwner = entity.spec?.owner;
    if (related) owner = stringifyEntityRef(related);
    else if (typeof specOwner === 'string') {
      const ref = parseEntityRef(specOwner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      });
      if (ref.kind.toLocaleLowerCase('en-US') === 'group') {
        owner = stringifyEntityRef(ref);
      }
    }
  }
  return <TeamPoolsCard owner={owner} />;
}
