import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The node pools page. The app's nav lists only pages that have a route ref. */
export const rootRouteRef = createRouteRef();

/** The approval queue: requests of every team the user may read. */
export const requestsRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/requests',
});

/** The signed-in user's own requests. Not under `/requests/` so it never reads as a request id. */
export const myRequestsRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/my-requests',
});

/** One request with its preview, decisions and history. */
export const requestRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/requests/:id',
});

/** One pool: its status, NodeClaims and history. Catalog pool entities link here. */
export const poolRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/pools/:id',
});
