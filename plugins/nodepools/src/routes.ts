import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The node pools page. The app's nav lists only pages that have a route ref. */
export const rootRouteRef = createRouteRef();
