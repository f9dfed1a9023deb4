import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { RiServerLine } from '@remixicon/react';
import { nodePoolsApiRef } from './api/NodePoolsApi';
import { NodePoolsClient } from './api/NodePoolsClient';
import { rootRouteRef } from './routes';

/** Registers {@link NodePoolsClient} as the app's {@link NodePoolsApi}. */
export const nodePoolsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: nodePoolsApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new NodePoolsClient({ discoveryApi, fetchApi }),
    }),
});

/** The node pools page at `/nodepools`; its title and icon also make its nav item. */
export const nodePoolsPage = PageBlueprint.make({
  params: {
    path: '/nodepools',
    routeRef: rootRouteRef,
    // Loaded on first visit, so the page's code stays out of the app's first bundle.
    loader: () =>
      import('./components/NodePoolsPage').then(m => <m.NodePoolsPage />),
  },
});

/** The self-service node pools frontend plugin for the New Frontend System. */
export const nodePoolsPlugin = createFrontendPlugin({
  pluginId: 'nodepools',
  title: 'Node pools',
  icon: <RiServerLine />,
  routes: { root: rootRouteRef },
  extensions: [nodePoolsApi, nodePoolsPage],
});
