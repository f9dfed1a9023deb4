import type { PermissionCriteria } from '@backstage/plugin-permission-common';

/** The query form of the suite's permission rules: a column and the values allowed in it. */
export interface OwnershipQuery {
  column: 'owner' | 'requester';
  values: string[];
}

/** Conditions from the permission framework, translated to our query form; applied in SQL. */
export type ResourceFilter = PermissionCriteria<OwnershipQuery>;
