import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { NODEPOOL_RESOURCE_TYPE } from '@nodepools/plugin-nodepools-common';
import { z } from 'zod';

/** What conditional permission rules see of a pool or request: the team that owns it. */
export interface NodePoolResource {
  owner: string;
}

/** The query form of the rules, which the backend turns into SQL. */
export interface NodePoolOwnershipQuery {
  column: 'owner';
  values: string[];
}

/** The permission resource type of pools and requests, keyed by the owning team's entity ref. */
export const nodePoolResourceRef = createPermissionResourceRef<
  NodePoolResource,
  NodePoolOwnershipQuery
>().with({
  pluginId: 'nodepools',
  resourceType: NODEPOOL_RESOURCE_TYPE,
});

/** Allows pools and requests owned by one of the given entity refs (typically the user's ownership refs). */
export const isNodePoolOwner = createPermissionRule({
  name: 'IS_NODEPOOL_OWNER',
  description: 'Allow pools and requests owned by one of the given teams',
  resourceRef: nodePoolResourceRef,
  paramsSchema: z.object({
    owners: z.array(z.string()).describe('Entity refs of the owning teams'),
  }),
  apply: (resource, { owners }) => owners.includes(resource.owner),
  toQuery: ({ owners }) => ({ column: 'owner', values: owners }),
});

/** Every rule the backend registers. */
export const nodePoolPermissionRules = { isNodePoolOwner };

const exports_ = createConditionExports({
  resourceRef: nodePoolResourceRef,
  rules: nodePoolPermissionRules,
});

/** Conditions for permission policies, e.g. `nodePoolConditions.isNodePoolOwner({ owners })`. */
export const nodePoolConditions = exports_.conditions;
/** Builds a conditional decision for a NodePools permission in a permission policy. */
export const createNodePoolConditionalDecision =
  exports_.createConditionalDecision;
