import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { NfsNodePoolsLinks } from '../../routing';
import { NodePoolsRoutes } from './NodePoolsRoutes';

/**
 * The plugin's page in the New Frontend System, under the header the app's page layout draws.
 * The explicit router adapter scopes the routes to this page's mount, so they are relative to
 * `/nodepools` wherever the app mounts it.
 */
export function NodePoolsPage() {
  return (
    <NfsNodePoolsLinks>
      <ReactRouterV6PageRouter>
        <NodePoolsRoutes />
      </ReactRouterV6PageRouter>
    </NfsNodePoolsLinks>
  );
}
