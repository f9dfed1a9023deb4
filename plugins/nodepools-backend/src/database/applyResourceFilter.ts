import type { Knex } from 'knex';
import type {
  OwnershipQuery,
  ResourceFilter,
} from '../permissions/resourceFilter';

/** Adds the permission conditions to a query as SQL, so rows a user may not read are never loaded. */
export function applyResourceFilter(
  qb: Knex.QueryBuilder,
  filter: ResourceFilter | undefined,
): void {
  if (!filter) return;
  if ('allOf' in filter) {
    qb.where(inner => {
      for (const f of filter.allOf)
        inner.andWhere(b => applyResourceFilter(b, f));
    });
  } else if ('anyOf' in filter) {
    qb.where(inner => {
      for (const f of filter.anyOf)
        inner.orWhere(b => applyResourceFilter(b, f));
    });
  } else if ('not' in filter) {
    qb.whereNot(inner => applyResourceFilter(inner, filter.not));
  } else {
    const leaf = filter as OwnershipQuery;
    if (leaf.values.length === 0) qb.whereRaw('1 = 0');
    else qb.whereIn(leaf.column, leaf.values);
  }
}
