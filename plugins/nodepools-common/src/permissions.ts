import { createPermission } from '@backstage/plugin-permission-common';

/** The resource type of pools and their requests, for conditional (ownership) rules. */
export const NODEPOOL_RESOURCE_TYPE = 'nodepool';

/** File a request (create, update, decommission) for a team's pool. */
export const nodePoolRequestCreatePermission = createPermission({
  name: 'nodepools.request.create',
  attributes: { action: 'create' },
  resourceType: NODEPOOL_RESOURCE_TYPE,
});

/** Approve or reject a pending request. */
export const nodePoolRequestDecidePermission = createPermission({
  name: 'nodepools.request.decide',
  attributes: { action: 'update' },
  resourceType: NODEPOOL_RESOURCE_TYPE,
});

/** Read pools, requests and their history. */
export const nodePoolReadPermission = createPermission({
  name: 'nodepools.pool.read',
  attributes: { action: 'read' },
  resourceType: NODEPOOL_RESOURCE_TYPE,
});

/** Every permission of the suite, for registration with the permission framework. */
export const nodePoolsPermissions = [
  nodePoolRequestCreatePermission,
  nodePoolRequestDecidePermission,
  nodePoolReadPermission,
];
