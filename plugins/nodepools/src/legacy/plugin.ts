import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { nodePoolsApiRef } from '../api/NodePoolsApi';
import { NodePoolsClient } from '../api/NodePoolsClient';
import { legacyRootRouteRef } from './routes';

/** The node pools plugin for apps on the legacy frontend system (`@backstage/core-plugin-api`). */
export const nodePoolsLegacyPlugin = createPlugin({
  id: 'nodepools',
  apis: [
    createApiFactory({
      api: nodePoolsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new NodePoolsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: legacyRootRouteRef },
});

/** The node pools page: clusters, approval queue, my requests, one request, one pool. */
export const NodePoolsPage = nodePoolsLegacyPlugin.provide(
  createRoutableExtension({
    name: 'NodePoolsPage',
    component: () =>
      import('./LegacyNodePoolsPage').then(m => m.LegacyNodePoolsPage),
    mountPoint: legacyRootRouteRef,
  }),
);

/** For Resource pages of pools: status, conditions, NodeClaims, capacity, snippet, history. */
export const EntityNodePoolStatusCard = nodePoolsLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityNodePoolStatusCard',
    component: {
      lazy: () =>
        import('./LegacyEntityCards').then(m => m.LegacyPoolStatusCard),
    },
  }),
);

/** For Group pages (the team's pools) and Component pages (the pools of the owning team). */
export const EntityTeamNodePoolsCard = nodePoolsLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamNodePoolsCard',
    component: {
      lazy: () =>
        import('./LegacyEntityCards').then(m => m.LegacyTeamPoolsCard),
    },
  }),
);

/** For `<EntitySwitch.Case if={isNodePoolEntity}>`: a Resource that is a Karpenter node pool. */
export function isNodePoolEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === 'karpenter-nodepool'
  );
}
