import { createRouteRef } from '@backstage/core-plugin-api';

/** Where a legacy app mounts the node pools page (`<Route path="/nodepools" element={<NodePoolsPage />} />`). */
export const legacyRootRouteRef = createRouteRef({ id: 'nodepools' });
